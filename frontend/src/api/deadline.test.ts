import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fetchWithDeadline, REQUEST_TIMEOUT_MS, TimeoutError } from "./deadline";

/** A fetch that never answers, but stops when its signal aborts (as a browser's does). */
const hanging: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  });

describe("fetchWithDeadline", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("gives up with a TimeoutError when the server does not answer in time", async () => {
    const answer = fetchWithDeadline(new Request("http://console.test/api/events"), hanging);
    const settled = expect(answer).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
    await settled;
  });

  it("passes answers and other failures through untouched", async () => {
    const ok = new Response("{}", { status: 200 });
    await expect(fetchWithDeadline(new Request("http://console.test/"), async () => ok)).resolves.toBe(ok);
    const down = new TypeError("Failed to fetch");
    await expect(
      fetchWithDeadline(new Request("http://console.test/"), async () => Promise.reject(down)),
    ).rejects.toBe(down);
    expect(vi.getTimerCount()).toBe(0);
  });
});
