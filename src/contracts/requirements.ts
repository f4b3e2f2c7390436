import { z } from "zod";
import { PARTY_KINDS } from "../core/requirements/kinds.js";
import { AssetRefSchema, Label, LevelSchema, OptionalText } from "./assets.js";
import { IdSchema, PageQuery, TimestampSchema, VersionSchema } from "./common.js";
import { ObligationKindSchema, ObligationSchema } from "./phase1.js";

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
