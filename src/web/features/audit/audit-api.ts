import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { auditEndpoints } from "../../../contracts/audit";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { call } from "../../app/api-client";

export type AuditVerdict = EndpointOutput<typeof auditEndpoints.verify>;

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
      call(auditEndpoints.list, {
        params: { orgId },
        query: {
          action: filter.action.trim() || undefined,
          entityType: filter.entityType.trim() || undefined,
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
  return useMutation({ mutationFn: () => call(auditEndpoints.verify, { params: { orgId } }) });
}

/** The actions the trail holds, labelled, for the action filter. */
export function useAuditActions(orgId: string) {
  return useQuery({
    queryKey: ["audit-actions", orgId],
    queryFn: () => call(auditEndpoints.actions, { params: { orgId } }),
  });
}
