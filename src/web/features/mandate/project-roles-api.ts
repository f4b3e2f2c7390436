import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { ProjectRoleInputSchema, type ProjectRoleSchema } from "../../../contracts/mandate";
import { processEndpoints } from "../../../contracts/process";
import { call, patchWith } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export type ProjectRole = z.infer<typeof ProjectRoleSchema>;

export function useProjectRoles(orgId: string) {
  return useQuery({
    queryKey: ["project-roles", orgId],
    queryFn: () => call(processEndpoints.projectRoles, { params: { orgId } }),
    select: (data) => data.items,
  });
}

/** Names who holds a role, with the version read (0 for a role never assigned). */
export function useAssignProjectRole(orgId: string) {
  return useOrgWrite(
    orgId,
    ({ role, values }: { role: ProjectRole; values: Record<string, unknown> }) =>
      call(processEndpoints.updateProjectRole.patch, {
        params: { orgId, key: role.key },
        body: { ...patchWith(ProjectRoleInputSchema, { ...values, version: role.version }), version: role.version },
      }),
    // One role model: saving a project role assigns its holder on Roles & RACI.
    {
      refresh: [
        ["project-roles", orgId],
        ["raci", orgId],
      ],
    },
  );
}
