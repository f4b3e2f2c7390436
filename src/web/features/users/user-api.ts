import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { pageOf } from "../../../contracts/common";
import type { User, UserSchema } from "../../../contracts/users";
import { api, errorMessage } from "../../app/api-client";

type UserPage = z.infer<ReturnType<typeof pageOf<typeof UserSchema>>>;

const PAGE_SIZE = 25;

export interface UserFilter {
  q: string;
  disabled: "true" | "false" | null;
}

export function useUsers(filter: UserFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: ["users", filter, cursor],
    queryFn: () =>
      api.get<UserPage>("/users", {
        query: { q: filter.q.trim(), disabled: filter.disabled, cursor, limit: PAGE_SIZE, sort: "displayName" },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSetUserDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) =>
      api.post<User>(`/users/${user.id}/${disabled ? "disable" : "enable"}`),
    onSuccess: (user) =>
      notifications.show({
        color: "teal",
        message: user.disabled
          ? `${user.displayName} is disabled and was signed out everywhere.`
          : `${user.displayName} can sign in again.`,
      }),
    onError: (error, { user }) =>
      notifications.show({ color: "red", title: `Could not change ${user.displayName}`, message: errorMessage(error) }),
    // Disabled users show as such in every organization's member list too.
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ["users"] }), queryClient.invalidateQueries({ queryKey: ["members"] })]),
  });
}
