// The typed API client: generated types (schema.d.ts, from `make client`) + openapi-fetch.
import createClient, { type Middleware } from "openapi-fetch";
import { fetchWithDeadline } from "./deadline";
import type { paths } from "./schema";

let csrfToken: string | null = null;

/** The session's CSRF token, sent back on every change (the API refuses changes without it). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const sendCsrfToken: Middleware = {
  onRequest({ request }) {
    if (csrfToken !== null && request.method !== "GET") {
      request.headers.set("X-CSRF-Token", csrfToken);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin", fetch: (request) => fetchWithDeadline(request) });
api.use(sendCsrfToken);

type FieldProblem = { loc: (string | number)[]; msg: string };

/** An API answer other than 2xx: its status, and what the body says, per field when it can. */
export class ApiError extends Error {
  readonly status: number;
  readonly fields: Record<string, string>;

  constructor(status: number, body: unknown) {
    const detail = (body as { detail?: unknown } | undefined)?.detail;
    const problems = Array.isArray(detail) ? (detail as FieldProblem[]) : [];
    super(typeof detail === "string" ? detail : problems.map((p) => p.msg).join("; ") || `HTTP ${status}`);
    this.status = status;
    this.fields = Object.fromEntries(problems.map((p) => [String(p.loc.at(-1) ?? ""), p.msg]));
  }
}

/** The data of a successful answer, or an ApiError (which TanStack Query shows and retries). */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) {
    throw new ApiError(response.status, error);
  }
  return data;
}

/** For answers without a body (204): nothing, or an ApiError. */
export async function succeed(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) {
    throw new ApiError(response.status, error);
  }
}
