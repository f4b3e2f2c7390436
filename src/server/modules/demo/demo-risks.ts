import { RiskInputSchema } from "../../../contracts/risks.js";
import { SoaEntryInputSchema } from "../../../contracts/soa.js";
import type { WriteContext } from "../../db/audited.js";
import { listControls } from "../controls/index.js";
import { loadStarter } from "../risk-catalog/index.js";
import { approveMethod, createDraft } from "../risk-method/index.js";
import { createRisk, decide } from "../risks/index.js";
import { entryContext, issueVersion, writeEntry } from "../soa/index.js";

const THEFT_TITLE = "Customer analytics data stolen through the analytics platform";
const LEAK_TITLE = "An operations engineer discloses credentials by mistake";
const MANAGER_NAME = "Maya Manager (demo)";
const CEO_NAME = "Carl CEO (demo)";

export interface DemoPeople {
  managerId: string;
  ceoId: string;
}

const inMonths = (months: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

/** The shipped 5 × 5 method, approved by the CEO. */
export async function approveDemoMethod(ctx: WriteContext, orgId: string, ceo: { id: string; label: string }): Promise<void> {
  const draft = await createDraft(ctx, orgId, undefined, "The shipped 5 × 5 method, adopted as it is.");
  await approveMethod(ctx, orgId, draft.id, ceo, "Fits our size; review it after the first year.");
}

/**
 * Phase 4: three risks (asset-based and scenario, one quantified), their treatments, an SoA with
 * every control decided, the owner's approvals and the acceptances the method requires.
 */
export async function fillRisks(ctx: WriteContext, orgId: string, people: DemoPeople): Promise<void> {
  await loadStarter(ctx, orgId);
  const k = ctx.trx;
  const byKey = async (table: "threats" | "vulnerabilities", key: string) =>
    (await k.selectFrom(table).select("id").where("org_id", "=", orgId).where("starter_key", "=", key).executeTakeFirstOrThrow()).id;
  const assetId = async (name: string) =>
    (await k.selectFrom("assets").select("id").where("org_id", "=", orgId).where("name", "=", name).executeTakeFirstOrThrow()).id;
  const owner = people.managerId;

  const theft = await createRisk(
    ctx,
    orgId,
    RiskInputSchema.parse({
      kind: "asset",
      title: THEFT_TITLE,
      assetId: await assetId("Analytics platform (software)"),
      threatId: await byKey("threats", "T02"),
      vulnerabilityId: await byKey("vulnerabilities", "V04"),
      consequence: "Breach of customer contracts and GDPR notification; loss of trust",
      ownerUserId: owner,
      inherent: { likelihood: 4, impact: 5, rationale: "Administrators are phished regularly; the platform holds every customer's data" },
      current: { likelihood: 3, impact: 5, rationale: "Encryption at rest exists; single-factor admin logins remain" },
      residual: { likelihood: 2, impact: 4, rationale: "Phishing-resistant MFA and privileged access reviews" },
      treatment: "modify",
      treatmentPlan:
        "Phishing-resistant MFA for all administrators; quarterly privileged access review; encryption keys in a managed vault",
      treatmentOwner: "Engineering lead",
      treatmentDue: inMonths(4),
      controlIds: ["A.8.5", "A.5.15", "A.8.2", "A.8.24"],
      reviewDate: inMonths(6),
      quant: {
        current: {
          frequency: { min: 0.1, mostLikely: 0.4, max: 1.5, confidence: "medium" },
          magnitude: { min: 50_000, mostLikely: 250_000, max: 2_000_000, confidence: "low" },
        },
        residual: {
          frequency: { min: 0.02, mostLikely: 0.1, max: 0.4, confidence: "medium" },
          magnitude: { min: 50_000, mostLikely: 200_000, max: 1_500_000, confidence: "low" },
        },
        annualControlCost: 30_000,
        currency: "EUR",
      },
    }),
  );
  const outage = await createRisk(
    ctx,
    orgId,
    RiskInputSchema.parse({
      kind: "scenario",
      title: "A cloud region outage stops the analytics service",
      riskSource: "Hosting provider",
      event: "The eu-central region is unavailable for more than a day",
      affectedAssetIds: [await assetId("Analytics service delivery")],
      consequence: "Service level credits; customers cannot see their dashboards",
      ownerUserId: owner,
      inherent: { likelihood: 2, impact: 4, rationale: "Region-wide outages happen every few years" },
      residual: { likelihood: 1, impact: 4, rationale: "A warm standby in a second region" },
      treatment: "modify",
      treatmentPlan: "Warm standby in a second region, failover exercised twice a year",
      treatmentOwner: "Operations lead",
      treatmentDue: inMonths(6),
      controlIds: ["A.5.30", "A.8.14", "A.8.13"],
      reviewDate: inMonths(12),
    }),
  );
  const leak = await createRisk(
    ctx,
    orgId,
    RiskInputSchema.parse({
      kind: "asset",
      title: LEAK_TITLE,
      assetId: await assetId("Operations team"),
      threatId: await byKey("threats", "T18"),
      vulnerabilityId: await byKey("vulnerabilities", "V22"),
      ownerUserId: owner,
      inherent: { likelihood: 3, impact: 3, rationale: "Small team, secrets are shared in chat now and then" },
      treatment: "retain",
      treatmentPlan: "Accepted for now; revisit when the team grows",
      reviewDate: inMonths(6),
    }),
  );

  // The SoA: controls the risks need are in already; the requirement on encryption calls for A.8.24 too.
  const encryption = await k
    .selectFrom("security_requirements")
    .select("id")
    .where("org_id", "=", orgId)
    .where("title", "like", "Customer data is encrypted%")
    .executeTakeFirst();
  const used = new Set(["A.8.5", "A.5.15", "A.8.2", "A.8.24", "A.5.30", "A.8.14", "A.8.13"]);
  const known = await entryContext(ctx, orgId);
  for (const control of await listControls(ctx, orgId)) {
    const physical = control.group === "physical" && control.id !== "A.7.10";
    const entry = SoaEntryInputSchema.parse({
      decision: used.has(control.id) ? null : physical ? "exclude" : "include",
      justification: used.has(control.id)
        ? null
        : physical
          ? "No offices or equipment rooms of our own: staff work remotely and the hosting provider's sites are covered by supplier controls A.5.19–A.5.23."
          : "Part of the baseline the gap assessment called for.",
      implementation: control.id.endsWith("1") ? "implemented" : "planned",
      // Every included control has an owner who is a member (9.2.1): people controls with top
      // management, the rest with the ISMS manager; the internal auditor owns none.
      owner: used.has(control.id) || !physical ? (control.group === "people" ? CEO_NAME : MANAGER_NAME) : null,
      requirementIds: control.id === "A.8.24" && encryption ? [encryption.id] : [],
      version: 0,
    });
    await writeEntry(ctx, orgId, control.id, entry, known);
  }
  await issueVersion(ctx, orgId, "For the board's authorization at G3", MANAGER_NAME);

  const manager = { userId: people.managerId, role: "isms_manager" };
  for (const riskId of [theft, outage, leak])
    await decide(ctx, orgId, riskId, manager, { kind: "treatment", justification: "Plan agreed with the teams involved", expiresOn: null });
}

/**
 * Residual "medium" for the theft and retained "medium" for the leak: top management accepts them,
 * for at most 12 months, so that no risk owner alone accepts a risk above the threshold (9.2.1).
 */
export async function acceptDemoRisks(ctx: WriteContext, orgId: string, people: DemoPeople): Promise<void> {
  const topManagement = { userId: people.ceoId, role: "approver" };
  const risks = await ctx.trx.selectFrom("risks").select(["id", "title"]).where("org_id", "=", orgId).execute();
  for (const title of [THEFT_TITLE, LEAK_TITLE]) {
    const risk = risks.find((r) => r.title === title);
    if (!risk) throw new Error(`demo risk "${title}" is missing`);
    await decide(ctx, orgId, risk.id, topManagement, {
      kind: "acceptance",
      justification: "Within our appetite once the plan is done; reviewed at the next management review",
      expiresOn: inMonths(11),
    });
  }
}
