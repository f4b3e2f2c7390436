import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { IdSchema, OkSchema, OrgParamsSchema, PageQuery, pageOf, VersionSchema } from "./common.js";
import { type Access, access, defineEndpoint, type Endpoint } from "./endpoint.js";

/**
 * The endpoints of a register, described once from its fields: a register is a list of
 * organization-scoped records with a title (list with search, sort and cursor; create; read;
 * replace and merge-patch with the version read; delete). The server serves them with
 * `registerRoutes` (src/server/registers/register-routes.ts), the web and the CLI call them
 * with `call(...)`.
 */

/** Every register list takes the same page, sort and search parameters. */
export const RegisterListQuerySchema = z.object({
  ...PageQuery,
  q: z.string().max(200).optional(),
  sort: z.enum(["createdAt", "title"]).default("createdAt"),
});

export const RegisterItemParamsSchema = z.strictObject({ orgId: IdSchema, itemId: IdSchema });

/** A register's input with the version read: the body of PUT (and, merged, of PATCH). */
export const UpdateOf = <T extends z.ZodObject>(input: T) => input.extend({ version: VersionSchema });

/** The same fields, each optional but `version`: the body of a PATCH as it is documented and typed. */
export const patchOf = <T extends z.ZodObject>(body: T) =>
  z
    .strictObject(
      Object.fromEntries(Object.entries(body.shape).map(([k, f]) => [k, k === "version" ? f : (f as z.ZodType).optional()])) as {
        [K in keyof T["shape"]]: K extends "version" ? T["shape"][K] : z.ZodOptional<T["shape"][K]>;
      },
    )
    .describe(
      "a JSON merge patch (RFC 7396): only the fields sent change; null clears a field, objects are merged, arrays replaced" +
        ("version" in body.shape ? "; send the version you read" : ""),
    );

/** Who may read a register and who may change it. */
export interface RegisterAccess {
  read: Access;
  write: Access;
}

const defaultAccess = (): RegisterAccess => ({ read: access.org(registerPolicy, "read"), write: access.org(registerPolicy, "write") });

/**
 * `PUT` (replace: every field) and `PATCH` (JSON merge patch) of one record, with the summaries
 * every update in the API has. The server serves the pair with `updateRoutes`, which validates
 * both with `body` (the whole record as input) after merging a patch onto the record.
 */
export function updateEndpoints<P extends z.ZodType, B extends z.ZodObject, R extends z.ZodType>(def: {
  path: string;
  params: P;
  body: B;
  response: R;
  access: Access;
  /** What the route changes, e.g. "a risk". */
  summary: string;
  tags: string[];
}) {
  const common = { path: def.path, params: def.params, response: def.response, access: def.access, tags: def.tags };
  return {
    replace: defineEndpoint({
      ...common,
      method: "PUT",
      body: def.body,
      summary: `Replace ${def.summary}: send every field (as GET returns them); fields left out are refused`,
    }),
    patch: defineEndpoint({
      ...common,
      method: "PATCH",
      body: patchOf(def.body),
      summary: `Change ${def.summary}: only the fields sent (JSON merge patch)`,
    }),
  };
}

export interface RegisterContract<Item extends z.ZodType, Input extends z.ZodObject> {
  /** URL segment(s) under /orgs/:orgId/, e.g. "objectives" or "business-case/costs". */
  path: string;
  /** Audit entity type and the word in summaries and messages ("objective"). */
  entity: string;
  tags: string[];
  item: Item;
  input: Input;
  /** Who may read and write it; the implementation registers' policy when not given. */
  access?: RegisterAccess;
}

/** The six endpoints of a register (see above), with the entity they are about. */
export function registerEndpoints<Item extends z.ZodType, Input extends z.ZodObject>(def: RegisterContract<Item, Input>) {
  const base = `/orgs/:orgId/${def.path}`;
  const one = `${base}/:itemId`;
  const { read, write } = def.access ?? defaultAccess();
  const tags = def.tags;
  return {
    entity: def.entity,
    list: defineEndpoint({
      method: "GET",
      path: base,
      params: OrgParamsSchema,
      query: RegisterListQuerySchema,
      response: pageOf(def.item),
      access: read,
      summary: `List ${def.entity}s`,
      tags,
    }),
    create: defineEndpoint({
      method: "POST",
      path: base,
      params: OrgParamsSchema,
      body: def.input,
      response: def.item,
      status: 201,
      access: write,
      summary: `Add a ${def.entity}`,
      tags,
    }),
    get: defineEndpoint({
      method: "GET",
      path: one,
      params: RegisterItemParamsSchema,
      response: def.item,
      access: read,
      summary: `One ${def.entity}`,
      tags,
    }),
    ...updateEndpoints({
      path: one,
      params: RegisterItemParamsSchema,
      body: UpdateOf(def.input),
      response: def.item,
      access: write,
      summary: `a ${def.entity}`,
      tags,
    }),
    remove: defineEndpoint({
      method: "DELETE",
      path: one,
      params: RegisterItemParamsSchema,
      response: OkSchema,
      access: write,
      summary: `Remove a ${def.entity}`,
      tags,
    }),
  };
}

export type RegisterEndpoints<Item extends z.ZodType = z.ZodType, Input extends z.ZodObject = z.ZodObject> = ReturnType<
  typeof registerEndpoints<Item, Input>
>;

export interface SingletonContract<Doc extends z.ZodType, Input extends z.ZodObject> {
  /** URL segment(s) under /orgs/:orgId/, e.g. "priorities". */
  path: string;
  entity: string;
  tags: string[];
  /** The document as GET shows it (version 0 until first saved). */
  schema: Doc;
  /** The document as written, with the version read (0 the first time). */
  input: Input;
  access?: RegisterAccess;
}

/**
 * A document an organization has exactly one of (priorities, preliminary scope, business case):
 * read whole, replaced whole (PUT) or changed field by field (PATCH).
 */
export function singletonEndpoints<Doc extends z.ZodType, Input extends z.ZodObject>(def: SingletonContract<Doc, Input>) {
  const path = `/orgs/:orgId/${def.path}`;
  const { read, write } = def.access ?? defaultAccess();
  return {
    entity: def.entity,
    get: defineEndpoint({
      method: "GET",
      path,
      params: OrgParamsSchema,
      response: def.schema,
      access: read,
      summary: `The ${def.entity}`,
      tags: def.tags,
    }),
    ...updateEndpoints({
      path,
      params: OrgParamsSchema,
      body: def.input,
      response: def.schema,
      access: write,
      summary: `the ${def.entity} (send the version you read; 0 the first time)`,
      tags: def.tags,
    }),
  };
}

export type SingletonEndpoints<Doc extends z.ZodType = z.ZodType, Input extends z.ZodObject = z.ZodObject> = ReturnType<
  typeof singletonEndpoints<Doc, Input>
>;

type Read = Endpoint<z.ZodType, undefined, undefined, z.ZodType>;
type Write = Endpoint<z.ZodType, undefined, z.ZodType, z.ZodType>;
/** Any singleton document's endpoints. */
export interface AnySingletonEndpoints {
  entity: string;
  get: Read;
  replace: Write;
  patch: Write;
}
