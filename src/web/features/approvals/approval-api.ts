import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type Approval,
  approvalEndpoints,
  DecideApprovalSchema,
  RequestApprovalSchema,
  RevokeApprovalSchema,
} from "../../../contracts/approvals";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { call, parseWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export type GateArtifact = EndpointOutput<typeof approvalEndpoints.gate>;

const HISTORY_SIZE = 50;

/** What the gate would approve now, its latest request and what changed since the last approval. */
export function useGate(orgId: string, gateId: string) {
  return useQuery({ queryKey: ["gates", orgId, gateId], queryFn: () => call(approvalEndpoints.gate, { params: { orgId, gateId } }) });
}

export function useApprovalHistory(orgId: string, gateId: string) {
  return useQuery({
    queryKey: ["gates", orgId, gateId, "history"],
    queryFn: () => call(approvalEndpoints.list, { params: { orgId }, query: { gateId, limit: HISTORY_SIZE } }),
  });
}

/** A decision moves the gate, the roadmap that shows it and the activities waiting on it. */
function useRefresh(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["gates", orgId] }),
      queryClient.invalidateQueries({ queryKey: [ROADMAP_KEY, orgId] }),
    ]);
}

export function useRequestApproval(orgId: string, gateId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      call(approvalEndpoints.request, { params: { orgId, gateId }, body: parseWith(RequestApprovalSchema, values) }),
    onSettled: refresh,
  });
}

export type Decision = "approve" | "reject";

/** Sends the version read with the request, so a decision on a request that moved on is refused. */
export function useDecide(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ approval, decision, values }: { approval: Approval; decision: Decision; values: Record<string, unknown> }) =>
      call(approvalEndpoints[decision], {
        params: { orgId, approvalId: approval.id },
        body: parseWith(DecideApprovalSchema, { ...values, version: approval.version }),
      }),
    onSettled: refresh,
  });
}

export function useRevoke(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ approval, values }: { approval: Approval; values: Record<string, unknown> }) =>
      call(approvalEndpoints.revoke, {
        params: { orgId, approvalId: approval.id },
        body: parseWith(RevokeApprovalSchema, { ...values, version: approval.version }),
      }),
    onSettled: refresh,
  });
}
