import { z } from "zod";
import { approvalPolicy, registerPolicy } from "../core/access/policies.js";
import { CLASSIFICATIONS, DOCUMENT_TYPES, VERSION_STATUSES } from "../core/documents/documents.js";
import { IdSchema, OrgParamsSchema, PageQuery, pageOf, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { updateEndpoints } from "./register.js";

/** Text written by people: trimmed, bounded. */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
const Required = (max: number) => Text(max).min(1, { error: "must not be empty" });
const IsoDate = z.iso.date({ error: "must be a date like 2027-03-31" });
const oneOf = (values: readonly string[]) => ({ error: `must be one of ${values.join(", ")}` });

export const DocumentTypeSchema = z.enum(DOCUMENT_TYPES, oneOf(DOCUMENT_TYPES));
export const ClassificationSchema = z.enum(CLASSIFICATIONS, oneOf(CLASSIFICATIONS));
export const VersionStatusSchema = z.enum(VERSION_STATUSES, oneOf(VERSION_STATUSES));

const IdentifierSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,39}$/, { error: "must be up to 40 letters, digits, dots, dashes or underscores, such as POL-001" })
  .describe("the document's reference, unique within the organization; stored in capitals");

const MAX_SECTIONS = 50;
const MAX_MARKDOWN = 100_000;

export const SectionSchema = z.object({ key: z.string(), title: z.string(), markdown: z.string() });

const SectionInputSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,59}$/, { error: "must be lower-case letters, digits and underscores, starting with a letter" })
    .describe("the template's key for a template section (e.g. scope), or a key of your own"),
  title: Required(200),
  markdown: z
    .string()
    .max(MAX_MARKDOWN, { error: `must be at most ${MAX_MARKDOWN} characters` })
    // One line ending everywhere, so that a diff shows what people changed and not how their system saves text.
    .transform((md) => md.replace(/\r\n?/g, "\n").replace(/\s+$/, "")),
});

const SectionsInputSchema = z
  .array(SectionInputSchema)
  .max(MAX_SECTIONS, { error: `must have at most ${MAX_SECTIONS} sections` })
  .superRefine((sections, ctx) => {
    const seen = new Set<string>();
    sections.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `appears twice: "${s.key}"` });
      seen.add(s.key);
    });
  })
  .describe("the whole content, in order; sections left out are removed");

const Person = z.object({ id: IdSchema.nullable(), name: z.string().nullable() });

export const DocumentVersionSummarySchema = z.object({
  number: z.number().int().describe("1, 2, …: the document's version number"),
  status: VersionStatusSchema,
  changeSummary: z.string().nullable(),
  author: Person,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  submittedAt: TimestampSchema.nullable(),
  approvedBy: Person.nullable(),
  approvedAt: TimestampSchema.nullable(),
  version: z.number().int().describe("edit counter of this version while it is open: send it back with a change"),
});
export type DocumentVersionSummary = z.infer<typeof DocumentVersionSummarySchema>;

export const DocumentVersionSchema = DocumentVersionSummarySchema.extend({
  documentId: IdSchema,
  sections: z.array(SectionSchema),
  missingSections: z
    .array(z.object({ key: z.string(), title: z.string() }))
    .describe("required sections of the template still blank: the version cannot be submitted until this is empty"),
});
export type DocumentVersion = z.infer<typeof DocumentVersionSchema>;

const RefList = (pattern: RegExp, example: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .regex(pattern, { error: `must be like ${example}` }),
    )
    .max(200, { error: "must have at most 200 entries" })
    .transform((list) => [...new Set(list)]);

export const LinksSchema = z
  .strictObject({
    clauses: RefList(/^(4|5|6|7|8|9|10)(\.\d{1,2}){0,2}$/, "6.1.2")
      .default([])
      .describe("ISO/IEC 27001:2022 clauses the entry addresses"),
    controls: RefList(/^[A-Z][A-Z0-9]{0,9}\.[0-9A-Za-z.-]{1,20}$/, "A.5.15")
      .default([])
      .describe("controls the entry addresses or implements"),
    risks: RefList(/^[A-Z0-9][A-Z0-9._-]{0,39}$/, "R-0001")
      .default([])
      .describe("risks the entry addresses, by reference"),
    requirements: z.array(IdSchema).max(200).default([]).describe("requirements the entry addresses, by id"),
  })
  .default({ clauses: [], controls: [], risks: [], requirements: [] });

export const DocumentApprovalSchema = z.object({
  state: z.enum(["none", "valid", "stale"]).describe("valid while the approved content is unchanged; stale once it changed"),
  approvedVersion: z.number().int().nullable(),
  changes: z
    .array(z.object({ path: z.string(), description: z.string() }))
    .describe("what changed since the approval, naming the section or field"),
});

export const DocumentSchema = z.object({
  id: IdSchema,
  identifier: z.string(),
  title: z.string(),
  type: DocumentTypeSchema,
  owner: z.string(),
  ownerUserId: IdSchema.nullable(),
  approverUserId: IdSchema.nullable(),
  reviewCycleMonths: z.number().int(),
  links: z.object({
    clauses: z.array(z.string()),
    controls: z.array(z.string()),
    risks: z.array(z.string()),
    requirements: z.array(z.string()),
  }),
  templateKey: z.string().nullable(),
  responsibleRole: z.string().nullable(),
  classification: ClassificationSchema,
  nextReviewDate: z.string(),
  parentId: IdSchema.nullable(),
  status: VersionStatusSchema.describe(
    "retired; approved while a version is in force, even with a revision under way; else draft or in review",
  ),
  latestVersion: DocumentVersionSummarySchema.describe("the newest version: the one being worked on, or the one in force"),
  approvedVersion: DocumentVersionSummarySchema.nullable().describe("the approved version in force"),
  retiredAt: TimestampSchema.nullable(),
  retireReason: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type DocumentItem = z.infer<typeof DocumentSchema>;

const DocumentFields = {
  identifier: IdentifierSchema,
  title: Required(300),
  owner: Required(200).describe("who answers for the document: keeps it current and brings it to review"),
  classification: ClassificationSchema.default("internal"),
  nextReviewDate: IsoDate.describe("when the document is next due for review"),
  parentId: IdSchema.nullable().default(null).describe("the document above this one: a topic policy's ISMS policy, a procedure's policy"),
  ownerUserId: IdSchema.nullable().default(null).describe("the member who owns the document"),
  approverUserId: IdSchema.nullable().default(null).describe("the member who approves it; when set, only they may"),
  reviewCycleMonths: z
    .number()
    .int({ error: "must be a whole number of months" })
    .min(1, { error: "must be between 1 and 60 months" })
    .max(60, { error: "must be between 1 and 60 months" })
    .default(12)
    .describe("months between reviews; an approval sets the next review date this far ahead"),
  links: LinksSchema,
  responsibleRole: Text(60).nullable().default(null).describe("a procedure's responsible ISMS role, by key (e.g. it_operations)"),
};

export const DocumentInputSchema = z.strictObject({ ...DocumentFields, type: DocumentTypeSchema });
export type DocumentInput = z.infer<typeof DocumentInputSchema>;

export const DocumentUpdateSchema = z.strictObject({ ...DocumentFields, version: VersionSchema });
export type DocumentUpdate = z.infer<typeof DocumentUpdateSchema>;

export const DocumentListQuerySchema = z.object({
  ...PageQuery,
  type: DocumentTypeSchema.optional(),
  status: VersionStatusSchema.optional(),
  q: z.string().max(200).optional().describe("part of the identifier or title, any case"),
  sort: z.enum(["identifier", "title", "nextReviewDate"]).default("identifier"),
});

export const DocumentParamsSchema = z.strictObject({ orgId: IdSchema, documentId: IdSchema });

const VersionNumber = z.coerce
  .number({ error: "must be a version number" })
  .int({ error: "must be a version number" })
  .min(1, { error: "must be a version number" })
  .max(1_000_000_000, { error: "must be a version number" });

export const DocumentVersionParamsSchema = z.strictObject({ orgId: IdSchema, documentId: IdSchema, number: VersionNumber });

export const DocumentVersionListQuerySchema = z.object({ ...PageQuery });

const ChangeSummary = Text(1000).nullable().describe("what this version changes, for the change history");

export const DraftUpdateSchema = z.strictObject({
  sections: SectionsInputSchema,
  changeSummary: ChangeSummary.optional().describe("what this version changes (PATCH: left out, it stays as it is)"),
  version: VersionSchema,
});
export type DraftUpdate = z.infer<typeof DraftUpdateSchema>;

export const VersionActionSchema = z.strictObject({ version: VersionSchema });

export const NewDraftSchema = z.strictObject({ changeSummary: ChangeSummary.default(null) });

export const RetireDocumentSchema = z.strictObject({
  reason: Text(1000).nullable().default(null).describe("why the document is withdrawn"),
  version: VersionSchema,
});

export const DocumentDiffQuerySchema = z.object({
  from: VersionNumber.describe("the older version"),
  to: VersionNumber.optional().describe("the newer version; the newest one (the draft, when there is one) when left out"),
});

export const DocumentDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      previousTitle: z.string().nullable(),
      change: z.enum(["unchanged", "changed", "added", "removed"]),
      lines: z.array(z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() })),
    }),
  ),
});

export const PolicyTemplateSchema = z.object({
  key: z.string(),
  title: z.string(),
  identifier: z.string(),
  controls: z.array(z.string()),
  summary: z.string(),
});

export const FromTemplateSchema = z.strictObject({
  templateKey: z.string().max(60).describe("a key from GET /policy-templates"),
  identifier: IdentifierSchema.optional().describe("the template's own identifier when left out"),
  ownerUserId: IdSchema.nullable().default(null),
  approverUserId: IdSchema.nullable().default(null),
  nextReviewDate: IsoDate.optional().describe("a year from today when left out"),
  parentId: IdSchema.nullable().default(null).describe("the ISMS policy when left out"),
});

export const ApproveVersionSchema = z.strictObject({
  version: VersionSchema,
  comment: Text(2000).nullable().default(null),
});

const Covered = z.object({ id: z.string(), identifier: z.string(), title: z.string(), status: VersionStatusSchema });

export const DocumentRegisterReviewSchema = z.object({
  mandatory: z.array(z.object({ clause: z.string(), title: z.string(), coveredBy: z.array(Covered) })),
  coverage: z.array(
    z.object({
      control: z.string(),
      title: z.string(),
      addressedBy: z.array(z.object({ id: z.string(), identifier: z.string(), type: DocumentTypeSchema })),
    }),
  ),
  overdue: z.array(z.object({ id: z.string(), identifier: z.string(), title: z.string(), nextReviewDate: z.string() })),
});

const documentTags = ["documents"];
export const documentEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/documents",
    access: access.org(registerPolicy, "read"),
    tags: documentTags,
    summary: "List controlled documents",
    params: OrgParamsSchema,
    query: DocumentListQuerySchema,
    response: pageOf(DocumentSchema),
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/documents",
    access: access.org(registerPolicy, "write"),
    tags: documentTags,
    summary: "Register a document; version 1 is a draft with the sections of the type's template",
    params: OrgParamsSchema,
    body: DocumentInputSchema,
    response: DocumentSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/documents/:documentId",
    access: access.org(registerPolicy, "read"),
    tags: documentTags,
    summary: "One document, with its newest version and the version in force",
    params: DocumentParamsSchema,
    response: DocumentSchema,
  }),
  update: updateEndpoints({
    path: "/orgs/:orgId/documents/:documentId",
    access: access.org(registerPolicy, "write"),
    tags: documentTags,
    summary: "a document's control data: identifier, title, owner, classification, review date, parent (send the version you read)",
    params: DocumentParamsSchema,
    body: DocumentUpdateSchema,
    response: DocumentSchema,
  }),
  versions: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/documents/:documentId/versions",
    access: access.org(registerPolicy, "read"),
    tags: documentTags,
    summary: "The document's change history: its versions, newest first",
    params: DocumentParamsSchema,
    query: DocumentVersionListQuerySchema,
    response: pageOf(DocumentVersionSummarySchema),
  }),
  version: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/documents/:documentId/versions/:number",
    access: access.org(registerPolicy, "read"),
    tags: documentTags,
    summary: "One version of a document, with its sections",
    params: DocumentVersionParamsSchema,
    response: DocumentVersionSchema,
  }),
  updateDraft: updateEndpoints({
    path: "/orgs/:orgId/documents/:documentId/versions/:number",
    access: access.org(registerPolicy, "write"),
    tags: documentTags,
    summary: "a draft's sections and change summary (send the version you read); any other version is refused",
    params: DocumentVersionParamsSchema,
    body: DraftUpdateSchema,
    response: DocumentVersionSchema,
  }),
  submit: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/documents/:documentId/versions/:number/submit",
    access: access.org(registerPolicy, "write"),
    tags: documentTags,
    summary: "Submit a draft for approval; refused, naming them, while required sections are blank",
    params: DocumentVersionParamsSchema,
    body: VersionActionSchema,
    response: DocumentVersionSchema,
  }),
  withdraw: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/documents/:documentId/versions/:number/withdraw",
    access: access.org(registerPolicy, "write"),
    tags: documentTags,
    summary: "Take a version back from review to change it",
    params: DocumentVersionParamsSchema,
    body: VersionActionSchema,
    response: DocumentVersionSchema,
  }),
  newDraft: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/documents/:documentId/new-draft",
    access: access.org(registerPolicy, "write"),
    tags: documentTags,
    summary: "Start the next version as a draft holding the approved text",
    params: DocumentParamsSchema,
    body: NewDraftSchema,
    response: DocumentVersionSchema,
    status: 201,
  }),
  retire: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/documents/:documentId/retire",
    access: access.org(registerPolicy, "write"),
    tags: documentTags,
    summary: "Retire a document: its approved version leaves force and a draft is abandoned (send the version you read)",
    params: DocumentParamsSchema,
    body: RetireDocumentSchema,
    response: DocumentSchema,
  }),
  policyTemplates: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/policy-templates",
    access: access.org(registerPolicy, "read"),
    tags: documentTags,
    summary: "The library of topic-specific policy templates, each with the Annex A controls it supports",
    params: OrgParamsSchema,
    response: z.object({ items: z.array(PolicyTemplateSchema) }),
  }),
  fromTemplate: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/documents/from-template",
    access: access.org(registerPolicy, "write"),
    tags: documentTags,
    summary: "Create a topic-specific policy from a template, filled with the organization's name, scope and role holders",
    params: OrgParamsSchema,
    body: FromTemplateSchema,
    response: DocumentSchema,
    status: 201,
  }),
  registerReview: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/document-register/review",
    access: access.org(registerPolicy, "read"),
    tags: documentTags,
    summary:
      "The mandatory documented information checklist, the controls each approved policy or procedure addresses, and overdue reviews",
    params: OrgParamsSchema,
    response: DocumentRegisterReviewSchema,
  }),
  approve: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/documents/:documentId/versions/:number/approve",
    access: access.org(approvalPolicy, "decide"),
    tags: documentTags,
    summary: "Approve a version in review (not the ISMS policy, approved at its gate); the approval binds the exact content",
    params: DocumentVersionParamsSchema,
    body: ApproveVersionSchema,
    response: DocumentVersionSchema,
  }),
  approval: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/documents/:documentId/approval",
    access: access.org(registerPolicy, "read"),
    tags: documentTags,
    summary: "Whether the approval of the version in force still holds, and what changed since when it is stale",
    params: DocumentParamsSchema,
    response: DocumentApprovalSchema,
  }),
  diff: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/documents/:documentId/diff",
    access: access.org(registerPolicy, "read"),
    tags: documentTags,
    summary: "What changed between two versions, section by section and line by line",
    params: DocumentParamsSchema,
    query: DocumentDiffQuerySchema,
    response: DocumentDiffSchema,
  }),
};
