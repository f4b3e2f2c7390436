import { planEndpoints, planExportEndpoints, taskEndpoints } from "../../../contracts/plan.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { orgName } from "../orgs/index.js";
import { personLabel } from "../risks/index.js";
import { generateTasks } from "./generate.js";
import {
  compareWithBaseline,
  createTask,
  deleteTask,
  freezeBaseline,
  listBaselines,
  presentTasks,
  readBaseline,
  readCalendar,
  readLoad,
  readSchedule,
  readTask,
  taskAsInput,
  updateTask,
  writeCalendar,
} from "./plan.repo.js";
import { planCalendar, planWorkbook } from "./plan-export.js";

const today = () => new Date().toISOString().slice(0, 10);

/** The implementation plan (9.3, 9.5): tasks with dependencies, the schedule and critical path, load, calendar and baselines. */
export const planRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, taskEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { q, status, source, owner, cursor, limit, dir, sort } = request.query;
    let all = await presentTasks(db, orgId);
    if (q) all = all.filter((t) => `${t.ref} ${t.title}`.toLowerCase().includes(q.toLowerCase()));
    if (status) all = all.filter((t) => t.status === status);
    if (source) all = all.filter((t) => t.source === source);
    if (owner) all = all.filter((t) => t.owner?.id === owner);
    if (sort === "title") all.sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
    if (dir === "desc") all.reverse();
    const offset = cursor ? Number.parseInt(Buffer.from(cursor, "base64url").toString(), 10) || 0 : 0;
    const items = all.slice(offset, offset + limit);
    const next = offset + limit < all.length ? Buffer.from(String(offset + limit)).toString("base64url") : null;
    return { items, nextCursor: next };
  });

  serveEndpoint(app, taskEndpoints.create, async (request, reply) => {
    const { orgId } = requireMember(request);
    const id = await withWrite(db, writeMeta(request), (ctx) => createTask(ctx, orgId, request.body));
    return reply.status(201).send(await readTask(db, orgId, id));
  });

  serveEndpoint(app, taskEndpoints.get, (request) => readTask(db, requireMember(request).orgId, request.params.taskId));

  updateRoutes(app, {
    endpoints: taskEndpoints,
    current: async (request, params) => taskAsInput(await readTask(db, requireMember(request).orgId, params.taskId)),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      await withWrite(db, writeMeta(request), (ctx) => updateTask(ctx, orgId, params.taskId, input, version));
      return readTask(db, orgId, params.taskId);
    },
  });

  serveEndpoint(app, taskEndpoints.remove, async (request) => {
    const { orgId } = requireMember(request);
    await readTask(db, orgId, request.params.taskId);
    await withWrite(db, writeMeta(request), (ctx) => deleteTask(ctx, orgId, request.params.taskId));
    return { ok: true as const };
  });

  serveEndpoint(app, planEndpoints.generate, async (request) => {
    const { orgId } = requireMember(request);
    const ids = await withWrite(db, writeMeta(request), (ctx) => generateTasks(ctx, orgId, request.body.from));
    const all = await presentTasks(db, orgId);
    const wanted = new Set(ids);
    return { created: ids.length, tasks: all.filter((t) => wanted.has(t.id)).map((t) => ({ id: t.id, ref: t.ref, title: t.title })) };
  });

  serveEndpoint(app, planEndpoints.schedule, (request) => readSchedule(db, requireMember(request).orgId, today()));
  serveEndpoint(app, planEndpoints.load, (request) => readLoad(db, requireMember(request).orgId, today()));
  serveEndpoint(app, planEndpoints.calendar, (request) => readCalendar(db, requireMember(request).orgId));

  serveEndpoint(app, planEndpoints.saveCalendar, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => writeCalendar(ctx, orgId, request.body));
    return readCalendar(db, orgId);
  });

  serveEndpoint(app, planEndpoints.baselines, (request) => listBaselines(db, requireMember(request).orgId));

  serveEndpoint(app, planEndpoints.freezeBaseline, async (request, reply) => {
    const { orgId, principal } = requireMember(request);
    const label = await personLabel(db, principal.userId);
    const baseline = await withWrite(db, writeMeta(request), (ctx) => freezeBaseline(ctx, orgId, request.body.note, label, today()));
    return reply.status(201).send(baseline);
  });

  serveEndpoint(app, planEndpoints.baseline, (request) => readBaseline(db, requireMember(request).orgId, request.params.number));
  serveEndpoint(app, planEndpoints.comparison, (request) => compareWithBaseline(db, requireMember(request).orgId, today()));

  serveEndpoint(app, planExportEndpoints.xlsx, async (request, reply) => {
    const { orgId } = requireMember(request);
    const file = await planWorkbook(db, orgId, today());
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", 'attachment; filename="isms-plan.xlsx"')
      .header("cache-control", "no-store")
      .send(file);
  });

  serveEndpoint(app, planExportEndpoints.ics, async (request, reply) => {
    const { orgId } = requireMember(request);
    const file = await planCalendar(db, orgId, today(), (await orgName(db, orgId)) ?? "ISMS", `${request.protocol}://${request.host}`);
    return reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", 'attachment; filename="isms-plan.ics"')
      .header("cache-control", "no-store")
      .send(file);
  });
};
