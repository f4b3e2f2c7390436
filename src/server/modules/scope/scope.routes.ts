import { OkSchema, OrgParamsSchema, pageOf } from "../../../contracts/common.js";
import {
  BoundaryInterfaceInputSchema,
  BoundaryInterfaceListQuerySchema,
  BoundaryInterfaceParamsSchema,
  BoundaryInterfaceSchema,
  BoundaryInterfaceUpdateSchema,
  ScopeElementInputSchema,
  ScopeElementListQuerySchema,
  ScopeElementParamsSchema,
  ScopeElementSchema,
  ScopeElementUpdateSchema,
  ScopeStatementDiffQuerySchema,
  ScopeStatementDiffSchema,
  ScopeStatementFreezeSchema,
  ScopeStatementSchema,
  ScopeStatementVersionListQuerySchema,
  ScopeStatementVersionParamsSchema,
  ScopeStatementVersionSchema,
  ScopeStatementVersionSummarySchema,
  scopeNarrativeEndpoints,
} from "../../../contracts/scope.js";
import { registerPolicy } from "../../../core/access/policies.js";
import { diffLines } from "../../../core/scope/statement.js";
import { withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { isUniqueViolation } from "../../db/errors.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
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

const tags = ["scope and boundaries"];

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
  const base = "/orgs/:orgId/scope/elements";
  const item = `${base}/:elementId`;

  app.get(base, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "List scope elements: units, processes, systems, networks, platforms, cloud services, sites, buildings, rooms",
      params: OrgParamsSchema,
      querystring: ScopeElementListQuerySchema,
      response: { 200: pageOf(ScopeElementSchema) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { kind, inScope, parentId, q, sort, ...page } = request.query;
      return listElements(db, orgId, { kinds: kind, inScope, parentId, q }, { ...page, sort: sort === "name" ? "name" : "created_at" });
    },
  });

  app.post(base, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Add an element inside the scope, or an excluded one with its justification",
      params: OrgParamsSchema,
      body: ScopeElementInputSchema,
      response: { 201: ScopeElementSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const row = await retryable(
        withWrite(db, writeMeta(request), (ctx) => createElement(ctx, orgId, request.body)),
        "the external reference",
      );
      return reply.status(201).send(presentElement(row));
    },
  });

  app.get(item, {
    config: { access: access.org(registerPolicy, "read") },
    schema: { tags, summary: "One scope element", params: ScopeElementParamsSchema, response: { 200: ScopeElementSchema } },
    handler: async (request) => presentElement(await findElement(db, requireMember(request).orgId, request.params.elementId)),
  });

  updateRoutes(app, {
    url: item,
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "a scope element (send the version you read)",
    params: ScopeElementParamsSchema,
    body: ScopeElementUpdateSchema,
    response: ScopeElementSchema,
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

  app.delete(item, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Remove a scope element that contains nothing and is the end of no boundary interface",
      params: ScopeElementParamsSchema,
      response: { 200: OkSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => deleteElement(ctx, orgId, request.params.elementId));
      return { ok: true as const };
    },
  });
};

const interfaceRoutes: RouteModule = (app, { db }) => {
  const base = "/orgs/:orgId/scope/interfaces";
  const item = `${base}/:interfaceId`;

  app.get(base, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "List the interfaces across the scope boundary",
      params: OrgParamsSchema,
      querystring: BoundaryInterfaceListQuerySchema,
      response: { 200: pageOf(BoundaryInterfaceSchema) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { elementId, direction, ...page } = request.query;
      return listInterfaces(db, orgId, { elementId, direction }, page);
    },
  });

  app.post(base, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Record information crossing the boundary, from an element in scope to an excluded element or an outside party",
      params: OrgParamsSchema,
      body: BoundaryInterfaceInputSchema,
      response: { 201: BoundaryInterfaceSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const row = await withWrite(db, writeMeta(request), (ctx) => createInterface(ctx, orgId, request.body));
      return reply.status(201).send(presentInterface(row));
    },
  });

  app.get(item, {
    config: { access: access.org(registerPolicy, "read") },
    schema: { tags, summary: "One boundary interface", params: BoundaryInterfaceParamsSchema, response: { 200: BoundaryInterfaceSchema } },
    handler: async (request) => presentInterface(await findInterface(db, requireMember(request).orgId, request.params.interfaceId)),
  });

  updateRoutes(app, {
    url: item,
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "a boundary interface (send the version you read)",
    params: BoundaryInterfaceParamsSchema,
    body: BoundaryInterfaceUpdateSchema,
    response: BoundaryInterfaceSchema,
    references: { fromElement: "fromElementId", toElement: "toElementId" },
    current: async (request, params) => presentInterface(await findInterface(db, requireMember(request).orgId, params.interfaceId)),
    write: async (request, params, body) => {
      const { orgId } = requireMember(request);
      const { version, ...input } = body;
      const row = await withWrite(db, writeMeta(request), (ctx) => updateInterface(ctx, orgId, params.interfaceId, input, version));
      return presentInterface(row);
    },
  });

  app.delete(item, {
    config: { access: access.org(registerPolicy, "write") },
    schema: { tags, summary: "Remove a boundary interface", params: BoundaryInterfaceParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => deleteInterface(ctx, orgId, request.params.interfaceId));
      return { ok: true as const };
    },
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
  const base = "/orgs/:orgId/scope/statement";

  app.get(base, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "The integrated scope and boundaries document (6.5) as Markdown, assembled from the registers now",
      params: OrgParamsSchema,
      response: { 200: ScopeStatementSchema },
    },
    handler: async (request) => {
      const { markdown, latest } = await currentStatement(db, requireMember(request).orgId);
      return { markdown, latestVersion: latest?.number ?? null, changedSinceLatest: latest?.markdown !== markdown };
    },
  });

  app.get(`${base}/versions`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "Frozen versions of the scope document, newest first",
      params: OrgParamsSchema,
      querystring: ScopeStatementVersionListQuerySchema,
      response: { 200: pageOf(ScopeStatementVersionSummarySchema) },
    },
    handler: async (request) => listVersions(db, requireMember(request).orgId, request.query),
  });

  app.post(`${base}/versions`, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Freeze the scope document as it reads now as its next version",
      params: OrgParamsSchema,
      body: ScopeStatementFreezeSchema,
      response: { 201: ScopeStatementVersionSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const row = await retryable(
        withWrite(db, writeMeta(request), (ctx) => freezeStatement(ctx, orgId, request.body.note)),
        "the next version number",
      );
      return reply.status(201).send(presentVersion(row));
    },
  });

  app.get(`${base}/versions/:number`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "One frozen version of the scope document",
      params: ScopeStatementVersionParamsSchema,
      response: { 200: ScopeStatementVersionSchema },
    },
    handler: async (request) => presentVersion(await findVersion(db, requireMember(request).orgId, request.params.number)),
  });

  app.get(`${base}/diff`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "What changed, line by line, from one frozen version to another or to the document as it is now",
      params: OrgParamsSchema,
      querystring: ScopeStatementDiffQuerySchema,
      response: { 200: ScopeStatementDiffSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { from, to } = request.query;
      const [before, after] = await Promise.all([markdownOf(db, orgId, from), markdownOf(db, orgId, to)]);
      return { from, to: to ?? null, lines: diffLines(before, after) };
    },
  });
};

export const scopeRoutes: RouteModule[] = [elementRoutes, interfaceRoutes, narrativeRoutes, statementRoutes];
