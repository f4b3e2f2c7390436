import type { z } from "zod";
import type { AuditInputSchema, FindingInputSchema } from "../../../contracts/audit-programme.js";
import { describeConflict, independenceConflicts, type OwnedItem, type Person } from "../../../core/audit-programme/independence.js";
import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { badRequest } from "../../http/errors.js";
import { listControls, unknownControls } from "../controls/index.js";
import { iso27001Reference } from "../gap/index.js";
import { membersAmong } from "../orgs/index.js";

/** What an audit or a finding must fit before it is written: known clauses, controls, areas and members, and independent auditors. */

type AuditInput = z.output<typeof AuditInputSchema>;
type FindingInput = z.output<typeof FindingInputSchema>;

/** The people an audit names as they may appear as owners: id, display name, e-mail. */
async function people(db: Db | WriteContext, ids: readonly string[]): Promise<(Person & { name: string })[]> {
  if (ids.length === 0) return [];
  const rows = await reader(db)
    .selectFrom("users")
    .select(["id", "display_name", "email"])
    .where("id", "in", [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const u = byId.get(id);
    return u ? [{ id: u.id, aliases: [u.display_name, u.email], name: u.display_name }] : [];
  });
}

/** What the audit checks and who owns it: the scoped controls (owner in the SoA) and areas (owner in the scope). */
async function ownedItems(
  db: Db | WriteContext,
  orgId: string,
  controls: readonly string[],
  areas: readonly string[],
): Promise<OwnedItem[]> {
  const k = reader(db);
  const [entries, all, elements] = await Promise.all([
    controls.length === 0
      ? []
      : k
          .selectFrom("soa_entries")
          .select(["control_id", "owner"])
          .where("org_id", "=", orgId)
          .where("control_id", "in", [...controls])
          .execute(),
    controls.length === 0 ? [] : listControls(db, orgId),
    areas.length === 0
      ? []
      : k
          .selectFrom("scope_elements")
          .select(["id", "kind", "name", "owner"])
          .where("org_id", "=", orgId)
          .where("id", "in", [...areas])
          .execute(),
  ]);
  const owners = new Map(entries.map((e) => [e.control_id, e.owner]));
  const byId = new Map(all.map((c) => [c.id, c]));
  return [
    ...controls.map((id): OwnedItem => {
      const owner = owners.get(id);
      return { kind: "control", ref: byId.get(id)?.ref ?? id, title: byId.get(id)?.title ?? id, owners: owner ? [owner] : [] };
    }),
    ...elements.map((e): OwnedItem => ({ kind: e.kind.replace("_", " "), ref: e.name, title: e.name, owners: e.owner ? [e.owner] : [] })),
  ];
}

/** Independence conflicts of an audit's auditors, in words. */
export async function auditConflicts(
  db: Db | WriteContext,
  orgId: string,
  auditors: readonly string[],
  controls: readonly string[],
  areas: readonly string[],
): Promise<{ personId: string; message: string }[]> {
  const [persons, items] = await Promise.all([people(db, auditors), ownedItems(db, orgId, controls, areas)]);
  const names = new Map(persons.map((p) => [p.id, p.name]));
  return independenceConflicts(persons, items).map((c) => ({
    personId: c.personId,
    message: describeConflict(c, names.get(c.personId) ?? c.personId),
  }));
}

/** Refuses an audit that names unknown things, non-members, reversed dates, or auditors who own what they audit. */
export async function checkAudit(db: Db | WriteContext, orgId: string, input: AuditInput): Promise<void> {
  const k = reader(db);
  const errors: { field: string; message: string }[] = [];
  const programme = await k
    .selectFrom("audit_programmes")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "=", input.programmeId)
    .executeTakeFirst();
  if (!programme) errors.push({ field: "programmeId", message: "is not an audit programme of this organization" });
  const clauses = iso27001Reference().clauses;
  const badClauses = input.scope.clauses.filter((c) => !clauses.has(c));
  if (badClauses.length > 0)
    errors.push({ field: "scope.clauses", message: `names no clause of ISO/IEC 27001:2022 (4–10): ${badClauses.join(", ")}` });
  const badControls = await unknownControls(db, orgId, input.scope.controls);
  if (badControls.length > 0)
    errors.push({ field: "scope.controls", message: `names no control of the organization: ${badControls.join(", ")}` });
  if (input.scope.areas.length > 0) {
    const found = await k
      .selectFrom("scope_elements")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "in", input.scope.areas)
      .execute();
    const known = new Set(found.map((f) => f.id));
    const missing = input.scope.areas.filter((a) => !known.has(a));
    if (missing.length > 0)
      errors.push({ field: "scope.areas", message: `names no scope element of the organization: ${missing.join(", ")}` });
  }
  const auditors = [...new Set([...(input.leadAuditorUserId ? [input.leadAuditorUserId] : []), ...input.teamUserIds])];
  if (auditors.length > 0) {
    const known = await membersAmong(db, orgId, auditors);
    if (input.leadAuditorUserId && !known.has(input.leadAuditorUserId))
      errors.push({ field: "leadAuditorUserId", message: "is not a member of this organization" });
    const outsiders = input.teamUserIds.filter((id) => !known.has(id));
    if (outsiders.length > 0) errors.push({ field: "teamUserIds", message: `names people who are not members: ${outsiders.join(", ")}` });
  }
  if (input.startDate && input.endDate && input.endDate < input.startDate)
    errors.push({ field: "endDate", message: "must not be before the start date" });
  if (errors.length > 0) throw badRequest(errors.map((e) => `${e.field} ${e.message}`).join("; "), errors);
  const conflicts = await auditConflicts(db, orgId, auditors, input.scope.controls, input.scope.areas);
  if (conflicts.length > 0) {
    const fieldOf = (personId: string) => (personId === input.leadAuditorUserId ? "leadAuditorUserId" : "teamUserIds");
    throw badRequest(
      `auditors must be independent of what they audit: ${conflicts.map((c) => c.message).join("; ")}`,
      conflicts.map((c) => ({ field: fieldOf(c.personId), message: c.message })),
    );
  }
}

const knownTarget = async (db: Db | WriteContext, orgId: string, target: string) =>
  iso27001Reference().clauses.has(target) || (await unknownControls(db, orgId, [target])).length === 0;

export async function checkFinding(db: Db | WriteContext, orgId: string, input: FindingInput): Promise<void> {
  if (!(await knownTarget(db, orgId, input.target)))
    throw badRequest("the finding must be about a clause or a control", [
      { field: "target", message: `${input.target} is neither a clause number (4–10) nor a control of the organization` },
    ]);
}
