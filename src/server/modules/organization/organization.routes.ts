import type { z } from "zod";
import {
  type CommitteeInput,
  committeeEndpoints,
  organizationEndpoints,
  type SodRulesSchema,
  securityOrganizationEndpoints,
  sodRulesEndpoints,
} from "../../../contracts/organization.js";
import { DEFAULT_SOD_RULES } from "../../../core/organization/sod.js";
import type { Db } from "../../db/database.js";
import { requireMember } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { badRequest } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { registerRoutes } from "../../registers/register-routes.js";
import { singletonRoutes } from "../../registers/singleton-routes.js";
import { committeeTitleTaken, membersOf, organizationReview, type RoleLine } from "./organization.repo.js";

/** Refuses people who are not members of the organization, naming the field. */
async function checkMembers(db: Db, orgId: string, fields: { field: string; ids: (string | null)[] }[]): Promise<void> {
  const members = await membersOf(db, orgId);
  const errors = fields.flatMap(({ field, ids }) =>
    ids.flatMap((id, i) =>
      id !== null && !members.has(id)
        ? [{ field: ids.length > 1 || field.endsWith("Ids") ? `${field}.${i}` : field, message: "is not a member of this organization" }]
        : [],
    ),
  );
  if (errors.length > 0) throw badRequest(`not a member: ${errors.map((e) => e.field).join(", ")}`, errors);
}

const committeeRoutes = registerRoutes({
  endpoints: committeeEndpoints,
  table: "committees",
  toRow: (i: CommitteeInput) => ({
    title: i.title,
    chair_user_id: i.chairUserId,
    member_user_ids: JSON.stringify([...new Set(i.memberUserIds)]),
    meeting_frequency: i.meetingFrequency,
    remit: i.remit,
  }),
  present: (r) => ({
    id: r.id,
    title: r.title,
    chairUserId: r.chair_user_id ?? null,
    memberUserIds: JSON.parse(r.member_user_ids) as string[],
    meetingFrequency: r.meeting_frequency,
    remit: r.remit,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }),
  check: async (db, orgId, input, id) => {
    await checkMembers(db, orgId, [
      { field: "chairUserId", ids: [input.chairUserId] },
      { field: "memberUserIds", ids: input.memberUserIds },
    ]);
    if (await committeeTitleTaken(db, orgId, input.title, id))
      throw badRequest(`another committee is called "${input.title}"`, [
        { field: "title", message: "is already the name of another committee" },
      ]);
  },
});

const lineRoutes = singletonRoutes({
  endpoints: securityOrganizationEndpoints,
  table: "security_organizations",
  toRow: (i) => ({ roles: JSON.stringify(i.roles) }),
  present: (r) => ({
    roles: r ? (JSON.parse(r.roles) as RoleLine[]).map((l) => ({ id: l.roleKey, ...l })) : [],
    version: r?.version ?? 0,
  }),
  check: async (db, orgId, input) => {
    await checkMembers(
      db,
      orgId,
      input.roles.map((l, i) => ({ field: `roles.${i}.deputyUserId`, ids: [l.deputyUserId] })),
    );
    const keys = input.roles.map((l) => l.roleKey);
    const errors = input.roles.flatMap((l, i) => [
      ...(keys.indexOf(l.roleKey) !== i ? [{ field: `roles.${i}.roleKey`, message: `appears twice: "${l.roleKey}"` }] : []),
      ...(l.reportsToRoleKey === l.roleKey ? [{ field: `roles.${i}.reportsToRoleKey`, message: "a role cannot report to itself" }] : []),
    ]);
    // A loop of reporting lines has no top.
    const up = new Map(input.roles.map((l) => [l.roleKey, l.reportsToRoleKey]));
    for (const [i, l] of input.roles.entries()) {
      const seen = new Set([l.roleKey]);
      let next = l.reportsToRoleKey;
      while (next && up.has(next)) {
        if (seen.has(next)) {
          errors.push({ field: `roles.${i}.reportsToRoleKey`, message: `the reporting lines from "${l.roleKey}" go round in a loop` });
          break;
        }
        seen.add(next);
        next = up.get(next) ?? null;
      }
    }
    if (errors.length > 0)
      throw badRequest(`the reporting lines do not fit: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
  },
});

const sodRuleRoutes = singletonRoutes({
  endpoints: sodRulesEndpoints,
  table: "sod_rule_sets",
  toRow: (i) => ({ rules: JSON.stringify(i.rules) }),
  present: (r) => ({
    rules: r ? (JSON.parse(r.rules) as z.input<typeof SodRulesSchema>["rules"]) : DEFAULT_SOD_RULES.map((d) => ({ ...d })),
    version: r?.version ?? 0,
  }),
});

const reviewRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, organizationEndpoints.review, async (request) => organizationReview(db, requireMember(request).orgId));
};

export const organizationRoutes: RouteModule[] = [committeeRoutes, lineRoutes, sodRuleRoutes, reviewRoutes];
