import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { EndpointOutput } from "../../../contracts/endpoint";
import {
  AssignmentInputSchema,
  type IsmsRole,
  IsmsRoleInputSchema,
  IsmsRoleUpdateSchema,
  type RaciEntrySchema,
  RaciInputSchema,
  raciEndpoints,
} from "../../../contracts/raci";
import { api, call, parseWith, patchWith, validationError } from "../../app/api-client";

export type RaciMatrix = EndpointOutput<typeof raciEndpoints.matrix>;
export type RaciEntry = z.infer<typeof RaciEntrySchema>;

/** The matrix carries the roles with their people, so one query serves the roles list, the matrix and the activity pages. */
export function useRaci(orgId: string) {
  return useQuery({ queryKey: ["raci", orgId], queryFn: () => call(raciEndpoints.matrix, { params: { orgId } }) });
}

function useRefresh(orgId: string) {
  const queryClient = useQueryClient();
  // One role model: a change on Roles & RACI may change who holds a project role (5.3.2).
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["raci", orgId] }),
      queryClient.invalidateQueries({ queryKey: ["project-roles", orgId] }),
    ]);
}

export function useSaveRole(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ role, values }: { role: IsmsRole | null; values: Record<string, unknown> }) =>
      role
        ? api.patch<IsmsRole>(`/orgs/${orgId}/isms-roles/${role.id}`, patchWith(IsmsRoleUpdateSchema, { ...values, version: role.version }))
        : call(raciEndpoints.createRole, { params: { orgId }, body: parseWith(IsmsRoleInputSchema, values) }),
    onSettled: refresh,
  });
}

export function useDeleteRole(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (role: IsmsRole) => call(raciEndpoints.deleteRole, { params: { orgId, roleId: role.id } }),
    onSettled: refresh,
  });
}

export function useAddPerson(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ role, values }: { role: IsmsRole; values: Record<string, unknown> }) =>
      call(raciEndpoints.assign, { params: { orgId, roleId: role.id }, body: parseWith(AssignmentInputSchema, values) }),
    onSuccess: refresh,
  });
}

export function useRemovePerson(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ role, assignmentId }: { role: IsmsRole; assignmentId: string }) =>
      call(raciEndpoints.unassign, { params: { orgId, roleId: role.id, assignmentId } }),
    onSettled: refresh,
  });
}

export interface RaciRow {
  responsible: string[];
  /** Every role marked A; the RACI needs exactly one, which the form is told about before anything is sent. */
  accountable: string[];
  consulted: string[];
  informed: string[];
}

export function useSetRaci(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ activityId, row }: { activityId: string; row: RaciRow }) => {
      if (row.accountable.length !== 1) {
        throw validationError([
          {
            field: "accountable",
            message: `needs exactly one role; ${row.accountable.length === 0 ? "none is" : `${row.accountable.length} are`} marked A`,
          },
        ]);
      }
      return api.put<RaciEntry>(
        `/orgs/${orgId}/raci/${encodeURIComponent(activityId)}`,
        parseWith(RaciInputSchema, { ...row, accountable: row.accountable[0] }),
      );
    },
    onSuccess: refresh,
  });
}
