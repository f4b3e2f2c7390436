import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { EndpointOutput } from "../../../contracts/endpoint";
import {
  organizationEndpoints,
  SecurityOrganizationInputSchema,
  type SecurityOrganizationSchema,
  SodRulesInputSchema,
  type SodRulesSchema,
  securityOrganizationEndpoints,
  sodRulesEndpoints,
} from "../../../contracts/organization";
import { call, parseWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export type OrganizationReview = EndpointOutput<typeof organizationEndpoints.review>;
export type RoleLines = z.infer<typeof SecurityOrganizationSchema>;
export type SodRules = z.infer<typeof SodRulesSchema>;

const KEY = "security-organization";

/** Holders, committees, lines and rules all change the review and the roadmap (9.2.1). */
export function useRefreshOrganization(orgId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([KEY, ROADMAP_KEY, "raci", "register"].map((key) => queryClient.invalidateQueries({ queryKey: [key, orgId] })));
}

export function useOrganizationReview(orgId: string) {
  // Under the roadmap's key: every register write (a committee, a holder, a control owner) refreshes it.
  return useQuery({
    queryKey: [ROADMAP_KEY, orgId, "security-organization-review"],
    queryFn: () => call(organizationEndpoints.review, { params: { orgId } }),
  });
}

export function useRoleLines(orgId: string) {
  return useQuery({ queryKey: [KEY, orgId, "lines"], queryFn: () => call(securityOrganizationEndpoints.get, { params: { orgId } }) });
}

export function useSodRules(orgId: string) {
  return useQuery({ queryKey: [KEY, orgId, "rules"], queryFn: () => call(sodRulesEndpoints.get, { params: { orgId } }) });
}

export function useSaveRoleLines(orgId: string) {
  const refresh = useRefreshOrganization(orgId);
  return useMutation({
    mutationFn: (body: { roles: RoleLines["roles"]; version: number }) =>
      call(securityOrganizationEndpoints.replace, {
        params: { orgId },
        body: parseWith(SecurityOrganizationInputSchema, {
          roles: body.roles.map(({ roleKey, reportsToRoleKey, deputyUserId }) => ({ roleKey, reportsToRoleKey, deputyUserId })),
          version: body.version,
        }),
      }),
    onSettled: refresh,
  });
}

export function useSaveSodRules(orgId: string) {
  const refresh = useRefreshOrganization(orgId);
  return useMutation({
    mutationFn: (body: SodRules) => call(sodRulesEndpoints.replace, { params: { orgId }, body: parseWith(SodRulesInputSchema, body) }),
    onSettled: refresh,
  });
}
