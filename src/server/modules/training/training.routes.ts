import { importBodyLimit } from "../../../contracts/imports.js";
import { courseEndpoints, requirementEndpoints, trainingEndpoints } from "../../../contracts/training.js";
import { addDaysTo } from "../../../core/work/recurrence.js";
import { deleteAudited, updateAudited, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { badRequest } from "../../http/errors.js";
import { inputLimits } from "../../http/limits.js";
import type { RouteModule } from "../../http/routes.js";
import { registerRoutes } from "../../registers/register-routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { today } from "../risks/index.js";
import { dateProblem, type RowProblem, readRows, refuseProblems } from "./import.js";
import {
  addRecord,
  checkReferences,
  coverageReport,
  importNames,
  listRecords,
  memberName,
  type NewRecord,
  presentCourse,
  presentRecord,
  RECORD,
  recordCountOfCourse,
  recordRow,
  refresherOf,
} from "./training.repo.js";

const _tags = ["training and awareness"];

const courseRoutes = registerRoutes({
  endpoints: courseEndpoints,
  table: "training_courses",
  toRow: (input) => ({
    title: input.title,
    kind: input.kind,
    description: input.description || null,
    target_role_ids: JSON.stringify([...new Set(input.targetRoleIds)]),
    target_groups: JSON.stringify(input.targetGroups),
    refresher_months: input.refresherMonths,
    starts_on: input.startsOn,
    owner_user_id: input.ownerUserId,
  }),
  present: presentCourse,
  check: (db, orgId, input) =>
    checkReferences(db, orgId, {
      roleIds: input.targetRoleIds.map((id, i) => ({ field: `targetRoleIds.${i}`, id })),
      userId: { field: "ownerUserId", id: input.ownerUserId },
    }),
  inUse: async (db, orgId, id) => {
    const n = await recordCountOfCourse(db, orgId, id);
    return n > 0 ? `${n} completion record(s) refer to it` : null;
  },
});

const requirementRoutes = registerRoutes({
  endpoints: requirementEndpoints,
  table: "competence_requirements",
  toRow: (input) => ({ role_id: input.roleId, title: input.title, course_id: input.courseId }),
  present: (row) => ({
    id: row.id,
    roleId: row.role_id,
    title: row.title,
    courseId: row.course_id,
    version: row.version,
  }),
  check: (db, orgId, input) =>
    checkReferences(db, orgId, { roleIds: [{ field: "roleId", id: input.roleId }], courseId: { field: "courseId", id: input.courseId } }),
});

/** Who the record is about: a member (named as they are) or a named person. */
async function person(db: Db, orgId: string, input: { userId: string | null; personName: string | null }) {
  if (input.userId) {
    const name = await memberName(db, orgId, input.userId);
    if (name === undefined)
      throw badRequest("the user is not a member of this organization", [
        { field: "userId", message: "is not a member of this organization" },
      ]);
    return { user_id: input.userId, person_name: name };
  }
  if (!input.personName)
    throw badRequest("say who completed it", [{ field: "personName", message: "is required when userId is not given" }]);
  return { user_id: null, person_name: input.personName };
}

const recordRoutes: RouteModule = (app, { db, config }) => {
  const limits = inputLimits(config);
  serveEndpoint(app, trainingEndpoints.records, async (request) => {
    const { orgId } = requireMember(request);
    const rows = await listRecords(db, orgId, request.query.courseId, 1000);
    return { items: rows.map((r) => presentRecord(r, r.refresher_months)) };
  });

  serveEndpoint(app, trainingEndpoints.addRecord, async (request, reply) => {
    const { orgId } = requireMember(request);
    const input = request.body;
    await checkReferences(db, orgId, { courseId: { field: "courseId", id: input.courseId } });
    const who = await person(db, orgId, input);
    const row = await withWrite(db, writeMeta(request), (ctx) =>
      addRecord(ctx, orgId, {
        org_id: orgId,
        course_id: input.courseId,
        ...who,
        completed_on: input.completedOn,
        note: input.note || null,
        source: "entered",
      }),
    );
    return reply.status(201).send(presentRecord(row, await refresherOf(db, orgId, row.course_id)));
  });

  updateRoutes(app, {
    endpoints: trainingEndpoints.updateRecord,
    current: async (request, params) => {
      const { orgId } = requireMember(request);
      const row = await recordRow(db, orgId, params.itemId);
      return presentRecord(row, await refresherOf(db, orgId, row.course_id));
    },
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      await recordRow(db, orgId, params.itemId);
      await checkReferences(db, orgId, { courseId: { field: "courseId", id: input.courseId } });
      const who = await person(db, orgId, input);
      const after = await withWrite(db, writeMeta(request), (ctx) =>
        updateAudited(
          ctx,
          "training_records",
          params.itemId,
          { course_id: input.courseId, ...who, completed_on: input.completedOn, note: input.note || null },
          { orgId, entityType: RECORD, expectedVersion: version, scope: { org_id: orgId } },
        ),
      );
      return presentRecord(after, await refresherOf(db, orgId, input.courseId));
    },
  });

  serveEndpoint(app, trainingEndpoints.removeRecord, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) =>
      deleteAudited(ctx, "training_records", request.params.itemId, { orgId, entityType: RECORD, scope: { org_id: orgId } }),
    );
    return { ok: true as const };
  });

  serveEndpoint(
    app,
    trainingEndpoints.importRecords,
    async (request, reply) => {
      const { orgId } = requireMember(request);
      const rows = await readRows(request.body.format, Buffer.from(request.body.contentBase64, "base64"), limits, {
        required: ["course", "person", "completed_on"],
        optional: ["note"],
      });
      const { courses, members } = await importNames(db, orgId);
      const courseBy = new Map(courses.map((c) => [c.title.trim().toLowerCase(), c.id]));
      const memberBy = new Map(
        members.flatMap((m) => [[m.email.toLowerCase(), m] as const, [m.display_name.trim().toLowerCase(), m] as const]),
      );
      const problems: RowProblem[] = [];
      const planned: NewRecord[] = [];
      for (const { row, cells } of rows) {
        const courseId = courseBy.get((cells.course ?? "").toLowerCase());
        if (!courseId)
          problems.push({
            row,
            column: "course",
            message: cells.course ? `"${cells.course}" is not a course of this organization` : "is empty",
          });
        const who = (cells.person ?? "").trim();
        if (!who) problems.push({ row, column: "person", message: "is empty" });
        if (who.length > 200) problems.push({ row, column: "person", message: "must be at most 200 characters" });
        const date = cells.completed_on ?? "";
        const bad = dateProblem(date) ?? (date > addDaysTo(today(), 1) ? "lies in the future" : null);
        if (bad) problems.push({ row, column: "completed_on", message: bad });
        if ((cells.note ?? "").length > 1000) problems.push({ row, column: "note", message: "must be at most 1000 characters" });
        const member = memberBy.get(who.toLowerCase());
        if (courseId && who && !bad)
          planned.push({
            org_id: orgId,
            course_id: courseId,
            user_id: member?.id ?? null,
            person_name: member?.display_name ?? who,
            completed_on: date,
            note: cells.note || null,
            source: "imported",
          });
      }
      refuseProblems(problems);
      await withWrite(db, writeMeta(request), async (ctx) => {
        for (const p of planned) await addRecord(ctx, orgId, p);
      });
      return reply.status(201).send({ created: planned.length });
    },
    { bodyLimit: importBodyLimit(limits.fileBytes) },
  );

  serveEndpoint(app, trainingEndpoints.coverage, async (request) => {
    const now = today();
    return coverageReport(db, requireMember(request).orgId, now, addDaysTo(now, 90));
  });
};

export const trainingRoutes: RouteModule[] = [courseRoutes, requirementRoutes, recordRoutes];
