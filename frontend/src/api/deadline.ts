export const REQUEST_TIMEOUT_MS = 15_000;

/** The server took longer than REQUEST_TIMEOUT_MS to start answering. */
export class TimeoutError extends Error {
  constructor() {
    super(`The server did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`);
    this.name = "TimeoutError";
  }
}

/** `fetch` that gives up after REQUEST_TIMEOUT_MS: on its own a browser waits for minutes, long
 * after the operator stopped caring. A timer rather than AbortSignal.timeout, so that tests can
 * move the clock (Vitest's fake timers, Playwright's page.clock). */
export async function fetchWithDeadline(request: Request, send: typeof fetch = fetch): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    return await send(request, { signal: controller.signal });
  } catch (error) {
    throw controller.signal.aborted ? new TimeoutError() : error;
  } finally {
    clearTimeout(timer);
  }
}
