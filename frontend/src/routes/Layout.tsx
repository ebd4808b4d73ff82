import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { Navigate, NavLink, Outlet, useLocation } from "react-router-dom";
import type { Notice } from "../live/notices";
import { type Connection, useLiveFeed } from "../live/useLiveFeed";
import { SESSION, useSession, useSignOut } from "../session";

const LiveContext = createContext<{ connection: Connection; recent: Notice[] }>({
  connection: "connecting",
  recent: [],
});

/** The latest notices from the live feed (newest first). */
export function useRecentNotices(): Notice[] {
  return useContext(LiveContext).recent;
}

/** The state of this browser's live feed. */
export function useConnection(): Connection {
  return useContext(LiveContext).connection;
}

const CONNECTION_LABEL: Record<Connection, string> = {
  connecting: "Connecting…",
  live: "Live",
  offline: "Offline: reconnecting",
};

function SignedIn({ operator }: { operator: string }) {
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const { connection, recent } = useLiveFeed(() => queryClient.setQueryData(SESSION, null));
  return (
    <LiveContext.Provider value={{ connection, recent }}>
      <header className="top">
        <strong>Lookout</strong>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Dashboard
          </NavLink>
          <NavLink to="/events">Events</NavLink>
          <NavLink to="/alerts">Alerts</NavLink>
          <NavLink to="/cameras">Cameras</NavLink>
          <NavLink to="/settings">Settings</NavLink>
          <NavLink to="/audit">Audit log</NavLink>
          <NavLink to="/system">System</NavLink>
        </nav>
        <span role="status" aria-label="Live updates" className={`connection ${connection}`}>
          {CONNECTION_LABEL[connection]}
        </span>
        <span className="operator">{operator}</span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main className="page">
        <Outlet />
      </main>
    </LiveContext.Provider>
  );
}

/** Every page but login: only for a signed-in operator (others go to login, and come back). */
export function Layout() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <p role="status">Loading…</p>;
  if (session.isError) {
    return (
      <div role="alert" className="banner">
        The console cannot reach the server. <button onClick={() => void session.refetch()}>Retry</button>
      </div>
    );
  }
  if (!session.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <SignedIn operator={session.data.operator.display_name} />;
}
