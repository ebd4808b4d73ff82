import { describe, expect, it } from "vitest";
import { type Hour, slices, summarize, total } from "./activity";

const hour = (iso: string, counts: Partial<Hour["by_severity"]> = {}): Hour => ({
  hour: iso,
  by_severity: { low: 0, medium: 0, high: 0, critical: 0, ...counts },
});

describe("slices", () => {
  it("stacks the severities bottom up, the tallest bar filling the chart", () => {
    expect(slices(hour("2026-12-04T10:00:00Z", { low: 1, high: 3 }), 8)).toEqual([
      { severity: "low", from: 0, to: 0.125 },
      { severity: "high", from: 0.125, to: 0.5 },
    ]);
  });

  it("draws nothing for an empty hour, or when every hour is empty", () => {
    expect(slices(hour("2026-12-04T10:00:00Z"), 5)).toEqual([]);
    expect(slices(hour("2026-12-04T10:00:00Z"), 0)).toEqual([]);
  });
});

describe("summarize", () => {
  it("says there was nothing", () => {
    expect(summarize([hour("2026-12-04T10:00:00Z"), hour("2026-12-04T11:00:00Z")])).toBe(
      "No events in the last 24 hours.",
    );
  });

  it("counts every severity and names the busiest hour", () => {
    const hours = [
      hour("2026-12-04T10:00:00Z", { low: 1 }),
      hour("2026-12-04T11:00:00Z", { medium: 2, critical: 1 }),
      hour("2026-12-04T12:00:00Z", { high: 1 }),
    ];
    expect(hours.map(total)).toEqual([1, 3, 1]);
    expect(summarize(hours)).toMatch(/^5 events in the last 24 hours; the busiest hour was \d\d:00 with 3 events\.$/);
  });

  it("says one event, not one events", () => {
    expect(summarize([hour("2026-12-04T10:00:00Z", { low: 1 })])).toMatch(/^1 event in .* with 1 event\.$/);
  });
});
