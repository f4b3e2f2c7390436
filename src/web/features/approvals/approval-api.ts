import { useQuery } from "@tanstack/react-query";
import {
  type Approval,
  approvalEndpoints,
  DecideApprovalSchema,
  RequestApprovalSchema,
  RevokeApprovalSchema,
} from "../../../contracts/approvals";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { call, parseWith } from "../../app/api-client";
import { GATES_KEY, useOrgWrite } from "../../app/org-write";

export type GateArtifact = EndpointOutput<typeof approvalEndpoints.gate>;

const HISTORY_SIZE = 50;

/** What the gate would approve now, its latest request and what changed since the last approval. */
export function useGate(orgId: string, gateId: string) {
  return useQuery({ queryKey: [GATES_KEY, orgId, gateId], queryFn: () => call(approvalEndpoints.gate, { params: { orgId, gateId } }) });
}

export function useApprovalHistory(orgId: string, gateId: string) {
  return useQuery({
    queryKey: [GATES_KEY, orgId, gateId, "history"],
    queryFn: () => call(approvalEndpoints.list, { params: { orgId }, query: { gateId, limit: HISTORY_SIZE } }),
  });
}

export function useRequestApproval(orgId: string, gateId: string) {
  // A decision moves the gate, the roadmap that shows it and the activities waiting on it: what every write refreshes.
  return useOrgWrite(orgId, (values: Record<string, unknown>) =>
    call(approvalEndpoints.request, { params: { orgId, gateId }, body: parseWith(RequestApprovalSchema, values) }),
  );
}

export type Decision = "approve" | "reject";

/** Sends the version read with the request, so a decision on a request that moved on is refused. */
export function useDecide(orgId: string) {
  return useOrgWrite(orgId, ({ approval, decision, values }: { approval: Approval; decision: Decision; values: Record<string, unknown> }) =>
    call(approvalEndpoints[decision], {
      params: { orgId, approvalId: approval.id },
      body: parseWith(DecideApprovalSchema, { ...values, version: approval.version }),
    }),
  );
}

export function useRevoke(orgId: string) {
  return useOrgWrite(orgId, ({ approval, values }: { approval: Approval; values: Record<string, unknown> }) =>
    call(approvalEndpoints.revoke, {
      params: { orgId, approvalId: approval.id },
      body: parseWith(RevokeApprovalSchema, { ...values, version: approval.version }),
    }),
  );
}
