import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { CreateTokenBodySchema, tokenEndpoints } from "../../../contracts/tokens";
import { call, parseWith } from "../../app/api-client";
import { useWrite } from "../../app/org-write";

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
  return useWrite(
    (values: Record<string, unknown>) => call(tokenEndpoints.create, { params: { orgId }, body: parseWith(CreateTokenBodySchema, values) }),
    { refresh: [["tokens", orgId]], on: "success" },
  );
}

export function useRevokeToken(orgId: string) {
  return useWrite((tokenId: string) => call(tokenEndpoints.revoke, { params: { orgId, tokenId } }), { refresh: [["tokens", orgId]] });
}
