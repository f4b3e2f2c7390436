import type { z } from "zod";
import { type RaciEntrySchema, raciEndpoints } from "../../../contracts/raci.js";
import { uuidv7 } from "../../../core/ids.js";
import { deleteAudited, insertAudited, updateAudited, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { isUniqueViolation } from "../../db/errors.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { isMember } from "../orgs/index.js";
import { orgCatalog, releaseAssignments } from "../process/index.js";
import {
  activitiesAccountableTo,
  addAssignment,
  assignmentIdsOf,
  hasRoles,
  listRoles,
  raciEntries,
  roleById,
  roleExists,
  roleIds,
  roleKeyTaken,
  seedRoles,
  setRaci,
} from "./raci.repo.js";

const KEY_PATTERN = /[^a-z0-9]+/g;

async function seeded(db: Db, request: Parameters<typeof writeMeta>[0], orgId: string) {
  const { catalog } = await orgCatalog(db, orgId);
  if (!(await hasRoles(db, orgId))) {
    // Taking the catalog's defaults is the system's doing, not the reader's; two first reads at
    // once both try, and the loser finds the roles there.
    try {
      await withWrite(db, { ...writeMeta(request), actor: { type: "system", id: null } }, (ctx) => seedRoles(ctx, orgId, catalog));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return catalog;
}

export const raciRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, raciEndpoints.listRoles, async (request) => {
    const { orgId } = requireMember(request);
    await seeded(db, request, orgId);
    return { items: await listRoles(db, orgId) };
  });

  serveEndpoint(app, raciEndpoints.createRole, async (request, reply) => {
    const { orgId } = requireMember(request);
    await seeded(db, request, orgId);
    const role = await withWrite(db, writeMeta(request), async (ctx) => {
      const key = request.body.title.toLowerCase().replace(KEY_PATTERN, "_").replace(/^_|_$/g, "").slice(0, 50) || "role";
      if (await roleKeyTaken(ctx, orgId, key)) throw conflict(`a role called "${request.body.title}" exists already`);
      const row = {
        id: uuidv7(),
        org_id: orgId,
        key,
        ...request.body,
        mandatory: request.body.mandatory ? 1 : 0,
        created_at: ctx.now,
        updated_at: ctx.now,
        version: 1,
      };
      await insertAudited(ctx, "isms_roles", row, { orgId, entityType: "isms role" });
      return roleById(ctx, orgId, row.id);
    });
    return reply.status(201).send(role);
  });

  updateRoutes(app, {
    endpoints: raciEndpoints.updateRole,
    current: (request, params) => roleById(db, requireMember(request).orgId, params.roleId),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      return withWrite(db, writeMeta(request), async (ctx) => {
        const current = await roleById(ctx, orgId, params.roleId);
        if (current.version !== version) {
          throw conflict(
            `the role was changed by someone else (you sent version ${version}, it is now at ${current.version}); reload and try again`,
            current,
          );
        }
        await updateAudited(
          ctx,
          "isms_roles",
          params.roleId,
          { ...input, mandatory: input.mandatory ? 1 : 0 },
          {
            orgId,
            entityType: "isms role",
            expectedVersion: version,
            scope: { org_id: orgId },
          },
        );
        return roleById(ctx, orgId, params.roleId);
      });
    },
  });

  serveEndpoint(app, raciEndpoints.deleteRole, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), async (ctx) => {
      const accountable = await activitiesAccountableTo(ctx, orgId, request.params.roleId);
      if (accountable.length > 0) {
        throw conflict(`the role is accountable for ${accountable.join(", ")}; make another role accountable first`);
      }
      const people = await assignmentIdsOf(ctx, orgId, request.params.roleId);
      await deleteAudited(ctx, "isms_roles", request.params.roleId, { orgId, entityType: "isms role", scope: { org_id: orgId } });
      await releaseAssignments(ctx, orgId, people);
    });
    return { ok: true as const };
  });

  serveEndpoint(app, raciEndpoints.assign, async (request, reply) => {
    const { orgId } = requireMember(request);
    const role = await withWrite(db, writeMeta(request), async (ctx) => {
      if (!(await roleExists(ctx, orgId, request.params.roleId))) throw notFound("role");
      if (request.body.userId && !(await isMember(ctx, orgId, request.body.userId)))
        throw badRequest("the user is not a member of this organization", [
          { field: "userId", message: "is not a member of this organization" },
        ]);
      await addAssignment(ctx, orgId, request.params.roleId, {
        userId: request.body.userId,
        personName: request.body.personName || null,
      });
      return roleById(ctx, orgId, request.params.roleId);
    });
    return reply.status(201).send(role);
  });

  serveEndpoint(app, raciEndpoints.unassign, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), async (ctx) => {
      await deleteAudited(ctx, "role_assignments", request.params.assignmentId, {
        orgId,
        entityType: "role assignment",
        scope: { org_id: orgId, role_id: request.params.roleId },
      });
      // One role model: the project role this person held through (if any) is vacant now too.
      await releaseAssignments(ctx, orgId, [request.params.assignmentId]);
    });
    return { ok: true as const };
  });

  serveEndpoint(app, raciEndpoints.matrix, async (request) => {
    const { orgId } = requireMember(request);
    const catalog = await seeded(db, request, orgId);
    const [roles, entries] = await Promise.all([listRoles(db, orgId), raciEntries(db, orgId, catalog)]);
    return { roles, entries };
  });

  updateRoutes(app, {
    endpoints: raciEndpoints.setRaci,
    current: async (request, params) => {
      const { orgId } = requireMember(request);
      const catalog = await seeded(db, request, orgId);
      const entry = (await raciEntries(db, orgId, catalog)).find((e) => e.activityId === params.activityId);
      if (!entry) throw notFound(`activity ${params.activityId}`);
      return entry;
    },
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const catalog = await seeded(db, request, orgId);
      const activityId = params.activityId;
      if (!catalog.activities.some((a) => a.id === activityId)) throw notFound(`activity ${activityId}`);
      return withWrite(db, writeMeta(request), async (ctx) => {
        const known = await roleIds(ctx, orgId);
        const errors = (["responsible", "consulted", "informed"] as const).flatMap((field) =>
          body[field].flatMap((id, i) =>
            known.has(id) ? [] : [{ field: `${field}.${i}`, message: "is not a role of this organization" }],
          ),
        );
        if (!known.has(body.accountable)) errors.push({ field: "accountable", message: "is not a role of this organization" });
        if (errors.length) throw badRequest("the RACI names roles this organization does not have", errors);
        await setRaci(ctx, orgId, activityId, body, catalog);
        return (await raciEntries(ctx, orgId, catalog)).find((e) => e.activityId === activityId) as z.infer<typeof RaciEntrySchema>;
      });
    },
  });
};
