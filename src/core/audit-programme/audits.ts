import type { ChecklistDocument, ChecklistLine } from "./checklist.js";

/** An audit's or a finding's reference from its number: "IA-001", "F-012". */
export const numberedRef = (prefix: string, n: number) => `${prefix}-${String(n).padStart(3, "0")}`;

/** What an audit must name before it can run, as its lacks are worded. */
export interface AuditPlanning {
  clauses: readonly string[];
  controls: readonly string[];
  areas: readonly string[];
  leadAuditorId: string | null;
  criteria: string | null;
  startDate: string | null;
  endDate: string | null;
  plan: string | null;
}

/** What an audit still lacks before it can run, in words. */
export function auditLacks(a: AuditPlanning): string[] {
  const blank = (t: string | null) => t === null || t.trim() === "";
  const scoped = a.clauses.length + a.controls.length + a.areas.length > 0;
  return [
    scoped ? null : "a scope",
    a.leadAuditorId ? null : "a lead auditor",
    blank(a.criteria) ? "criteria" : null,
    a.startDate && a.endDate ? null : "dates",
    blank(a.plan) ? "an audit plan" : null,
  ].filter((x): x is string => x !== null);
}

/** The documents that address a control: those whose title names the control's reference or title. */
export function documentsAddressing(documents: readonly ChecklistDocument[], ref: string, title: string): ChecklistDocument[] {
  const wanted = [ref.toLowerCase(), title.toLowerCase()];
  return documents
    .filter((d) => wanted.some((w) => d.title.toLowerCase().includes(w)))
    .map((d) => ({ id: d.id, identifier: d.identifier, title: d.title }));
}

/** The audit as its issued report shows it. */
export interface ReportedAudit {
  id: string;
  ref: string;
  title: string;
  scope: { clauses: string[]; controls: string[]; areas: string[] };
  criteria: string | null;
  leadAuditor: { id: string; name: string } | null;
  team: { id: string; name: string }[];
  startDate: string | null;
  endDate: string | null;
  conclusion: string | null;
}

export interface ReportedFinding {
  id: string;
  ref: string;
  kind: string;
  target: string;
  title: string;
  description: string | null;
  evidence: string | null;
}

/**
 * What an issued report freezes: the audit, its checklist and its findings, and nothing else the
 * API shows (versions, timestamps), so that its hash depends only on what the audit found.
 */
export function reportContent(audit: ReportedAudit, checklist: readonly ChecklistLine[], findings: readonly ReportedFinding[]) {
  return {
    audit: {
      id: audit.id,
      ref: audit.ref,
      title: audit.title,
      scope: audit.scope,
      criteria: audit.criteria,
      leadAuditor: audit.leadAuditor,
      team: audit.team,
      startDate: audit.startDate,
      endDate: audit.endDate,
      conclusion: audit.conclusion,
    },
    checklist,
    findings: findings.map((f) => ({
      id: f.id,
      ref: f.ref,
      kind: f.kind,
      target: f.target,
      title: f.title,
      description: f.description,
      evidence: f.evidence,
    })),
  };
}
