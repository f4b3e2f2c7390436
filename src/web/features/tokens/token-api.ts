import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { CreateTokenBodySchema, tokenEndpoints } from "../../../contracts/tokens";
import { call, parseWith } from "../../app/api-client";

export type CreatedToken = EndpointOutput<typeof tokenEndpoints.create>;

const PAGE_SIZE = 25;

export function useTokens(orgId: string, includeRevoked: boolean, cursor: string | undefined) {
  return useQuery({
    queryKey: ["tokens", orgId, includeRevoked, cursor],
    queryFn: () =>
      call(tokenEndpoints.list, {
        params: { orgId },
        query: { includeRevoked: includeRevoked ? "true" : "false", cursor, limit: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateToken(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      call(tokenEndpoints.create, { params: { orgId }, body: parseWith(CreateTokenBodySchema, values) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["tokens", orgId] }),
  });
}

export function useRevokeToken(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => call(tokenEndpoints.revoke, { params: { orgId, tokenId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["tokens", orgId] }),
  });
}
