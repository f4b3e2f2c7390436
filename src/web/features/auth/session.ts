import { type QueryClient, useQuery } from "@tanstack/react-query";
import { authEndpoints, type SessionInfo } from "../../../contracts/auth";
import { ApiError, call, setCsrfToken } from "../../app/api-client";

const SESSION_KEY = ["session"] as const;

/** The signed-in user, or null when nobody is signed in. */
async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const info = await call(authEndpoints.me, {}, { anonymous: true });
    setCsrfToken(info.csrfToken);
    return info;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  // The session changes only through sign-in, sign-out and a 401, which all update this query directly.
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY });
}

/**
 * Drops what was cached for the previous user. Queries that do not depend on who is signed in
 * say so with `meta: { anonymous: true }`; the session query itself is updated, not dropped,
 * so the screens watching it follow at once.
 */
function dropUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] && query.meta?.anonymous !== true });
}

/** Adopts a session just started by sign-in, setup or accepting an invitation. */
export function adoptSession(queryClient: QueryClient, info: SessionInfo): void {
  dropUserData(queryClient);
  setCsrfToken(info.csrfToken);
  queryClient.setQueryData(SESSION_KEY, info);
}

export function forgetSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.setQueryData(SESSION_KEY, null);
  dropUserData(queryClient);
}

export function useCurrentUser() {
  const { data } = useSession();
  if (!data) throw new Error("useCurrentUser needs a signed-in user; render it below RequireSession");
  return data.user;
}
