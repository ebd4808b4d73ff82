import { describe, expect, it } from "vitest";
import { isNotice, isResync, staleQueries } from "./notices";

const notice = (type: string) => ({ type, camera_id: 1, data: {} });

describe("notices", () => {
  it("tells notices from the server's replies", () => {
    expect(isNotice(notice("event.created"))).toBe(true);
    expect(isNotice({ type: "pong" })).toBe(false);
    expect(isNotice(null)).toBe(false);
    expect(isNotice({ type: "resync", reason: "the live feed was interrupted" })).toBe(false);
  });

  it("tells a resync from notices and replies", () => {
    expect(isResync({ type: "resync", reason: "a change could not be announced" })).toBe(true);
    expect(isResync(notice("event.created"))).toBe(false);
    expect(isResync({ type: "pong" })).toBe(false);
    expect(isResync(null)).toBe(false);
  });

  it.each([
    ["event.created", [["stats"], ["events"]]],
    ["alert.updated", [["stats"], ["alerts"]]],
    ["camera.updated", [["stats"], ["cameras"]]],
  ])("%s refreshes the counts and its list", (type, keys) => {
    expect(staleQueries(notice(type) as never)).toEqual(keys);
  });
});
