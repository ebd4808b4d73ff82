import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import type { components } from "../api/schema";
import { useConnection } from "./Layout";

type Health = components["schemas"]["Health"];

function Row({ name, status, detail }: { name: string; status: string; detail: string }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <span className={`dot ${status === "ok" || status === "live" ? "online" : "offline"}`} aria-hidden /> {status}
      </td>
      <td data-label="Detail">{detail}</td>
    </tr>
  );
}

export function System() {
  const connection = useConnection();
  // 503 carries the same document, naming what failed: read it either way.
  const health = useQuery({
    queryKey: ["health"],
    queryFn: async (): Promise<Health> => {
      const { data, error, response } = await api.GET("/api/health");
      const body = (data ?? error) as Health | undefined;
      if (!body?.database) throw new Error(`HTTP ${response.status}`);
      return body;
    },
    refetchInterval: 10_000,
  });

  const describe = (part: Health["database"]) =>
    part.status === "ok" ? `${part.version ?? ""} · ${part.latency_ms} ms` : (part.error ?? "no answer");
  return (
    <>
      <h1>System</h1>
      {health.isError && <p role="alert">The server does not answer: {health.error.message}</p>}
      <table className="list" aria-label="Health">
        <tbody>
          {health.data && <Row name="Database" status={health.data.database.status} detail={describe(health.data.database)} />}
          {health.data && <Row name="Redis" status={health.data.redis.status} detail={describe(health.data.redis)} />}
          <Row name="Live updates" status={connection} detail="this browser's WebSocket" />
        </tbody>
      </table>
    </>
  );
}
