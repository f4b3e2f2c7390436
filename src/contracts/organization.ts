import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { SOD_RULE_KINDS } from "../core/organization/sod.js";
import { IdSchema, OrgParamsSchema, TimestampSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { registerEndpoints, singletonEndpoints } from "./register.js";

const tags = ["security organization"];

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
const Required = (max: number) => Text(max).min(1, { error: "must not be empty" });
const Version = z.number().int().min(0).describe("the version you read; 0 the first time");

const Person = z.object({ id: z.string(), name: z.string() });

// --- committees -----------------------------------------------------------------------------------

export const CommitteeInputSchema = z.strictObject({
  title: Required(200).describe("the committee's or forum's name, e.g. Information security committee"),
  chairUserId: IdSchema.nullable().default(null).describe("the member who chairs it"),
  memberUserIds: z
    .array(IdSchema)
    .max(100, { error: "must have at most 100 members" })
    .default([])
    .describe("its members, all members of the organization"),
  meetingFrequency: Required(100).describe("how often it meets, e.g. quarterly"),
  remit: Required(4000).describe("what it decides, oversees or advises on"),
});
export type CommitteeInput = z.infer<typeof CommitteeInputSchema>;

export const CommitteeSchema = z.object({
  id: IdSchema,
  title: z.string(),
  chairUserId: IdSchema.nullable(),
  memberUserIds: z.array(IdSchema),
  meetingFrequency: z.string(),
  remit: z.string(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export const committeeEndpoints = registerEndpoints({
  path: "committees",
  entity: "committee",
  tags,
  item: CommitteeSchema,
  input: CommitteeInputSchema,
});

// --- reporting lines and deputies -----------------------------------------------------------------

const RoleLineSchema = z.strictObject({
  roleKey: Required(60).describe("the ISMS role's key, e.g. isms_manager"),
  reportsToRoleKey: Text(60).nullable().default(null).describe("the role it reports to"),
  deputyUserId: IdSchema.nullable().default(null).describe("the member who stands in for the holder"),
});

export const SecurityOrganizationInputSchema = z.strictObject({
  roles: z.array(RoleLineSchema).max(100, { error: "must have at most 100 roles" }).default([]),
  version: Version,
});

export const SecurityOrganizationSchema = z.object({
  roles: z.array(
    z.object({ id: z.string(), roleKey: z.string(), reportsToRoleKey: z.string().nullable(), deputyUserId: z.string().nullable() }),
  ),
  version: z.number().int(),
});
export const securityOrganizationEndpoints = singletonEndpoints({
  path: "security-organization",
  entity: "security organization",
  tags,
  schema: SecurityOrganizationSchema,
  input: SecurityOrganizationInputSchema,
});

// --- segregation-of-duties rules -----------------------------------------------------------------

const SodRuleInputSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, { error: "must be lower-case letters, digits and dashes" })
    .describe("stable id of the rule; the defaults keep theirs"),
  kind: z.enum(SOD_RULE_KINDS, { error: `must be one of ${SOD_RULE_KINDS.join(", ")}` }),
  title: Required(300),
  enabled: z.boolean(),
  roleKeys: z.array(Required(60)).max(20).default([]).describe("for roles-exclusive: the roles one person may not hold together"),
});

export const SodRulesInputSchema = z.strictObject({
  rules: z
    .array(SodRuleInputSchema)
    .max(50, { error: "must have at most 50 rules" })
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((r, i) => {
        if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `appears twice: "${r.id}"` });
        seen.add(r.id);
        if (r.kind === "roles-exclusive" && new Set(r.roleKeys).size < 2)
          ctx.addIssue({ code: "custom", path: [i, "roleKeys"], message: "must name at least two different roles" });
      });
    }),
  version: Version,
});

export const SodRulesSchema = z.object({
  rules: z.array(
    z.object({ id: z.string(), kind: z.enum(SOD_RULE_KINDS), title: z.string(), enabled: z.boolean(), roleKeys: z.array(z.string()) }),
  ),
  version: z.number().int().describe("0 while the defaults have never been changed"),
});
export const sodRulesEndpoints = singletonEndpoints({
  path: "sod-rules",
  entity: "segregation-of-duties rules",
  tags,
  schema: SodRulesSchema,
  input: SodRulesInputSchema,
});

// --- the review --------------------------------------------------------------------------------------

const CheckSchema = z.object({
  id: z.string(),
  label: z.string(),
  ok: z.boolean(),
  missing: z.array(z.object({ message: z.string(), link: z.object({ register: z.string(), id: z.string().optional() }) })),
});

export const SecurityOrganizationReviewSchema = z.object({
  roles: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      mandatory: z.boolean(),
      holders: z.array(Person),
      deputy: Person.nullable(),
      reportsTo: z.string().nullable(),
    }),
  ),
  committees: z.array(z.object({ id: z.string(), title: z.string(), chair: Person.nullable(), members: z.array(Person) })),
  conflicts: z.array(
    z.object({ ruleId: z.string(), ruleTitle: z.string(), people: z.array(Person), item: z.string(), message: z.string() }),
  ),
  checks: z.array(CheckSchema),
});

/** The security organization's own endpoints (its registers are served by the register kit). */
export const organizationEndpoints = {
  review: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/security-organization/review",
    access: access.org(registerPolicy, "read"),
    tags,
    summary:
      "The security organization as it stands: roles with holders, deputies and reporting lines, committees, segregation-of-duties conflicts and the checks of 9.2.1",
    params: OrgParamsSchema,
    response: SecurityOrganizationReviewSchema,
  }),
};
