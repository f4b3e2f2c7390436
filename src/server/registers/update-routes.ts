import type { FastifyInstance, FastifyRequest, FastifySchema } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AnyEndpoint, Endpoint } from "../../contracts/endpoint.js";
import { badRequest } from "../http/errors.js";
import type { ZodApp } from "../http/routes.js";

/**
 * One rule for every update in the API:
 *
 * - `PUT` replaces: the body must name every field of the record (a field left out would
 *   otherwise fall back to its default and silently erase what was there), so a body missing
 *   any is refused with 400 naming each missing field.
 * - `PATCH` is a JSON merge patch (RFC 7396): a field left out keeps its value, `null` clears it
 *   (where it may be empty), an object is merged member by member and an array replaces the old
 *   one. The patch is merged onto the record as it is now and the result goes through exactly
 *   the same checks and write as a `PUT` of the whole record, version check included.
 *
 * What GET returns is accepted back: fields the record shows but the input does not take
 * (ids, timestamps, computed levels, …) are ignored, and references shown as objects
 * (`asset: { id, name }`) stand for their ids (`assetId`) as the register declares.
 */

type Schema = z.ZodType;

export interface RecordMapping {
  /** A reference GET shows as an object with its id (or a list of them), by the input field that takes the id(s). */
  references?: Record<string, string>;
  /** Fields that steer one write rather than being stored (e.g. `rescore`): optional on PUT and never carried over by PATCH. */
  instructions?: string[];
}

/** The PUT and PATCH contracts of one record (`updateEndpoints` in src/contracts/register.ts). */
export interface UpdateEndpointPair<
  Params extends Schema = Schema,
  Body extends z.ZodObject = z.ZodObject,
  Response extends Schema = Schema,
> {
  replace: Endpoint<Params, undefined, Body, Response>;
  patch: AnyEndpoint;
}

/** One record's update, served from its contracts: paths, access, summaries and schemas come from `endpoints`. */
export interface UpdateEndpointsDefinition<Params extends Schema, Body extends z.ZodObject, Response extends Schema> extends RecordMapping {
  endpoints: UpdateEndpointPair<Params, Body, Response>;
  current(request: FastifyRequest, params: z.output<Params>): Promise<unknown>;
  write(request: FastifyRequest, params: z.output<Params>, body: z.output<Body>): Promise<z.input<Response>>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema under wrappers (nullable, default, a transform's input, …). */
function unwrap(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let i = 0; current && i < 20; i++) {
    const def = current._zod.def as { type: string; innerType?: Schema; in?: Schema };
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
  return current;
}
const shapeOf = (schema: Schema | undefined): Record<string, Schema> | undefined => {
  const inner = unwrap(schema);
  return inner?._zod.def.type === "object" ? (inner as z.ZodObject).shape : undefined;
};
const elementOf = (schema: Schema | undefined): Schema | undefined => {
  const inner = unwrap(schema);
  return inner?._zod.def.type === "array" ? ((inner as unknown as z.ZodArray).element as Schema) : undefined;
};

const idOf = (value: unknown) => (isPlainObject(value) && "id" in value ? value.id : value);

/**
 * A body in input form: read-only fields the record shows (anywhere in the output schema) are
 * dropped, declared references become ids; unknown fields stay, for validation to refuse.
 */
export function inputFromRecord(
  value: unknown,
  input: Schema,
  output: Schema | undefined,
  references: Record<string, string> = {},
): unknown {
  const inputShape = shapeOf(input);
  if (!inputShape) {
    const element = elementOf(input);
    if (element && Array.isArray(value)) return value.map((v) => inputFromRecord(v, element, elementOf(output)));
    return value;
  }
  if (!isPlainObject(value)) return value;
  const outputShape = shapeOf(output) ?? {};
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const idField = references[key];
    if (idField && !(key in inputShape)) {
      if (!(idField in value)) result[idField] = Array.isArray(item) ? item.map(idOf) : idOf(item);
    } else if (key in inputShape) result[key] = inputFromRecord(item, inputShape[key] as Schema, outputShape[key]);
    else if (!(key in outputShape)) result[key] = item;
  }
  return result;
}

/** RFC 7396 merge patch; at the top level `null` is kept, to clear the field (or be refused where it may not be empty). */
export function mergePatch(target: unknown, patch: unknown, topLevel = true): unknown {
  if (!isPlainObject(patch)) return patch;
  // A Map, then own properties: a member called __proto__ stays a member.
  const result = new Map(isPlainObject(target) ? Object.entries(target) : []);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (topLevel) result.set(key, null);
      else result.delete(key);
    } else result.set(key, mergePatch(result.get(key), value, false));
  }
  return Object.fromEntries(result);
}

/** Refuses a replacement (or a merged patch) that leaves fields out, naming every one. */
export function requireWhole(
  body: Record<string, unknown>,
  shape: Record<string, unknown>,
  optional: string[],
  method: "PUT" | "PATCH",
): void {
  const missing = Object.keys(shape).filter((key) => !optional.includes(key) && !(key in body));
  if (missing.length === 0) return;
  if (method === "PATCH")
    throw badRequest(
      `the patch leaves out ${missing.join(", ")}: send the version you read`,
      missing.map((field) => ({ field, message: field === "version" ? "is required: send the version you read" : "is required" })),
    );
  throw badRequest(
    `PUT replaces the whole record, and the body leaves out ${missing.join(", ")}: send every field (as GET returns them), or use PATCH to change only some`,
    missing.map((field) => ({ field, message: "is required: PUT replaces the whole record; use PATCH to change only some fields" })),
  );
}

/** Merge patches arrive as application/merge-patch+json; they are parsed like any JSON body. */
export function registerMergePatchParser(app: FastifyInstance): void {
  app.addContentTypeParser("application/merge-patch+json", { parseAs: "string" }, app.getDefaultJsonParser("error", "ignore"));
}

/** The same fields, every one required: how PUT's body is documented. */
const documentedWhole = (body: z.ZodObject, optional: string[]) =>
  z.strictObject(
    Object.fromEntries(Object.entries(body.shape).map(([k, f]) => [k, optional.includes(k) ? f : (f as Schema).nonoptional()])),
  );
/** Registers the record's `PUT` (replace) and `PATCH` (merge patch) contracts over one write. */
export function updateRoutes<Body extends z.ZodObject, Params extends Schema, Response extends Schema>(
  app: ZodApp,
  def: UpdateEndpointsDefinition<Params, Body, Response>,
): void {
  const { replace, patch } = def.endpoints;
  const body = replace.body as Body;
  const params = replace.params as Params;
  const response = replace.response as Response;
  const optional = def.instructions ?? [];
  const shape = body.shape as Record<string, unknown>;
  const toInput = (value: unknown) => inputFromRecord(value, body, response, def.references);
  // The documented body is not the validated one: validation always runs the register's own schema.
  const validateWith =
    (input: Schema) =>
    ({ schema, httpPart, method, url }: { schema: unknown; httpPart?: string; method: string; url: string }) =>
      validatorCompiler({ schema: (httpPart === "body" ? input : schema) as Schema, method, url });
  const handler = (request: FastifyRequest) => def.write(request, request.params as z.output<Params>, request.body as z.output<Body>);

  // The routes are typed by `def`; Fastify's own inference cannot follow the generic schemas.
  const untyped = app as unknown as FastifyInstance;
  untyped.route({
    method: "PUT",
    url: replace.path,
    config: { access: replace.access },
    schema: {
      tags: replace.tags,
      summary: replace.summary,
      params,
      body: documentedWhole(body, optional),
      response: { 200: response },
    } as FastifySchema,
    validatorCompiler: validateWith(body),
    preValidation: async (request) => {
      if (!isPlainObject(request.body)) return;
      const body = toInput(request.body) as Record<string, unknown>;
      requireWhole(body, shape, optional, "PUT");
      request.body = body;
    },
    handler,
  });

  untyped.route({
    method: "PATCH",
    url: patch.path,
    config: { access: patch.access },
    schema: {
      tags: patch.tags,
      summary: patch.summary,
      params,
      body: patch.body,
      consumes: ["application/merge-patch+json", "application/json"],
      response: { 200: response },
    } as FastifySchema,
    validatorCompiler: validateWith(body),
    preValidation: async (request) => {
      const parsed = params.safeParse(request.params);
      // Bad parameters or a body that is no object: validation answers with the usual 400.
      if (!parsed.success || !isPlainObject(request.body)) return;
      const current = toInput(await def.current(request, parsed.data)) as Record<string, unknown>;
      for (const key of ["version", ...optional]) delete current[key];
      const body = mergePatch(current, toInput(request.body)) as Record<string, unknown>;
      requireWhole(body, shape, optional, "PATCH");
      request.body = body;
    },
    handler,
  });
}
