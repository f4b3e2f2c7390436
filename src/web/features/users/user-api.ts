import { notifications } from "@mantine/notifications";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type User, userEndpoints } from "../../../contracts/users";
import { call, errorMessage } from "../../app/api-client";
import { useWrite } from "../../app/org-write";

const PAGE_SIZE = 25;

export interface UserFilter {
  q: string;
  disabled: "true" | "false" | null;
}

export function useUsers(filter: UserFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: ["users", filter, cursor],
    queryFn: () =>
      call(userEndpoints.list, {
        query: { q: filter.q.trim() || undefined, disabled: filter.disabled ?? undefined, cursor, limit: PAGE_SIZE, sort: "displayName" },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSetUserDisabled() {
  return useWrite(
    ({ user, disabled }: { user: User; disabled: boolean }) =>
      call(disabled ? userEndpoints.disable : userEndpoints.enable, { params: { userId: user.id } }),
    {
      // Disabled users show as such in every organization's member list too.
      refresh: [["users"], ["members"]],
      onSuccess: (user) =>
        notifications.show({
          color: "teal",
          message: user.disabled
            ? `${user.displayName} is disabled and was signed out everywhere.`
            : `${user.displayName} can sign in again.`,
        }),
      onError: (error, { user }) =>
        notifications.show({ color: "red", title: `Could not change ${user.displayName}`, message: errorMessage(error) }),
    },
  );
}
