import { scopeEndpoints, scopeNarrativeEndpoints } from "../../../contracts/scope.js";
import { diffLines } from "../../../core/scope/statement.js";
import { withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { isUniqueViolation } from "../../db/errors.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { conflict } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { singletonRoutes } from "../../registers/singleton-routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import {
  createElement,
  createInterface,
  deleteElement,
  deleteInterface,
  findElement,
  findInterface,
  listElements,
  listInterfaces,
  presentElement,
  presentInterface,
  updateElement,
  updateInterface,
} from "./scope.repo.js";
import { currentStatement, findVersion, freezeStatement, listVersions, presentVersion } from "./statement.repo.js";

/** A unique value taken by a concurrent request between our check and our write. */
async function retryable<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${what} was taken by a concurrent change; reload and try again`);
    throw error;
  }
}

const elementRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, scopeEndpoints.listElements, async (request) => {
    const { orgId } = requireMember(request);
    const { kind, inScope, parentId, q, sort, ...page } = request.query;
    return listElements(db, orgId, { kinds: kind, inScope, parentId, q }, { ...page, sort: sort === "name" ? "name" : "created_at" });
  });

  serveEndpoint(app, scopeEndpoints.createElement, async (request, reply) => {
    const { orgId } = requireMember(request);
    const row = await retryable(
      withWrite(db, writeMeta(request), (ctx) => createElement(ctx, orgId, request.body)),
      "the external reference",
    );
    return reply.status(201).send(presentElement(row));
  });

  serveEndpoint(app, scopeEndpoints.getElement, async (request) =>
    presentElement(await findElement(db, requireMember(request).orgId, request.params.elementId)),
  );

  updateRoutes(app, {
    endpoints: scopeEndpoints.updateElement,
    current: async (request, params) => presentElement(await findElement(db, requireMember(request).orgId, params.elementId)),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      const row = await retryable(
        withWrite(db, writeMeta(request), (ctx) => updateElement(ctx, orgId, params.elementId, input, version)),
        "the external reference",
      );
      return presentElement(row);
    },
  });

  serveEndpoint(app, scopeEndpoints.deleteElement, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => deleteElement(ctx, orgId, request.params.elementId));
    return { ok: true as const };
  });
};

const interfaceRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, scopeEndpoints.listInterfaces, async (request) => {
    const { orgId } = requireMember(request);
    const { elementId, direction, ...page } = request.query;
    return listInterfaces(db, orgId, { elementId, direction }, page);
  });

  serveEndpoint(app, scopeEndpoints.createInterface, async (request, reply) => {
    const { orgId } = requireMember(request);
    const row = await withWrite(db, writeMeta(request), (ctx) => createInterface(ctx, orgId, request.body));
    return reply.status(201).send(presentInterface(row));
  });

  serveEndpoint(app, scopeEndpoints.getInterface, async (request) =>
    presentInterface(await findInterface(db, requireMember(request).orgId, request.params.interfaceId)),
  );

  updateRoutes(app, {
    endpoints: scopeEndpoints.updateInterface,
    references: { fromElement: "fromElementId", toElement: "toElementId" },
    current: async (request, params) => presentInterface(await findInterface(db, requireMember(request).orgId, params.interfaceId)),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      const row = await withWrite(db, writeMeta(request), (ctx) => updateInterface(ctx, orgId, params.interfaceId, input, version));
      return presentInterface(row);
    },
  });

  serveEndpoint(app, scopeEndpoints.deleteInterface, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => deleteInterface(ctx, orgId, request.params.interfaceId));
    return { ok: true as const };
  });
};

const narrativeRoutes = singletonRoutes({
  endpoints: scopeNarrativeEndpoints,
  table: "scope_narratives",
  toRow: (i) => ({ narrative: i.narrative || null }),
  present: (r) => ({
    narrative: r?.narrative ?? null,
    version: r?.version ?? 0,
    updatedAt: r?.updated_at ?? null,
  }),
});

async function markdownOf(db: Db, orgId: string, number: number | undefined): Promise<string> {
  return number === undefined ? (await currentStatement(db, orgId)).markdown : (await findVersion(db, orgId, number)).markdown;
}

const statementRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, scopeEndpoints.statement, async (request) => {
    const { markdown, latest } = await currentStatement(db, requireMember(request).orgId);
    return { markdown, latestVersion: latest?.number ?? null, changedSinceLatest: latest?.markdown !== markdown };
  });

  serveEndpoint(app, scopeEndpoints.listVersions, async (request) => listVersions(db, requireMember(request).orgId, request.query));

  serveEndpoint(app, scopeEndpoints.freeze, async (request, reply) => {
    const { orgId } = requireMember(request);
    const row = await retryable(
      withWrite(db, writeMeta(request), (ctx) => freezeStatement(ctx, orgId, request.body.note)),
      "the next version number",
    );
    return reply.status(201).send(presentVersion(row));
  });

  serveEndpoint(app, scopeEndpoints.getVersion, async (request) =>
    presentVersion(await findVersion(db, requireMember(request).orgId, request.params.number)),
  );

  serveEndpoint(app, scopeEndpoints.diff, async (request) => {
    const { orgId } = requireMember(request);
    const { from, to } = request.query;
    const [before, after] = await Promise.all([markdownOf(db, orgId, from), markdownOf(db, orgId, to)]);
    return { from, to: to ?? null, lines: diffLines(before, after) };
  });
};

export const scopeRoutes: RouteModule[] = [elementRoutes, interfaceRoutes, narrativeRoutes, statementRoutes];
