import { sql } from "kysely";
import { assembleInputs, ITEMS_LISTED, type ReviewInputs, type TopicId, type TopicInput } from "../../../core/management-review/topics.js";
import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { methodInForce } from "../risk-method/index.js";

/**
 * The registers that feed the management review's inputs, one provider per topic. A register
 * that is not part of this build (measurement results, until that register exists) is simply
 * absent: the topic then says "not available". Another area registers its provider with
 * `provideReviewInput` (e.g. the measurement programme for d.2).
 */
export type InputProvider = (db: Db | WriteContext, orgId: string, from: string | null, to: string) => Promise<TopicInput>;

const providers = new Map<TopicId, InputProvider>();

export function provideReviewInput(topic: TopicId, provider: InputProvider): void {
  providers.set(topic, provider);
}

const count = (n: number | string | bigint | undefined) => Number(n ?? 0);
const since = (from: string | null) => from ?? "0000-00-00";
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** a: what became of the actions of earlier reviews. */
const previousActions: InputProvider = async (db, orgId, _from, to) => {
  const rows = await reader(db)
    .selectFrom("review_outputs as o")
    .innerJoin("management_reviews as r", "r.id", "o.review_id")
    .select(["o.id", "o.title", "o.status", "o.due_date", "r.ref"])
    .where("o.org_id", "=", orgId)
    .where("o.kind", "=", "action")
    .where("r.status", "=", "approved")
    .orderBy("o.status", "desc")
    .orderBy("o.due_date")
    .orderBy("o.id")
    .execute();
  const done = rows.filter((r) => r.status === "done").length;
  const overdue = rows.filter((r) => r.status !== "done" && r.due_date !== null && r.due_date < to).length;
  return {
    available: true,
    summary: `${done} of ${plural(rows.length, "action")} from earlier reviews done; ${overdue} overdue`,
    total: rows.length,
    items: rows
      .slice(0, ITEMS_LISTED)
      .map((r) => ({ id: r.id, ref: r.ref, title: r.title, detail: r.status === "done" ? "done" : `open, due ${r.due_date ?? "—"}` })),
  };
};

/** b: obligations (legal, regulatory, contractual, internal) added or changed in the period. */
const changedIssues: InputProvider = async (db, orgId, from) => {
  const rows = await reader(db)
    .selectFrom("obligations")
    .select(["id", "title", "kind", "created_at", "updated_at"])
    .where("org_id", "=", orgId)
    .where("updated_at", ">=", since(from))
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .execute();
  return {
    available: true,
    summary: `${plural(rows.length, "obligation")} added or changed${from ? ` since ${from}` : ""}`,
    total: rows.length,
    items: rows
      .slice(0, ITEMS_LISTED)
      .map((r) => ({ id: r.id, ref: r.kind, title: r.title, detail: r.created_at >= since(from) ? "added" : "changed" })),
  };
};

/** c: interested parties and their requirements added or changed in the period. */
const partiesNeeds: InputProvider = async (db, orgId, from) => {
  const k = reader(db);
  const [parties, requirements] = await Promise.all([
    k
      .selectFrom("interested_parties")
      .select(["id", "name", "updated_at"])
      .where("org_id", "=", orgId)
      .where("updated_at", ">=", since(from))
      .orderBy("updated_at", "desc")
      .orderBy("id")
      .execute(),
    k
      .selectFrom("security_requirements")
      .select(["id", "title", "updated_at"])
      .where("org_id", "=", orgId)
      .where("updated_at", ">=", since(from))
      .orderBy("updated_at", "desc")
      .orderBy("id")
      .execute(),
  ]);
  return {
    available: true,
    summary: `${plural(parties.length, "interested party", "interested parties")} and ${plural(requirements.length, "requirement")} added or changed`,
    total: parties.length + requirements.length,
    items: [
      ...parties.map((p) => ({ id: p.id, ref: "party", title: p.name, detail: null })),
      ...requirements.map((r) => ({ id: r.id, ref: "requirement", title: r.title, detail: null })),
    ].slice(0, ITEMS_LISTED),
  };
};

/** d.1: nonconformities open and closed, corrective actions overdue. */
const nonconformities: InputProvider = async (db, orgId, from, to) => {
  const k = reader(db);
  const [open, closed, overdue] = await Promise.all([
    k
      .selectFrom("nonconformities")
      .select(["id", "ref", "title", "detected_on", "severity"])
      .where("org_id", "=", orgId)
      .where("status", "=", "open")
      .orderBy("detected_on")
      .orderBy("id")
      .execute(),
    k
      .selectFrom("nonconformities")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .where("status", "=", "closed")
      .where("closed_at", ">=", since(from))
      .executeTakeFirst(),
    k
      .selectFrom("corrective_actions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .where("status", "=", "open")
      .where("due_date", "<", to)
      .executeTakeFirst(),
  ]);
  return {
    available: true,
    summary: `${open.length} open, ${count(closed?.n)} closed in the period; ${plural(count(overdue?.n), "corrective action")} overdue`,
    total: open.length,
    items: open
      .slice(0, ITEMS_LISTED)
      .map((n) => ({ id: n.id, ref: n.ref, title: n.title, detail: `${n.severity ?? "unrated"}, open since ${n.detected_on}` })),
  };
};

/** d.3: audits reported in the period, and findings still open. */
const auditResults: InputProvider = async (db, orgId, from) => {
  const k = reader(db);
  const [audits, findings] = await Promise.all([
    k
      .selectFrom("audits")
      .select(["id", "ref", "title", "report_issued_at"])
      .where("org_id", "=", orgId)
      .where("report_issued_at", "is not", null)
      .where("report_issued_at", ">=", since(from))
      .orderBy("report_issued_at")
      .execute(),
    k
      .selectFrom("audit_findings as f")
      .leftJoin("nonconformities as n", "n.finding_id", "f.id")
      .select(["f.id", "f.ref", "f.title", "f.kind", "n.ref as nc_ref", "n.status as nc_status"])
      .where("f.org_id", "=", orgId)
      .where("f.kind", "in", ["major_nc", "minor_nc"])
      .where((eb) => eb.or([eb("n.status", "is", null), eb("n.status", "!=", "closed")]))
      .orderBy("f.number")
      .execute(),
  ]);
  return {
    available: true,
    summary: `${plural(audits.length, "audit")} reported in the period; ${plural(findings.length, "nonconformity finding")} not yet closed`,
    total: audits.length + findings.length,
    items: [
      ...audits.map((a) => ({ id: a.id, ref: a.ref, title: a.title, detail: `report issued ${a.report_issued_at?.slice(0, 10)}` })),
      ...findings.map((f) => ({
        id: f.id,
        ref: f.ref,
        title: f.title,
        detail: `${f.kind.replace("_", " ")}, ${f.nc_ref ? `${f.nc_ref} ${f.nc_status}` : "no nonconformity raised"}`,
      })),
    ].slice(0, ITEMS_LISTED),
  };
};

/** d.4: the objectives; how far they are met comes from the measurement programme. */
const objectives: InputProvider = async (db, orgId) => {
  const rows = await reader(db)
    .selectFrom("objectives")
    .select(["id", "title"])
    .where("org_id", "=", orgId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return {
    available: true,
    summary: plural(rows.length, "objective"),
    total: rows.length,
    items: rows.slice(0, ITEMS_LISTED).map((o) => ({ id: o.id, ref: "objective", title: o.title, detail: null })),
  };
};

/** e: feedback from interested parties, as complaints recorded as nonconformities. */
const feedback: InputProvider = async (db, orgId, from) => {
  const rows = await reader(db)
    .selectFrom("nonconformities")
    .select(["id", "ref", "title", "status"])
    .where("org_id", "=", orgId)
    .where("source", "=", "complaint")
    .where("detected_on", ">=", since(from))
    .orderBy("number")
    .execute();
  return {
    available: true,
    summary: `${plural(rows.length, "complaint")} recorded in the period`,
    total: rows.length,
    items: rows.slice(0, ITEMS_LISTED).map((r) => ({ id: r.id, ref: r.ref, title: r.title, detail: r.status })),
  };
};

/** f: the risks by level against the acceptance threshold, and treatments past due. Aggregated in the database. */
const risks: InputProvider = async (db, orgId, _from, to) => {
  const k = reader(db);
  const method = await methodInForce(db, orgId);
  const threshold = method?.method.threshold ?? null;
  const level = () => sql<number>`coalesce(residual_level, current_level, inherent_level)`;
  const [totals, above, overdue] = await Promise.all([
    k
      .selectFrom("risks")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("org_id", "=", orgId)
      .groupBy("status")
      .execute(),
    threshold === null
      ? Promise.resolve([])
      : k
          .selectFrom("risks")
          .select(["id", "ref", "title", "treatment", level().as("level")])
          .where("org_id", "=", orgId)
          .where("status", "=", "open")
          .where(level(), ">", threshold)
          .orderBy(level(), "desc")
          .orderBy("number")
          .execute(),
    k
      .selectFrom("risks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .where("status", "=", "open")
      .where("treatment_due", "<", to)
      .executeTakeFirst(),
  ]);
  const open = count(totals.find((t) => t.status === "open")?.n);
  const closed = count(totals.find((t) => t.status === "closed")?.n);
  const names = method?.method.levels.map((l) => l.name) ?? [];
  return {
    available: true,
    summary: `${open} open and ${closed} closed risks; ${above.length} above the acceptance threshold; ${plural(count(overdue?.n), "treatment")} past due`,
    total: above.length,
    items: above.slice(0, ITEMS_LISTED).map((r) => ({
      id: r.id,
      ref: r.ref,
      title: r.title,
      detail: `${names[Number(r.level)] ?? `level ${r.level}`}, treatment ${r.treatment ?? "not decided"}`,
    })),
  };
};

/** g: opportunities for improvement and observations from audits in the period. */
const opportunities: InputProvider = async (db, orgId, from) => {
  const rows = await reader(db)
    .selectFrom("audit_findings")
    .select(["id", "ref", "title", "kind"])
    .where("org_id", "=", orgId)
    .where("kind", "in", ["opportunity", "observation"])
    .where("created_at", ">=", since(from))
    .orderBy("number")
    .execute();
  return {
    available: true,
    summary: `${plural(rows.length, "opportunity or observation", "opportunities and observations")} from audits`,
    total: rows.length,
    items: rows.slice(0, ITEMS_LISTED).map((r) => ({ id: r.id, ref: r.ref, title: r.title, detail: r.kind })),
  };
};

const BUILT_IN: [TopicId, InputProvider][] = [
  ["a", previousActions],
  ["b", changedIssues],
  ["c", partiesNeeds],
  ["d.1", nonconformities],
  ["d.3", auditResults],
  ["d.4", objectives],
  ["e", feedback],
  ["f", risks],
  ["g", opportunities],
];
for (const [topic, provider] of BUILT_IN) provideReviewInput(topic, provider);

/** Every topic's input, read in parallel, in the order of 9.3.2. */
export async function assembleReviewInputs(db: Db | WriteContext, orgId: string, from: string | null, to: string): Promise<ReviewInputs> {
  const entries = await Promise.all([...providers].map(async ([topic, provider]) => [topic, await provider(db, orgId, from, to)] as const));
  return assembleInputs(from, to, Object.fromEntries(entries));
}
