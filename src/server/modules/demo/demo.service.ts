import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, type WriteContext, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { randomSecret } from "../../security/hashing.js";
import { createApprovalRequest, decideApproval } from "../approvals/approvals.repo.js";
import { buildArtifact } from "../approvals/artifacts.js";
import { addMembership, createOrg } from "../orgs/orgs.repo.js";
import { orgCatalog } from "../process/catalog.repo.js";
import { seedRoles } from "../raci/raci.repo.js";
import { createUser, findUserByEmail } from "../users/users.repo.js";

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
 * An example organization with phase 1 complete and gate G1 approved, so a newcomer sees a
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
      const user = (await findUserByEmail(ctx, person.email)) ?? (await createUser(ctx, { ...person, password: randomSecret(24) }));
      await addMembership(ctx, org.id, user.id, role);
      ids.push(user.id);
    }
    return { orgId: org.id, managerId: ids[0] as string, ceoId: ids[1] as string };
  });

  await withWrite(db, as(managerId), (ctx) => fillPhase1(ctx, orgId));
  const { catalog } = await orgCatalog(db, orgId);
  await withWrite(db, as(managerId), (ctx) => seedRoles(ctx, orgId, catalog));
  const artifact = await buildArtifact(db, orgId, "5.4");
  if (!artifact) throw new Error("the demo needs the G1 artifact");
  const request = await withWrite(db, as(managerId), (ctx) =>
    createApprovalRequest(ctx, orgId, {
      gateId: "G1",
      activityId: "5.4",
      snapshot: artifact.snapshot,
      hash: artifact.hash,
      requestedBy: managerId,
      comment: "Business case and plan for the board",
    }),
  );
  await withWrite(db, as(ceoId), (ctx) =>
    decideApproval(ctx, orgId, request.id, { status: "approved", by: ceoId, comment: "Approved: go ahead.", version: request.version }),
  );
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
