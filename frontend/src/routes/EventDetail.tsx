import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../api/client";
import { Problem } from "../components/Problem";
import { useCameraNames } from "../components/useCameraNames";
import { timeAgo } from "../lib/format";

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

function EventNotFound() {
  return (
    <>
      <h1>Event not found</h1>
      <Link to="/events">Back to the timeline</Link>
    </>
  );
}

export function EventDetail() {
  const id = Number(useParams().eventId);
  const queryClient = useQueryClient();
  const cameraNames = useCameraNames();
  const valid = Number.isSafeInteger(id) && id > 0;
  const event = useQuery({
    queryKey: ["events", "detail", id],
    queryFn: () => unwrap(api.GET("/api/events/{event_id}", { params: { path: { event_id: id } } })),
    enabled: valid,
  });
  const acknowledge = useMutation({
    mutationFn: () => unwrap(api.POST("/api/events/{event_id}/acknowledge", { params: { path: { event_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["events"] }),
  });

  if (!valid) return <EventNotFound />;
  if (event.isPending) return <p role="status">Loading the event…</p>;
  if (event.isError) {
    if (event.error instanceof ApiError && event.error.status === 404) return <EventNotFound />;
    return <Problem what="the event" error={event.error} retry={() => void event.refetch()} />;
  }
  const shown = event.data;
  return (
    <>
      <h1>{shown.summary || shown.kind}</h1>
      <p>
        {cameraNames.get(shown.camera_id) ?? `Camera ${shown.camera_id}`} · {shown.kind} ·{" "}
        <span className={`severity ${shown.severity}`}>{shown.severity}</span> ·{" "}
        <time dateTime={shown.occurred_at}>{timeAgo(shown.occurred_at)}</time>
      </p>
      <figure className="frame" aria-label="Detections in the frame">
        {shown.detections.map((d) => (
          <div
            key={d.id}
            className="box"
            role="img"
            aria-label={`${d.label}, ${Math.round(d.confidence * 100)}% sure`}
            style={{ left: percent(d.x), top: percent(d.y), width: percent(d.width), height: percent(d.height) }}
          >
            <span>
              {d.label} {Math.round(d.confidence * 100)}%
            </span>
          </div>
        ))}
        {shown.detections.length === 0 && <figcaption>Nothing was recognised in this frame.</figcaption>}
      </figure>
      {shown.acknowledged_at ? (
        <p>Seen {timeAgo(shown.acknowledged_at)}.</p>
      ) : (
        <button type="button" className="primary" onClick={() => acknowledge.mutate()} disabled={acknowledge.isPending}>
          Mark as seen
        </button>
      )}
      {acknowledge.isError && <p role="alert">{acknowledge.error.message}</p>}
      <p>
        <Link to="/events">Back to the timeline</Link>
      </p>
    </>
  );
}
