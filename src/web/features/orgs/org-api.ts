import { useQuery } from "@tanstack/react-query";
import { demoEndpoints } from "../../../contracts/demo";
import { CreateOrgBodySchema, type Org, orgEndpoints, UpdateOrgBodySchema } from "../../../contracts/orgs";
import { isRole, type Role } from "../../../core/access/roles";
import { call, parseWith } from "../../app/api-client";
import { useWrite } from "../../app/org-write";

export const ORGS_KEY = ["orgs"] as const;

export function useOrgs() {
  return useQuery({ queryKey: ORGS_KEY, queryFn: () => call(orgEndpoints.list, {}), select: (data) => data.items });
}

/** Saves the organization's name, currency and locale (PATCH with the version read). */
export function useUpdateOrg(orgId: string) {
  return useWrite(
    (values: { name: string; currency: string; locale: string; version: number }) =>
      call(orgEndpoints.update.patch, { params: { orgId }, body: parseWith(UpdateOrgBodySchema, values) }),
    { refresh: [ORGS_KEY], on: "success" },
  );
}

export function useCreateOrg() {
  return useWrite((values: Record<string, string>) => call(orgEndpoints.create, { body: parseWith(CreateOrgBodySchema, values) }), {
    refresh: [ORGS_KEY],
    on: "success",
  });
}

/** An example organization with phase 1 done and G1 approved, of which the caller is the administrator; asking again finds the same one. */
export function useCreateDemo() {
  // The organization pages resolve the organization from this list, so it must hold the demo before they open.
  return useWrite(() => call(demoEndpoints.create, {}), { refresh: [ORGS_KEY], on: "success" });
}

/** The contract types the caller's role as a string; anything unknown grants nothing. */
export function roleIn(org: Org): Role | null {
  return isRole(org.role) ? org.role : null;
}

const LAST_ORG_KEY = "isms.lastOrgId";

/** The organization the user last worked in, so the app reopens there. */
export const lastOrg = {
  get: (): string | null => localStorage.getItem(LAST_ORG_KEY),
  set: (orgId: string) => localStorage.setItem(LAST_ORG_KEY, orgId),
};
