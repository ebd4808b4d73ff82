import { useInfiniteQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router-dom";
import { api, unwrap } from "../api/client";
import { Problem } from "../components/Problem";
import { timeAgo } from "../lib/format";

const FILTERS = [
  ["actor", "Who", "operator:1"],
  ["action", "Action", "camera.deleted"],
  ["entity_type", "Entity", "camera"],
] as const;

export function Audit() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    FILTERS.map(([name]) => [name, params.get(name) || undefined]).filter(([, value]) => value),
  ) as { actor?: string; action?: string; entity_type?: string };
  const log = useInfiniteQuery({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/api/audit", { params: { query: { ...filters, cursor: pageParam, limit: 50 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1>Audit log</h1>
      <form
        className="filters"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const next = new URLSearchParams();
          for (const [name] of FILTERS) {
            const value = String(form.get(name) ?? "").trim();
            if (value) next.set(name, value);
          }
          setParams(next, { replace: true });
        }}
      >
        {FILTERS.map(([name, label, example]) => (
          <label key={name}>
            {label}
            <input name={name} defaultValue={params.get(name) ?? ""} placeholder={example} />
          </label>
        ))}
        <button type="submit">Filter</button>
      </form>
      {log.isError && <Problem what="the audit log" error={log.error} retry={() => void log.refetch()} />}
      {log.isPending ? (
        <p role="status">Loading the audit log…</p>
      ) : entries.length === 0 ? (
        <p className="empty">No entries match these filters.</p>
      ) : (
        <table className="list" aria-label="Audit entries">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at}>{timeAgo(entry.at)}</time>
                </td>
                <td data-label="Who">{entry.actor}</td>
                <td data-label="Action">{entry.action}</td>
                <td data-label="Entity">
                  {entry.entity_type} {entry.entity_id ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage && (
        <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Older entries
        </button>
      )}
    </>
  );
}
