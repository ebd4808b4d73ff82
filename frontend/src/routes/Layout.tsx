import { useQueryClient } from "@tanstack/react-query";
import { createContext, type KeyboardEvent, useContext, useEffect, useRef, useState } from "react";
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

const PAGES: [string, string][] = [
  ["/", "Dashboard"],
  ["/events", "Events"],
  ["/alerts", "Alerts"],
  ["/cameras", "Cameras"],
  ["/settings", "Settings"],
  ["/audit", "Audit log"],
  ["/system", "System"],
];

/** The header: on a phone its navigation and sign-out fold behind a menu button, which
 * following a link, or Escape, folds again. */
function Header({ operator, connection }: { operator: string; connection: Connection }) {
  const signOut = useSignOut();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [pathname]);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    setOpen(false);
    menuButton.current?.focus();
  };
  return (
    <header className="top" onKeyDown={closeOnEscape}>
      <span className="brand">Lookout</span>
      <span role="status" aria-label="Live updates" className={`connection ${connection}`}>
        {CONNECTION_LABEL[connection]}
      </span>
      <button
        ref={menuButton}
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden>{open ? "✕" : "☰"}</span> Menu
      </button>
      <div id="main-menu" className={open ? "menu open" : "menu"}>
        <nav aria-label="Main">
          {PAGES.map(([to, name]) => (
            <NavLink key={to} to={to} end={to === "/"}>
              {name}
            </NavLink>
          ))}
        </nav>
        <div className="session">
          <span className="operator">{operator}</span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}

function SignedIn({ operator }: { operator: string }) {
  const queryClient = useQueryClient();
  const { connection, recent } = useLiveFeed(() => queryClient.setQueryData(SESSION, null));
  return (
    <LiveContext.Provider value={{ connection, recent }}>
      <Header operator={operator} connection={connection} />
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
