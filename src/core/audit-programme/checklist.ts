/**
 * The checklist of one audit, generated from its scope: one line per clause requirement, per
 * included control (with its implementation status, evidence and the organization's documents
 * for it) and per area (process, site, unit). Line ids are stable ("clause:9.2.2",
 * "control:A.5.15", "area:<id>") so a frozen report can refer to them.
 */

export interface ChecklistDocument {
  id: string;
  identifier: string;
  title: string;
}

export interface ChecklistControl {
  id: string;
  ref: string;
  title: string;
  implementation: string;
  owner: string | null;
  /** Where the evidence is, as recorded (gap assessment, SoA). */
  evidence: string | null;
  documents: readonly ChecklistDocument[];
}

export interface ChecklistLine {
  id: string;
  kind: "clause" | "control" | "area";
  ref: string;
  title: string;
  /** What to look at, in our words. */
  prompt: string;
  implementation: string | null;
  owner: string | null;
  evidence: string | null;
  documents: ChecklistDocument[];
}

export interface ChecklistInput {
  /** Clause requirements the scope covers, in reference order. */
  clauses: readonly { id: string; title: string; documents?: readonly ChecklistDocument[] }[];
  controls: readonly ChecklistControl[];
  areas: readonly { id: string; kind: string; name: string; owner: string | null }[];
}

export function buildChecklist(input: ChecklistInput): ChecklistLine[] {
  return [
    ...input.clauses.map(
      (c): ChecklistLine => ({
        id: `clause:${c.id}`,
        kind: "clause",
        ref: c.id,
        title: c.title,
        prompt: `Is the requirement of clause ${c.id} met, and is there a record that shows it?`,
        implementation: null,
        owner: null,
        evidence: null,
        documents: [...(c.documents ?? [])],
      }),
    ),
    ...input.controls.map(
      (c): ChecklistLine => ({
        id: `control:${c.id}`,
        kind: "control",
        ref: c.ref,
        title: c.title,
        prompt:
          c.implementation === "implemented"
            ? `Control ${c.ref} is recorded as implemented: sample the evidence and check it operates as described.`
            : `Control ${c.ref} is recorded as ${c.implementation.replace("_", " ")}: check the plan to complete it and what runs today.`,
        implementation: c.implementation,
        owner: c.owner,
        evidence: c.evidence,
        documents: [...c.documents],
      }),
    ),
    ...input.areas.map(
      (a): ChecklistLine => ({
        id: `area:${a.id}`,
        kind: "area",
        ref: a.name,
        title: `${a.kind.replace("_", " ")} ${a.name}`,
        prompt: `Walk through ${a.name}: do the ISMS processes run there as planned?`,
        implementation: null,
        owner: a.owner,
        evidence: null,
        documents: [],
      }),
    ),
  ];
}
