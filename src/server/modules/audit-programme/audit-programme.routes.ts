import type { z } from "zod";
import { auditProgrammeEndpoints, type FindingSchema, programmeEndpoints } from "../../../contracts/audit-programme.js";
import type { ChecklistLine } from "../../../core/audit-programme/checklist.js";
import { deleteAudited, updateAudited, withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { conflict, forbidden, notFound } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { registerRoutes } from "../../registers/register-routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { ncRaisedFrom } from "../nonconformities/index.js";
import { checkAudit, checkFinding } from "./audit-programme.checks.js";
import { namesOf, presentAudit, presentFindings, presentProgramme } from "./audit-programme.present.js";
import {
  AUDIT,
  anyAuditOf,
  anyFindingOf,
  auditChecklist,
  createAudit,
  createFinding,
  FINDING,
  findAudit,
  findFinding,
  findingsOf,
  findProgramme,
  issueReport,
  listAudits,
  programmeCoverage,
  refuseIssued,
  updateAudit,
} from "./audit-programme.repo.js";

/** The programme over a cycle: a plain register. */
const programmeRoutes = registerRoutes({
  endpoints: programmeEndpoints,
  table: "audit_programmes",
  toRow: (input) => ({ title: input.title, cycle_start: input.cycleStart, cycle_years: input.cycleYears, objectives: input.objectives }),
  present: presentProgramme,
  inUse: async (db, orgId, id) => {
    const audit = await anyAuditOf(db, orgId, id);
    return audit ? `audit ${audit.ref} belongs to it` : null;
  },
});

const auditRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, auditProgrammeEndpoints.coverage, async (request) => {
    const { orgId } = requireMember(request);
    const programme = await findProgramme(db, orgId, request.params.itemId);
    return { programme: presentProgramme(programme), ...(await programmeCoverage(db, orgId, programme)) };
  });

  serveEndpoint(app, auditProgrammeEndpoints.audits, async (request) => {
    const { orgId } = requireMember(request);
    const { programmeId, ...page } = request.query;
    return listAudits(db, orgId, programmeId, page);
  });

  serveEndpoint(app, auditProgrammeEndpoints.createAudit, async (request, reply) => {
    const { orgId } = requireMember(request);
    await checkAudit(db, orgId, request.body);
    const row = await withWrite(db, writeMeta(request), (ctx) => createAudit(ctx, orgId, request.body));
    return reply.status(201).send(await presentAudit(db, orgId, row));
  });

  serveEndpoint(app, auditProgrammeEndpoints.audit, async (request) => {
    const { orgId } = requireMember(request);
    return presentAudit(db, orgId, await findAudit(db, orgId, request.params.auditId));
  });

  updateRoutes(app, {
    endpoints: auditProgrammeEndpoints.updateAudit,
    references: { leadAuditor: "leadAuditorUserId", team: "teamUserIds" },
    current: async (request, params) =>
      presentAudit(db, requireMember(request).orgId, await findAudit(db, requireMember(request).orgId, params.auditId)),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      refuseIssued(await findAudit(db, orgId, params.auditId));
      await checkAudit(db, orgId, input);
      const row = await withWrite(db, writeMeta(request), (ctx) => updateAudit(ctx, orgId, params.auditId, input, version));
      return presentAudit(db, orgId, row);
    },
  });

  serveEndpoint(app, auditProgrammeEndpoints.removeAudit, async (request) => {
    const { orgId } = requireMember(request);
    const audit = await findAudit(db, orgId, request.params.auditId);
    refuseIssued(audit);
    const finding = await anyFindingOf(db, orgId, audit.id);
    if (finding) throw conflict(`the audit cannot be removed: finding ${finding.ref} was recorded in it`);
    await withWrite(db, writeMeta(request), (ctx) =>
      deleteAudited(ctx, "audits", audit.id, { orgId, entityType: AUDIT, scope: { org_id: orgId } }),
    );
    return { ok: true as const };
  });

  serveEndpoint(app, auditProgrammeEndpoints.checklist, async (request) => {
    const { orgId } = requireMember(request);
    const audit = await findAudit(db, orgId, request.params.auditId);
    if (audit.report) return { lines: (JSON.parse(audit.report) as { checklist: ChecklistLine[] }).checklist };
    return { lines: await auditChecklist(db, orgId, audit) };
  });

  serveEndpoint(app, auditProgrammeEndpoints.saveReport, async (request) => {
    const { orgId, principal } = requireMember(request);
    const audit = await findAudit(db, orgId, request.params.auditId);
    if (audit.lead_auditor_id !== principal.userId) throw forbidden("only the audit's lead auditor may issue its report");
    const row = await withWrite(db, writeMeta(request), (ctx) => issueReport(ctx, orgId, audit, principal.userId, request.body.version));
    return reportOf(row);
  });

  const reportOf = async (row: Awaited<ReturnType<typeof findAudit>>) => {
    if (!row.report || !row.report_issued_at || !row.report_issued_by || !row.report_hash) throw notFound("audit report");
    const names = await namesOf(db, [row.report_issued_by]);
    return {
      auditId: row.id,
      ref: row.ref,
      issuedAt: row.report_issued_at,
      issuedBy: { id: row.report_issued_by, name: names.get(row.report_issued_by) ?? "former user" },
      hash: row.report_hash,
      content: JSON.parse(row.report),
    };
  };

  serveEndpoint(app, auditProgrammeEndpoints.report, async (request) =>
    reportOf(await findAudit(db, requireMember(request).orgId, request.params.auditId)),
  );

  serveEndpoint(app, auditProgrammeEndpoints.findings, async (request) => {
    const { orgId } = requireMember(request);
    const audit = await findAudit(db, orgId, request.params.auditId);
    return { items: await presentFindings(db, orgId, await findingsOf(db, orgId, audit.id)) };
  });

  serveEndpoint(app, auditProgrammeEndpoints.addFinding, async (request, reply) => {
    const { orgId } = requireMember(request);
    const audit = await findAudit(db, orgId, request.params.auditId);
    await checkFinding(db, orgId, request.body);
    const row = await withWrite(db, writeMeta(request), (ctx) => createFinding(ctx, orgId, audit, request.body));
    return reply.status(201).send((await presentFindings(db, orgId, [row]))[0] as z.input<typeof FindingSchema>);
  });

  serveEndpoint(app, auditProgrammeEndpoints.finding, async (request) => {
    const { orgId } = requireMember(request);
    return (await presentFindings(db, orgId, [await findFinding(db, orgId, request.params.findingId)]))[0] as z.input<typeof FindingSchema>;
  });

  updateRoutes(app, {
    endpoints: auditProgrammeEndpoints.updateFinding,
    current: async (request, params) => {
      const { orgId } = requireMember(request);
      return (await presentFindings(db, orgId, [await findFinding(db, orgId, params.findingId)]))[0];
    },
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      const finding = await findFinding(db, orgId, params.findingId);
      refuseIssued(await findAudit(db, orgId, finding.audit_id));
      await checkFinding(db, orgId, input);
      const row = await withWrite(db, writeMeta(request), (ctx) =>
        updateAudited(
          ctx,
          "audit_findings",
          finding.id,
          { kind: input.kind, target: input.target, title: input.title, description: input.description, evidence: input.evidence },
          { orgId, entityType: FINDING, expectedVersion: version, scope: { org_id: orgId } },
        ),
      );
      return (await presentFindings(db, orgId, [row as never]))[0] as z.input<typeof FindingSchema>;
    },
  });

  serveEndpoint(app, auditProgrammeEndpoints.removeFinding, async (request) => {
    const { orgId } = requireMember(request);
    const finding = await findFinding(db, orgId, request.params.findingId);
    refuseIssued(await findAudit(db, orgId, finding.audit_id));
    const nc = await ncRaisedFrom(db, orgId, finding.id);
    if (nc) throw conflict(`the finding cannot be removed: nonconformity ${nc.ref} was raised from it`);
    await withWrite(db, writeMeta(request), (ctx) =>
      deleteAudited(ctx, "audit_findings", finding.id, { orgId, entityType: FINDING, scope: { org_id: orgId } }),
    );
    return { ok: true as const };
  });
};

export const auditProgrammeRoutes: RouteModule[] = [programmeRoutes, auditRoutes];
