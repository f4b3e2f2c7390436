import {
  ApprovalDetailSchema,
  ApprovalParamsSchema,
  ApprovalSchema,
  approvalEndpoints,
  DecideApprovalSchema,
  GateParamsSchema,
  RequestApprovalSchema,
  RevokeApprovalSchema,
} from "../../../contracts/approvals.js";
import { approvalPolicy } from "../../../core/access/policies.js";
import { decisionBlocker } from "../../../core/approvals/approvals.js";
import { withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { conflict, forbidden, HttpProblem, notFound } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { onGateApproved } from "../documents/gate.js";
import { orgCatalog } from "../process/catalog.repo.js";
import { computeRoadmap } from "../process/roadmap.service.js";
import { readSettings } from "../process/settings.repo.js";
import {
  changesSince,
  createApprovalRequest,
  decideApproval,
  findApproval,
  latestApprovals,
  listApprovals,
  presentApproval,
  revokeApproval,
} from "./approvals.repo.js";
import { buildArtifact } from "./artifacts.js";
import { approvalsCovering } from "./coverage.js";

const tags = ["approvals"];

async function gateOf(db: Db, orgId: string, gateId: string) {
  const { catalog } = await orgCatalog(db, orgId);
  const gate = catalog.gates.find((g) => g.id === gateId);
  if (!gate) throw notFound(`gate ${gateId}`);
  return gate;
}

async function currentArtifact(db: Db, orgId: string, activityId: string) {
  const artifact = await buildArtifact(db, orgId, activityId);
  if (!artifact) {
    throw new HttpProblem(
      409,
      "gate-unavailable",
      "Gate not available yet",
      `the registers that activity ${activityId} approves are not available yet`,
    );
  }
  return artifact;
}

export const approvalRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, approvalEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { gateId, status, ...page } = request.query;
    return listApprovals(db, orgId, { gateId, status }, page);
  });

  serveEndpoint(app, approvalEndpoints.covering, async (request) => approvalsCovering(db, requireMember(request).orgId, request.query));

  app.get("/orgs/:orgId/approvals/:approvalId", {
    config: { access: access.org(approvalPolicy, "read") },
    schema: {
      tags,
      summary: "One approval request with the snapshot submitted and what changed since",
      params: ApprovalParamsSchema,
      response: { 200: ApprovalDetailSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const row = await findApproval(db, orgId, request.params.approvalId);
      const artifact = await buildArtifact(db, orgId, row.activity_id);
      return {
        ...presentApproval(row, artifact?.hash ?? null),
        snapshot: JSON.parse(row.snapshot) as unknown,
        changes: artifact ? changesSince(row, artifact.snapshot) : [],
      };
    },
  });

  serveEndpoint(app, approvalEndpoints.gate, async (request) => {
    const { orgId } = requireMember(request);
    const gate = await gateOf(db, orgId, request.params.gateId);
    const artifact = await currentArtifact(db, orgId, gate.activity);
    const latest = (await latestApprovals(db, orgId)).get(gate.id) ?? null;
    const { roadmap } = await computeRoadmap(db, orgId);
    const activity = roadmap.activities.find((a) => a.id === gate.activity);
    const lastApproved = latest?.status === "approved" ? latest : null;
    return {
      gateId: gate.id,
      activityId: gate.activity,
      snapshot: artifact.snapshot,
      hash: artifact.hash,
      ready: activity?.status === "complete" || activity?.status === "approved",
      latest: latest ? presentApproval(latest, artifact.hash) : null,
      changes: lastApproved ? changesSince(lastApproved, artifact.snapshot) : [],
    };
  });

  app.post("/orgs/:orgId/gates/:gateId/approvals", {
    config: { access: access.org(approvalPolicy, "request") },
    schema: {
      tags,
      summary: "Ask top management to approve what the gate covers, as it is now",
      params: GateParamsSchema,
      body: RequestApprovalSchema,
      response: { 201: ApprovalSchema },
    },
    handler: async (request, reply) => {
      const { orgId, principal } = requireMember(request);
      const gate = await gateOf(db, orgId, request.params.gateId);
      const artifact = await currentArtifact(db, orgId, gate.activity);
      const { roadmap } = await computeRoadmap(db, orgId);
      const activity = roadmap.activities.find((a) => a.id === gate.activity);
      if (activity?.status === "approved")
        throw conflict(`gate ${gate.id} is approved and nothing changed since; there is nothing new to approve`);
      if (activity?.status !== "complete") {
        throw new HttpProblem(
          409,
          "gate-not-ready",
          "Not ready for approval",
          `activity ${gate.activity} is ${activity?.status ?? "unknown"}: ${(activity?.reasons ?? []).join("; ")}`,
        );
      }
      const row = await withWrite(db, writeMeta(request), async (ctx) => {
        const latest = (await latestApprovals(ctx, orgId)).get(gate.id);
        if (latest?.status === "pending")
          throw conflict(`gate ${gate.id} already has a pending request; it must be decided first`, presentApproval(latest, artifact.hash));
        return createApprovalRequest(ctx, orgId, {
          gateId: gate.id,
          activityId: gate.activity,
          snapshot: artifact.snapshot,
          hash: artifact.hash,
          requestedBy: principal.userId,
          comment: request.body.comment,
        });
      });
      return reply.status(201).send(presentApproval(row, artifact.hash));
    },
  });

  for (const status of ["approved", "rejected"] as const) {
    app.post(`/orgs/:orgId/approvals/:approvalId/${status === "approved" ? "approve" : "reject"}`, {
      config: { access: access.org(approvalPolicy, "decide") },
      schema: {
        tags,
        summary: status === "approved" ? "Approve a pending request" : "Reject a pending request",
        params: ApprovalParamsSchema,
        body: DecideApprovalSchema,
        response: { 200: ApprovalSchema },
      },
      handler: async (request) => {
        const { orgId, principal } = requireMember(request);
        const row = await findApproval(db, orgId, request.params.approvalId);
        const artifact = await currentArtifact(db, orgId, row.activity_id);
        const settings = await readSettings(db, orgId);
        const separationOfDuties = (settings?.separation_of_duties ?? 1) === 1;
        const blocker = decisionBlocker({
          approval: { status: row.status as never, requestedBy: row.requested_by, artifactHash: row.artifact_hash },
          deciderId: principal.userId,
          separationOfDuties,
          currentHash: artifact.hash,
        });
        if (blocker?.startsWith("separation of duties")) throw forbidden(blocker);
        if (blocker) throw conflict(blocker, { ...presentApproval(row, artifact.hash), changes: changesSince(row, artifact.snapshot) });
        const decided = await withWrite(db, writeMeta(request), async (ctx) => {
          const result = await decideApproval(ctx, orgId, row.id, {
            status,
            by: principal.userId,
            comment: request.body.comment,
            version: request.body.version,
            // The gate's record shows that nobody was kept from deciding their own request.
            separationOfDutiesOff: !separationOfDuties,
          });
          // What a gate approves may carry its own approval state (the ISMS policy's version).
          if (status === "approved") await onGateApproved(ctx, orgId, result.gate_id);
          return result;
        });
        return presentApproval(decided, artifact.hash);
      },
    });
  }

  app.post("/orgs/:orgId/approvals/:approvalId/revoke", {
    config: { access: access.org(approvalPolicy, "revoke") },
    schema: {
      tags,
      summary: "Revoke an approval, with a reason",
      params: ApprovalParamsSchema,
      body: RevokeApprovalSchema,
      response: { 200: ApprovalSchema },
    },
    handler: async (request) => {
      const { orgId, principal } = requireMember(request);
      const row = await findApproval(db, orgId, request.params.approvalId);
      if (row.status !== "approved") throw conflict(`only an approval can be revoked; this request is ${row.status}`);
      const revoked = await withWrite(db, writeMeta(request), (ctx) =>
        revokeApproval(ctx, orgId, row.id, { by: principal.userId, reason: request.body.reason, version: request.body.version }),
      );
      return presentApproval(revoked, (await buildArtifact(db, orgId, row.activity_id))?.hash ?? null);
    },
  });
};
