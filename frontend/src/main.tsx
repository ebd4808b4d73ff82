import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { ApiError } from "./api/client";
import { TimeoutError } from "./api/deadline";
import { Alerts } from "./routes/Alerts";
import { Audit } from "./routes/Audit";
import { Cameras } from "./routes/Cameras";
import { Dashboard } from "./routes/Dashboard";
import { EventDetail } from "./routes/EventDetail";
import { Events } from "./routes/Events";
import { Layout } from "./routes/Layout";
import { Login } from "./routes/Login";
import { NotFound } from "./routes/NotFound";
import { Settings } from "./routes/Settings";
import { System } from "./routes/System";
import { SESSION } from "./session";
import "./styles.css";

// A 401 anywhere means the sign-in ended (expiry, sign-out elsewhere): back to login.
const signInEnded = (error: Error) => {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(SESSION, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signInEnded }),
  mutationCache: new MutationCache({ onError: signInEnded }),
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again, and a timeout already made the operator wait;
      // a dropped connection or a 5xx may be a blip: try twice more, soon.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status < 500) && !(error instanceof TimeoutError) && failures < 2,
      retryDelay: (failures) => Math.min(500 * 2 ** failures, 5_000),
    },
  },
});

const router = createBrowserRouter([
  { path: "/login", element: <Login /> },
  {
    element: <Layout />,
    children: [
      { path: "/", element: <Dashboard /> },
      { path: "/events", element: <Events /> },
      { path: "/events/:eventId", element: <EventDetail /> },
      { path: "/alerts", element: <Alerts /> },
      { path: "/cameras", element: <Cameras /> },
      { path: "/settings", element: <Settings /> },
      { path: "/audit", element: <Audit /> },
      { path: "/system", element: <System /> },
      { path: "*", element: <NotFound /> },
    ],
  },
]);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
