import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { ProjectRoleInputSchema, type ProjectRoleSchema } from "../../../contracts/mandate";
import { api, patchWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export type ProjectRole = z.infer<typeof ProjectRoleSchema>;

export function useProjectRoles(orgId: string) {
  return useQuery({
    queryKey: ["project-roles", orgId],
    queryFn: () => api.get<{ items: ProjectRole[] }>(`/orgs/${orgId}/project-roles`),
    select: (data) => data.items,
  });
}

/** Names who holds a role, with the version read (0 for a role never assigned). */
export function useAssignProjectRole(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ role, values }: { role: ProjectRole; values: Record<string, unknown> }) =>
      api.patch<ProjectRole>(
        `/orgs/${orgId}/project-roles/${role.key}`,
        patchWith(ProjectRoleInputSchema, { ...values, version: role.version }),
      ),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["project-roles", orgId] }),
        queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
        // One role model: saving a project role assigns its holder on Roles & RACI.
        queryClient.invalidateQueries({ queryKey: ["raci", orgId] }),
      ]),
  });
}
