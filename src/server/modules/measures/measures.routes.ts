import { importBodyLimit } from "../../../contracts/imports.js";
import { measureEndpoints } from "../../../contracts/measures.js";
import { registerPolicy } from "../../../core/access/policies.js";
import { crossings } from "../../../core/measurement/indicator.js";
import { addDaysTo } from "../../../core/work/recurrence.js";
import { deleteAudited, updateAudited, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { badRequest, conflict } from "../../http/errors.js";
import { inputLimits } from "../../http/limits.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { today } from "../risks/index.js";
import { dateProblem, type RowProblem, readRows, refuseProblems } from "../training/index.js";
import { BUILTIN_MEASURES } from "./builtins.js";
import { dueItems } from "./due.js";
import {
  addValue,
  checkMeasure,
  createMeasure,
  criteriaOf,
  findMeasure,
  formulasUsing,
  listMeasures,
  MEASURE,
  measureRow,
  measureRows,
  periodStart,
  presentPoint,
  recordImportedValues,
  removeMeasure,
  seriesOf,
  toRow,
  VALUE,
  valueForPeriod,
  valueRow,
} from "./measures.repo.js";
import { recomputeBuiltins } from "./recompute.js";
import "./review-input.js";

const _tags = ["measurement"];

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
    const id = await withWrite(db, writeMeta(request), (ctx) => createMeasure(ctx, orgId, request.body, today()));
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
    await withWrite(db, writeMeta(request), (ctx) => removeMeasure(ctx, orgId, row.id));
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
    const value = await withWrite(db, writeMeta(request), (ctx) =>
      addValue(ctx, orgId, row, { period, value: request.body.value, note: request.body.note || null }, principal.userId),
    );
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
      const other = await valueForPeriod(db, orgId, row.id, period);
      if (other && other.id !== params.valueId)
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
      const measures = await measureRows(db, orgId);
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
      const counts = await withWrite(db, writeMeta(request), (ctx) => recordImportedValues(ctx, orgId, planned.values(), principal.userId));
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
