import { AssetInputSchema } from "../../../contracts/assets.js";
import { DocumentInputSchema, DraftUpdateSchema } from "../../../contracts/documents.js";
import { GapAssessInputSchema } from "../../../contracts/gap.js";
import { InterestedPartyInputSchema, RequirementInputSchema } from "../../../contracts/requirements.js";
import { BoundaryInterfaceInputSchema, ScopeElementInputSchema } from "../../../contracts/scope.js";
import { POLICY_TEMPLATE } from "../../../core/documents/documents.js";
import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, type WriteContext, type WriteMeta, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { buildArtifact, createApprovalRequest, decideApproval } from "../approvals/index.js";
import { addSupport, createAsset } from "../assets/index.js";
import { createDocument, onGateApproved, saveDraft, submitVersion } from "../documents/index.js";
import { assess, iso27001Reference } from "../gap/index.js";
import { addMembership, createOrg } from "../orgs/index.js";
import { orgCatalog } from "../process/index.js";
import { seedRoles } from "../raci/index.js";
import { createParty, createRequirement } from "../requirements/index.js";
import { createElement, createInterface } from "../scope/index.js";
import { createUser, findUserByEmail, randomAcceptablePassword } from "../users/index.js";
import { fillAudit } from "./demo-audit.js";
import { fillMeasurement } from "./demo-measure.js";
import { fillOrgDocs } from "./demo-orgdocs.js";
import { fillPlan } from "./demo-plan.js";
import { acceptDemoRisks, approveDemoMethod, fillRisks } from "./demo-risks.js";
import { fillRoles } from "./demo-roles.js";

export const DEMO_ORG_NAME = "Demo: Northwind Analytics";

const PEOPLE = {
  manager: { email: "manager@northwind.demo", displayName: "Maya Manager (demo)" },
  ceo: { email: "ceo@northwind.demo", displayName: "Carl CEO (demo)" },
};

export interface DemoResult {
  orgId: string;
  created: boolean;
}

/**
 * An example organization taken through gate G4: phase 1 with G1, scope and ISMS policy with
 * G2, requirements, assets and the gap assessment, then the approved risk method, risks (one
 * quantified), the SoA, the owners' approvals and acceptances, and G3, then the implementation
 * plan with G4 (see demo-plan.ts), so a newcomer sees a
 * living roadmap at once. Idempotent per administrator: asking again returns the same
 * organization. The demo manager and CEO get random passwords nobody knows: they exist so
 * that the approval was requested and given by two different people, as the process demands.
 */
export async function createDemo(db: Db, adminUserId: string, meta: { requestId: string | null; ip: string | null }): Promise<DemoResult> {
  const existing = await db.kysely
    .selectFrom("organizations as o")
    .innerJoin("memberships as m", "m.org_id", "o.id")
    .select("o.id")
    .where("o.name", "=", DEMO_ORG_NAME)
    .where("m.user_id", "=", adminUserId)
    .where("m.role", "=", "admin")
    .executeTakeFirst();
  if (existing) return { orgId: existing.id, created: false };

  const as = (actorId: string) => ({ actor: { type: "user" as const, id: actorId }, ...meta });
  const { orgId, managerId, ceoId } = await withWrite(db, as(adminUserId), async (ctx) => {
    const org = await createOrg(ctx, DEMO_ORG_NAME, adminUserId);
    const ids: string[] = [];
    for (const [person, role] of [
      [PEOPLE.manager, "isms_manager"],
      [PEOPLE.ceo, "approver"],
    ] as const) {
      const user =
        (await findUserByEmail(ctx, person.email)) ??
        (await createUser(ctx, { ...person, password: await randomAcceptablePassword(person) }));
      await addMembership(ctx, org.id, user.id, role);
      ids.push(user.id);
    }
    return { orgId: org.id, managerId: ids[0] as string, ceoId: ids[1] as string };
  });

  await withWrite(db, as(managerId), (ctx) => fillPhase1(ctx, orgId));
  await fillRoles(db, as, orgId, { managerId, ceoId });
  await withWrite(db, as(managerId), (ctx) => fillScope(ctx, orgId));
  await withWrite(db, as(managerId), (ctx) => fillRequirementsAndAssets(ctx, orgId));
  await fillGapAssessment(db, as(managerId), orgId);
  const { catalog } = await orgCatalog(db, orgId);
  await withWrite(db, as(managerId), (ctx) => seedRoles(ctx, orgId, catalog));
  const approve = async (gateId: string, activityId: string, comment: string) => {
    const artifact = await buildArtifact(db, orgId, activityId);
    if (!artifact) throw new Error(`the demo needs the artifact of ${activityId}`);
    const request = await withWrite(db, as(managerId), (ctx) =>
      createApprovalRequest(ctx, orgId, {
        gateId,
        activityId,
        snapshot: artifact.snapshot,
        hash: artifact.hash,
        requestedBy: managerId,
        comment,
      }),
    );
    await withWrite(db, as(ceoId), async (ctx) => {
      const decided = await decideApproval(ctx, orgId, request.id, {
        status: "approved",
        by: ceoId,
        comment: "Approved: go ahead.",
        version: request.version,
      });
      await onGateApproved(ctx, orgId, decided.gate_id);
    });
  };
  await approve("G1", "5.4", "Business case and plan for the board");
  await withWrite(db, as(managerId), (ctx) => writeIsmsPolicy(ctx, orgId));
  await approve("G2", "6.6", "The ISMS policy for the board's approval");
  await withWrite(db, as(ceoId), (ctx) => approveDemoMethod(ctx, orgId, { id: ceoId, label: PEOPLE.ceo.displayName }));
  await withWrite(db, as(managerId), (ctx) => fillRisks(ctx, orgId, { managerId, ceoId }));
  await withWrite(db, as(ceoId), (ctx) => acceptDemoRisks(ctx, orgId, { managerId, ceoId }));
  await approve("G3", "8.4", "Residual risks accepted and the SoA issued: please authorize the ISMS");
  await fillOrgDocs(db, as, orgId, { managerId, ceoId });
  await fillPlan(db, as, orgId, { managerId, ceoId });
  await withWrite(db, as(managerId), (ctx) => fillMeasurement(ctx, orgId, { managerId, ceoId }));
  await fillAudit(db, as, orgId, { managerId, ceoId });
  return { orgId, created: true };
}

async function fillPhase1(ctx: WriteContext, orgId: string): Promise<void> {
  const record = () => ({ id: uuidv7(), org_id: orgId, created_at: ctx.now, updated_at: ctx.now, version: 1 });
  const single = () => ({ ...record(), id: orgId });
  const add = async (table: Parameters<typeof insertAudited>[1], entityType: string, values: Record<string, unknown>) =>
    insertAudited(ctx, table, { ...record(), ...values } as never, { orgId, entityType });

  for (const title of [
    "Win and keep regulated enterprise customers",
    "Keep the analytics platform available to customers around the clock",
  ]) {
    await add("objectives", "objective", { title, description: null });
  }
  await add("obligations", "obligation", {
    title: "GDPR",
    kind: "legal",
    source: "Regulation (EU) 2016/679",
    jurisdiction: "EU",
    reference: "Art. 32",
    owner: "Data protection officer",
    notes: null,
  });
  await add("obligations", "obligation", {
    title: "Customer master services agreement, security annex",
    kind: "contractual",
    source: "Customer contracts",
    jurisdiction: null,
    reference: "Annex C",
    owner: "Legal",
    notes: null,
  });
  await insertAudited(
    ctx,
    "priorities",
    {
      ...single(),
      statement: "1. Confidentiality of customer data. 2. Availability of the analytics service. 3. Integrity of reports.",
      existing_systems: "ISO 9001 quality management",
    },
    { orgId, entityType: "priorities" },
  );
  await insertAudited(
    ctx,
    "preliminary_scopes",
    {
      ...single(),
      statement: "The Northwind analytics SaaS platform, the teams that build and run it, and the Berlin office.",
      units: JSON.stringify(["Engineering", "Operations", "Customer support"]),
      sites: JSON.stringify(["Berlin office", "Cloud region eu-central"]),
    },
    { orgId, entityType: "preliminary scope" },
  );
  for (const [key, title, person] of [
    ["sponsor", "Sponsor", "Carl CEO (demo)"],
    ["project_lead", "ISMS project lead", "Maya Manager (demo)"],
  ]) {
    await add("project_roles", "project role", { key, title, required: 1, person_name: person, user_id: null });
  }
  await insertAudited(
    ctx,
    "business_cases",
    {
      ...single(),
      objectives: "Certify the analytics platform against ISO/IEC 27001:2022 within twelve months.",
      benefits: "Qualify for enterprise and public-sector tenders; answer security questionnaires once; fewer incidents.",
      resources: "ISMS manager at 80%, a planning team of four at 20%, an external auditor.",
      timeline: "Kick-off in January, stage 1 audit in September, stage 2 audit in November.",
      risks_of_not_implementing: "Lost enterprise deals, contractual penalties, and unmanaged security incidents.",
    },
    { orgId, entityType: "business case" },
  );
  await add("business_case_costs", "cost", { title: "Certification audit (stages 1 and 2)", amount: 18000, currency: "EUR" });
  await add("business_case_costs", "cost", { title: "ISMS manager time", amount: 64000, currency: "EUR" });
  for (const [title, due] of [
    ["Scope and ISMS policy approved", "2027-03-31"],
    ["Risk treatment plan approved", "2027-06-30"],
    ["Stage 1 audit", "2027-09-15"],
    ["Stage 2 audit", "2027-11-20"],
  ]) {
    await add("milestones", "milestone", { title, due_date: due, owner: "Maya Manager (demo)", done: 0 });
  }
}

/** Phase 2 scope: units, systems and sites with one justified exclusion, a boundary interface and the narrative. */
async function fillScope(ctx: WriteContext, orgId: string): Promise<void> {
  const element = async (fields: Record<string, unknown>) => (await createElement(ctx, orgId, ScopeElementInputSchema.parse(fields))).id;
  const company = await element({ kind: "org_unit", name: "Northwind Analytics GmbH", owner: "Carl CEO (demo)" });
  for (const name of ["Engineering", "Operations", "Customer support"])
    await element({ kind: "org_unit", parentId: company, name, owner: "Maya Manager (demo)" });
  await element({
    kind: "org_unit",
    parentId: company,
    name: "Marketing",
    inScope: false,
    exclusionJustification: "Handles no customer data; uses only public information.",
  });
  await element({ kind: "business_process", parentId: company, name: "Analytics service delivery", owner: "Operations lead" });
  const platform = await element({ kind: "information_system", name: "Analytics platform", owner: "Engineering lead" });
  await element({ kind: "cloud_service", name: "Cloud hosting (eu-central)", owner: "Operations lead" });
  const crm = await element({
    kind: "information_system",
    name: "Marketing CRM",
    owner: "Marketing lead",
    inScope: false,
    exclusionJustification: "Run by Marketing, outside the ISMS scope; holds no customer analytics data.",
  });
  const site = await element({ kind: "site", name: "Berlin office", owner: "Facilities" });
  await element({ kind: "building", parentId: site, name: "Berlin office, 3rd floor", owner: "Facilities" });
  await createInterface(
    ctx,
    orgId,
    BoundaryInterfaceInputSchema.parse({
      fromElementId: platform,
      toElementId: crm,
      dataExchanged: "Aggregated usage statistics",
      direction: "outbound",
      protection: "TLS; no personal data leaves the platform",
    }),
  );
  await createInterface(
    ctx,
    orgId,
    BoundaryInterfaceInputSchema.parse({
      fromElementId: platform,
      toParty: "Payment provider",
      dataExchanged: "Invoices and payment status",
      direction: "bidirectional",
      protection: "Mutual TLS, signed webhooks",
    }),
  );
  await insertAudited(
    ctx,
    "scope_narratives",
    {
      id: orgId,
      org_id: orgId,
      narrative:
        "The ISMS covers the development, operation and support of the Northwind analytics platform for business customers, from the Berlin office and the cloud region eu-central.",
      created_at: ctx.now,
      updated_at: ctx.now,
      version: 1,
    },
    { orgId, entityType: "scope narrative" },
  );
}

/** The ISMS policy, every template section written in the demo's own words, submitted for approval. */
async function writeIsmsPolicy(ctx: WriteContext, orgId: string): Promise<void> {
  const doc = await createDocument(
    ctx,
    orgId,
    DocumentInputSchema.parse({
      type: "isms_policy",
      identifier: "POL-001",
      title: "Information security policy",
      owner: "Maya Manager (demo)",
      nextReviewDate: "2028-01-31",
    }),
  );
  const text: Record<string, string> = {
    summary: "Northwind protects the information its customers entrust to it and the service they rely on.",
    introduction: "Our customers choose us because they can trust us with their data. This policy sets how we keep that trust.",
    scope:
      "It applies to the analytics platform, the teams that build and run it, and the Berlin office, as set out in the scope statement.",
    objectives: "Keep customer data confidential, the service available at 99.9% a month, and our reports correct.",
    principles: "Least privilege; security by design; every risk has an owner; we measure and improve.",
    roles_responsibilities:
      "Top management sets direction and approves; the ISMS manager runs the ISMS; every employee follows the policies.",
    policy_statements: "Access is granted on need; data is encrypted in transit and at rest; incidents are reported at once.",
    compliance_measurement: "Internal audits yearly; the measures in the measurement programme; findings tracked to closure.",
  };
  const sections = POLICY_TEMPLATE.map((t) => ({ key: t.key, title: t.title, markdown: text[t.key] ?? "" }));
  const draft = await saveDraft(ctx, orgId, doc.id, 1, DraftUpdateSchema.parse({ sections, changeSummary: "First issue", version: 1 }));
  await submitVersion(ctx, orgId, doc.id, 1, draft.version);
}

/** Phase 3: interested parties with requirements, and a small asset inventory with supports links. */
async function fillRequirementsAndAssets(ctx: WriteContext, orgId: string): Promise<void> {
  const customers = await createParty(
    ctx,
    orgId,
    InterestedPartyInputSchema.parse({
      name: "Enterprise customers",
      kind: "customer",
      expectations: "Their data stays confidential and the service stays available.",
    }),
  );
  const regulator = await createParty(
    ctx,
    orgId,
    InterestedPartyInputSchema.parse({ name: "Data protection authority", kind: "regulator" }),
  );
  await createRequirement(
    ctx,
    orgId,
    RequirementInputSchema.parse({
      title: "Customer data is encrypted at rest and in transit",
      partyId: customers,
      source: "Master services agreement, security annex",
      owner: "Engineering lead",
      confidentiality: 4,
    }),
  );
  await createRequirement(
    ctx,
    orgId,
    RequirementInputSchema.parse({
      title: "99.9% monthly availability",
      partyId: customers,
      source: "Service level agreement",
      owner: "Operations lead",
      availability: 4,
    }),
  );
  await createRequirement(
    ctx,
    orgId,
    RequirementInputSchema.parse({
      title: "Personal data breaches are reported within 72 hours",
      partyId: regulator,
      source: "GDPR Art. 33",
      owner: "Data protection officer",
      integrity: 3,
    }),
  );
  const asset = (fields: Record<string, unknown>) => createAsset(ctx, orgId, AssetInputSchema.parse(fields));
  const delivery = await asset({
    kind: "business_process",
    name: "Analytics service delivery",
    owner: "Operations lead",
    valuation: { confidentiality: 3, integrity: 3, availability: 4 },
  });
  const data = await asset({
    kind: "information",
    name: "Customer analytics data",
    owner: "Engineering lead",
    classification: "confidential",
    valuation: { confidentiality: 4, integrity: 3, availability: 3 },
  });
  for (const [kind, name, supports] of [
    ["software", "Analytics platform (software)", [delivery, data]],
    ["service", "Cloud hosting (eu-central)", [delivery, data]],
    ["people", "Operations team", [delivery]],
  ] as const) {
    const id = await asset({ kind, name, owner: "Operations lead" });
    for (const primary of supports) await addSupport(ctx, orgId, id, primary);
  }
}

/** Phase 3 gap assessment: every clause item and control assessed, in a plausible mix. */
async function fillGapAssessment(db: Db, meta: WriteMeta, orgId: string): Promise<void> {
  const statuses = ["implemented", "partially_implemented", "partially_implemented", "not_implemented"] as const;
  for (const [i, item] of iso27001Reference().items.entries()) {
    const status = statuses[i % statuses.length] as (typeof statuses)[number];
    await assess(
      db,
      meta,
      orgId,
      item.id,
      GapAssessInputSchema.parse({
        status,
        maturity: status === "implemented" ? 3 : status === "partially_implemented" ? 2 : 0,
        version: 0,
      }),
    );
  }
}
