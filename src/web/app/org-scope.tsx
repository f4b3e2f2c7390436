import { Alert, Anchor, Stack } from "@mantine/core";
import { createContext, use, useEffect } from "react";
import { Link, Outlet, useMatch } from "react-router";
import type { Org } from "../../contracts/orgs";
import type { Role } from "../../core/access/roles";
import { QueryState } from "../components/query-state";
import { lastOrg, roleIn, useOrgs } from "../features/orgs/org-api";

export interface CurrentOrg {
  org: Org;
  role: Role | null;
}

const OrgContext = createContext<CurrentOrg | null>(null);

/** The organization of the page being shown; only valid on pages under /orgs/:orgId. */
export function useCurrentOrg(): CurrentOrg {
  const current = use(OrgContext);
  if (!current) throw new Error("useCurrentOrg needs a page under /orgs/:orgId");
  return current;
}

/** The organization named in the URL, if any; pages outside an organization get null. */
export function useOptionalCurrentOrg(): CurrentOrg | null {
  return use(OrgContext);
}

/**
 * The organization the shell presents: the one in the URL, else the one last worked in, else
 * the first. Keeps the navigation stable on pages that belong to no organization (My account).
 */
export function useShellOrg(): { orgs: Org[] | undefined; current: CurrentOrg | null } {
  const orgId = useMatch("/orgs/:orgId/*")?.params.orgId;
  const { data: orgs } = useOrgs();
  const preferred = orgId ?? lastOrg.get();
  const org = orgs?.find((o) => o.id === preferred) ?? (orgId ? undefined : orgs?.[0]);
  return { orgs, current: org ? { org, role: roleIn(org) } : null };
}

/** Layout of every page under /orgs/:orgId: resolves the organization once for all of them. */
export function OrgScope() {
  const orgId = useMatch("/orgs/:orgId/*")?.params.orgId;
  const orgs = useOrgs();
  const org = orgs.data?.find((o) => o.id === orgId);

  useEffect(() => {
    if (org) lastOrg.set(org.id);
  }, [org]);

  return (
    <QueryState isPending={orgs.isPending} error={orgs.error}>
      {org ? (
        <OrgContext value={{ org, role: roleIn(org) }}>
          <Outlet />
        </OrgContext>
      ) : (
        <Stack maw={560}>
          <Alert color="orange" variant="light" title="Organization not found" role="alert">
            This organization does not exist, or you are not a member of it.
          </Alert>
          <Anchor component={Link} to="/">
            Go to your organizations
          </Anchor>
        </Stack>
      )}
    </QueryState>
  );
}
