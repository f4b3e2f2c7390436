import { type QueryKey, useQuery } from "@tanstack/react-query";
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
import { ROADMAP_KEY, useOrgWrite, useRefreshOrg } from "../../app/org-write";

export type OrganizationReview = EndpointOutput<typeof organizationEndpoints.review>;
export type RoleLines = z.infer<typeof SecurityOrganizationSchema>;
export type SodRules = z.infer<typeof SodRulesSchema>;

const KEY = "security-organization";

/** Holders, committees, lines and rules all change the review (under the roadmap's key, 9.2.1), the RACI and the registers. */
const organizationKeys = (orgId: string): QueryKey[] => [KEY, "raci", "register"].map((key) => [key, orgId]);

/** After a holder is added or removed on this page (a RACI write), what the page shows besides the RACI. */
export function useRefreshOrganization(orgId: string) {
  const refresh = useRefreshOrg(orgId);
  return () => refresh(organizationKeys(orgId));
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
  return useOrgWrite(
    orgId,
    (body: { roles: RoleLines["roles"]; version: number }) =>
      call(securityOrganizationEndpoints.replace, {
        params: { orgId },
        body: parseWith(SecurityOrganizationInputSchema, {
          roles: body.roles.map(({ roleKey, reportsToRoleKey, deputyUserId }) => ({ roleKey, reportsToRoleKey, deputyUserId })),
          version: body.version,
        }),
      }),
    { refresh: organizationKeys(orgId) },
  );
}

export function useSaveSodRules(orgId: string) {
  return useOrgWrite(
    orgId,
    (body: SodRules) => call(sodRulesEndpoints.replace, { params: { orgId }, body: parseWith(SodRulesInputSchema, body) }),
    { refresh: organizationKeys(orgId) },
  );
}
