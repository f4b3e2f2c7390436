import { processEndpoints } from "../../../contracts/process.js";
import { uuidv7 } from "../../../core/ids.js";
import { formatProblems } from "../../../core/process/catalog.js";
import { insertAudited, updateAudited, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { badRequest, conflict, HttpProblem, notFound } from "../../http/errors.js";
import { inputLimits } from "../../http/limits.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { isMember } from "../orgs/index.js";
import { clearNotApplicable, markNotApplicable, notApplicableActivities } from "./activity-states.repo.js";
import { orgCatalog, parseUploadedCatalog } from "./catalog.repo.js";
import { keepAssignment, projectRoleRow, readProjectRoles } from "./project-roles.repo.js";
import { catalogInfo, computeRoadmap } from "./roadmap.service.js";
import { readSettings, writeSettings } from "./settings.repo.js";
import { decideSodChange, pendingProposal, presentProposal, proposeSodChange } from "./sod-proposals.repo.js";

/** The catalog's project roles with who holds each (one model with Roles & RACI); version 0 for a role never assigned. */
async function projectRoles(db: Db, orgId: string) {
  const { catalog } = await orgCatalog(db, orgId);
  return { items: await readProjectRoles(db, orgId, catalog) };
}

export const processRoutes: RouteModule = (app, { db, config }) => {
  const limits = inputLimits(config);
  serveEndpoint(app, processEndpoints.roadmap, async (request) => {
    const { orgId } = requireMember(request);
    const { org, roadmap } = await computeRoadmap(db, orgId);
    const na = await notApplicableActivities(db, orgId);
    return {
      ...roadmap,
      catalog: catalogInfo(org.catalog, org),
      activities: roadmap.activities.map((a) => ({
        ...a,
        notApplicable: na.has(a.id) ? { justification: na.get(a.id) as string } : null,
      })),
    };
  });

  serveEndpoint(app, processEndpoints.catalog, async (request) => {
    const org = await orgCatalog(db, requireMember(request).orgId);
    return { info: catalogInfo(org.catalog, org), catalog: org.catalog };
  });

  serveEndpoint(app, processEndpoints.uploadCatalog, async (request) => {
    const { orgId } = requireMember(request);
    const result = await parseUploadedCatalog(request.body.source, request.body.format, limits);
    if (!result.ok) {
      throw badRequest(
        `the catalog is invalid: ${formatProblems(result.problems)}`,
        result.problems.map((message) => ({ field: "source", message })),
      );
    }
    const settings = await withWrite(db, writeMeta(request), (ctx) =>
      writeSettings(ctx, orgId, {
        catalog_format: request.body.format,
        catalog_source: request.body.source,
        catalog_uploaded_at: ctx.now,
      }),
    );
    return catalogInfo(result.catalog, { custom: true, uploadedAt: settings.catalog_uploaded_at });
  });

  serveEndpoint(app, processEndpoints.resetCatalog, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) =>
      writeSettings(ctx, orgId, { catalog_format: null, catalog_source: null, catalog_uploaded_at: null }),
    );
    const org = await orgCatalog(db, orgId);
    return catalogInfo(org.catalog, org);
  });

  const settingsOf = async (orgId: string) => {
    const settings = await readSettings(db, orgId);
    const pending = await pendingProposal(db, orgId);
    return {
      separationOfDuties: (settings?.separation_of_duties ?? 1) === 1,
      pendingChange: pending ? presentProposal(pending) : null,
      version: settings?.version ?? 0,
    };
  };

  serveEndpoint(app, processEndpoints.settings, (request) => settingsOf(requireMember(request).orgId));

  updateRoutes(app, {
    endpoints: processEndpoints.updateSettings,
    current: async (request) => settingsOf(requireMember(request).orgId),
    write: async (request, _params, body) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), async (ctx) => {
        const current = ((await readSettings(ctx, orgId))?.separation_of_duties ?? 1) === 1;
        // Turning it on restrains everyone and may be done alone; turning it off needs a second person.
        if (current && !body.separationOfDuties) {
          throw new HttpProblem(
            409,
            "needs-approval",
            "Needs an approver's decision",
            "turning separation of duties off needs an approver's decision: propose it with POST .../process/settings/separation-of-duties/proposals",
          );
        }
        return writeSettings(ctx, orgId, { separation_of_duties: body.separationOfDuties ? 1 : 0 }, body.version);
      });
      return settingsOf(orgId);
    },
  });

  serveEndpoint(app, processEndpoints.proposeSod, async (request, reply) => {
    const { orgId, principal } = requireMember(request);
    const row = await withWrite(db, writeMeta(request), (ctx) =>
      proposeSodChange(ctx, orgId, {
        separationOfDuties: request.body.separationOfDuties,
        reason: request.body.reason,
        by: principal.userId,
      }),
    );
    return reply.status(201).send(presentProposal(row));
  });

  for (const [status, endpoint] of [
    ["approved", processEndpoints.approveSod],
    ["rejected", processEndpoints.rejectSod],
  ] as const) {
    serveEndpoint(app, endpoint, async (request) => {
      const { orgId, principal } = requireMember(request);
      const row = await withWrite(db, writeMeta(request), (ctx) =>
        decideSodChange(ctx, orgId, request.params.proposalId, {
          status,
          by: principal.userId,
          comment: request.body.comment,
          version: request.body.version,
        }),
      );
      return presentProposal(row);
    });
  }

  serveEndpoint(app, processEndpoints.markNotApplicable, async (request) => {
    const { orgId } = requireMember(request);
    const { catalog } = await orgCatalog(db, orgId);
    const activityId = request.params.activityId;
    if (!catalog.activities.some((a) => a.id === activityId)) throw notFound(`activity ${activityId}`);
    await withWrite(db, writeMeta(request), (ctx) => markNotApplicable(ctx, orgId, activityId, request.body.justification));
    return { ok: true as const };
  });

  serveEndpoint(app, processEndpoints.clearNotApplicable, async (request) => {
    const { orgId } = requireMember(request);
    const cleared = await withWrite(db, writeMeta(request), (ctx) => clearNotApplicable(ctx, orgId, request.params.activityId));
    if (!cleared) throw notFound(`a not-applicable decision for activity ${request.params.activityId}`);
    return { ok: true as const };
  });

  serveEndpoint(app, processEndpoints.projectRoles, (request) => projectRoles(db, requireMember(request).orgId));

  updateRoutes(app, {
    endpoints: processEndpoints.updateProjectRole,
    current: async (request, params) => {
      const { items } = await projectRoles(db, requireMember(request).orgId);
      const role = items.find((r) => r.key === params.key);
      if (!role) throw notFound(`project role ${params.key}`);
      return role;
    },
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { catalog } = await orgCatalog(db, orgId);
      const role = catalog.projectRoles.find((r) => r.key === params.key);
      if (!role) throw notFound(`project role ${params.key}`);
      const { personName, userId, version } = body;
      return withWrite(db, writeMeta(request), async (ctx) => {
        if (userId && !(await isMember(ctx, orgId, userId)))
          throw badRequest("the user is not a member of this organization", [
            { field: "userId", message: "is not a member of this organization" },
          ]);
        const existing = await projectRoleRow(ctx, orgId, role.key);
        const holder = { person_name: personName?.trim() || null, user_id: userId };
        if (existing) {
          if (existing.version !== version) {
            const current = (await readProjectRoles(ctx, orgId, catalog)).find((r) => r.key === role.key);
            throw conflict(
              `project role was changed by someone else (you sent version ${version}, it is now at ${existing.version}); reload and try again`,
              current,
            );
          }
          const assignmentId = await keepAssignment(ctx, orgId, catalog, {
            key: role.key,
            ...holder,
            assignment_id: existing.assignment_id,
          });
          await updateAudited(
            ctx,
            "project_roles",
            existing.id,
            { ...holder, assignment_id: assignmentId },
            { orgId, entityType: "project role", expectedVersion: version },
          );
        } else {
          // An empty row is not an assignment: saving it must not report "saved" (issue 11, item 12).
          if (!holder.person_name && !userId)
            throw badRequest("say who holds the role: a person's name, or a member", [
              { field: "personName", message: "is required: name the person who holds the role, or choose a member" },
            ]);
          if (version !== 0)
            throw badRequest("the role was never assigned; send version 0", [
              { field: "version", message: "must be 0 for a role never assigned" },
            ]);
          const assignmentId = await keepAssignment(ctx, orgId, catalog, { key: role.key, ...holder, assignment_id: null });
          const created = {
            id: uuidv7(),
            org_id: orgId,
            key: role.key,
            title: role.title,
            required: role.required ? 1 : 0,
            ...holder,
            assignment_id: assignmentId,
            created_at: ctx.now,
            updated_at: ctx.now,
            version: 1,
          };
          await insertAudited(ctx, "project_roles", created, { orgId, entityType: "project role" });
        }
        const after = (await readProjectRoles(ctx, orgId, catalog)).find((r) => r.key === role.key);
        if (!after) throw notFound(`project role ${params.key}`);
        return after;
      });
    },
  });
};
