import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { IdSchema, OkSchema, OrgParamsSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { ImportPreviewInputSchema } from "./imports.js";
import { DateSchema } from "./measures.js";
import { registerEndpoints, updateEndpoints } from "./register.js";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });

export const CourseInputSchema = z.strictObject({
  title: text(200).min(1, { error: "must not be empty" }),
  kind: z.enum(["course", "campaign"]).default("course").describe("a training course, or an awareness campaign"),
  description: text(2000).nullable().default(null),
  targetRoleIds: z.array(IdSchema).max(100).default([]).describe("the ISMS roles it is aimed at"),
  targetGroups: z.array(text(100).min(1)).max(50).default([]).describe("other audiences, e.g. all staff, developers"),
  refresherMonths: z.number().int().min(1).max(120).nullable().default(null).describe("repeat after this many months; null: once"),
  startsOn: DateSchema.nullable().default(null),
  ownerUserId: IdSchema.nullable().default(null),
});
export const CourseUpdateSchema = CourseInputSchema.extend({ version: VersionSchema });
export const CourseSchema = CourseInputSchema.extend({ id: z.string(), version: z.number().int() });

export const RequirementInputSchema = z.strictObject({
  roleId: IdSchema,
  title: text(300).min(1, { error: "must not be empty" }).describe("the competence the role needs"),
  courseId: IdSchema.nullable().default(null).describe("the course that gives it"),
});
export const RequirementUpdateSchema = RequirementInputSchema.extend({ version: VersionSchema });
export const RequirementSchema = RequirementInputSchema.extend({ id: z.string(), version: z.number().int() });

const tags = ["training and awareness"];
export const courseEndpoints = registerEndpoints({
  path: "training/courses",
  entity: "training course",
  tags,
  item: CourseSchema,
  input: CourseInputSchema,
});
export const requirementEndpoints = registerEndpoints({
  path: "training/requirements",
  entity: "competence requirement",
  tags,
  item: RequirementSchema,
  input: RequirementInputSchema,
});

export const RecordInputSchema = z.strictObject({
  courseId: IdSchema,
  userId: IdSchema.nullable().default(null).describe("a member; or name a person who is not one"),
  personName: text(200).nullable().default(null),
  completedOn: DateSchema,
  note: text(1000).nullable().default(null),
});
export const RecordUpdateSchema = RecordInputSchema.extend({ version: VersionSchema });
export const RecordSchema = RecordInputSchema.extend({
  id: z.string(),
  personName: z.string(),
  source: z.string(),
  validUntil: z.string().nullable(),
  version: z.number().int(),
});

export const TrainingParamsSchema = z.strictObject({ orgId: IdSchema, itemId: IdSchema });

export const CoverageSchema = z.object({
  roles: z.array(
    z.object({
      roleId: z.string(),
      title: z.string(),
      required: z.number().int(),
      covered: z.number().int(),
      percent: z.number().nullable(),
      missing: z.array(z.object({ name: z.string(), course: z.string(), reason: z.enum(["never", "expired"]) })),
    }),
  ),
  required: z.number().int(),
  covered: z.number().int(),
  percent: z.number().nullable(),
  refreshersDue: z.array(z.object({ name: z.string(), course: z.string(), due: z.string() })),
});

export const RecordImportResultSchema = z.object({ created: z.number().int() });

const trainingTags = ["training and awareness"];
export const trainingEndpoints = {
  records: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/training/records",
    access: access.org(registerPolicy, "read"),
    tags: trainingTags,
    summary: "Completion records, newest first; filter by course",
    params: OrgParamsSchema,
    query: z.object({ courseId: z.uuid().optional() }),
    response: z.object({ items: z.array(RecordSchema) }),
  }),
  addRecord: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/training/records",
    access: access.org(registerPolicy, "write"),
    tags: trainingTags,
    summary: "Record that a person completed a course or campaign",
    params: OrgParamsSchema,
    body: RecordInputSchema,
    response: RecordSchema,
    status: 201,
  }),
  removeRecord: defineEndpoint({
    method: "DELETE",
    path: "/orgs/:orgId/training/records/:itemId",
    access: access.org(registerPolicy, "write"),
    tags: trainingTags,
    summary: "Remove a completion record",
    params: TrainingParamsSchema,
    response: OkSchema,
  }),
  importRecords: defineEndpoint({
    method: "POST",
    path: "/orgs/:orgId/training/records/import",
    access: access.org(registerPolicy, "write"),
    tags: trainingTags,
    summary:
      "Import completion records from CSV or XLSX (columns course, person, completed_on, note): all rows or, when any row has a problem, none; problems are listed by row and column",
    params: OrgParamsSchema,
    body: ImportPreviewInputSchema,
    response: RecordImportResultSchema,
    status: 201,
  }),
  coverage: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/training/coverage",
    access: access.org(registerPolicy, "read"),
    tags: trainingTags,
    summary:
      "Training coverage per ISMS role and overall (completions still valid), who misses what, and refreshers due in the next 90 days",
    params: OrgParamsSchema,
    response: CoverageSchema,
  }),
  updateRecord: updateEndpoints({
    path: "/orgs/:orgId/training/records/:itemId",
    access: access.org(registerPolicy, "write"),
    tags: trainingTags,
    summary: "a completion record",
    params: TrainingParamsSchema,
    body: RecordUpdateSchema,
    response: RecordSchema,
  }),
};

/** Training records as the register kit takes them. */
export const trainingRecordRegister = {
  list: trainingEndpoints.records,
  create: trainingEndpoints.addRecord,
  ...trainingEndpoints.updateRecord,
  remove: trainingEndpoints.removeRecord,
};
