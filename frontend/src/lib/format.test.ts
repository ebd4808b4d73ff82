import { describe, expect, it } from "vitest";
import { formatCount, timeAgo } from "./format";

const NOW = new Date("2026-11-21T12:00:00Z");

describe("timeAgo", () => {
  it.each([
    ["2026-11-21T11:59:30Z", "30 seconds ago"],
    ["2026-11-21T11:57:00Z", "3 minutes ago"],
    ["2026-11-21T09:00:00Z", "3 hours ago"],
    ["2026-11-20T12:00:00Z", "yesterday"],
    ["2026-11-21T12:00:00Z", "now"],
  ])("%s reads %s", (iso, expected) => {
    expect(timeAgo(iso, NOW)).toBe(expected);
  });
});

describe("formatCount", () => {
  it("groups thousands", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
  });
});
