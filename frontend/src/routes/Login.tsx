import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { ApiError, api, setCsrfToken, unwrap } from "../api/client";
import { SESSION, useSession } from "../session";

export function Login() {
  const session = useSession();
  const queryClient = useQueryClient();
  const location = useLocation();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? "/";

  if (session.data) return <Navigate to={from} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(null);
    try {
      const signedIn = await unwrap(
        api.POST("/api/auth/login", {
          body: { username: String(form.get("username")), password: String(form.get("password")) },
        }),
      );
      setCsrfToken(signedIn.csrf_token);
      queryClient.setQueryData(SESSION, signedIn);
    } catch (error) {
      setProblem(error instanceof ApiError && error.status === 401 ? "Wrong username or password." : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <h1>Lookout</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <label>
          Username
          <input name="username" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {problem && <p role="alert">{problem}</p>}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
