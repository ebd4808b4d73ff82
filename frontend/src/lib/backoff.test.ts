import { describe, expect, it } from "vitest";
import { reconnectDelay } from "./backoff";

describe("reconnectDelay", () => {
  it("doubles from half a second", () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, middle))).toEqual([375, 750, 1500, 3000]);
  });

  it("never waits more than the ceiling", () => {
    expect(reconnectDelay(50, () => 1)).toBe(30_000);
  });

  it("waits at least half of the current step, so reconnects spread out", () => {
    expect(reconnectDelay(3, () => 0)).toBe(2000);
    expect(reconnectDelay(3, () => 1)).toBe(4000);
  });
});
