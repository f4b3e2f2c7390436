import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  type Approval,
  type ApprovalSchema,
  DecideApprovalSchema,
  type GateArtifactSchema,
  RequestApprovalSchema,
  RevokeApprovalSchema,
} from "../../../contracts/approvals";
import type { pageOf } from "../../../contracts/common";
import { api, parseWith } from "../../app/api-client";
import { ROADMAP_KEY } from "../roadmap/roadmap-api";

export type GateArtifact = z.infer<typeof GateArtifactSchema>;
type ApprovalPage = z.infer<ReturnType<typeof pageOf<typeof ApprovalSchema>>>;

const HISTORY_SIZE = 50;

/** What the gate would approve now, its latest request and what changed since the last approval. */
export function useGate(orgId: string, gateId: string) {
  return useQuery({ queryKey: ["gates", orgId, gateId], queryFn: () => api.get<GateArtifact>(`/orgs/${orgId}/gates/${gateId}`) });
}

export function useApprovalHistory(orgId: string, gateId: string) {
  return useQuery({
    queryKey: ["gates", orgId, gateId, "history"],
    queryFn: () => api.get<ApprovalPage>(`/orgs/${orgId}/approvals`, { query: { gateId, limit: HISTORY_SIZE } }),
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
      api.post<Approval>(`/orgs/${orgId}/gates/${gateId}/approvals`, parseWith(RequestApprovalSchema, values)),
    onSettled: refresh,
  });
}

export type Decision = "approve" | "reject";

/** Sends the version read with the request, so a decision on a request that moved on is refused. */
export function useDecide(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ approval, decision, values }: { approval: Approval; decision: Decision; values: Record<string, unknown> }) =>
      api.post<Approval>(
        `/orgs/${orgId}/approvals/${approval.id}/${decision}`,
        parseWith(DecideApprovalSchema, { ...values, version: approval.version }),
      ),
    onSettled: refresh,
  });
}

export function useRevoke(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ approval, values }: { approval: Approval; values: Record<string, unknown> }) =>
      api.post<Approval>(
        `/orgs/${orgId}/approvals/${approval.id}/revoke`,
        parseWith(RevokeApprovalSchema, { ...values, version: approval.version }),
      ),
    onSettled: refresh,
  });
}
