import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { CreateInviteBodySchema, type Invite, inviteEndpoints } from "../../../contracts/invites";
import { call, parseWith } from "../../app/api-client";
import { useWrite } from "../../app/org-write";

export type InviteInfo = EndpointOutput<typeof inviteEndpoints.info>;
export type CreatedInvite = EndpointOutput<typeof inviteEndpoints.create>;
export type InviteStatus = Invite["status"];

const PAGE_SIZE = 25;

export function useInvites(orgId: string, status: InviteStatus | null, cursor: string | undefined) {
  return useQuery({
    queryKey: ["invites", orgId, status, cursor],
    queryFn: () => call(inviteEndpoints.list, { params: { orgId }, query: { status: status ?? undefined, cursor, limit: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateInvite(orgId: string) {
  return useWrite(
    (values: Record<string, unknown>) =>
      call(inviteEndpoints.create, { params: { orgId }, body: parseWith(CreateInviteBodySchema, values) }),
    { refresh: [["invites", orgId]], on: "success" },
  );
}

export function useRevokeInvite(orgId: string) {
  return useWrite((inviteId: string) => call(inviteEndpoints.revoke, { params: { orgId, inviteId } }), { refresh: [["invites", orgId]] });
}

export function useInviteInfo(token: string) {
  return useQuery({
    queryKey: ["invite-link", token],
    queryFn: () => call(inviteEndpoints.info, { params: { token } }, { anonymous: true }),
    // Accepting uses the link up; the page must not refetch it and then claim the link is broken.
    staleTime: Number.POSITIVE_INFINITY,
    meta: { anonymous: true },
  });
}
