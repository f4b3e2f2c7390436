import { canonicalJson } from "../audit/chain.js";

/**
 * What changed between a stored snapshot (of a gate's artifact or of a risk decision) and the
 * same thing now, as a reader needs it: which record (a list item, matched by its id, named by
 * its reference and title), which field, and the values before and after.
 */
export type ChangeKind = "changed" | "added" | "removed" | "reordered";

/** A list item a change is in, named as a person knows it. */
export interface ChangeRecord {
  /** The list the record is in, e.g. "costs" or "risks". */
  list: string;
  id: string;
  ref: string | null;
  title: string | null;
}

export interface Change {
  /** Where in the snapshot, list items addressed by id: `costs[<id>].amount`. */
  path: string;
  /** The record the change is in, or null for a field outside any list (and for a list's order). */
  record: ChangeRecord | null;
  /** The field within the record (or the snapshot): `amount`, `residual.level`; empty when a whole record is added or removed. */
  field: string;
  before: unknown;
  after: unknown;
  kind: ChangeKind;
  /** Why a change is reported less precisely than usual, e.g. a snapshot stored before list items had ids. */
  note?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/** A list whose items all carry a distinct string id, so items can be matched across snapshots. */
function idsOf(list: readonly unknown[]): string[] | null {
  const ids = list.map((item) => (isObject(item) && typeof item.id === "string" ? item.id : null));
  if (ids.some((id) => id === null)) return null;
  return new Set(ids).size === ids.length ? (ids as string[]) : null;
}

export function recordOf(list: string, item: Json): ChangeRecord {
  return { list, id: String(item.id), ref: text(item.ref), title: text(item.title) ?? text(item.name) ?? text(item.label) };
}

/** What a list item is called in a change list: "risk R-0003 Ransomware on file server", "cost line 'Consultant fees'". */
const NOUNS: Record<string, string> = {
  costs: "cost line",
  milestones: "milestone",
  risks: "risk",
  sections: "section",
  controls: "control",
  tasks: "task",
  predecessors: "dependency on",
  roles: "role",
  committees: "committee",
  sodRules: "segregation-of-duties rule",
  documents: "document",
  holders: "holder",
};

export function describeRecord(record: ChangeRecord): string {
  const noun = NOUNS[record.list] ?? record.list;
  if (record.ref) return `${noun} ${record.ref}${record.title ? ` ${record.title}` : ""}`;
  if (record.title) return `${noun} '${record.title}'`;
  return `${noun} ${record.id}`;
}

/** How an item of a list without ids is shown when the list is compared as a whole. */
function itemLabel(item: unknown, index: number): unknown {
  if (!isObject(item)) return item;
  return text(item.ref) ?? text(item.title) ?? text(item.name) ?? (typeof item.id === "string" ? item.id : `#${index + 1}`);
}

/** A record's fields as shown when it is added or removed: everything but its id. */
function fieldsOf(item: Json): Json {
  const { id: _id, ...rest } = item;
  return rest;
}

interface Where {
  path: string;
  record: ChangeRecord | null;
  /** The path relative to the record (or to the snapshot). */
  field: string;
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);
const lastKey = (field: string) => field.split(".").at(-1) ?? field;

function diffList(before: readonly unknown[], after: readonly unknown[], at: Where, out: Change[]): void {
  const beforeIds = idsOf(before);
  const afterIds = idsOf(after);
  if (beforeIds === null || afterIds === null) {
    if (same(before, after)) return;
    const primitive = [...before, ...after].every((item) => !isObject(item) && !Array.isArray(item));
    out.push({
      path: at.path,
      record: at.record,
      field: at.field,
      before: primitive ? before : before.map(itemLabel),
      after: primitive ? after : after.map(itemLabel),
      kind: "changed",
      ...(primitive ? {} : { note: "the stored snapshot's list items carry no ids, so the list is compared as a whole" }),
    });
    return;
  }
  const list = lastKey(at.field);
  const beforeById = new Map(before.map((item) => [(item as Json).id as string, item as Json]));
  const afterById = new Map(after.map((item) => [(item as Json).id as string, item as Json]));
  const itemWhere = (item: Json): Where => ({ path: `${at.path}[${String(item.id)}]`, record: recordOf(list, item), field: "" });
  for (const item of before as Json[]) {
    if (afterById.has(item.id as string)) continue;
    out.push({ ...itemWhere(item), before: fieldsOf(item), after: null, kind: "removed" });
  }
  for (const item of after as Json[]) {
    const old = beforeById.get(item.id as string);
    if (old === undefined) out.push({ ...itemWhere(item), before: null, after: fieldsOf(item), kind: "added" });
    else diffValue(old, item, itemWhere(item), out);
  }
  const keptBefore = beforeIds.filter((id) => afterById.has(id));
  const keptAfter = afterIds.filter((id) => beforeById.has(id));
  if (!same(keptBefore, keptAfter)) {
    const label = (id: string) => describeRecord(recordOf(list, afterById.get(id)!));
    out.push({
      path: at.path,
      record: at.record,
      field: at.field,
      before: keptBefore.map(label),
      after: keptAfter.map(label),
      kind: "reordered",
    });
  }
}

function diffValue(before: unknown, after: unknown, at: Where, out: Change[]): void {
  // A part that is missing on one side is compared as an empty one, so its fields show one by one.
  const b = before ?? (Array.isArray(after) ? [] : isObject(after) ? {} : before);
  const a = after ?? (Array.isArray(before) ? [] : isObject(before) ? {} : after);
  if (Array.isArray(b) && Array.isArray(a)) diffList(b, a, at, out);
  else if (isObject(b) && isObject(a)) {
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
      diffValue(b[key], a[key], { path: join(at.path, key), record: at.record, field: join(at.field, key) }, out);
    }
  } else if (!same(before, after)) out.push({ ...at, before: before ?? null, after: after ?? null, kind: "changed" });
}

/**
 * Compares two snapshots. Items of a list whose items carry an `id` are matched by it: an
 * insertion, a removal or a move is reported as just that, never as changes to the items after
 * it, and a field change names its record. A list without ids (a snapshot stored before lists
 * carried them) is reported as one whole-list change, with a note saying so.
 */
export function snapshotChanges(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  diffValue(before, after, { path: "", record: null, field: "" }, out);
  return out;
}

/** A change as one line of text, for the CLI and logs: `risk R-0003 Ransomware: residual.level 3 → 2`. */
export function describeChange(change: Change): string {
  const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "string" ? v : canonicalJson(v));
  const where = change.record ? describeRecord(change.record) : "";
  switch (change.kind) {
    case "added":
      return `${where} added`;
    case "removed":
      return `${where} removed`;
    case "reordered":
      return `${where ? `${where}: ` : ""}order of ${change.field} changed`;
    default:
      return `${where ? `${where}: ` : ""}${change.field || "(whole)"} ${show(change.before)} → ${show(change.after)}`;
  }
}
