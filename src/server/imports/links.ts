import { uuidv7 } from "../../core/ids.js";
import { type KeyedRecord, referenceResolver } from "../../core/imports/matching.js";
import { deleteAudited, insertAudited, reader, type WriteContext } from "../db/audited.js";
import { breathe } from "../workers/breathe.js";
import type { FieldProblem, PlannedRow, Source, Stored } from "./registers.js";

/**
 * A column that lists other records of the same register a record links to (an asset's
 * "Supports"): the links are the list, resolved against the register as the file leaves it.
 * A file with the column sets each of its rows' links to the list; one without it leaves the
 * links alone.
 */
export interface LinkBinding {
  /** The input field of the column. */
  field: string;
  table: "asset_supports";
  /** The entity type of the links' audit events, as the register's routes write it. */
  entity: string;
  /** The table columns of the linking and the linked record. */
  from: "supporting_asset_id";
  to: "primary_asset_id";
  /** What a linked record is called in messages. */
  what: string;
  /** The register's rule for a link between two records as the import would leave them: why it may not be, or null. */
  problem(from: LinkEnd, to: LinkEnd): string | null;
  /** The register's rule for a record the row changes while links that the file does not replace stay on it. */
  standing(before: Stored, columns: Record<string, unknown>, links: number): string | null;
}

/** A record as a link rule sees it: its kind as the import leaves it. */
export interface LinkEnd {
  id: string;
  name: string;
  kind: string;
}

interface StoredLink {
  id: string;
  from: string;
  to: string;
}

/** A row's links before and after: what the commit adds and removes. */
export interface PlannedLinks {
  before: StoredLink[];
  after: string[];
}

export const linksChanged = (links: PlannedLinks | undefined) =>
  links !== undefined && (links.before.length !== links.after.length || links.before.some((l) => !links.after.includes(l.to)));

/** A file row as the links see it: its record's id (new records get theirs when planned), key and kind. */
export interface LinkRowKey extends KeyedRecord {
  kind: string | null;
}

/**
 * Plans the links of a file's rows: resolves each list, checks every link against the
 * register's rule with both ends as the import leaves them, and checks the records whose change
 * would leave links standing that the file does not replace.
 */
export async function planLinks(
  source: Source,
  orgId: string,
  binding: LinkBinding,
  options: {
    /** Whether the file has the column: only then are the rows' links replaced. */
    present: boolean;
    existing: (KeyedRecord & { kind: string })[];
    /** The records the rows are about, with the key and kind the file gives them. */
    rows: LinkRowKey[];
    /** The records a reference may name: the database's as the rows leave them, and the rows' new ones. */
    candidates: KeyedRecord[];
  },
) {
  const ends = new Map<string, LinkEnd>(options.existing.map((r) => [r.id, { id: r.id, name: r.name, kind: r.kind }]));
  for (const row of options.rows) {
    await breathe();
    const end = ends.get(row.id);
    ends.set(row.id, { id: row.id, name: row.name || (end?.name ?? ""), kind: row.kind ?? end?.kind ?? "" });
  }
  const fileIds = new Set(options.rows.map((r) => r.id));
  const stored = (
    await reader(source)
      .selectFrom(binding.table)
      .select(["id", `${binding.from} as from`, `${binding.to} as to`])
      .where("org_id", "=", orgId)
      .execute()
  ).map((l) => ({ id: l.id, from: l.from as string, to: l.to as string }));
  const outgoing = new Map<string, StoredLink[]>();
  await breathe();
  for (const link of stored) outgoing.set(link.from, [...(outgoing.get(link.from) ?? []), link]);
  // Links the file does not replace: all of them without the column, else those of records it leaves out.
  const standing = stored.filter((l) => !(options.present && fileIds.has(l.from)));
  await breathe();
  const resolve = referenceResolver(options.candidates, binding.what);
  await breathe();

  return {
    /** Takes the list out of a row's values (the record's own schema does not know it). */
    take(values: Record<string, unknown>): string[] | undefined {
      const list = values[binding.field] as string[] | undefined;
      delete values[binding.field];
      return options.present ? (list ?? []) : undefined;
    },
    /** The row's links and their problems, for a row its schema accepted. */
    plan(p: PlannedRow, list: string[] | undefined): { links?: PlannedLinks; problems: FieldProblem[] } {
      const problems: FieldProblem[] = [];
      const id = p.id as string;
      const self: LinkEnd = { id, name: String(p.columns.name ?? ""), kind: String(p.columns.kind) };
      if (p.before) {
        const count = standing.filter((l) => l.from === id || l.to === id).length;
        const problem = binding.standing(p.before, p.columns, count);
        if (problem) problems.push({ row: p.row, field: "kind", message: problem });
      }
      if (list === undefined) return { problems };
      const after: string[] = [];
      for (const text of list) {
        const found = resolve(text);
        if (!found.ok) {
          problems.push({ row: p.row, field: binding.field, message: found.message });
          continue;
        }
        const other = ends.get(found.id) as LinkEnd;
        const problem = binding.problem(self, other);
        if (problem) problems.push({ row: p.row, field: binding.field, message: `"${text}": ${problem}` });
        else if (!after.includes(found.id)) after.push(found.id);
      }
      return { links: { before: outgoing.get(id) ?? [], after }, problems };
    },
  };
}

/** Writes the links the rows change, each through the audited helpers, once every record they join exists. */
export async function writeLinks(ctx: WriteContext, orgId: string, binding: LinkBinding, changes: { from: string; links: PlannedLinks }[]) {
  for (const { from, links } of changes) {
    for (const link of links.before)
      if (!links.after.includes(link.to)) await deleteAudited(ctx, binding.table, link.id, { orgId, entityType: binding.entity });
    for (const to of links.after)
      if (!links.before.some((l) => l.to === to))
        await insertAudited(
          ctx,
          binding.table,
          { id: uuidv7(), org_id: orgId, supporting_asset_id: from, primary_asset_id: to, created_at: ctx.now },
          { orgId, entityType: binding.entity },
        );
  }
}
