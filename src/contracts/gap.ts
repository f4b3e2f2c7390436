import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { THEMES } from "../core/gap/reference.js";
import { GAP_STATUSES, MAX_MATURITY } from "../core/gap/summary.js";
import { IdSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { updateEndpoints } from "./register.js";

export const ThemeSchema = z.enum(THEMES, { error: `must be one of ${THEMES.join(", ")}` });
export const GapStatusSchema = z.enum(GAP_STATUSES, { error: `must be one of ${GAP_STATUSES.join(", ")}` });
export const GapItemKindSchema = z.enum(["clause", "control"], { error: "must be clause or control" });

/** The shipped ISO/IEC 27001:2022 reference: identifiers and short titles only. */
export const ReferenceSchema = z.object({
  id: z.string(),
  title: z.string(),
  clauses: z.array(z.object({ id: z.string(), title: z.string(), parent: z.string().nullable() })),
  controls: z.array(z.object({ id: z.string(), title: z.string(), theme: ThemeSchema, newIn2022: z.boolean() })),
});

export const GapItemSchema = z.object({
  itemId: z.string().describe('clause number such as "6.1.2" or Annex A control such as "A.5.1"'),
  kind: GapItemKindSchema,
  title: z.string(),
  group: z.string().describe("top-level clause (4 to 10) for a clause item, theme for a control"),
  parent: z.string().nullable(),
  theme: ThemeSchema.nullable(),
  status: GapStatusSchema,
  maturity: z.number().int().nullable(),
  evidence: z.string().nullable(),
  findings: z.string().nullable(),
  justification: z.string().nullable().describe("why the item does not apply; set only when the status is not_applicable"),
  assessedBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }).nullable(),
  assessedAt: TimestampSchema.nullable(),
  version: z.number().int().describe("0 until first assessed"),
});
export type GapItemView = z.infer<typeof GapItemSchema>;

export const GapListQuerySchema = z.object({
  cursor: PageQuery.cursor,
  limit: PageQuery.limit,
  kind: GapItemKindSchema.optional(),
  theme: ThemeSchema.optional(),
  status: GapStatusSchema.optional(),
  q: z.string().max(200).optional().describe("part of the item's number or title"),
});

export const GapItemParamsSchema = z.strictObject({
  orgId: IdSchema,
  itemId: z.string().min(1, { error: "is not a clause or control number" }).max(50, { error: "is not a clause or control number" }),
});

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });

/** What an assessment of one item records; the version and the item are sent beside it. */
const AssessmentFields = {
  status: GapStatusSchema,
  maturity: z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(0, { error: `must be between 0 and ${MAX_MATURITY}` })
    .max(MAX_MATURITY, { error: `must be between 0 and ${MAX_MATURITY}` })
    .nullable()
    .default(null),
  evidence: Text(10000).nullable().default(null).describe("what was seen: documents, records, interviews"),
  findings: Text(10000).nullable().default(null),
  justification: Text(4000).nullable().default(null).describe("required when the status is not_applicable; ignored otherwise"),
};
const Version = z.number().int().min(0).describe("the version you read; 0 when the item was never assessed");
const ItemId = z
  .string()
  .trim()
  .min(1, { error: "must not be empty" })
  .max(50, { error: "is not a clause or control number" })
  .describe('clause number such as "6.1.2" or Annex A control such as "A.5.1"');
const justified = (v: { status: string; justification: string | null }) => v.status !== "not_applicable" || (v.justification ?? "") !== "";
const JUSTIFICATION_REQUIRED = { error: "is required: say why the item does not apply", path: ["justification"] };

export const GapAssessInputSchema = z.strictObject({ ...AssessmentFields, version: Version }).refine(justified, JUSTIFICATION_REQUIRED);
export type GapAssessInput = z.infer<typeof GapAssessInputSchema>;

/** One item of a bulk assessment: the item, what it records and the version read. */
export const GapBulkItemSchema = z
  .strictObject({ itemId: ItemId, ...AssessmentFields, version: Version })
  .refine(justified, JUSTIFICATION_REQUIRED);
export type GapBulkItem = z.infer<typeof GapBulkItemSchema>;

/** How many items one bulk call may assess: the whole standard, several times over. */
export const GAP_BULK_LIMIT = 500;

export const GapBulkInputSchema = z.strictObject({
  items: z
    .array(GapBulkItemSchema)
    .min(1, { error: "must list at least one item" })
    .max(GAP_BULK_LIMIT, { error: `must list at most ${GAP_BULK_LIMIT} items` }),
});
export const GapBulkResultSchema = z.object({ items: z.array(GapItemSchema).describe("the items as written, in the order sent") });

/** A row of a gap assessment file, as the import reads it: no version, the preview and commit check the record's. */
export const GapImportRowSchema = z.strictObject({ itemId: ItemId, ...AssessmentFields }).refine(justified, JUSTIFICATION_REQUIRED);

const GroupSummarySchema = z.object({
  key: z.string(),
  title: z.string(),
  total: z.number().int(),
  counts: z.record(GapStatusSchema, z.number().int()),
  maturity: z.object({
    rated: z.number().int().describe("items with a maturity that are neither not assessed nor not applicable"),
    average: z.number().nullable(),
    distribution: z.array(z.number().int()).describe("index = maturity level 0 to 5"),
  }),
});

export const GapSummarySchema = z.object({
  byTheme: z.array(GroupSummarySchema),
  byClause: z.array(GroupSummarySchema),
  totals: GroupSummarySchema,
  complete: z.boolean().describe("every clause item and every Annex A control has a status other than not_assessed"),
});

export const gapEndpoints = {
  reference: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/reference/iso27001-2022",
    access: access.org(registerPolicy, "read"),
    tags: ["gap assessment"],
    summary: "The ISO/IEC 27001:2022 clauses and Annex A controls (identifiers and short titles)",
    params: OrgParamsSchema,
    response: ReferenceSchema,
  }),
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/gap",
    access: access.org(registerPolicy, "read"),
    tags: ["gap assessment"],
    summary: "Every clause item and Annex A control with its assessment, in the standard's order",
    params: OrgParamsSchema,
    query: GapListQuerySchema,
    response: pageOf(GapItemSchema),
  }),
  summary: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/gap/summary",
    access: access.org(registerPolicy, "read"),
    tags: ["gap assessment"],
    summary: "Status counts and maturity profile by control theme and by clause, and whether every item is assessed",
    params: OrgParamsSchema,
    response: GapSummarySchema,
  }),
  bulk: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/gap/bulk",
    access: access.org(registerPolicy, "write"),
    tags: ["gap assessment"],
    summary:
      "Assess several items in one call, all or nothing: each item with the version you read (0 the first time). Every problem is listed in `errors`, each naming its item (`item`) and field; 400 for invalid items, 409 with the current items for stale versions",
    params: OrgParamsSchema,
    body: GapBulkInputSchema,
    response: GapBulkResultSchema,
  }),
  assess: updateEndpoints({
    path: "/orgs/:orgId/gap/:itemId",
    access: access.org(registerPolicy, "write"),
    tags: ["gap assessment"],
    summary: "one item's assessment (send the version you read; 0 the first time)",
    params: GapItemParamsSchema,
    body: GapAssessInputSchema,
    response: GapItemSchema,
  }),
};
