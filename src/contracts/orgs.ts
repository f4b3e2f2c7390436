import { z } from "zod";
import { orgPolicy } from "../core/access/policies.js";
import { CURRENCIES, isCurrencyCode, LOCALES } from "../core/money/money.js";
import { IdSchema, OrgParamsSchema, TimestampSchema, VersionSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";
import { RoleSchema } from "./members.js";
import { updateEndpoints } from "./register.js";

const OrgNameSchema = z.string().trim().min(1, { error: "must not be empty" }).max(200, { error: "must be at most 200 characters" });

export const OrgSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: RoleSchema.describe("the caller's role in this organization"),
  currency: z
    .string()
    .describe("the organization's currency (ISO 4217), the default of every money field, the Monte Carlo views and the documents"),
  locale: z
    .string()
    .describe("how the organization writes numbers and amounts (a BCP 47 locale such as de-DE): amounts typed are read by it"),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Org = z.infer<typeof OrgSchema>;

export const CreateOrgBodySchema = z.strictObject({ name: OrgNameSchema });
export const CurrencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: `must be a three-letter ISO 4217 code such as ${CURRENCIES.slice(0, 3).join(", ")}`, abort: true })
  .refine(isCurrencyCode, { error: "is not an ISO 4217 currency code" });
export const LocaleSchema = z.enum(
  LOCALES.map((l) => l.value),
  { error: `must be one of ${LOCALES.map((l) => l.value).join(", ")}` },
);
export const UpdateOrgBodySchema = z.strictObject({
  name: OrgNameSchema,
  currency: CurrencySchema.optional().describe("left out: stays as it is"),
  locale: LocaleSchema.optional().describe("left out: stays as it is"),
  version: VersionSchema,
});

/** The organizations endpoints, described once for the server, the OpenAPI document and the typed clients. */
export const orgEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/orgs",
    access: access.user,
    tags: ["organizations"],
    summary: "The organizations I belong to, with my role in each",
    response: z.object({ items: z.array(OrgSchema) }),
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/orgs",
    access: access.user,
    tags: ["organizations"],
    summary: "Create an organization; I become its administrator",
    body: CreateOrgBodySchema,
    response: OrgSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId",
    access: access.org(orgPolicy, "read"),
    tags: ["organizations"],
    summary: "One organization",
    params: OrgParamsSchema,
    response: OrgSchema,
  }),
  update: updateEndpoints({
    path: "/orgs/:orgId",
    access: access.org(orgPolicy, "update"),
    tags: ["organizations"],
    summary: "an organization's name, currency and locale",
    params: OrgParamsSchema,
    body: UpdateOrgBodySchema,
    response: OrgSchema,
  }),
};
