import type { ExpressionBuilder } from "kysely";
import type { z } from "zod";
import type {
  AggregateQuantSchema,
  HeatmapSchema,
  RiskDashboardSchema,
  RiskQuantResultSchema,
  StoredQuantSpec,
} from "../../../contracts/risks.js";
import { PRIMARY_ASSET_KINDS } from "../../../core/assets/inventory.js";
import { uuidv7 } from "../../../core/ids.js";
import { riskCoverage } from "../../../core/risk/coverage.js";
import { decisionState } from "../../../core/risk/decisions.js";
import { quantSpecProblems, treatmentValue } from "../../../core/risk/quant.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import { HttpProblem, notFound } from "../../http/errors.js";
import { outOfScopeElements } from "../assets/index.js";
import { loadMethods } from "../risk-method/index.js";
import type { QuantTaskRunner } from "./quant-task.js";
import { findRisk, snapshotFacts, snapshotHash, today } from "./risks.repo.js";

type Case = "inherent" | "current" | "residual";

/** Counts per cell of the method in force; risks scored with another version are counted apart. */
export async function heatmap(db: Db, orgId: string, which: Case): Promise<z.infer<typeof HeatmapSchema>> {
  const methods = await loadMethods(db, orgId);
  const inForce = methods.inForce;
  const rows = await reader(db)
    .selectFrom("risks")
    .select([`${which}_likelihood as likelihood`, `${which}_impact as impact`, "method_id"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("status", "=", "open")
    .groupBy([`${which}_likelihood`, `${which}_impact`, "method_id"])
    .execute();
  const counts = new Map<string, number>();
  let unscored = 0;
  let rescore = 0;
  for (const r of rows) {
    const n = Number(r.n);
    if (r.likelihood === null || r.impact === null) unscored += n;
    else if (!inForce || r.method_id !== inForce.id) rescore += n;
    else counts.set(`${r.likelihood}:${r.impact}`, (counts.get(`${r.likelihood}:${r.impact}`) ?? 0) + n);
  }
  const m = inForce?.method;
  return {
    case: which,
    methodNumber: inForce?.number ?? null,
    likelihood: m?.likelihood.map((l) => l.name) ?? [],
    impact: m?.impact.map((l) => l.name) ?? [],
    levels: m?.levels.map((l) => ({ name: l.name, colour: l.colour })) ?? [],
    cells: m
      ? m.likelihood.flatMap((_, li) =>
          m.impact.map((_, ii) => ({
            likelihood: li + 1,
            impact: ii + 1,
            level: m.grid[li]?.[ii] ?? 0,
            count: counts.get(`${li + 1}:${ii + 1}`) ?? 0,
          })),
        )
      : [],
    unscored,
    rescoreNeeded: rescore,
  };
}

const TOP = 10;

export async function dashboard(db: Db, orgId: string): Promise<z.infer<typeof RiskDashboardSchema>> {
  const k = reader(db);
  const now = today();
  const methods = await loadMethods(db, orgId);
  const method = methods.inForce?.method;
  const levelName = (level: number | null) => (level === null ? null : (method?.levels[level]?.name ?? `level ${level}`));
  const line = (r: { id: string; ref: string; title: string; level: number | null; owner: string | null }) => ({
    id: r.id,
    ref: r.ref,
    title: r.title,
    level: r.level,
    levelName: levelName(r.level),
    owner: r.owner,
  });
  const base = () => k.selectFrom("risks as r").leftJoin("users as u", "u.id", "r.owner_user_id").where("r.org_id", "=", orgId);
  const [totals, inherentLevels, residualLevels, top, owners, overdue, rescore] = await Promise.all([
    k
      .selectFrom("risks")
      .select(["status"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .groupBy("status")
      .execute(),
    k
      .selectFrom("risks")
      .select(["inherent_level as level"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .where("status", "=", "open")
      .groupBy("inherent_level")
      .execute(),
    k
      .selectFrom("risks")
      .select(["residual_level as level"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .where("status", "=", "open")
      .groupBy("residual_level")
      .execute(),
    // The ten numbers come from the summary index; only their rows are read.
    base()
      .select(["r.id", "r.ref", "r.title", "u.display_name as owner"])
      .select((eb) => eb.fn.coalesce("r.current_level", "r.inherent_level").as("level"))
      .where("r.number", "in", (eb) =>
        eb
          .selectFrom("risks")
          .select("number")
          .where("org_id", "=", orgId)
          .where("status", "=", "open")
          .where((x) => x.fn.coalesce("current_level", "inherent_level"), "is not", null)
          .orderBy((x) => x.fn.coalesce("current_level", "inherent_level"), "desc")
          .orderBy("number")
          .limit(TOP),
      )
      .orderBy((eb) => eb.fn.coalesce("r.current_level", "r.inherent_level"), "desc")
      .orderBy("r.number")
      .execute(),
    base()
      .select(["u.display_name as owner"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .select((eb) =>
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.fn.coalesce("r.residual_level", "r.current_level", "r.inherent_level"), ">", method?.threshold ?? 99)
              .then(1)
              .else(0)
              .end(),
          )
          .as("above"),
      )
      .where("r.status", "=", "open")
      .groupBy("u.display_name")
      .orderBy("n", "desc")
      .limit(50)
      .execute(),
    base()
      .select(["r.id", "r.ref", "r.title", "r.review_date", "u.display_name as owner", "r.inherent_level as level"])
      .where("r.status", "=", "open")
      .where("r.review_date", "<", now)
      .orderBy("r.review_date")
      .limit(50)
      .execute(),
    methods.inForce
      ? k
          .selectFrom("risks")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("org_id", "=", orgId)
          .where("status", "=", "open")
          .where("method_id", "is not", null)
          .where("method_id", "!=", methods.inForce.id)
          .executeTakeFirst()
      : Promise.resolve({ n: 0 }),
  ]);
  const decisionFacts = await decisionOverview(db, orgId, now, method?.threshold ?? null);
  const count = (rows: { level: number | null; n: number | string | bigint }[], level: number) =>
    Number(rows.find((r) => r.level === level)?.n ?? 0);
  return {
    total: totals.reduce((s, r) => s + Number(r.n), 0),
    open: Number(totals.find((r) => r.status === "open")?.n ?? 0),
    byLevel: (method?.levels ?? []).map((l, i) => ({
      level: i,
      name: l.name,
      colour: l.colour,
      inherent: count(inherentLevels, i),
      residual: count(residualLevels, i),
    })),
    top: top.map((r) => line({ ...r, level: r.level === null ? null : Number(r.level) })),
    byOwner: owners.map((o) => ({ owner: o.owner, count: Number(o.n), aboveThreshold: Number(o.above ?? 0) })),
    overdueReviews: overdue.map((r) => ({ ...line(r), reviewDate: r.review_date as string })),
    expiredAcceptances: decisionFacts.expired.map((r) => ({ ...line(r), expiresOn: r.expiresOn })),
    staleDecisions: decisionFacts.stale.map((r) => ({ ...line(r), kind: r.kind })),
    rescoreNeeded: Number(rescore?.n ?? 0),
    awaitingAcceptance: decisionFacts.awaiting,
  };
}

/**
 * The state of every risk's latest decisions, compared with the risk as it is now; with
 * `decidedOnly`, just the risks that carry a decision (what a dashboard lists).
 */
export async function decisionStates(db: Db | WriteContext, orgId: string, now = today(), decidedOnly = false) {
  const k = reader(db);
  const decided = k.selectFrom("risk_decisions").select("risk_id").where("org_id", "=", orgId);
  let riskRows = k
    .selectFrom("risks as r")
    .leftJoin("users as u", "u.id", "r.owner_user_id")
    .selectAll("r")
    .select("u.display_name as owner")
    .where("r.org_id", "=", orgId);
  let controlRows = k.selectFrom("risk_controls").select(["risk_id", "control_id"]).where("org_id", "=", orgId);
  if (decidedOnly) {
    riskRows = riskRows.where("r.id", "in", decided);
    controlRows = controlRows.where("risk_id", "in", decided);
  }
  const [risks, controls, decisions] = await Promise.all([
    riskRows.execute(),
    controlRows.execute(),
    // The latest decision of each kind decides, revoked or not (revoking does not revive an older one).
    k.selectFrom("risk_decisions").selectAll().where("org_id", "=", orgId).orderBy("created_at", "desc").orderBy("id", "desc").execute(),
  ]);
  const controlsOf = new Map<string, string[]>();
  for (const c of controls) controlsOf.set(c.risk_id, [...(controlsOf.get(c.risk_id) ?? []), c.control_id]);
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const d of decisions) if (!latest.has(`${d.risk_id}:${d.kind}`)) latest.set(`${d.risk_id}:${d.kind}`, d);
  return risks.map((r) => {
    const snapshot = snapshotFacts(r, controlsOf.get(r.id) ?? []);
    // Hashing is the costly part over a large register: only risks with a decision need it here.
    let hash: string | undefined;
    const hashOf = () => {
      hash ??= snapshotHash(snapshot);
      return hash;
    };
    const state = (kind: "treatment" | "acceptance") => {
      const d = latest.get(`${r.id}:${kind}`);
      if (!d) return { state: "none" as const, expiresOn: null, id: null };
      const current = { snapshot, hash: hashOf() };
      return {
        state: decisionState(
          { hash: d.hash, snapshot: JSON.parse(d.snapshot), expiresOn: d.expires_on, revokedAt: d.revoked_at },
          current,
          now,
        ).state,
        expiresOn: d.expires_on,
        id: d.id,
      };
    };
    return {
      risk: r,
      owner: r.owner,
      snapshot,
      hash: hashOf,
      controlIds: controlsOf.get(r.id) ?? [],
      treatment: state("treatment"),
      acceptance: state("acceptance"),
    };
  });
}

async function decisionOverview(db: Db, orgId: string, now: string, threshold: number | null) {
  const states = await decisionStates(db, orgId, now, true);
  const open = states.filter((s) => s.risk.status === "open");
  const remaining = (eb: ExpressionBuilder<Database, "risks">) => eb.fn.coalesce("residual_level", "current_level", "inherent_level");
  const above =
    threshold === null
      ? 0
      : Number(
          (
            await db.kysely
              .selectFrom("risks")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("org_id", "=", orgId)
              .where("status", "=", "open")
              .where((eb) => eb(remaining(eb), ">", threshold))
              .executeTakeFirst()
          )?.n ?? 0,
        );
  const level = (s: (typeof states)[number]) => (s.snapshot.residual ?? s.snapshot.current ?? s.snapshot.inherent)?.level ?? null;
  const base = (s: (typeof states)[number]) => ({ id: s.risk.id, ref: s.risk.ref, title: s.risk.title, owner: s.owner, level: level(s) });
  return {
    expired: open.filter((s) => s.acceptance.state === "expired").map((s) => ({ ...base(s), expiresOn: s.acceptance.expiresOn as string })),
    stale: open.flatMap((s) =>
      (["treatment", "acceptance"] as const).filter((kind) => s[kind].state === "stale").map((kind) => ({ ...base(s), kind })),
    ),
    // Every open risk above the threshold, less those whose acceptance holds.
    awaiting:
      threshold === null
        ? 0
        : above -
          open.filter((s) => {
            const l = level(s);
            return l !== null && l > threshold && s.acceptance.state === "valid";
          }).length,
  };
}

// --- coverage of primary assets (8.2) -----------------------------------------------------------

export async function coverage(db: Db | WriteContext, orgId: string) {
  const k = reader(db);
  const [outOfScope, primaries, supports, risks, affected, exemptions] = await Promise.all([
    outOfScopeElements(db, orgId),
    k
      .selectFrom("assets")
      .select(["id", "name", "kind", "location_element_id"])
      .where("org_id", "=", orgId)
      .where("kind", "in", PRIMARY_ASSET_KINDS)
      .orderBy("name")
      .orderBy("id")
      .execute(),
    k.selectFrom("asset_supports").select(["supporting_asset_id", "primary_asset_id"]).where("org_id", "=", orgId).execute(),
    k.selectFrom("risks").select(["id", "ref", "title", "asset_id", "status"]).where("org_id", "=", orgId).orderBy("number").execute(),
    k.selectFrom("risk_affected_assets").select(["risk_id", "asset_id"]).where("org_id", "=", orgId).execute(),
    k.selectFrom("asset_risk_exemptions").select(["asset_id", "justification"]).where("org_id", "=", orgId).execute(),
  ]);
  const inScope = primaries.filter((a) => a.location_element_id === null || !outOfScope.has(a.location_element_id));
  const supportMap = new Map<string, string[]>();
  for (const s of supports) supportMap.set(s.supporting_asset_id, [...(supportMap.get(s.supporting_asset_id) ?? []), s.primary_asset_id]);
  const affectedMap = new Map<string, string[]>();
  for (const a of affected) affectedMap.set(a.risk_id, [...(affectedMap.get(a.risk_id) ?? []), a.asset_id]);
  const covered = riskCoverage({
    primaryAssets: inScope,
    supports: supportMap,
    risks: risks.map((r) => ({ id: r.id, assetId: r.asset_id, affectedAssetIds: affectedMap.get(r.id) ?? [], open: r.status === "open" })),
    exemptAssetIds: new Set(exemptions.map((e) => e.asset_id)),
  });
  const riskById = new Map(risks.map((r) => [r.id, r]));
  const exemptionOf = new Map(exemptions.map((e) => [e.asset_id, e.justification]));
  return {
    assets: inScope.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind as never,
      risks: (covered.get(a.id) ?? []).slice(0, 50).map((id) => {
        const r = riskById.get(id) as (typeof risks)[number];
        return { id: r.id, ref: r.ref, title: r.title };
      }),
      exemption: exemptionOf.get(a.id) ?? null,
    })),
  };
}

/**
 * The primary assets in scope that no risk covers and no "no risk identified" decision settles,
 * by name: each test is an index lookup, so the roadmap does not walk the whole inventory.
 * Agrees with `riskCoverage` in the core (a risk on the asset, on an asset supporting it, or a
 * scenario affecting it).
 */
export async function uncoveredPrimaryAssets(db: Db | WriteContext, orgId: string): Promise<{ id: string; name: string }[]> {
  const outOfScope = [...(await outOfScopeElements(db, orgId))];
  let query = reader(db)
    .selectFrom("assets as a")
    .select(["a.id", "a.name"])
    .where("a.org_id", "=", orgId)
    .where("a.kind", "in", PRIMARY_ASSET_KINDS)
    .where((eb) =>
      eb.and([
        eb.not(eb.exists(eb.selectFrom("risks as r").select("r.id").whereRef("r.asset_id", "=", "a.id"))),
        eb.not(eb.exists(eb.selectFrom("risk_affected_assets as x").select("x.id").whereRef("x.asset_id", "=", "a.id"))),
        eb.not(
          eb.exists(
            eb
              .selectFrom("asset_supports as s")
              .innerJoin("risks as r", "r.asset_id", "s.supporting_asset_id")
              .select("r.id")
              .whereRef("s.primary_asset_id", "=", "a.id"),
          ),
        ),
        eb.not(eb.exists(eb.selectFrom("asset_risk_exemptions as e").select("e.id").whereRef("e.asset_id", "=", "a.id"))),
      ]),
    );
  if (outOfScope.length > 0)
    query = query.where((eb) => eb.or([eb("a.location_element_id", "is", null), eb("a.location_element_id", "not in", outOfScope)]));
  return query.orderBy("a.name").orderBy("a.id").execute();
}

export async function setExemption(ctx: WriteContext, orgId: string, assetId: string, justification: string): Promise<void> {
  const asset = await ctx.trx.selectFrom("assets").select("id").where("org_id", "=", orgId).where("id", "=", assetId).executeTakeFirst();
  if (!asset) throw notFound("asset");
  const existing = await ctx.trx.selectFrom("asset_risk_exemptions").selectAll().where("asset_id", "=", assetId).executeTakeFirst();
  const audit = { orgId, entityType: "no-risk decision" };
  if (existing) await updateAudited(ctx, "asset_risk_exemptions", existing.id, { justification }, audit);
  else
    await insertAudited(
      ctx,
      "asset_risk_exemptions",
      { id: uuidv7(), org_id: orgId, asset_id: assetId, justification, created_at: ctx.now, updated_at: ctx.now, version: 1 },
      audit,
    );
}

export async function removeExemption(ctx: WriteContext, orgId: string, assetId: string): Promise<void> {
  const existing = await ctx.trx
    .selectFrom("asset_risk_exemptions")
    .select("id")
    .where("org_id", "=", orgId)
    .where("asset_id", "=", assetId)
    .executeTakeFirst();
  if (!existing) throw notFound("no-risk decision");
  await deleteAudited(ctx, "asset_risk_exemptions", existing.id, { orgId, entityType: "no-risk decision" });
}

// --- quantitative ------------------------------------------------------------------------------

export async function riskQuant(
  db: Db,
  runner: QuantTaskRunner,
  orgId: string,
  riskId: string,
  opts: { seed: number; iterations: number },
): Promise<z.infer<typeof RiskQuantResultSchema>> {
  const row = await findRisk(db, orgId, riskId);
  if (!row.quant) throw notFound("quantitative estimate for this risk");
  const spec = JSON.parse(row.quant) as StoredQuantSpec;
  const problems = quantSpecProblems(spec, "quant");
  if (problems.length > 0)
    throw new HttpProblem(
      409,
      "estimates-out-of-range",
      "Estimates out of range",
      `${row.ref}'s saved estimates are outside the ranges that can be simulated, so there is no result; edit the risk's estimates: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      { errors: problems.map((p) => ({ field: p.path, message: p.message })) },
    );
  const [current, residual = null] = await runner.run(orgId, {
    kind: "cases",
    cases: spec.residual ? [spec.current, spec.residual] : [spec.current],
    ...opts,
  });
  if (!current) throw new Error("the simulation returned no result");
  return {
    currency: spec.currency,
    current,
    residual,
    treatmentValue: residual ? treatmentValue(current, residual, spec.annualControlCost) : null,
  };
}

/**
 * The aggregate loss exceedance curve of every quantified open risk, current and residual. A risk
 * whose saved estimates are outside the ranges that can be simulated (saved before the limits) is
 * left out and listed, so one bad record does not take the organization's whole view with it.
 */
export async function aggregateQuant(
  db: Db,
  runner: QuantTaskRunner,
  orgId: string,
  opts: { seed: number; iterations: number },
): Promise<z.infer<typeof AggregateQuantSchema>> {
  const rows = await reader(db)
    .selectFrom("risks")
    .select(["id", "ref", "title", "quant"])
    .where("org_id", "=", orgId)
    .where("status", "=", "open")
    .where("quant", "is not", null)
    .orderBy("number")
    .execute();
  const specs: StoredQuantSpec[] = [];
  const excluded: z.infer<typeof AggregateQuantSchema>["excluded"] = [];
  for (const r of rows) {
    const spec = JSON.parse(r.quant as string) as StoredQuantSpec;
    const problems = quantSpecProblems(spec, "quant");
    if (problems.length === 0) specs.push(spec);
    else excluded.push({ id: r.id, ref: r.ref, title: r.title, errors: problems.map((p) => ({ field: p.path, message: p.message })) });
  }
  if (specs.length === 0) return { risks: 0, currencies: [], current: null, residual: null, excluded };
  const [current = null, residual = null] = await runner.run(orgId, {
    kind: "aggregates",
    // A risk without a residual estimate keeps its current exposure in the residual picture.
    registers: [specs.map((s) => s.current), specs.map((s) => s.residual ?? s.current)],
    ...opts,
  });
  return { risks: specs.length, currencies: [...new Set(specs.map((s) => s.currency))], current, residual, excluded };
}
