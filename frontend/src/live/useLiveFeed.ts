import { type QueryClient, type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { reconnectDelay } from "../lib/backoff";
import { CLOSE_UNAUTHORIZED, isNotice, isResync, type Notice, staleQueries } from "./notices";

export type Connection = "connecting" | "live" | "offline";
const PING_EVERY_MS = 25_000;
const RECENT = 20;

function liveUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}/ws`;
}

/** Fetch the queries under `queryKey` (all: none given) again. An answer still on its way may
 * have been read before the change: it is dropped rather than shown. */
async function refetch(queryClient: QueryClient, queryKey?: QueryKey): Promise<void> {
  await queryClient.cancelQueries({ queryKey });
  await queryClient.invalidateQueries({ queryKey });
}

/** The live feed: reconnects with backoff, refreshes the cached queries each notice makes
 * stale, and keeps the latest notices. Each time the socket opens, and whenever the server
 * says notices were lost (a resync), everything is refetched. A sign-in that ended sends the operator to login. */
export function useLiveFeed(onSignedOut: () => void): { connection: Connection; recent: Notice[] } {
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<Connection>("connecting");
  const [recent, setRecent] = useState<Notice[]>([]);
  const signedOut = useRef(onSignedOut);
  signedOut.current = onSignedOut;

  useEffect(() => {
    let socket: WebSocket | null = null;
    let attempt = 0;
    let retry: number | undefined;
    let ping: number | undefined;
    let stopped = false;

    const connect = () => {
      setConnection("connecting");
      socket = new WebSocket(liveUrl());
      socket.onopen = () => {
        // Notices reach only open sockets: whatever was fetched before this moment (the first
        // load, or everything before a drop) may have missed one.
        void refetch(queryClient);
        attempt = 0;
        setConnection("live");
        ping = window.setInterval(() => socket?.send(JSON.stringify({ type: "ping" })), PING_EVERY_MS);
      };
      socket.onmessage = (message: MessageEvent<string>) => {
        const notice: unknown = JSON.parse(message.data);
        if (isResync(notice)) {
          void refetch(queryClient); // notices were lost: anything shown may be stale
          return;
        }
        if (!isNotice(notice)) return;
        for (const key of staleQueries(notice)) void refetch(queryClient, key);
        setRecent((previous) => [notice, ...previous].slice(0, RECENT));
      };
      socket.onclose = (closed) => {
        window.clearInterval(ping);
        if (stopped) return;
        setConnection("offline");
        if (closed.code === CLOSE_UNAUTHORIZED) {
          signedOut.current();
          return;
        }
        retry = window.setTimeout(connect, reconnectDelay(attempt++));
      };
    };

    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      window.clearInterval(ping);
      socket?.close();
    };
  }, [queryClient]);

  return { connection, recent };
}
