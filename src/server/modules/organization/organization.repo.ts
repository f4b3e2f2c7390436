import { type OrganizationData, organizationChecks } from "../../../core/organization/rules.js";
import {
  DEFAULT_SOD_RULES,
  evaluateSod,
  type Person,
  type SodConflict,
  type SodFacts,
  type SodRule,
} from "../../../core/organization/sod.js";
import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { latestApprovals } from "../approvals/index.js";
import { orgCatalog } from "../process/index.js";
import { listRoles } from "../raci/index.js";
import { computeCurrentSoa } from "../soa/index.js";

interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface CommitteesTable extends OrgRecord {
  title: string;
  chair_user_id: string | null;
  /** JSON array of user ids. */
  member_user_ids: string;
  meeting_frequency: string;
  remit: string;
}
export interface SecurityOrganizationsTable extends OrgRecord {
  /** JSON: [{ roleKey, reportsToRoleKey, deputyUserId }]. */
  roles: string;
}
export interface SodRuleSetsTable extends OrgRecord {
  /** JSON: SodRule[]. */
  rules: string;
}

declare module "../../db/schema.js" {
  interface Database {
    committees: CommitteesTable;
    security_organizations: SecurityOrganizationsTable;
    sod_rule_sets: SodRuleSetsTable;
  }
  interface AuditedTables {
    committees: true;
    security_organizations: true;
    sod_rule_sets: true;
  }
}

export interface RoleLine {
  roleKey: string;
  reportsToRoleKey: string | null;
  deputyUserId: string | null;
}

/** The organization's members by id, with their name and email, for resolving owners written as text. */
export async function membersOf(db: Db | WriteContext, orgId: string) {
  const rows = await reader(db)
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.display_name", "u.email"])
    .where("m.org_id", "=", orgId)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.display_name, email: r.email }]));
}

export type Members = Awaited<ReturnType<typeof membersOf>>;

/** Whether another committee of the organization (not `exceptId`) has this title. */
export async function committeeTitleTaken(db: Db | WriteContext, orgId: string, title: string, exceptId: string | null): Promise<boolean> {
  let query = reader(db).selectFrom("committees").select("id").where("org_id", "=", orgId).where("title", "=", title);
  if (exceptId !== null) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The member an owner field names: by id, name or email, any case. */
export function memberNamed(members: Members, owner: string | null): Person | null {
  if (!owner?.trim()) return null;
  const wanted = owner.trim().toLowerCase();
  const byId = members.get(owner.trim());
  if (byId) return { id: byId.id, name: byId.name };
  for (const m of members.values())
    if (m.name.toLowerCase() === wanted || m.email.toLowerCase() === wanted) return { id: m.id, name: m.name };
  return null;
}

export async function readSodRules(db: Db | WriteContext, orgId: string): Promise<{ rules: SodRule[]; version: number }> {
  const row = await reader(db).selectFrom("sod_rule_sets").selectAll().where("id", "=", orgId).executeTakeFirst();
  return row
    ? { rules: JSON.parse(row.rules) as SodRule[], version: row.version }
    : { rules: DEFAULT_SOD_RULES.map((r) => ({ ...r })), version: 0 };
}

export async function readRoleLines(db: Db | WriteContext, orgId: string): Promise<RoleLine[]> {
  const row = await reader(db).selectFrom("security_organizations").select("roles").where("id", "=", orgId).executeTakeFirst();
  return row ? (JSON.parse(row.roles) as RoleLine[]) : [];
}

/** Everything the security organization's review and the completion rule of 9.2.1 read, and the SoD facts. */
export async function loadOrganization(db: Db, orgId: string) {
  const k = db.kysely;
  const [members, stored, { catalog }, lines, committees, soa, policies, approvals, acceptances, sod] = await Promise.all([
    membersOf(db, orgId),
    listRoles(db, orgId),
    orgCatalog(db, orgId),
    readRoleLines(db, orgId),
    k.selectFrom("committees").selectAll().where("org_id", "=", orgId).orderBy("title").execute(),
    computeCurrentSoa(db, orgId),
    k
      .selectFrom("documents")
      .select(["id", "identifier", "title", "owner_user_id"])
      .where("org_id", "=", orgId)
      .where("type", "in", ["isms_policy", "topic_policy"])
      .where("retired_at", "is", null)
      .orderBy("identifier")
      .execute(),
    latestApprovals(db, orgId),
    k
      .selectFrom("risk_decisions as d")
      .innerJoin("risks as r", "r.id", "d.risk_id")
      .select(["r.ref", "r.title", "r.owner_user_id", "d.decided_by", "d.authority"])
      .where("d.org_id", "=", orgId)
      .where("d.kind", "=", "acceptance")
      .where("d.revoked_at", "is", null)
      .execute(),
    readSodRules(db, orgId),
  ]);
  const person = (id: string | null): Person | null => {
    const m = id ? members.get(id) : undefined;
    return m ? { id: m.id, name: m.name } : null;
  };
  const roles =
    stored.length > 0
      ? stored.map((r) => ({ key: r.key, title: r.title, mandatory: r.mandatory, people: r.people }))
      : catalog.roles.map((r) => ({ key: r.key, title: r.title, mandatory: r.mandatory, people: [] }));
  const lineOf = new Map(lines.map((l) => [l.roleKey, l]));
  const roleFacts = roles.map((r) => ({
    key: r.key,
    title: r.title,
    mandatory: r.mandatory,
    holders: r.people.flatMap((p) => {
      const m = person(p.userId);
      return m ? [m] : [];
    }),
    deputy: person(lineOf.get(r.key)?.deputyUserId ?? null),
    reportsTo: lineOf.get(r.key)?.reportsToRoleKey ?? null,
  }));
  const included = soa.rows.filter((r) => r.decision === "include");
  const owned = included.flatMap((r) => {
    const owner = memberNamed(members, r.owner);
    return owner ? [{ ref: r.control.id, title: r.control.title, owner }] : [];
  });
  const facts: SodFacts = {
    roleHolders: roleFacts.flatMap((r) => r.holders.map((p) => ({ roleKey: r.key, roleTitle: r.title, person: p }))),
    owned,
    gateDecisions: [...approvals.values()]
      .filter((a) => a.decided_by !== null)
      .map((a) => ({ gateId: a.gate_id, requestedBy: person(a.requested_by), decidedBy: person(a.decided_by) })),
    riskAcceptances: groupAcceptances(acceptances, person),
    actionReviews: [],
  };
  const conflicts: SodConflict[] = evaluateSod(sod.rules, facts);
  const data: OrganizationData = {
    roles: roleFacts.map(({ reportsTo: _, ...r }) => r),
    committees: committees.map((c) => ({
      id: c.id,
      name: c.title,
      chair: person(c.chair_user_id),
      members: (JSON.parse(c.member_user_ids) as string[]).flatMap((id) => {
        const m = person(id);
        return m ? [m] : [];
      }),
    })),
    includedControls: included.map((r) => ({
      ref: r.control.id,
      title: r.control.title,
      owner: r.owner,
      ownerIsMember: memberNamed(members, r.owner) !== null,
    })),
    policies: policies.map((p) => ({
      id: p.id,
      identifier: p.identifier,
      title: p.title,
      ownerIsMember: person(p.owner_user_id) !== null,
    })),
    conflicts,
  };
  return { data, roles: roleFacts, facts, conflicts };
}

function groupAcceptances(
  rows: { ref: string; title: string; owner_user_id: string | null; decided_by: string | null; authority: string }[],
  person: (id: string | null) => Person | null,
) {
  const byRisk = new Map<string, SodFacts["riskAcceptances"][number]>();
  for (const r of rows) {
    const entry = byRisk.get(r.ref) ?? { ref: r.ref, title: r.title, owner: person(r.owner_user_id), acceptors: [], aboveThreshold: false };
    const by = person(r.decided_by);
    if (by) entry.acceptors.push(by);
    entry.aboveThreshold ||= r.authority !== "risk_owner";
    byRisk.set(r.ref, entry);
  }
  return [...byRisk.values()];
}

/** The review the organization page shows: roles, committees, conflicts and the checks of 9.2.1. */
export async function organizationReview(db: Db, orgId: string) {
  const { data, roles, conflicts } = await loadOrganization(db, orgId);
  return {
    roles,
    committees: data.committees.map((c) => ({ id: c.id, title: c.name, chair: c.chair, members: c.members })),
    conflicts,
    checks: organizationChecks(data),
  };
}
