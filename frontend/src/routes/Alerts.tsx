import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { api, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { Problem } from "../components/Problem";
import { timeAgo } from "../lib/format";

type Status = components["schemas"]["AlertStatus"];
const STATUSES: Status[] = ["new", "acknowledged", "dismissed"];

export function Alerts() {
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") as Status | null) ?? "new";
  const queryClient = useQueryClient();
  const alerts = useQuery({
    queryKey: ["alerts", status],
    queryFn: () => unwrap(api.GET("/api/alerts", { params: { query: { status, limit: 100 } } })),
  });
  const rules = useQuery({ queryKey: ["alert-rules"], queryFn: () => unwrap(api.GET("/api/alert-rules")) });
  const ruleNames = new Map((rules.data ?? []).map((rule) => [rule.id, rule.name]));
  const change = useMutation({
    mutationFn: ({ id, to }: { id: number; to: "acknowledge" | "dismiss" }) =>
      unwrap(
        to === "acknowledge"
          ? api.POST("/api/alerts/{alert_id}/acknowledge", { params: { path: { alert_id: id } } })
          : api.POST("/api/alerts/{alert_id}/dismiss", { params: { path: { alert_id: id } } }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["alerts"] }),
  });

  return (
    <>
      <h1>Alerts</h1>
      <div role="tablist" aria-label="Alert status" className="tabs">
        {STATUSES.map((option) => (
          <button
            key={option}
            role="tab"
            type="button"
            aria-selected={option === status}
            onClick={() => setParams({ status: option }, { replace: true })}
          >
            {option}
          </button>
        ))}
      </div>
      {change.isError && <p role="alert">{change.error.message}</p>}
      {alerts.isError && <Problem what="the alerts" error={alerts.error} retry={() => void alerts.refetch()} />}
      {alerts.isPending ? (
        <p role="status">Loading alerts…</p>
      ) : alerts.data?.items.length === 0 ? (
        <p className="empty">No {status} alerts.</p>
      ) : (
        <ul className="items" aria-label={`${status} alerts`}>
          {alerts.data?.items.map((alert) => (
            <li key={alert.id}>
              <span className="what">
                <strong>{ruleNames.get(alert.rule_id) ?? `Rule ${alert.rule_id}`}</strong> ·{" "}
                <Link to={`/events/${alert.event_id}`}>event</Link> · {timeAgo(alert.created_at)}
              </span>
              <span className="actions">
                {alert.status === "new" && (
                  <button type="button" className="primary" onClick={() => change.mutate({ id: alert.id, to: "acknowledge" })}>
                    Acknowledge
                  </button>
                )}
                {alert.status !== "dismissed" && (
                  <button type="button" onClick={() => change.mutate({ id: alert.id, to: "dismiss" })}>
                    Dismiss
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
