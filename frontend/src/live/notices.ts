// The /ws protocol (backend/src/lookout/realtime/messages.py) and what each notice refreshes.
import type { QueryKey } from "@tanstack/react-query";

export type NoticeType =
  | "event.created"
  | "event.updated"
  | "alert.created"
  | "alert.updated"
  | "camera.updated";

export type Notice = { type: NoticeType; camera_id: number; data: Record<string, unknown> };

export const CLOSE_UNAUTHORIZED = 4401;

export function isNotice(message: unknown): message is Notice {
  const candidate = message as Partial<Notice> | null;
  return typeof candidate?.type === "string" && candidate.type.includes(".") && typeof candidate.camera_id === "number";
}

/** The server may have lost notices (a publish failed, or its Redis subscription dropped):
 * everything shown may be stale. */
export function isResync(message: unknown): boolean {
  return (message as { type?: unknown } | null)?.type === "resync";
}

/** The cached queries a notice makes stale: each is refetched if on screen. */
export function staleQueries(notice: Notice): QueryKey[] {
  const [entity] = notice.type.split(".");
  const lists: Record<string, QueryKey> = { event: ["events"], alert: ["alerts"], camera: ["cameras"] };
  return [["stats"], lists[entity ?? ""] ?? []].filter((key) => key.length > 0);
}
