import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChangePasswordBodySchema, type SessionItem } from "../../../contracts/auth";
import { api, parseWith, validationError } from "../../app/api-client";

const SESSIONS_KEY = ["my-sessions"] as const;

export function useMySessions() {
  return useQuery({ queryKey: SESSIONS_KEY, queryFn: () => api.get<{ items: SessionItem[] }>("/auth/sessions"), select: (d) => d.items });
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
      return api.post("/auth/password", body);
    },
    // The server signs out every other session when the password changes.
    onSuccess: refresh,
  });
}

export function useRevokeSession() {
  const refresh = useRefreshSessions();
  return useMutation({ mutationFn: (sessionId: string) => api.delete(`/auth/sessions/${sessionId}`), onSettled: refresh });
}

export function useRevokeOtherSessions() {
  const refresh = useRefreshSessions();
  return useMutation({ mutationFn: () => api.post<{ revoked: number }>("/auth/sessions/revoke-all"), onSettled: refresh });
}
