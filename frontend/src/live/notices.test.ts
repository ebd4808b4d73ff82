import { describe, expect, it } from "vitest";
import { isNotice, staleQueries } from "./notices";

const notice = (type: string) => ({ type, camera_id: 1, data: {} });

describe("notices", () => {
  it("tells notices from the server's replies", () => {
    expect(isNotice(notice("event.created"))).toBe(true);
    expect(isNotice({ type: "pong" })).toBe(false);
    expect(isNotice(null)).toBe(false);
  });

  it.each([
    ["event.created", [["stats"], ["events"]]],
    ["alert.updated", [["stats"], ["alerts"]]],
    ["camera.updated", [["stats"], ["cameras"]]],
  ])("%s refreshes the counts and its list", (type, keys) => {
    expect(staleQueries(notice(type) as never)).toEqual(keys);
  });
});
