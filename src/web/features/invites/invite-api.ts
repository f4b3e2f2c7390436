import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { pageOf } from "../../../contracts/common";
import {
  type CreatedInviteSchema,
  CreateInviteBodySchema,
  type Invite,
  type InviteInfoSchema,
  type InviteSchema,
} from "../../../contracts/invites";
import { api, parseWith } from "../../app/api-client";

export type InviteInfo = z.infer<typeof InviteInfoSchema>;
export type CreatedInvite = z.infer<typeof CreatedInviteSchema>;
export type InviteStatus = Invite["status"];
type InvitePage = z.infer<ReturnType<typeof pageOf<typeof InviteSchema>>>;

const PAGE_SIZE = 25;

export function useInvites(orgId: string, status: InviteStatus | null, cursor: string | undefined) {
  return useQuery({
    queryKey: ["invites", orgId, status, cursor],
    queryFn: () => api.get<InvitePage>(`/orgs/${orgId}/invites`, { query: { status, cursor, limit: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateInvite(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.post<CreatedInvite>(`/orgs/${orgId}/invites`, parseWith(CreateInviteBodySchema, values)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["invites", orgId] }),
  });
}

export function useRevokeInvite(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (inviteId: string) => api.delete<Invite>(`/orgs/${orgId}/invites/${inviteId}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["invites", orgId] }),
  });
}

export function useInviteInfo(token: string) {
  return useQuery({
    queryKey: ["invite-link", token],
    queryFn: () => api.get<InviteInfo>(`/invites/${encodeURIComponent(token)}`, { anonymous: true }),
    // Accepting uses the link up; the page must not refetch it and then claim the link is broken.
    staleTime: Number.POSITIVE_INFINITY,
    meta: { anonymous: true },
  });
}
