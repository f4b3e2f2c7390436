import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { AuditActionsSchema, AuditEventSchema, AuditVerifySchema } from "../../../contracts/audit";
import type { pageOf } from "../../../contracts/common";
import { api } from "../../app/api-client";

type AuditPage = z.infer<ReturnType<typeof pageOf<typeof AuditEventSchema>>>;
export type AuditVerdict = z.infer<typeof AuditVerifySchema>;

const PAGE_SIZE = 50;

export interface AuditFilter {
  action: string;
  entityType: string;
  /** Calendar dates (YYYY-MM-DD) in the viewer's time zone, inclusive. */
  from: string;
  to: string;
}

/** The viewer thinks in local calendar days; the API takes instants. */
function dayBoundary(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const instant = new Date(`${day}T${end ? "23:59:59.999" : "00:00:00"}`);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

export function useAuditEvents(orgId: string, filter: AuditFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: ["audit", orgId, filter, cursor],
    queryFn: () =>
      api.get<AuditPage>(`/orgs/${orgId}/audit`, {
        query: {
          action: filter.action.trim(),
          entityType: filter.entityType.trim(),
          from: dayBoundary(filter.from, false),
          to: dayBoundary(filter.to, true),
          cursor,
          limit: PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit(orgId: string) {
  return useMutation({ mutationFn: () => api.get<AuditVerdict>(`/orgs/${orgId}/audit/verify`) });
}

/** The actions the trail holds, labelled, for the action filter. */
export function useAuditActions(orgId: string) {
  return useQuery({
    queryKey: ["audit-actions", orgId],
    queryFn: () => api.get<z.infer<typeof AuditActionsSchema>>(`/orgs/${orgId}/audit/actions`),
  });
}
