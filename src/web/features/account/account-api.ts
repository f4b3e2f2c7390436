import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { authEndpoints, ChangePasswordBodySchema } from "../../../contracts/auth";
import { call, parseWith, validationError } from "../../app/api-client";

const SESSIONS_KEY = ["my-sessions"] as const;

export function useMySessions() {
  return useQuery({ queryKey: SESSIONS_KEY, queryFn: () => call(authEndpoints.sessions, {}), select: (d) => d.items });
}

function useRefreshSessions() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
}

export function useChangePassword() {
  const refresh = useRefreshSessions();
  return useMutation({
    mutationFn: ({ confirmPassword, ...values }: Record<string, string>) => {
      const body = parseWith(ChangePasswordBodySchema, values);
      if (confirmPassword !== values.newPassword) {
        throw validationError([{ field: "confirmPassword", message: "does not match the new password" }]);
      }
      return call(authEndpoints.changePassword, { body });
    },
    // The server signs out every other session when the password changes.
    onSuccess: refresh,
  });
}

export function useRevokeSession() {
  const refresh = useRefreshSessions();
  return useMutation({
    mutationFn: (sessionId: string) => call(authEndpoints.revokeSession, { params: { sessionId } }),
    onSettled: refresh,
  });
}

export function useRevokeOtherSessions() {
  const refresh = useRefreshSessions();
  return useMutation({ mutationFn: () => call(authEndpoints.revokeAllSessions, {}), onSettled: refresh });
}
