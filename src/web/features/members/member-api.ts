import { notifications } from "@mantine/notifications";
import { keepPreviousData, type QueryKey, useQuery } from "@tanstack/react-query";
import { AddMemberBodySchema, type Member, memberEndpoints } from "../../../contracts/members";
import { ROLE_LABELS, type Role } from "../../../core/access/roles";
import { call, errorMessage, isStaleVersion, parseWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";
import { ORGS_KEY } from "../orgs/org-api";

const PAGE_SIZE = 25;

export interface MemberFilter {
  q: string;
  role: Role | null;
}

export function useMembers(orgId: string, filter: MemberFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: ["members", orgId, filter, cursor],
    queryFn: () =>
      call(memberEndpoints.list, {
        params: { orgId },
        query: { q: filter.q.trim() || undefined, role: filter.role ?? undefined, cursor, limit: PAGE_SIZE, sort: "displayName" },
      }),
    placeholderData: keepPreviousData,
  });
}

/** A change of my own membership changes what I may do, which the organization list carries. */
const membersKeys = (orgId: string): QueryKey[] => [["members", orgId], ORGS_KEY];

export function useChangeRole(orgId: string) {
  return useOrgWrite(
    orgId,
    // The version read with the list lets the server refuse a change made on stale information.
    ({ member, role }: { member: Member; role: Role }) =>
      call(memberEndpoints.role.patch, { params: { orgId, userId: member.userId }, body: { role, version: member.version } }),
    {
      refresh: membersKeys(orgId),
      onSuccess: (member) =>
        notifications.show({ color: "teal", message: `${member.displayName}'s role is now ${ROLE_LABELS[member.role]}.` }),
      onError: (error, { member }) => {
        const stale = isStaleVersion(error);
        notifications.show({
          color: "orange",
          title: stale ? `${member.displayName} was changed by someone else` : `Could not change the role of ${member.displayName}`,
          message: stale
            ? "The list now shows their current role. Check it, then change it again if you still need to."
            : errorMessage(error),
          autoClose: 10_000,
        });
      },
    },
  );
}

/** Instance administrators only: an account that already exists joins without an invitation. */
export function useAddMember(orgId: string) {
  return useOrgWrite(
    orgId,
    (values: Record<string, unknown>) => call(memberEndpoints.add, { params: { orgId }, body: parseWith(AddMemberBodySchema, values) }),
    {
      refresh: membersKeys(orgId),
      onSuccess: (member) => notifications.show({ color: "teal", message: `${member.displayName} joined as ${ROLE_LABELS[member.role]}.` }),
    },
  );
}

export function useRemoveMember(orgId: string) {
  return useOrgWrite(orgId, (member: Member) => call(memberEndpoints.remove, { params: { orgId, userId: member.userId } }), {
    refresh: membersKeys(orgId),
    onSuccess: (_, member) => notifications.show({ color: "teal", message: `${member.displayName} was removed from the organization.` }),
    onError: (error, member) =>
      notifications.show({
        color: "red",
        title: `Could not remove ${member.displayName}`,
        message: errorMessage(error),
        autoClose: 10_000,
      }),
  });
}

/** Everyone who can be named in a role, by name; organizations here are small enough for one page. */
export function useMemberOptions(orgId: string) {
  return useQuery({
    queryKey: ["members", orgId, "options"],
    queryFn: () => call(memberEndpoints.list, { params: { orgId }, query: { limit: 200, sort: "displayName" } }),
    select: (page) => page.items.filter((m) => !m.disabled),
  });
}
