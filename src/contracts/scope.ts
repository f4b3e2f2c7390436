import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { INTERFACE_DIRECTIONS, SCOPE_ELEMENT_KINDS } from "../core/scope/data.js";
import { IdSchema, OkSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { singletonEndpoints, updateEndpoints } from "./register.js";

/** Text written by people: trimmed, bounded; blank is stored as "not written". */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
const Required = (max: number) => Text(max).min(1, { error: "must not be empty" });
const blank = (text: string | null | undefined) => (text ?? "").trim() === "";

export const ScopeElementKindSchema = z.enum(SCOPE_ELEMENT_KINDS, { error: `must be one of ${SCOPE_ELEMENT_KINDS.join(", ")}` });
export const InterfaceDirectionSchema = z.enum(INTERFACE_DIRECTIONS, { error: `must be one of ${INTERFACE_DIRECTIONS.join(", ")}` });

const Item = { id: IdSchema, createdAt: TimestampSchema, updatedAt: TimestampSchema, version: z.number().int() };

export const ScopeElementSchema = z.object({
  ...Item,
  kind: ScopeElementKindSchema,
  parentId: IdSchema.nullable(),
  name: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  inScope: z.boolean(),
  exclusionJustification: z.string().nullable(),
  externalRef: z.string().nullable(),
});
export type ScopeElementItem = z.infer<typeof ScopeElementSchema>;

const ScopeElementFields = z.strictObject({
  kind: ScopeElementKindSchema,
  parentId: IdSchema.nullable()
    .default(null)
    .describe("the containing element: a unit for units and processes, a site for buildings, a building for rooms"),
  name: Required(300),
  description: Text(4000).nullable().default(null),
  owner: Text(200).nullable().default(null),
  inScope: z.boolean({ error: "must be true or false" }).default(true),
  exclusionJustification: Text(4000)
    .nullable()
    .default(null)
    .describe("why the element is left out; required when inScope is false, dropped when it is true"),
  externalRef: Text(200)
    .nullable()
    .default(null)
    .describe("the element's key in another system (inventory, CMDB), unique within the organization; imports update by it"),
});

const justifiedExclusion = (value: { inScope: boolean; exclusionJustification: string | null }, ctx: z.RefinementCtx) => {
  if (!value.inScope && blank(value.exclusionJustification))
    ctx.addIssue({ code: "custom", path: ["exclusionJustification"], message: "is required when the element is excluded from the scope" });
};

export const ScopeElementInputSchema = ScopeElementFields.superRefine(justifiedExclusion);
export const ScopeElementUpdateSchema = ScopeElementFields.extend({ version: VersionSchema }).superRefine(justifiedExclusion);
export type ScopeElementInput = z.infer<typeof ScopeElementInputSchema>;

const booleanText = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");

export const ScopeElementListQuerySchema = z.object({
  ...PageQuery,
  kind: z
    .string()
    .max(300)
    .describe("one kind or several separated by commas, e.g. information_system,network")
    .transform((v) => v.split(",").map((k) => k.trim()))
    .pipe(z.array(ScopeElementKindSchema))
    .optional(),
  inScope: booleanText.optional(),
  parentId: z
    .union([IdSchema, z.literal("none")], { error: 'must be an element id or "none"' })
    .optional()
    .describe('children of this element, or "none" for top-level elements'),
  q: z.string().max(200).optional().describe("part of the name, any case"),
  sort: z.enum(["createdAt", "name"]).default("name"),
});

export const ScopeElementParamsSchema = z.strictObject({ orgId: IdSchema, elementId: IdSchema });

const ElementRef = z.object({ id: IdSchema, kind: ScopeElementKindSchema, name: z.string(), inScope: z.boolean() });

export const BoundaryInterfaceSchema = z.object({
  ...Item,
  fromElement: ElementRef.describe("the end inside the scope"),
  toElement: ElementRef.nullable().describe("the end outside the scope, when it is a recorded element"),
  toParty: z.string().nullable().describe("the end outside the scope, when it is a party such as a supplier"),
  dataExchanged: z.string(),
  direction: InterfaceDirectionSchema,
  protection: z.string().nullable(),
});
export type BoundaryInterfaceItem = z.infer<typeof BoundaryInterfaceSchema>;

const BoundaryInterfaceFields = z.strictObject({
  fromElementId: IdSchema.describe("an element inside the scope"),
  toElementId: IdSchema.nullable().default(null).describe("an element excluded from the scope; or give toParty"),
  toParty: Text(300).nullable().default(null).describe("an outside party, e.g. a supplier; or give toElementId"),
  dataExchanged: Required(1000).describe("what information crosses the boundary"),
  direction: InterfaceDirectionSchema,
  protection: Text(2000).nullable().default(null).describe("how the information is protected on the way"),
});

/** An interface to nothing is an error, and so is one to two things at once. */
const oneOutsideEnd = (value: { toElementId: string | null; toParty: string | null }, ctx: z.RefinementCtx) => {
  const ends = (value.toElementId === null ? 0 : 1) + (blank(value.toParty) ? 0 : 1);
  if (ends === 1) return;
  const message = ends === 0 ? "an interface must lead somewhere: give toElementId or toParty" : "give toElementId or toParty, not both";
  for (const field of ["toElementId", "toParty"]) ctx.addIssue({ code: "custom", path: [field], message });
};

export const BoundaryInterfaceInputSchema = BoundaryInterfaceFields.superRefine(oneOutsideEnd);
export const BoundaryInterfaceUpdateSchema = BoundaryInterfaceFields.extend({ version: VersionSchema }).superRefine(oneOutsideEnd);
export type BoundaryInterfaceInput = z.infer<typeof BoundaryInterfaceInputSchema>;

export const BoundaryInterfaceListQuerySchema = z.object({
  ...PageQuery,
  elementId: IdSchema.optional().describe("interfaces with this element at either end"),
  direction: InterfaceDirectionSchema.optional(),
});

export const BoundaryInterfaceParamsSchema = z.strictObject({ orgId: IdSchema, interfaceId: IdSchema });

export const ScopeNarrativeSchema = z.object({
  narrative: z.string().nullable().describe("the scope document's own words, in Markdown"),
  version: z.number().int().describe("0 until first saved"),
  updatedAt: TimestampSchema.nullable(),
});
export const ScopeNarrativeInputSchema = z.strictObject({
  narrative: Text(20000).nullable(),
  version: z.number().int().min(0),
});
export const scopeNarrativeEndpoints = singletonEndpoints({
  path: "scope/narrative",
  entity: "scope narrative",
  tags: ["scope and boundaries"],
  schema: ScopeNarrativeSchema,
  input: ScopeNarrativeInputSchema,
});

export const ScopeStatementSchema = z.object({
  markdown: z.string().describe("the integrated scope and boundaries document, assembled from the registers now"),
  latestVersion: z.number().int().nullable().describe("the newest frozen version, if any"),
  changedSinceLatest: z.boolean().describe("whether the document now differs from the newest frozen version (true when none exists)"),
});

const Author = z.object({ id: IdSchema.nullable(), name: z.string().nullable() });

export const ScopeStatementVersionSummarySchema = z.object({
  number: z.number().int(),
  note: z.string().nullable(),
  createdBy: Author,
  createdAt: TimestampSchema,
});
export const ScopeStatementVersionSchema = ScopeStatementVersionSummarySchema.extend({ markdown: z.string() });
export const ScopeStatementFreezeSchema = z.strictObject({
  note: Text(1000).nullable().default(null).describe("what this version is for or what changed"),
});

export const ScopeStatementVersionListQuerySchema = z.object({ ...PageQuery });

const VersionNumber = z.coerce
  .number({ error: "must be a version number" })
  .int({ error: "must be a version number" })
  .min(1, { error: "must be a version number" })
  .max(1_000_000_000, { error: "must be a version number" });

export const ScopeStatementVersionParamsSchema = z.strictObject({ orgId: IdSchema, number: VersionNumber });

export const ScopeStatementDiffQuerySchema = z.object({
  from: VersionNumber.describe("the older frozen version"),
  to: VersionNumber.optional().describe("the newer frozen version; the document as it is now when left out"),
});
export const ScopeStatementDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int().nullable().describe("null: the document as it is now"),
  lines: z.array(z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() })),
});

const tags = ["scope and boundaries"];

/** The scope register's endpoints, described once for the server, the OpenAPI document and the typed clients. */
export const scopeEndpoints = {
  listElements: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/scope/elements",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "List scope elements: units, processes, systems, networks, platforms, cloud services, sites, buildings, rooms",
    params: OrgParamsSchema,
    query: ScopeElementListQuerySchema,
    response: pageOf(ScopeElementSchema),
  }),
  createElement: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/scope/elements",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Add an element inside the scope, or an excluded one with its justification",
    params: OrgParamsSchema,
    body: ScopeElementInputSchema,
    response: ScopeElementSchema,
    status: 201,
  }),
  getElement: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/scope/elements/:elementId",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "One scope element",
    params: ScopeElementParamsSchema,
    response: ScopeElementSchema,
  }),
  updateElement: updateEndpoints({
    path: "/orgs/:orgId/scope/elements/:elementId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "a scope element (send the version you read)",
    params: ScopeElementParamsSchema,
    body: ScopeElementUpdateSchema,
    response: ScopeElementSchema,
  }),
  deleteElement: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/scope/elements/:elementId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Remove a scope element that contains nothing and is the end of no boundary interface",
    params: ScopeElementParamsSchema,
    response: OkSchema,
  }),
  listInterfaces: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/scope/interfaces",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "List the interfaces across the scope boundary",
    params: OrgParamsSchema,
    query: BoundaryInterfaceListQuerySchema,
    response: pageOf(BoundaryInterfaceSchema),
  }),
  createInterface: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/scope/interfaces",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Record information crossing the boundary, from an element in scope to an excluded element or an outside party",
    params: OrgParamsSchema,
    body: BoundaryInterfaceInputSchema,
    response: BoundaryInterfaceSchema,
    status: 201,
  }),
  getInterface: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/scope/interfaces/:interfaceId",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "One boundary interface",
    params: BoundaryInterfaceParamsSchema,
    response: BoundaryInterfaceSchema,
  }),
  updateInterface: updateEndpoints({
    path: "/orgs/:orgId/scope/interfaces/:interfaceId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "a boundary interface (send the version you read)",
    params: BoundaryInterfaceParamsSchema,
    body: BoundaryInterfaceUpdateSchema,
    response: BoundaryInterfaceSchema,
  }),
  deleteInterface: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/scope/interfaces/:interfaceId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Remove a boundary interface",
    params: BoundaryInterfaceParamsSchema,
    response: OkSchema,
  }),
  statement: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/scope/statement",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "The integrated scope and boundaries document (6.5) as Markdown, assembled from the registers now",
    params: OrgParamsSchema,
    response: ScopeStatementSchema,
  }),
  listVersions: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/scope/statement/versions",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "Frozen versions of the scope document, newest first",
    params: OrgParamsSchema,
    query: ScopeStatementVersionListQuerySchema,
    response: pageOf(ScopeStatementVersionSummarySchema),
  }),
  freeze: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/scope/statement/versions",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Freeze the scope document as it reads now as its next version",
    params: OrgParamsSchema,
    body: ScopeStatementFreezeSchema,
    response: ScopeStatementVersionSchema,
    status: 201,
  }),
  getVersion: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/scope/statement/versions/:number",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "One frozen version of the scope document",
    params: ScopeStatementVersionParamsSchema,
    response: ScopeStatementVersionSchema,
  }),
  diff: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/scope/statement/diff",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "What changed, line by line, from one frozen version to another or to the document as it is now",
    params: OrgParamsSchema,
    query: ScopeStatementDiffQuerySchema,
    response: ScopeStatementDiffSchema,
  }),
};
