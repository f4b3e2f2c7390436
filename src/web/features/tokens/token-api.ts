import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { pageOf } from "../../../contracts/common";
import { type ApiToken, type ApiTokenSchema, type CreatedApiTokenSchema, CreateTokenBodySchema } from "../../../contracts/tokens";
import { api, parseWith } from "../../app/api-client";

type TokenPage = z.infer<ReturnType<typeof pageOf<typeof ApiTokenSchema>>>;
export type CreatedToken = z.infer<typeof CreatedApiTokenSchema>;

const PAGE_SIZE = 25;

export function useTokens(orgId: string, includeRevoked: boolean, cursor: string | undefined) {
  return useQuery({
    queryKey: ["tokens", orgId, includeRevoked, cursor],
    queryFn: () =>
      api.get<TokenPage>(`/orgs/${orgId}/tokens`, { query: { includeRevoked: String(includeRevoked), cursor, limit: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateToken(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.post<CreatedToken>(`/orgs/${orgId}/tokens`, parseWith(CreateTokenBodySchema, values)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["tokens", orgId] }),
  });
}

export function useRevokeToken(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api.delete<ApiToken>(`/orgs/${orgId}/tokens/${tokenId}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["tokens", orgId] }),
  });
}
