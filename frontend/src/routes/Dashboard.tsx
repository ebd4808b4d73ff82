import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { ActivityChart } from "../components/ActivityChart";
import { Problem } from "../components/Problem";
import { formatCount, timeAgo } from "../lib/format";
import { useRecentNotices } from "./Layout";

const NOTICE_LABEL: Record<string, string> = {
  "event.created": "New event",
  "event.updated": "Event acknowledged",
  "alert.created": "Alert raised",
  "alert.updated": "Alert updated",
  "camera.updated": "Camera changed",
};

export function Dashboard() {
  const stats = useQuery({ queryKey: ["stats"], queryFn: () => unwrap(api.GET("/api/stats")) });
  const recent = useRecentNotices();

  if (stats.isPending || stats.isError) {
    return (
      <>
        <h1>Dashboard</h1>
        {stats.isPending ? (
          <p role="status">Loading counts…</p>
        ) : (
          <Problem what="the dashboard" error={stats.error} retry={() => void stats.refetch()} />
        )}
      </>
    );
  }
  const counts = stats.data;
  return (
    <>
      <h1>Dashboard</h1>
      <section aria-label="Counts" className="cards">
        <article>
          <h2>Events, last 24 h</h2>
          <p data-testid="events-24h">{formatCount(counts.events_last_24h)}</p>
        </article>
        <article>
          <h2>Not yet seen</h2>
          <p data-testid="unacknowledged">{formatCount(counts.unacknowledged_events)}</p>
        </article>
        <article>
          <h2>New alerts</h2>
          <p data-testid="new-alerts">{formatCount(counts.alerts.new ?? 0)}</p>
        </article>
      </section>
      <div className="dashboard">
        <section className="panel wide">
          <ActivityChart hours={counts.events_per_hour} />
        </section>
        <section aria-labelledby="feed-heading" className="panel">
          <h2 id="feed-heading">Live feed</h2>
          {recent.length === 0 ? (
            <p className="empty">Nothing new since you opened the console.</p>
          ) : (
            <ol className="feed">
              {recent.map((notice, index) => (
                <li key={`${notice.type}-${String(notice.data.id)}-${index}`}>
                  {NOTICE_LABEL[notice.type] ?? notice.type} · camera {notice.camera_id}
                  {typeof notice.data.occurred_at === "string" && ` · ${timeAgo(notice.data.occurred_at)}`}
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-labelledby="cameras-heading" className="panel">
          <h2 id="cameras-heading">Cameras</h2>
          <ul className="statuses">
            {Object.entries(counts.cameras).map(([status, count]) => (
              <li key={status}>
                <span className={`dot ${status}`} aria-hidden /> {status}: {formatCount(count)}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <p className="muted">Counts as of {timeAgo(counts.generated_at)}.</p>
    </>
  );
}
