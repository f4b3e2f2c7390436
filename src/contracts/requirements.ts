import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { PARTY_KINDS } from "../core/requirements/kinds.js";
import { AssetParamsSchema, AssetRefSchema, Label, LevelSchema, OptionalText } from "./assets.js";
import { IdSchema, OkSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { ObligationKindSchema, ObligationSchema } from "./mandate.js";
import { updateEndpoints } from "./register.js";

/** Fields every register item carries. */
const Item = { id: IdSchema, createdAt: TimestampSchema, updatedAt: TimestampSchema, version: z.number().int() };

export { PARTY_KINDS };
export const PartyKindSchema = z.enum(PARTY_KINDS, { error: `must be one of ${PARTY_KINDS.join(", ")}` });

export const InterestedPartySchema = z.object({
  ...Item,
  name: z.string(),
  kind: PartyKindSchema,
  description: z.string().nullable(),
  expectations: z.string().nullable(),
  requirementCount: z.number().int(),
});
export type InterestedParty = z.infer<typeof InterestedPartySchema>;
export const InterestedPartyInputSchema = z.strictObject({
  name: Label(200),
  kind: PartyKindSchema,
  description: OptionalText(4000),
  expectations: OptionalText(4000).describe("what the party expects of the organization's information security"),
});
export const InterestedPartyUpdateSchema = InterestedPartyInputSchema.extend({ version: VersionSchema });
export const PartyListQuerySchema = z.object({
  ...PageQuery,
  q: z.string().max(200).optional().describe("part of the name, any case"),
  kind: PartyKindSchema.optional(),
  sort: z.enum(["name", "createdAt"]).default("name"),
});

/** The confidentiality, integrity and availability a requirement or obligation calls for, on the valuation scale's levels. */
const Needs = {
  confidentiality: LevelSchema.nullable().default(null),
  integrity: LevelSchema.nullable().default(null),
  availability: LevelSchema.nullable().default(null),
};
const NeedsOut = {
  confidentiality: z.number().int().nullable(),
  integrity: z.number().int().nullable(),
  availability: z.number().int().nullable(),
};
const ExternalRef = OptionalText(200).describe("the identifier in another system; unique in the organization");

export const RequirementSchema = z.object({
  ...Item,
  title: z.string(),
  description: z.string().nullable(),
  partyId: IdSchema,
  partyName: z.string(),
  source: z.string().nullable(),
  owner: z.string().nullable(),
  ...NeedsOut,
  externalRef: z.string().nullable(),
  assetCount: z.number().int(),
});
export type Requirement = z.infer<typeof RequirementSchema>;
export const RequirementDetailSchema = RequirementSchema.extend({ assets: z.array(AssetRefSchema) });
export const RequirementInputSchema = z.strictObject({
  title: Label(300),
  description: OptionalText(4000),
  partyId: IdSchema.describe("the interested party the requirement comes from"),
  source: OptionalText(300).describe("where it is stated: contract, law, meeting, survey, …"),
  owner: OptionalText(200),
  ...Needs,
  externalRef: ExternalRef,
});
export const RequirementUpdateSchema = RequirementInputSchema.extend({ version: VersionSchema });
export const RequirementListQuerySchema = z.object({
  ...PageQuery,
  q: z.string().max(200).optional().describe("part of the title, any case"),
  partyId: IdSchema.optional(),
  owner: z.string().max(200).optional().describe("exact owner"),
  sort: z.enum(["createdAt", "title"]).default("createdAt"),
});

/** A phase 1 obligation with what the requirements analysis (7.2) adds to it. */
export const ObligationRequirementSchema = ObligationSchema.extend({
  ...NeedsOut,
  interestedPartyId: IdSchema.nullable(),
  interestedPartyName: z.string().nullable(),
  externalRef: z.string().nullable(),
  assetCount: z.number().int(),
});
export type ObligationRequirement = z.infer<typeof ObligationRequirementSchema>;
export const ObligationRequirementDetailSchema = ObligationRequirementSchema.extend({ assets: z.array(AssetRefSchema) });
export const ObligationNeedsInputSchema = z.strictObject({
  ...Needs,
  interestedPartyId: IdSchema.nullable().default(null).describe("the interested party that imposes it (a regulator, a customer, …)"),
  externalRef: ExternalRef,
  version: VersionSchema,
});
export const ObligationListQuerySchema = z.object({
  ...PageQuery,
  q: z.string().max(200).optional().describe("part of the title, any case"),
  kind: ObligationKindSchema.optional(),
  partyId: IdSchema.optional(),
  owner: z.string().max(200).optional().describe("exact owner"),
  sort: z.enum(["createdAt", "title"]).default("createdAt"),
});

export const ItemParamsSchema = z.strictObject({ orgId: IdSchema, itemId: IdSchema });
export const ItemAssetParamsSchema = z.strictObject({ orgId: IdSchema, itemId: IdSchema, assetId: IdSchema });
export const AssetLinkInputSchema = z.strictObject({
  assetId: IdSchema.describe("the asset (process, information, system, …) it applies to"),
});
export const AssetLinkSchema = z.object({ id: IdSchema, asset: AssetRefSchema, createdAt: TimestampSchema });

export const LinkedRequirementSchema = z.object({
  linkId: IdSchema,
  type: z.enum(["requirement", "obligation"]),
  id: IdSchema,
  title: z.string(),
});
export const LinkedRequirementQuerySchema = z.object({ cursor: PageQuery.cursor, limit: PageQuery.limit });

const tags = ["security requirements"];

/** Security requirements (7.2): interested parties, their requirements, the obligations' implications, links to assets. */
export const requirementsEndpoints = {
  listParties: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/interested-parties",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "List interested parties",
    params: OrgParamsSchema,
    query: PartyListQuerySchema,
    response: pageOf(InterestedPartySchema),
  }),
  createParty: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/interested-parties",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Add an interested party",
    params: OrgParamsSchema,
    body: InterestedPartyInputSchema,
    response: InterestedPartySchema,
    status: 201,
  }),
  getParty: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/interested-parties/:itemId",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "One interested party",
    params: ItemParamsSchema,
    response: InterestedPartySchema,
  }),
  updateParty: updateEndpoints({
    path: "/orgs/:orgId/interested-parties/:itemId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "an interested party",
    params: ItemParamsSchema,
    body: InterestedPartyUpdateSchema,
    response: InterestedPartySchema,
  }),
  deleteParty: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/interested-parties/:itemId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Remove an interested party that no requirement or obligation names",
    params: ItemParamsSchema,
    response: OkSchema,
  }),
  listRequirements: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/requirements",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "List the interested parties' requirements",
    params: OrgParamsSchema,
    query: RequirementListQuerySchema,
    response: pageOf(RequirementSchema),
  }),
  createRequirement: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/requirements",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Add a requirement of an interested party",
    params: OrgParamsSchema,
    body: RequirementInputSchema,
    response: RequirementDetailSchema,
    status: 201,
  }),
  getRequirement: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/requirements/:itemId",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "One requirement, with the assets it applies to",
    params: ItemParamsSchema,
    response: RequirementDetailSchema,
  }),
  updateRequirement: updateEndpoints({
    path: "/orgs/:orgId/requirements/:itemId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "a requirement",
    params: ItemParamsSchema,
    body: RequirementUpdateSchema,
    response: RequirementDetailSchema,
  }),
  deleteRequirement: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/requirements/:itemId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Remove a requirement and its asset links",
    params: ItemParamsSchema,
    response: OkSchema,
  }),
  listObligations: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/requirements/obligations",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "List the legal, regulatory, contractual and internal obligations with what they imply for security",
    params: OrgParamsSchema,
    query: ObligationListQuerySchema,
    response: pageOf(ObligationRequirementSchema),
  }),
  getObligation: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/requirements/obligations/:itemId",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "One obligation, with the assets it applies to",
    params: ItemParamsSchema,
    response: ObligationRequirementDetailSchema,
  }),
  updateObligation: updateEndpoints({
    path: "/orgs/:orgId/requirements/obligations/:itemId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "what an obligation implies: confidentiality, integrity and availability needs, the party behind it, its external reference",
    params: ItemParamsSchema,
    body: ObligationNeedsInputSchema,
    response: ObligationRequirementDetailSchema,
  }),
  ofAsset: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/assets/:assetId/requirements",
    access: access.org(registerPolicy, "read"),
    tags,
    summary: "The requirements and obligations that apply to an asset",
    params: AssetParamsSchema,
    query: LinkedRequirementQuerySchema,
    response: pageOf(LinkedRequirementSchema),
  }),
  linkRequirementAsset: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/requirements/:itemId/assets",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Record that the requirement applies to an asset (a process, information, a system, …)",
    params: ItemParamsSchema,
    body: AssetLinkInputSchema,
    response: AssetLinkSchema,
    status: 201,
  }),
  unlinkRequirementAsset: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/requirements/:itemId/assets/:assetId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Remove an asset from the requirement",
    params: ItemAssetParamsSchema,
    response: OkSchema,
  }),
  linkObligationAsset: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/requirements/obligations/:itemId/assets",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Record that the obligation applies to an asset (a process, information, a system, …)",
    params: ItemParamsSchema,
    body: AssetLinkInputSchema,
    response: AssetLinkSchema,
    status: 201,
  }),
  unlinkObligationAsset: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/requirements/obligations/:itemId/assets/:assetId",
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "Remove an asset from the obligation",
    params: ItemAssetParamsSchema,
    response: OkSchema,
  }),
};

/** Interested parties as the register kit takes them. */
export const partyRegister = {
  list: requirementsEndpoints.listParties,
  create: requirementsEndpoints.createParty,
  ...requirementsEndpoints.updateParty,
  remove: requirementsEndpoints.deleteParty,
};

/** The interested parties' requirements as the register kit takes them. */
export const requirementRegister = {
  list: requirementsEndpoints.listRequirements,
  create: requirementsEndpoints.createRequirement,
  ...requirementsEndpoints.updateRequirement,
  remove: requirementsEndpoints.deleteRequirement,
};
