import type { Measure, MeasureInput, Point } from "../../../contracts/measures.js";
import { uuidv7 } from "../../../core/ids.js";
import { compileFormula } from "../../../core/measurement/formula.js";
import { criteriaProblems, type DecisionCriteria, indicatorStatus } from "../../../core/measurement/indicator.js";
import { type Frequency, periodOf, type Schedule } from "../../../core/work/recurrence.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { isMember } from "../orgs/index.js";
import { BUILTIN_MEASURES } from "./builtins.js";

interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MeasuresTable extends OrgRecord {
  number: number;
  ref: string;
  title: string;
  kind: string;
  key: string | null;
  information_need: string;
  objective_id: string | null;
  control_ref: string | null;
  process_ref: string | null;
  unit: string;
  collection_method: string | null;
  data_source: string | null;
  frequency: string | null;
  interval: number;
  start_date: string | null;
  owner_user_id: string | null;
  formula: string | null;
  builtin_key: string | null;
  direction: string;
  on_target: number | null;
  act_threshold: number | null;
  target: number | null;
  reported_by: string | null;
  reported_to: string | null;
}

export interface MeasureValuesTable extends OrgRecord {
  measure_id: string;
  period: string;
  value: number | null;
  reason: string | null;
  note: string | null;
  source: string;
  recorded_by: string | null;
}

export interface JobRunsTable {
  name: string;
  slot: string;
  instance: string;
  started_at: string;
  finished_at: string | null;
  outcome: string | null;
}

declare module "../../db/schema.js" {
  interface Database {
    measures: MeasuresTable;
    measure_values: MeasureValuesTable;
    job_runs: JobRunsTable;
  }
  interface AuditedTables {
    measures: true;
    measure_values: true;
  }
}

export const MEASURE = "measure";
export const VALUE = "measure value";

export const scheduleOf = (row: Pick<MeasuresTable, "frequency" | "interval" | "start_date">): Schedule | null =>
  row.frequency && row.start_date ? { frequency: row.frequency as Frequency, interval: row.interval, start: row.start_date } : null;

export const criteriaOf = (row: Pick<MeasuresTable, "direction" | "on_target" | "act_threshold">): DecisionCriteria | null =>
  row.on_target !== null && row.act_threshold !== null
    ? { direction: row.direction as DecisionCriteria["direction"], onTarget: Number(row.on_target), act: Number(row.act_threshold) }
    : null;

/** The first day of the period that holds `date`; the date itself for a measure without a schedule. */
export const periodStart = (row: Pick<MeasuresTable, "frequency" | "interval" | "start_date">, date: string) => {
  const schedule = scheduleOf(row);
  return schedule ? (periodOf(schedule, date)?.start ?? null) : date;
};

export function toRow(input: MeasureInput, today: string) {
  const startDate = input.startDate ?? (input.frequency ? `${today.slice(0, 7)}-01` : null);
  return {
    title: input.title,
    kind: input.kind,
    key: input.kind === "base" ? input.key : null,
    information_need: input.informationNeed,
    objective_id: input.objectiveId,
    control_ref: input.controlRef || null,
    process_ref: input.processRef || null,
    unit: input.unit,
    collection_method: input.collectionMethod || null,
    data_source: input.dataSource || null,
    frequency: input.frequency,
    interval: input.interval,
    start_date: startDate,
    owner_user_id: input.ownerUserId,
    formula: input.kind === "derived" ? input.formula : null,
    builtin_key: input.kind === "builtin" ? input.builtinKey : null,
    direction: input.direction,
    on_target: input.onTarget,
    act_threshold: input.act,
    target: input.target,
    reported_by: input.reportedBy || null,
    reported_to: input.reportedTo || null,
  };
}

/** The base measure keys a formula may use: every base measure of the organization but this one. */
export async function baseKeys(db: Db | WriteContext, orgId: string, except: string | null): Promise<string[]> {
  let q = reader(db).selectFrom("measures").select(["id", "key"]).where("org_id", "=", orgId).where("kind", "=", "base");
  if (except) q = q.where("id", "!=", except);
  return (await q.execute()).flatMap((r) => (r.key ? [r.key] : [])).sort();
}

/** Everything about a measure's input that its schema alone cannot say, as field errors. */
export async function checkMeasure(db: Db | WriteContext, orgId: string, input: MeasureInput, id: string | null): Promise<void> {
  const k = reader(db);
  const errors: { field: string; message: string }[] = [];
  if (input.kind === "base") {
    if (!input.key) errors.push({ field: "key", message: "is required for a base measure: the name formulas use for it" });
    else {
      let q = k.selectFrom("measures").select("ref").where("org_id", "=", orgId).where("key", "=", input.key);
      if (id) q = q.where("id", "!=", id);
      const taken = await q.executeTakeFirst();
      if (taken) errors.push({ field: "key", message: `is already the key of ${taken.ref}` });
    }
  }
  if (input.kind === "derived") {
    if (!input.formula) errors.push({ field: "formula", message: "is required for a derived measure" });
    else {
      const check = compileFormula(input.formula, await baseKeys(db, orgId, id));
      if (!check.ok)
        errors.push({
          field: "formula",
          message: `${check.reason} (at line ${check.position.line}, column ${check.position.column})`,
        });
    }
  }
  if (input.kind === "builtin") {
    if (!input.builtinKey || !BUILTIN_MEASURES.some((b) => b.key === input.builtinKey))
      errors.push({ field: "builtinKey", message: `must be one of ${BUILTIN_MEASURES.map((b) => b.key).join(", ")}` });
    else {
      let q = k.selectFrom("measures").select("ref").where("org_id", "=", orgId).where("builtin_key", "=", input.builtinKey);
      if (id) q = q.where("id", "!=", id);
      const taken = await q.executeTakeFirst();
      if (taken) errors.push({ field: "builtinKey", message: `is already measured by ${taken.ref}` });
    }
  }
  if ((input.onTarget === null) !== (input.act === null)) {
    errors.push({ field: input.onTarget === null ? "onTarget" : "act", message: "the decision criteria need both thresholds, or neither" });
  } else if (input.onTarget !== null && input.act !== null) {
    errors.push(...criteriaProblems({ direction: input.direction, onTarget: input.onTarget, act: input.act }));
  }
  if (input.objectiveId) {
    const found = await k
      .selectFrom("objectives")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", input.objectiveId)
      .executeTakeFirst();
    if (!found) errors.push({ field: "objectiveId", message: "is not an objective of this organization" });
  }
  if (input.ownerUserId) {
    if (!(await isMember(db, orgId, input.ownerUserId)))
      errors.push({ field: "ownerUserId", message: "is not a member of this organization" });
  }
  if (errors.length) throw badRequest(`the measure cannot be saved: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
}

export function presentPoint(row: MeasureValuesTable, criteria: DecisionCriteria | null): Point {
  const value = row.value === null ? null : Number(row.value);
  return {
    id: row.id,
    period: row.period,
    value,
    reason: row.reason,
    status: value !== null && criteria ? indicatorStatus(value, criteria) : null,
    source: row.source,
    note: row.note,
    version: row.version,
  };
}

type Names = { owners: Map<string, string>; objectives: Map<string, string> };

export function presentMeasure(row: MeasuresTable, latest: Point | null, names: Names): Measure {
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    kind: row.kind as Measure["kind"],
    key: row.key,
    informationNeed: row.information_need,
    objectiveId: row.objective_id,
    objectiveTitle: row.objective_id ? (names.objectives.get(row.objective_id) ?? null) : null,
    controlRef: row.control_ref,
    processRef: row.process_ref,
    unit: row.unit,
    collectionMethod: row.collection_method,
    dataSource: row.data_source,
    frequency: row.frequency as Measure["frequency"],
    interval: row.interval,
    startDate: row.start_date,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_user_id ? (names.owners.get(row.owner_user_id) ?? null) : null,
    formula: row.formula,
    builtinKey: row.builtin_key,
    direction: row.direction as Measure["direction"],
    onTarget: row.on_target === null ? null : Number(row.on_target),
    act: row.act_threshold === null ? null : Number(row.act_threshold),
    target: row.target === null ? null : Number(row.target),
    reportedBy: row.reported_by,
    reportedTo: row.reported_to,
    latest,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function names(db: Db | WriteContext, orgId: string): Promise<Names> {
  const k = reader(db);
  const [owners, objectives] = await Promise.all([
    k
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.id", "u.display_name"])
      .where("m.org_id", "=", orgId)
      .execute(),
    k.selectFrom("objectives").select(["id", "title"]).where("org_id", "=", orgId).execute(),
  ]);
  return { owners: new Map(owners.map((o) => [o.id, o.display_name])), objectives: new Map(objectives.map((o) => [o.id, o.title])) };
}

/** The organization's measures as stored, by number. */
export const measureRows = (db: Db | WriteContext, orgId: string): Promise<MeasuresTable[]> =>
  reader(db).selectFrom("measures").selectAll().where("org_id", "=", orgId).orderBy("number").execute();

export async function measureRow(db: Db | WriteContext, orgId: string, id: string): Promise<MeasuresTable> {
  const row = await reader(db).selectFrom("measures").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(MEASURE);
  return row;
}

/**
 * A measure's series: stored values for base and built-in measures; for a derived measure, its
 * formula evaluated over the periods its base measures have values for (a period lacking one of
 * them gives no value, with the reason).
 */
export async function seriesOf(db: Db | WriteContext, orgId: string, row: MeasuresTable): Promise<Point[]> {
  const k = reader(db);
  const criteria = criteriaOf(row);
  if (row.kind !== "derived") {
    const values = await k
      .selectFrom("measure_values")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("measure_id", "=", row.id)
      .orderBy("period")
      .execute();
    return values.map((v) => presentPoint(v, criteria));
  }
  const check = compileFormula(row.formula ?? "", await baseKeys(db, orgId, row.id));
  if (!check.ok) return [];
  const formula = check.formula;
  if (formula.variables.length === 0) return [];
  const values = await k
    .selectFrom("measure_values as v")
    .innerJoin("measures as m", "m.id", "v.measure_id")
    .select(["m.key", "v.period", "v.value"])
    .where("v.org_id", "=", orgId)
    .where("m.key", "in", formula.variables)
    .execute();
  const byPeriod = new Map<string, Record<string, number | null>>();
  for (const v of values) {
    const entry = byPeriod.get(v.period) ?? {};
    entry[v.key as string] = v.value === null ? null : Number(v.value);
    byPeriod.set(v.period, entry);
  }
  return [...byPeriod.keys()].sort().map((period) => {
    const result = formula.evaluate(byPeriod.get(period) ?? {});
    return {
      id: null,
      period,
      value: result.value,
      reason: result.reason,
      status: result.value !== null && criteria ? indicatorStatus(result.value, criteria) : null,
      source: "formula",
      note: null,
      version: null,
    };
  });
}

/** Every measure of the organization, each with its latest point. */
export async function listMeasures(db: Db | WriteContext, orgId: string): Promise<Measure[]> {
  const [rows, n] = await Promise.all([measureRows(db, orgId), names(db, orgId)]);
  return Promise.all(rows.map(async (row) => presentMeasure(row, (await seriesOf(db, orgId, row)).at(-1) ?? null, n)));
}

export async function findMeasure(db: Db | WriteContext, orgId: string, id: string): Promise<Measure> {
  const row = await measureRow(db, orgId, id);
  return presentMeasure(row, (await seriesOf(db, orgId, row)).at(-1) ?? null, await names(db, orgId));
}

/** The derived measures whose formula reads a base measure's key. */
export async function formulasUsing(db: Db | WriteContext, orgId: string, key: string | null): Promise<string[]> {
  if (!key) return [];
  const derived = await reader(db)
    .selectFrom("measures")
    .select(["ref", "formula", "id"])
    .where("org_id", "=", orgId)
    .where("kind", "=", "derived")
    .execute();
  const keys = await baseKeys(db, orgId, null);
  return derived
    .filter((d) => {
      const check = compileFormula(d.formula ?? "", keys);
      return check.ok ? check.variables.includes(key) : (d.formula ?? "").includes(key);
    })
    .map((d) => d.ref);
}

/** Adds a measure, numbered next in the organization; returns its id. */
export async function createMeasure(ctx: WriteContext, orgId: string, input: MeasureInput, today: string): Promise<string> {
  const number = await nextNumber(ctx, "measures", orgId);
  const row = {
    id: uuidv7(),
    org_id: orgId,
    number,
    ref: `M-${String(number).padStart(2, "0")}`,
    ...toRow(input, today),
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "measures", row, { orgId, entityType: MEASURE });
  return row.id;
}

/** Removes a measure with its values. */
export async function removeMeasure(ctx: WriteContext, orgId: string, measureId: string): Promise<void> {
  await ctx.trx.deleteFrom("measure_values").where("org_id", "=", orgId).where("measure_id", "=", measureId).execute();
  await deleteAudited(ctx, "measures", measureId, { orgId, entityType: MEASURE, scope: { org_id: orgId } });
}

/** One value of a measure, as stored. */
export async function valueRow(db: Db | WriteContext, orgId: string, measureId: string, valueId: string): Promise<MeasureValuesTable> {
  const row = await reader(db)
    .selectFrom("measure_values")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("measure_id", "=", measureId)
    .where("id", "=", valueId)
    .executeTakeFirst();
  if (!row) throw notFound(VALUE);
  return row;
}

/** The measure's value for the period starting on `period`, if it has one. */
export const valueForPeriod = (db: Db | WriteContext, orgId: string, measureId: string, period: string) =>
  reader(db)
    .selectFrom("measure_values")
    .select(["id", "version"])
    .where("org_id", "=", orgId)
    .where("measure_id", "=", measureId)
    .where("period", "=", period)
    .executeTakeFirst();

/** Enters a base measure's value for a period that has none yet. */
export async function addValue(
  ctx: WriteContext,
  orgId: string,
  measure: MeasuresTable,
  input: { period: string; value: number | null; note: string | null },
  by: string,
): Promise<MeasureValuesTable> {
  const existing = await valueForPeriod(ctx, orgId, measure.id, input.period);
  if (existing)
    throw conflict(
      `${measure.ref} has a value for the period from ${input.period} already: change it (PUT or PATCH …/values/${existing.id})`,
    );
  const values: MeasureValuesTable = {
    id: uuidv7(),
    org_id: orgId,
    measure_id: measure.id,
    period: input.period,
    value: input.value,
    reason: null,
    note: input.note,
    source: "entered",
    recorded_by: by,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "measure_values", values, { orgId, entityType: VALUE });
  return values;
}

/** Records imported values: a period's value is replaced when it has one, added otherwise. */
export async function recordImportedValues(
  ctx: WriteContext,
  orgId: string,
  planned: Iterable<{ measureId: string; period: string; value: number | null; note: string | null }>,
  by: string,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const p of planned) {
    const existing = await valueForPeriod(ctx, orgId, p.measureId, p.period);
    if (existing) {
      await updateAudited(
        ctx,
        "measure_values",
        existing.id,
        { value: p.value, note: p.note, source: "imported", recorded_by: by },
        {
          orgId,
          entityType: VALUE,
          expectedVersion: existing.version,
          scope: { org_id: orgId },
        },
      );
      updated++;
    } else {
      await insertAudited(
        ctx,
        "measure_values",
        {
          id: uuidv7(),
          org_id: orgId,
          measure_id: p.measureId,
          period: p.period,
          value: p.value,
          reason: null,
          note: p.note,
          source: "imported",
          recorded_by: by,
          created_at: ctx.now,
          updated_at: ctx.now,
          version: 1,
        },
        { orgId, entityType: VALUE },
      );
      created++;
    }
  }
  return { created, updated };
}
