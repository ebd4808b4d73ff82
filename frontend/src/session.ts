import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, setCsrfToken, unwrap } from "./api/client";
import type { components } from "./api/schema";

export type Session = components["schemas"]["SessionOut"];
export const SESSION = ["session"] as const;

/** Who is signed in (null: nobody). A 401 is an answer here, not an error. */
export function useSession() {
  return useQuery({
    queryKey: SESSION,
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await unwrap(api.GET("/api/auth/me"));
        setCsrfToken(session.csrf_token);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await api.POST("/api/auth/logout");
    setCsrfToken(null);
    // Forget what this operator saw, but not the session query itself: the layout watches
    // that one, and a cleared cache would leave it watching a query nobody updates.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION[0] });
    queryClient.setQueryData(SESSION, null);
  };
}
