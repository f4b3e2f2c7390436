import { z } from "zod";
import { processPolicy, registerPolicy } from "../core/access/policies.js";
import { ASSET_KINDS, assetCategory } from "../core/assets/inventory.js";
import { MAX_LEVELS } from "../core/assets/valuation.js";
import { IdSchema, OkSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { updateEndpoints } from "./register.js";

/** Optional text written by people: trimmed and bounded; blank means "not written" and becomes null. */
export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .nullable()
    .default(null)
    .transform((v) => v || null);
/** A name or title: trimmed, not empty, bounded. */
export const Label = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` });

export const AssetKindSchema = z.enum(ASSET_KINDS, { error: `must be one of ${ASSET_KINDS.join(", ")}` });
export const AssetCategorySchema = z.enum(["primary", "supporting"], { error: "must be primary or supporting" });

export const ObjectiveKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, {
  error: "must be a lower-case key such as confidentiality (letters, digits, underscores)",
});
export const LevelSchema = z
  .number({ error: "must be a number" })
  .int({ error: "must be a whole number" })
  .min(1, { error: "must be at least 1" })
  .max(MAX_LEVELS, { error: `must be at most ${MAX_LEVELS}` });
/** Level per security objective; the server checks keys and levels against the organization's scale. */
export const ValuationSchema = z.record(ObjectiveKeySchema, LevelSchema);

export const SecurityObjectiveSchema = z.object({ key: z.string(), label: z.string(), levels: z.array(z.string()) });
export const ValuationScaleSchema = z.object({
  objectives: z.array(SecurityObjectiveSchema).describe("the security objectives assets are valued on; levels are listed lowest first"),
  version: z.number().int().describe("0 while the defaults apply"),
  updatedAt: TimestampSchema.nullable(),
});
export type ValuationScaleDocument = z.infer<typeof ValuationScaleSchema>;
export const ValuationScaleInputSchema = z.strictObject({
  objectives: z
    .array(
      z.strictObject({
        key: ObjectiveKeySchema,
        label: Label(100),
        levels: z
          .array(Label(100))
          .min(2, { error: "must have at least 2 levels" })
          .max(MAX_LEVELS, { error: `must have at most ${MAX_LEVELS} levels` })
          .describe("level labels, lowest first: the first is level 1"),
      }),
    )
    .min(1, { error: "must have at least one objective" })
    .max(10, { error: "must have at most 10 objectives" })
    .superRefine((objectives, ctx) => {
      const seen = new Set<string>();
      objectives.forEach((o, i) => {
        if (seen.has(o.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: "is used by another objective" });
        seen.add(o.key);
      });
    }),
  version: z.number().int().min(0).describe("the version you read; 0 while the defaults apply"),
});

export const AssetRefSchema = z.object({ id: IdSchema, name: z.string(), kind: AssetKindSchema });
export type AssetRef = z.infer<typeof AssetRefSchema>;

export const AssetSchema = z.object({
  id: IdSchema,
  kind: AssetKindSchema,
  category: AssetCategorySchema,
  name: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  custodian: z.string().nullable(),
  classification: z.string().nullable(),
  locationElementId: IdSchema.nullable().describe("the scope element (site, unit, …) where the asset is"),
  inScope: z.boolean().describe("derived from the location's scope element; in scope when it has none"),
  valuation: z.record(z.string(), z.number().int()).describe("the asset's own levels"),
  valuationOverride: z.record(z.string(), z.number().int()).describe("levels that replace the derived ones (supporting assets)"),
  overrideReason: z.string().nullable(),
  effectiveValuation: z.record(z.string(), z.number().int().nullable()).describe("per objective: override, else derived, else own"),
  externalRef: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Asset = z.infer<typeof AssetSchema>;

export const ObjectiveValueSchema = z.object({
  objective: z.string(),
  label: z.string(),
  value: z.number().int().nullable(),
  levelLabel: z.string().nullable(),
  source: z.enum(["own", "derived", "override", "none"]),
  from: z.array(z.object({ id: IdSchema, name: z.string() })).describe("for a derived value: the supported assets that reach it"),
  explanation: z.string(),
});

export const AssetDetailSchema = AssetSchema.extend({
  derivation: z.array(ObjectiveValueSchema).describe("per objective of the scale: the value, where it comes from and why"),
  supports: z.array(AssetRefSchema).describe("the primary assets this asset supports"),
  supportedBy: z.array(AssetRefSchema).describe("the supporting assets this asset depends on"),
});
export type AssetDetail = z.infer<typeof AssetDetailSchema>;

const assetFields = {
  kind: AssetKindSchema,
  name: Label(300),
  description: OptionalText(4000),
  owner: OptionalText(200),
  custodian: OptionalText(200).describe("who looks after the asset day to day on the owner's behalf"),
  classification: OptionalText(100),
  locationElementId: IdSchema.nullable().default(null),
  valuation: ValuationSchema.default({}),
  valuationOverride: ValuationSchema.default({}).describe("only for supporting assets, with overrideReason"),
  overrideReason: OptionalText(2000),
  externalRef: OptionalText(200).describe("the asset's identifier in another system (CMDB, …); unique in the organization"),
};

/** An override replaces a derived value, so it needs a supporting asset and a reason. */
function overrideRules(
  input: { kind: string; valuationOverride: Record<string, number>; overrideReason: string | null },
  ctx: z.RefinementCtx,
) {
  const overridden = Object.keys(input.valuationOverride).length > 0;
  if (overridden && assetCategory(input.kind) === "primary")
    ctx.addIssue({ code: "custom", path: ["valuationOverride"], message: "only a supporting asset's derived valuation can be overridden" });
  if (overridden && !input.overrideReason)
    ctx.addIssue({ code: "custom", path: ["overrideReason"], message: "is required when valuationOverride is set" });
  if (!overridden && input.overrideReason)
    ctx.addIssue({ code: "custom", path: ["overrideReason"], message: "applies only together with a valuationOverride" });
}

export const AssetInputSchema = z.strictObject(assetFields).superRefine(overrideRules);
export const AssetUpdateSchema = z.strictObject({ ...assetFields, version: VersionSchema }).superRefine(overrideRules);

export const AssetListQuerySchema = z.object({
  ...PageQuery,
  q: z.string().max(200).optional().describe("part of the name, any case"),
  kind: AssetKindSchema.optional(),
  category: AssetCategorySchema.optional(),
  owner: z.string().max(200).optional().describe("exact owner"),
  classification: z.string().max(100).optional().describe("exact classification"),
  inScope: z.enum(["true", "false"]).optional(),
  sort: z.enum(["name", "createdAt"]).default("name"),
});

export const AssetParamsSchema = z.strictObject({ orgId: IdSchema, assetId: IdSchema });
export const SupportParamsSchema = z.strictObject({ orgId: IdSchema, assetId: IdSchema, primaryAssetId: IdSchema });
export const SupportInputSchema = z.strictObject({ primaryAssetId: IdSchema.describe("the primary asset this supporting asset supports") });
export const SupportSchema = z.object({
  id: IdSchema,
  supportingAssetId: IdSchema,
  primaryAssetId: IdSchema,
  createdAt: TimestampSchema,
});

export const AssetGraphQuerySchema = z.object({
  cursor: PageQuery.cursor,
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  assetId: IdSchema.optional().describe("only the links of this asset"),
});
export const AssetGraphSchema = z.object({
  nodes: z
    .array(AssetRefSchema.extend({ category: AssetCategorySchema, inScope: z.boolean() }))
    .describe("the assets the page's edges touch"),
  edges: z.array(z.object({ id: IdSchema, from: IdSchema.describe("supporting asset"), to: IdSchema.describe("primary asset") })),
  nextCursor: z.string().nullable(),
});

const tags = ["asset inventory"];

/** The asset inventory (7.3): assets, their supports links and dependency graph, and the valuation scale. */
export const assetEndpoints = {
  valuationScale: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/valuation-scale",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "The security objectives and levels assets are valued on (confidentiality, integrity, availability 1–4 by default)",
    params: OrgParamsSchema,
    response: ValuationScaleSchema,
  }),
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/assets",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "List assets, filtered and sorted, a page at a time",
    params: OrgParamsSchema,
    query: AssetListQuerySchema,
    response: pageOf(AssetSchema),
  }),
  graph: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/assets/graph",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "The dependency graph: supports links from supporting to primary assets, a page of links at a time, with the assets they join",
    params: OrgParamsSchema,
    query: AssetGraphQuerySchema,
    response: AssetGraphSchema,
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/assets",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Add an asset",
    params: OrgParamsSchema,
    body: AssetInputSchema,
    response: AssetDetailSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/assets/:assetId",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "One asset, with its valuation per objective explained (own, derived from what it supports, or overridden) and its links",
    params: AssetParamsSchema,
    response: AssetDetailSchema,
  }),
  remove: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/assets/:assetId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Remove an asset and its links",
    params: AssetParamsSchema,
    response: OkSchema,
  }),
  addSupport: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/assets/:assetId/supports",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Record that this supporting asset supports a primary asset",
    params: AssetParamsSchema,
    body: SupportInputSchema,
    response: SupportSchema,
    status: 201,
  }),
  removeSupport: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/assets/:assetId/supports/:primaryAssetId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Remove a supports link",
    params: SupportParamsSchema,
    response: OkSchema,
  }),
  updateValuationScale: updateEndpoints({
    path: "/orgs/:orgId/valuation-scale",
    access: access.org(processPolicy, "manage"),
    tags,
    summary: "the valuation scale (send the version you read; 0 while the defaults apply); refused while recorded values would not fit",
    params: OrgParamsSchema,
    body: ValuationScaleInputSchema,
    response: ValuationScaleSchema,
  }),
  update: updateEndpoints({
    path: "/orgs/:orgId/assets/:assetId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "an asset",
    params: AssetParamsSchema,
    body: AssetUpdateSchema,
    response: AssetDetailSchema,
  }),
};
