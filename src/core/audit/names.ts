/**
 * The audit log in words: an action code ("risk.created") as a label ("Risk created"), and the
 * name of the record an event is about ("R-0003 Payroll data leaked") read from the audit trail
 * itself, so that a record is named even after it was deleted and no module has to be asked.
 */

/** Columns that hold a record's reference, most telling first. */
const REFERENCE_COLUMNS = ["ref", "reference", "identifier", "external_ref", "control_id", "item_id", "gate_id", "activity_id"] as const;
/** Columns that hold a record's title or name, most telling first. */
const TITLE_COLUMNS = ["title", "name", "display_name", "person_name", "role_key", "email"] as const;

export type Changes = Record<string, { before: unknown; after: unknown }>;

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : null;

/** What a record's events, oldest first, say its reference and title are now (a deletion keeps the last known ones). */
export function recordName(events: readonly Changes[]): { reference: string | null; title: string | null } {
  const known: Record<string, string | null> = {};
  for (const changes of events)
    for (const [column, change] of Object.entries(changes)) {
      const value = text(change?.after);
      if (value !== null) known[column] = value;
    }
  const pick = (columns: readonly string[]) => columns.map((c) => known[c] ?? null).find((v) => v !== null) ?? null;
  return { reference: pick(REFERENCE_COLUMNS), title: pick(TITLE_COLUMNS) };
}

/** "R-0003 Payroll data leaked", "A.5.1 Policies for information security", a title alone, or null when nothing names it. */
export function nameLabel(name: { reference: string | null; title: string | null }): string | null {
  if (name.reference && name.title && name.reference !== name.title) return `${name.reference} ${name.title}`;
  return name.reference ?? name.title;
}

const spelled = (code: string) => code.replaceAll(/[_.-]+/g, " ").trim();
const capitalized = (words: string) => (words === "" ? words : words[0]?.toUpperCase() + words.slice(1));

const ACRONYMS: Readonly<Record<string, string>> = { soa: "SoA", api: "API", raci: "RACI", isms: "ISMS" };

const words = (code: string) =>
  capitalized(
    spelled(code)
      .split(" ")
      .map((w) => ACRONYMS[w] ?? w)
      .join(" "),
  );

/** "risk.created" -> "Risk created", "member.role_changed" -> "Member role changed", "soa_entry.updated" -> "SoA entry updated". */
export const actionLabel = (action: string): string => words(action);

/** "soa_entry" -> "SoA entry", "api_token" -> "API token"; others spelled out. */
export const entityTypeLabel = (type: string): string => words(type);
