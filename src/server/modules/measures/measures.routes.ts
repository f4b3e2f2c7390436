import { importBodyLimit } from "../../../contracts/imports.js";
import { measureEndpoints } from "../../../contracts/measures.js";
import { registerPolicy } from "../../../core/access/policies.js";
import { uuidv7 } from "../../../core/ids.js";
import { compileFormula } from "../../../core/measurement/formula.js";
import { crossings } from "../../../core/measurement/indicator.js";
import { addDaysTo } from "../../../core/work/recurrence.js";
import { deleteAudited, insertAudited, updateAudited, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { inputLimits } from "../../http/limits.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { today } from "../risks/index.js";
import { dateProblem, type RowProblem, readRows, refuseProblems } from "../training/index.js";
import { BUILTIN_MEASURES } from "./builtins.js";
import { dueItems } from "./due.js";
import {
  baseKeys,
  checkMeasure,
  criteriaOf,
  findMeasure,
  listMeasures,
  MEASURE,
  type MeasureValuesTable,
  measureRow,
  periodStart,
  presentPoint,
  seriesOf,
  toRow,
  VALUE,
} from "./measures.repo.js";
import { recomputeBuiltins } from "./recompute.js";
import "./review-input.js";

const _tags = ["measurement"];

async function valueRow(db: Db, orgId: string, measureId: string, valueId: string): Promise<MeasureValuesTable> {
  const row = await db.kysely
    .selectFrom("measure_values")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("measure_id", "=", measureId)
    .where("id", "=", valueId)
    .executeTakeFirst();
  if (!row) throw notFound(VALUE);
  return row;
}

/** Values are entered for base measures only: the others are computed. */
async function collectable(db: Db, orgId: string, measureId: string) {
  const row = await measureRow(db, orgId, measureId);
  if (row.kind !== "base")
    throw conflict(
      `${row.ref} is a ${row.kind} measure: its values are computed${row.kind === "derived" ? " from its formula" : " from the registers"}, not entered`,
    );
  return row;
}

const periodFor = (row: Parameters<typeof periodStart>[0], date: string) => {
  const period = periodStart(row, date);
  if (!period)
    throw badRequest(`the date lies before the measure's first period (${row.start_date})`, [
      { field: "period", message: `must be on or after ${row.start_date}` },
    ]);
  return period;
};

export const measureRoutes: RouteModule = (app, { db, config }) => {
  const limits = inputLimits(config);
  const _write = access.org(registerPolicy, "write");

  serveEndpoint(app, measureEndpoints.list, async (request) => ({ items: await listMeasures(db, requireMember(request).orgId) }));

  serveEndpoint(app, measureEndpoints.builtins, async () => ({
    items: BUILTIN_MEASURES.map(({ key, title, unit, direction, description }) => ({ key, title, unit, direction, description })),
  }));

  serveEndpoint(app, measureEndpoints.create, async (request, reply) => {
    const { orgId } = requireMember(request);
    await checkMeasure(db, orgId, request.body, null);
    const id = await withWrite(db, writeMeta(request), async (ctx) => {
      const number = await nextNumber(ctx, "measures", orgId);
      const row = {
        id: uuidv7(),
        org_id: orgId,
        number,
        ref: `M-${String(number).padStart(2, "0")}`,
        ...toRow(request.body, today()),
        created_at: ctx.now,
        updated_at: ctx.now,
        version: 1,
      };
      await insertAudited(ctx, "measures", row, { orgId, entityType: MEASURE });
      return row.id;
    });
    return reply.status(201).send(await findMeasure(db, orgId, id));
  });

  serveEndpoint(app, measureEndpoints.get, async (request) => findMeasure(db, requireMember(request).orgId, request.params.measureId));

  updateRoutes(app, {
    endpoints: measureEndpoints.update,
    current: (request, params) => findMeasure(db, requireMember(request).orgId, params.measureId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      const before = await measureRow(db, orgId, params.measureId);
      if (before.kind !== input.kind)
        throw badRequest("a measure's kind cannot change: define a new measure", [{ field: "kind", message: `must stay ${before.kind}` }]);
      await checkMeasure(db, orgId, input, params.measureId);
      if (before.kind === "base" && before.key !== input.key) {
        const users = await formulasUsing(db, orgId, before.key);
        if (users.length)
          throw badRequest(`the key is used in the formula of ${users.join(", ")}`, [
            { field: "key", message: `is used by ${users.join(", ")}` },
          ]);
      }
      await withWrite(db, writeMeta(request), (ctx) =>
        updateAudited(ctx, "measures", params.measureId, toRow(input, today()), {
          orgId,
          entityType: MEASURE,
          expectedVersion: version,
          scope: { org_id: orgId },
        }),
      );
      return findMeasure(db, orgId, params.measureId);
    },
  });

  serveEndpoint(app, measureEndpoints.remove, async (request) => {
    const { orgId } = requireMember(request);
    const row = await measureRow(db, orgId, request.params.measureId);
    const users = row.key ? await formulasUsing(db, orgId, row.key) : [];
    if (users.length) throw conflict(`the measure cannot be removed: the formula of ${users.join(", ")} uses ${row.key}`);
    await withWrite(db, writeMeta(request), async (ctx) => {
      await ctx.trx.deleteFrom("measure_values").where("org_id", "=", orgId).where("measure_id", "=", row.id).execute();
      await deleteAudited(ctx, "measures", row.id, { orgId, entityType: MEASURE, scope: { org_id: orgId } });
    });
    return { ok: true as const };
  });

  serveEndpoint(app, measureEndpoints.series, async (request) => {
    const { orgId } = requireMember(request);
    const row = await measureRow(db, orgId, request.params.measureId);
    const points = await seriesOf(db, orgId, row);
    const criteria = criteriaOf(row);
    return {
      measure: await findMeasure(db, orgId, row.id),
      points,
      crossings: criteria ? crossings(points, criteria) : [],
    };
  });

  serveEndpoint(app, measureEndpoints.addValue, async (request, reply) => {
    const { orgId, principal } = requireMember(request);
    const row = await collectable(db, orgId, request.params.measureId);
    const period = periodFor(row, request.body.period);
    const value = await withWrite(db, writeMeta(request), async (ctx) => {
      const existing = await ctx.trx
        .selectFrom("measure_values")
        .select("id")
        .where("measure_id", "=", row.id)
        .where("period", "=", period)
        .executeTakeFirst();
      if (existing)
        throw conflict(`${row.ref} has a value for the period from ${period} already: change it (PUT or PATCH …/values/${existing.id})`);
      const values: MeasureValuesTable = {
        id: uuidv7(),
        org_id: orgId,
        measure_id: row.id,
        period,
        value: request.body.value,
        reason: null,
        note: request.body.note || null,
        source: "entered",
        recorded_by: principal.userId,
        created_at: ctx.now,
        updated_at: ctx.now,
        version: 1,
      };
      await insertAudited(ctx, "measure_values", values, { orgId, entityType: VALUE });
      return values;
    });
    return reply.status(201).send(presentPoint(value, criteriaOf(row)));
  });

  updateRoutes(app, {
    endpoints: measureEndpoints.updateValue,
    current: async (request, params) => {
      const { orgId } = requireMember(request);
      const row = await measureRow(db, orgId, params.measureId);
      return presentPoint(await valueRow(db, orgId, params.measureId, params.valueId), criteriaOf(row));
    },
    write: async (request, params, body) => {
      const { orgId, principal } = requireMember(request);
      const row = await collectable(db, orgId, params.measureId);
      await valueRow(db, orgId, params.measureId, params.valueId);
      const period = periodFor(row, body.period);
      const clash = await db.kysely
        .selectFrom("measure_values")
        .select("id")
        .where("measure_id", "=", row.id)
        .where("period", "=", period)
        .where("id", "!=", params.valueId)
        .executeTakeFirst();
      if (clash)
        throw badRequest(`another value covers the period from ${period}`, [{ field: "period", message: "has another value already" }]);
      const after = await withWrite(db, writeMeta(request), (ctx) =>
        updateAudited(
          ctx,
          "measure_values",
          params.valueId,
          { period, value: body.value, note: body.note || null, recorded_by: principal.userId },
          { orgId, entityType: VALUE, expectedVersion: body.version, scope: { org_id: orgId } },
        ),
      );
      return presentPoint(after, criteriaOf(row));
    },
  });

  serveEndpoint(app, measureEndpoints.removeValue, async (request) => {
    const { orgId } = requireMember(request);
    await collectable(db, orgId, request.params.measureId);
    await valueRow(db, orgId, request.params.measureId, request.params.valueId);
    await withWrite(db, writeMeta(request), (ctx) =>
      deleteAudited(ctx, "measure_values", request.params.valueId, { orgId, entityType: VALUE, scope: { org_id: orgId } }),
    );
    return { ok: true as const };
  });

  serveEndpoint(
    app,
    measureEndpoints.importValues,
    async (request, reply) => {
      const { orgId, principal } = requireMember(request);
      const rows = await readRows(request.body.format, Buffer.from(request.body.contentBase64, "base64"), limits, {
        required: ["measure", "period", "value"],
        optional: ["note"],
      });
      const measures = await db.kysely.selectFrom("measures").selectAll().where("org_id", "=", orgId).execute();
      const byName = new Map(measures.flatMap((m) => [[m.ref.toLowerCase(), m] as const, ...(m.key ? [[m.key, m] as const] : [])]));
      const problems: RowProblem[] = [];
      const planned = new Map<string, { measureId: string; period: string; value: number | null; note: string | null }>();
      for (const { row, cells } of rows) {
        const m = byName.get((cells.measure ?? "").toLowerCase());
        if (!m)
          problems.push({
            row,
            column: "measure",
            message: cells.measure ? `"${cells.measure}" is no measure's reference or key` : "is empty",
          });
        else if (m.kind !== "base") problems.push({ row, column: "measure", message: `${m.ref} is ${m.kind}: its values are computed` });
        const bad = dateProblem(cells.period ?? "");
        if (bad) problems.push({ row, column: "period", message: bad });
        const text = cells.value ?? "";
        const value = text === "" ? null : Number(text);
        if (value !== null && !Number.isFinite(value)) problems.push({ row, column: "value", message: `"${text}" is not a number` });
        if ((cells.note ?? "").length > 1000) problems.push({ row, column: "note", message: "must be at most 1000 characters" });
        if (m && m.kind === "base" && !bad) {
          const period = periodStart(m, cells.period as string);
          if (!period) problems.push({ row, column: "period", message: `lies before ${m.ref}'s first period (${m.start_date})` });
          else if (value === null || Number.isFinite(value)) {
            const key = `${m.id}|${period}`;
            if (planned.has(key))
              problems.push({ row, column: "period", message: `another row gives ${m.ref} a value for the period from ${period}` });
            planned.set(key, { measureId: m.id, period, value, note: cells.note || null });
          }
        }
      }
      refuseProblems(problems);
      const counts = await withWrite(db, writeMeta(request), async (ctx) => {
        let created = 0;
        let updated = 0;
        for (const p of planned.values()) {
          const existing = await ctx.trx
            .selectFrom("measure_values")
            .select(["id", "version"])
            .where("measure_id", "=", p.measureId)
            .where("period", "=", p.period)
            .executeTakeFirst();
          if (existing) {
            await updateAudited(
              ctx,
              "measure_values",
              existing.id,
              { value: p.value, note: p.note, source: "imported", recorded_by: principal.userId },
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
                recorded_by: principal.userId,
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
      });
      return reply.status(201).send(counts);
    },
    { bodyLimit: importBodyLimit(limits.fileBytes) },
  );

  serveEndpoint(app, measureEndpoints.recompute, async (request) =>
    recomputeBuiltins(db, requireMember(request).orgId, today(), writeMeta(request)),
  );

  serveEndpoint(app, measureEndpoints.dashboard, async (request) => {
    const { orgId } = requireMember(request);
    const now = today();
    const [measures, due] = await Promise.all([listMeasures(db, orgId), dueItems(db, orgId, addDaysTo(now, -1), now)]);
    const indicators = await Promise.all(
      measures.map(async (measure) => ({
        measure,
        recent: (await seriesOf(db, orgId, await measureRow(db, orgId, measure.id))).slice(-12),
      })),
    );
    const counts = { on_target: 0, watch: 0, act: 0, noValue: 0 };
    for (const m of measures) {
      if (m.latest?.status) counts[m.latest.status]++;
      else counts.noValue++;
    }
    return { indicators, counts, overdue: due.filter((d) => d.due < now).sort((a, b) => a.due.localeCompare(b.due)) };
  });
};

/** The derived measures whose formula reads a base measure's key. */
async function formulasUsing(db: Db, orgId: string, key: string | null): Promise<string[]> {
  if (!key) return [];
  const derived = await db.kysely
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
