import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { api, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { Problem } from "../components/Problem";
import { useCameraNames } from "../components/useCameraNames";
import { timeAgo } from "../lib/format";

type Kind = components["schemas"]["EventKind"];
type Severity = components["schemas"]["Severity"];
const KINDS: Kind[] = ["motion", "person", "vehicle", "package", "animal"];
const SEVERITIES: Severity[] = ["low", "medium", "high", "critical"];
const PAGE = 25;

export function Events() {
  const [params, setParams] = useSearchParams();
  const cameraNames = useCameraNames();
  const filters = {
    camera_id: params.get("camera") ? Number(params.get("camera")) : undefined,
    kind: (params.get("kind") as Kind | null) ?? undefined,
    min_severity: (params.get("severity") as Severity | null) ?? undefined,
  };
  const timeline = useInfiniteQuery({
    queryKey: ["events", filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/api/events", { params: { query: { ...filters, cursor: pageParam, limit: PAGE } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  const choose = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const events = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <h1>Events</h1>
      <form className="filters" aria-label="Filter events" onSubmit={(e) => e.preventDefault()}>
        <label>
          Camera
          <select value={params.get("camera") ?? ""} onChange={(e) => choose("camera", e.target.value)}>
            <option value="">All cameras</option>
            {[...cameraNames].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select value={params.get("kind") ?? ""} onChange={(e) => choose("kind", e.target.value)}>
            <option value="">Any kind</option>
            {KINDS.map((kind) => (
              <option key={kind}>{kind}</option>
            ))}
          </select>
        </label>
        <label>
          Severity at least
          <select value={params.get("severity") ?? ""} onChange={(e) => choose("severity", e.target.value)}>
            <option value="">Any severity</option>
            {SEVERITIES.map((severity) => (
              <option key={severity}>{severity}</option>
            ))}
          </select>
        </label>
      </form>
      {timeline.isError && <Problem what="the timeline" error={timeline.error} retry={() => void timeline.refetch()} />}
      {timeline.isPending ? (
        <p role="status">Loading events…</p>
      ) : events.length === 0 ? (
        <p className="empty">No events match these filters.</p>
      ) : (
        <table className="list" aria-label="Timeline">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Camera</th>
              <th scope="col">What</th>
              <th scope="col">Severity</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} className={event.acknowledged_at ? "seen" : undefined}>
                <td className="control">
                  <Link to={`/events/${event.id}`}>{timeAgo(event.occurred_at)}</Link>
                </td>
                <td data-label="Camera">{cameraNames.get(event.camera_id) ?? `Camera ${event.camera_id}`}</td>
                <td>{event.summary || event.kind}</td>
                <td className="control lead">
                  <span className={`severity ${event.severity}`}>{event.severity}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {timeline.hasNextPage && (
        <button type="button" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
          {timeline.isFetchingNextPage ? "Loading…" : "Older events"}
        </button>
      )}
    </>
  );
}
