import { useQuery } from "@tanstack/react-query";
import { authEndpoints, ChangePasswordBodySchema } from "../../../contracts/auth";
import { call, parseWith, validationError } from "../../app/api-client";
import { useWrite } from "../../app/org-write";

const SESSIONS_KEY = ["my-sessions"] as const;

export function useMySessions() {
  return useQuery({ queryKey: SESSIONS_KEY, queryFn: () => call(authEndpoints.sessions, {}), select: (d) => d.items });
}

const refresh = [SESSIONS_KEY];

export function useChangePassword() {
  return useWrite(
    ({ confirmPassword, ...values }: Record<string, string>) => {
      const body = parseWith(ChangePasswordBodySchema, values);
      if (confirmPassword !== values.newPassword) {
        throw validationError([{ field: "confirmPassword", message: "does not match the new password" }]);
      }
      return call(authEndpoints.changePassword, { body });
    },
    // The server signs out every other session when the password changes.
    { refresh, on: "success" },
  );
}

export function useRevokeSession() {
  return useWrite((sessionId: string) => call(authEndpoints.revokeSession, { params: { sessionId } }), { refresh });
}

export function useRevokeOtherSessions() {
  return useWrite(() => call(authEndpoints.revokeAllSessions, {}), { refresh });
}
