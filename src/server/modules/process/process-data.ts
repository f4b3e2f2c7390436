import { gateState } from "../../../core/approvals/approvals.js";
import type { ProcessCatalog } from "../../../core/process/catalog.js";
import type { GateState, ProcessData } from "../../../core/process/data.js";
import type { Db } from "../../db/database.js";
import { buildArtifact, latestApprovals } from "../approvals/index.js";
import { loadAssetsData } from "../assets/index.js";
import { loadAuditProgrammeFacts } from "../audit-programme/index.js";
import { loadDocumentsData } from "../documents/index.js";
import { loadGapData } from "../gap/index.js";
import { loadManagementReviewFacts } from "../management-review/index.js";
import { loadMeasurementData } from "../measures/index.js";
import { loadOrganization } from "../organization/index.js";
import { loadPlanData } from "../plan/index.js";
import { loadRequirementsData } from "../requirements/index.js";
import { loadRiskData } from "../risks/index.js";
import { loadScopeData } from "../scope/index.js";
import { computeCurrentSoa } from "../soa/index.js";
import { loadTrainingData } from "../training/index.js";
import { readProjectRoles } from "./project-roles.repo.js";

/** Reads everything the roadmap engine evaluates for one organization, in parallel. */
export async function loadProcessData(db: Db, orgId: string, catalog: ProcessCatalog): Promise<ProcessData> {
  const k = db.kysely;
  const [
    objectives,
    obligations,
    priorities,
    scope,
    roles,
    businessCase,
    costs,
    milestones,
    states,
    gates,
    scopeData,
    requirements,
    assets,
    gap,
    documents,
    risk,
    auditProgramme,
    managementReview,
    measurement,
    training,
    organization,
    plan,
  ] = await Promise.all([
    k.selectFrom("objectives").select(["id", "title"]).where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k
      .selectFrom("obligations")
      .select(["id", "title", "kind", "source", "owner"])
      .where("org_id", "=", orgId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    k.selectFrom("priorities").selectAll().where("id", "=", orgId).executeTakeFirst(),
    k.selectFrom("preliminary_scopes").selectAll().where("id", "=", orgId).executeTakeFirst(),
    readProjectRoles(db, orgId, catalog),
    k.selectFrom("business_cases").selectAll().where("id", "=", orgId).executeTakeFirst(),
    k.selectFrom("business_case_costs").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k.selectFrom("milestones").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k.selectFrom("activity_states").select(["activity_id", "na_justification"]).where("org_id", "=", orgId).execute(),
    gateStates(db, orgId, catalog),
    loadScopeData(db, orgId),
    loadRequirementsData(db, orgId),
    loadAssetsData(db, orgId),
    loadGapData(db, orgId),
    loadDocumentsData(db, orgId),
    loadRiskData(db, orgId),
    loadAuditProgrammeFacts(db, orgId),
    loadManagementReviewFacts(db, orgId),
    loadMeasurementData(db, orgId),
    loadTrainingData(db, orgId),
    loadOrganization(db, orgId),
    computeCurrentSoa(db, orgId).then(({ rows }) =>
      loadPlanData(
        db,
        orgId,
        rows
          .filter((r) => r.applicable === true)
          .map((r) => ({ id: r.control.id, ref: r.control.ref, title: r.control.title, implemented: r.implementation === "implemented" })),
      ),
    ),
  ]);
  return {
    scope: scopeData,
    requirements,
    assets,
    gap,
    documents,
    risk,
    auditProgramme,
    managementReview,
    measurement,
    training,
    organization: organization.data,
    plan,
    notApplicable: Object.fromEntries(
      states.filter((s) => s.na_justification).map((s) => [s.activity_id, { justification: s.na_justification as string }]),
    ),
    gates,
    phase1: {
      objectives,
      obligations,
      priorities: { statement: priorities?.statement ?? null, existingSystems: priorities?.existing_systems ?? null },
      preliminaryScope: {
        statement: scope?.statement ?? null,
        units: scope ? (JSON.parse(scope.units) as string[]) : [],
        sites: scope ? (JSON.parse(scope.sites) as string[]) : [],
      },
      // One model with Roles & RACI: a project role held there counts here too.
      projectRoles: roles.map((role) => ({ key: role.key, title: role.title, required: role.required, personName: role.holderName })),
      businessCase: {
        objectives: businessCase?.objectives ?? null,
        benefits: businessCase?.benefits ?? null,
        resources: businessCase?.resources ?? null,
        timeline: businessCase?.timeline ?? null,
        risksOfNotImplementing: businessCase?.risks_of_not_implementing ?? null,
        costs: costs.map((c) => ({ id: c.id, label: c.title, amount: Number(c.amount), currency: c.currency })),
      },
      milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, owner: m.owner })),
    },
  };
}

/** Each gate's state: its latest approval, compared with the artifact as it is now. */
async function gateStates(db: Db, orgId: string, catalog: ProcessCatalog): Promise<Record<string, GateState>> {
  const latest = await latestApprovals(db, orgId);
  const entries = await Promise.all(
    catalog.gates.map(async (gate): Promise<[string, GateState]> => {
      const approval = latest.get(gate.id) ?? null;
      if (!approval) return [gate.id, "none"];
      const artifact = await buildArtifact(db, orgId, gate.activity);
      return [gate.id, gateState({ status: approval.status as never, artifactHash: approval.artifact_hash }, artifact?.hash ?? "")];
    }),
  );
  return Object.fromEntries(entries);
}
