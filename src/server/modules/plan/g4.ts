import { canonicalJson } from "../../../core/audit/chain.js";
import type { Db } from "../../db/database.js";
import { sha256 } from "../../security/hashing.js";
import { registerEntries, sectionsById, versionStates } from "../documents/index.js";
import { loadOrganization, readSodRules } from "../organization/index.js";
import { loadTasks } from "./plan.repo.js";

/**
 * Gate G4 approves the final ISMS project plan together with the ISMS design. Its artifact is
 * declared part by part: each part is a key of the snapshot and a builder. The plan and its
 * calendar are here; the security organization, the document register and the policy set add
 * their own part (one line each) when they arrive, and G4 goes stale when any of them changes.
 * Every list inside carries a stable id, so the change list names the record and the field.
 */
export interface G4Part {
  key: string;
  build(db: Db, orgId: string): Promise<unknown>;
}

/** The plan as approved: what is planned, by whom, when, at what cost and in what order. Progress (status) is left out: it moves every week without changing the plan. */
async function planPart(db: Db, orgId: string) {
  const { tasks, links } = await loadTasks(db, orgId);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return tasks.map((t) => ({
    id: t.id,
    ref: t.ref,
    title: t.title,
    description: t.description,
    source: t.source,
    sourceId: t.source_id,
    owner: t.owner_user_id,
    effortDays: t.effort_days === null ? null : Number(t.effort_days),
    cost: t.cost === null ? null : Number(t.cost),
    startDate: t.start_date,
    dueDate: t.due_date,
    milestone: t.milestone === 1,
    deliverables: JSON.parse(t.deliverables) as string[],
    predecessors: links
      .filter((l) => l.successor_id === t.id)
      .map((l) => ({
        id: l.predecessor_id,
        ref: byId.get(l.predecessor_id)?.ref ?? null,
        title: byId.get(l.predecessor_id)?.title ?? null,
        lagDays: l.lag_days,
      })),
  }));
}

async function calendarPart(db: Db, orgId: string) {
  const row = await db.kysely.selectFrom("plan_settings").selectAll().where("id", "=", orgId).executeTakeFirst();
  return { weekends: row ? (JSON.parse(row.weekends) as number[]) : [0, 6], holidays: row ? (JSON.parse(row.holidays) as string[]) : [] };
}

const person = (p: { id: string; name: string } | null) => (p ? { id: p.id, name: p.name } : null);

/** The security organization's roles (9.2.1): who holds each, the deputy and the reporting line. */
async function rolesPart(db: Db, orgId: string) {
  const { roles } = await loadOrganization(db, orgId);
  return roles.map((r) => ({
    id: r.key,
    title: r.title,
    mandatory: r.mandatory,
    holders: r.holders.map((h) => ({ id: h.id, name: h.name })),
    deputy: person(r.deputy),
    reportsTo: r.reportsTo,
  }));
}

/** Committees and forums: chair, members, how often they meet and what they decide. */
async function committeesPart(db: Db, orgId: string) {
  const rows = await db.kysely
    .selectFrom("committees")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    chair: c.chair_user_id,
    members: (JSON.parse(c.member_user_ids) as string[]).map((id) => ({ id })),
    meetingFrequency: c.meeting_frequency,
    remit: c.remit,
  }));
}

/** The segregation-of-duties rules the organization set. */
async function sodRulesPart(db: Db, orgId: string) {
  const { rules } = await readSodRules(db, orgId);
  return rules.map((r) => ({ id: r.id, title: r.title, kind: r.kind, enabled: r.enabled, roleKeys: [...r.roleKeys] }));
}

/** The document register (policy set, procedures and the rest): each entry's version in force or latest, its status and a hash of its content. */
async function documentsPart(db: Db, orgId: string) {
  const [entries, versions] = await Promise.all([registerEntries(db, orgId), versionStates(db, orgId)]);
  const latest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) {
    const seen = latest.get(v.document_id);
    if (!seen || v.number > seen.number) latest.set(v.document_id, v);
  }
  const sections = await sectionsById(
    db,
    [...latest.values()].map((v) => v.id),
  );
  return entries.map((e) => {
    const v = latest.get(e.id);
    return {
      id: e.id,
      ref: e.identifier,
      title: e.title,
      type: e.type,
      status: e.status,
      version: v?.number ?? null,
      contentHash: v ? sha256(canonicalJson(sections.get(v.id) ?? [])) : null,
      nextReviewDate: e.nextReviewDate,
    };
  });
}

/** The parts of G4's artifact, in order: the final plan and the ISMS design it implements. */
export const G4_PARTS: G4Part[] = [
  { key: "tasks", build: planPart },
  { key: "calendar", build: calendarPart },
  { key: "roles", build: rolesPart },
  { key: "committees", build: committeesPart },
  { key: "sodRules", build: sodRulesPart },
  { key: "documents", build: documentsPart },
];

export async function g4Artifact(db: Db, orgId: string): Promise<Record<string, unknown>> {
  const parts = await Promise.all(G4_PARTS.map(async (p) => [p.key, await p.build(db, orgId)] as const));
  return Object.fromEntries(parts);
}
