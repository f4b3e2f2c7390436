import { useQuery } from "@tanstack/react-query";
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
import { call, parseWith, patchWith, validationError } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";

export type RaciMatrix = EndpointOutput<typeof raciEndpoints.matrix>;
export type RaciEntry = z.infer<typeof RaciEntrySchema>;

/** The matrix carries the roles with their people, so one query serves the roles list, the matrix and the activity pages. */
export function useRaci(orgId: string) {
  return useQuery({ queryKey: ["raci", orgId], queryFn: () => call(raciEndpoints.matrix, { params: { orgId } }) });
}

/** One role model: a change on Roles & RACI may change who holds a project role (5.3.2). */
const refreshRoles = (orgId: string) => ({
  refresh: [
    ["raci", orgId],
    ["project-roles", orgId],
  ],
});

export function useSaveRole(orgId: string) {
  return useOrgWrite(
    orgId,
    ({ role, values }: { role: IsmsRole | null; values: Record<string, unknown> }) =>
      role
        ? call(raciEndpoints.updateRole.patch, {
            params: { orgId, roleId: role.id },
            body: { ...patchWith(IsmsRoleUpdateSchema, { ...values, version: role.version }), version: role.version },
          })
        : call(raciEndpoints.createRole, { params: { orgId }, body: parseWith(IsmsRoleInputSchema, values) }),
    refreshRoles(orgId),
  );
}

export function useDeleteRole(orgId: string) {
  return useOrgWrite(
    orgId,
    (role: IsmsRole) => call(raciEndpoints.deleteRole, { params: { orgId, roleId: role.id } }),
    refreshRoles(orgId),
  );
}

export function useAddPerson(orgId: string) {
  return useOrgWrite(
    orgId,
    ({ role, values }: { role: IsmsRole; values: Record<string, unknown> }) =>
      call(raciEndpoints.assign, { params: { orgId, roleId: role.id }, body: parseWith(AssignmentInputSchema, values) }),
    { ...refreshRoles(orgId), on: "success" },
  );
}

export function useRemovePerson(orgId: string) {
  return useOrgWrite(
    orgId,
    ({ role, assignmentId }: { role: IsmsRole; assignmentId: string }) =>
      call(raciEndpoints.unassign, { params: { orgId, roleId: role.id, assignmentId } }),
    refreshRoles(orgId),
  );
}

export interface RaciRow {
  responsible: string[];
  /** Every role marked A; the RACI needs exactly one, which the form is told about before anything is sent. */
  accountable: string[];
  consulted: string[];
  informed: string[];
}

export function useSetRaci(orgId: string) {
  return useOrgWrite(
    orgId,
    async ({ activityId, row }: { activityId: string; row: RaciRow }) => {
      if (row.accountable.length !== 1) {
        throw validationError([
          {
            field: "accountable",
            message: `needs exactly one role; ${row.accountable.length === 0 ? "none is" : `${row.accountable.length} are`} marked A`,
          },
        ]);
      }
      return call(raciEndpoints.setRaci.replace, {
        params: { orgId, activityId },
        body: parseWith(RaciInputSchema, { ...row, accountable: row.accountable[0] }),
      });
    },
    { ...refreshRoles(orgId), on: "success" },
  );
}
