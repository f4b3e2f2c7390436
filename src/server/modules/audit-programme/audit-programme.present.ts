import type { z } from "zod";
import type { AuditSchema, FindingSchema, ProgrammeSchema } from "../../../contracts/audit-programme.js";
import { cycleEnd } from "../../../core/audit-programme/coverage.js";
import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { displayNames } from "../users/index.js";
import type { AuditFindingsTable, AuditProgrammesTable, AuditsTable } from "./audit-programme.tables.js";

/** The internal audit's rows as the API shows them: lists stored as JSON, people by name, counts of what hangs off them. */

type Named = { id: string; name: string };

/** A list column (scope, team) as stored: JSON text. */
export const parseList = (text: string) => JSON.parse(text) as string[];

export function presentProgramme(row: AuditProgrammesTable): z.input<typeof ProgrammeSchema> {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    title: row.title,
    cycleStart: row.cycle_start,
    cycleYears: row.cycle_years,
    cycleEnd: cycleEnd(row.cycle_start, row.cycle_years),
    objectives: row.objectives,
  };
}

/** Names of users by id (members or not: a former member still shows by name). */
export const namesOf = displayNames;
const named = (names: Map<string, string>, id: string | null): Named | null => (id ? { id, name: names.get(id) ?? "former user" } : null);

export async function presentAudits(
  db: Db | WriteContext,
  orgId: string,
  rows: readonly AuditsTable[],
): Promise<z.input<typeof AuditSchema>[]> {
  if (rows.length === 0) return [];
  const teams = rows.map((r) => parseList(r.team));
  const names = await namesOf(db, [...rows.map((r) => r.lead_auditor_id), ...teams.flat()]);
  const counts = await reader(db)
    .selectFrom("audit_findings")
    .select(["audit_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("org_id", "=", orgId)
    .where(
      "audit_id",
      "in",
      rows.map((r) => r.id),
    )
    .groupBy("audit_id")
    .execute();
  const findings = new Map(counts.map((c) => [c.audit_id, Number(c.n)]));
  return rows.map((row, i) => ({
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    programmeId: row.programme_id,
    ref: row.ref,
    title: row.title,
    scope: { clauses: parseList(row.clauses), controls: parseList(row.controls), areas: parseList(row.areas) },
    criteria: row.criteria,
    leadAuditor: named(names, row.lead_auditor_id),
    team: (teams[i] ?? []).map((id) => named(names, id) as Named),
    startDate: row.start_date,
    endDate: row.end_date,
    plan: row.plan,
    status: row.status as "planned",
    conclusion: row.conclusion,
    reportIssuedAt: row.report_issued_at,
    findings: findings.get(row.id) ?? 0,
  }));
}

export async function presentAudit(db: Db | WriteContext, orgId: string, row: AuditsTable) {
  return (await presentAudits(db, orgId, [row]))[0] as z.input<typeof AuditSchema>;
}

export async function presentFindings(
  db: Db | WriteContext,
  orgId: string,
  rows: readonly AuditFindingsTable[],
): Promise<z.input<typeof FindingSchema>[]> {
  if (rows.length === 0) return [];
  const ncs = await reader(db)
    .selectFrom("nonconformities")
    .select(["id", "ref", "status", "finding_id"])
    .where("org_id", "=", orgId)
    .where(
      "finding_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  const nc = new Map(ncs.map((n) => [n.finding_id, n]));
  return rows.map((r) => {
    const raised = nc.get(r.id);
    return {
      id: r.id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
      auditId: r.audit_id,
      ref: r.ref,
      kind: r.kind as "major_nc",
      target: r.target,
      title: r.title,
      description: r.description,
      evidence: r.evidence,
      nonconformity: raised ? { id: raised.id, ref: raised.ref, status: raised.status } : null,
    };
  });
}
