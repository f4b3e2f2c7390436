import { parsePredecessor } from "../../core/imports/columns.js";
import { type KeyedRecord, referenceResolver } from "../../core/imports/matching.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../db/audited.js";
import { breathe } from "../workers/breathe.js";
import type { FieldProblem, PlannedRow, Source, Stored } from "./binding.js";

/**
 * A column that lists other records of the same register a record links to (an asset's
 * "Supports"): the links are the list, resolved against the register as the file leaves it.
 * A file with the column sets each of its rows' links to the list; one without it leaves the
 * links alone.
 */
export interface LinkBinding {
  /** The input field of the column. */
  field: string;
  table: "asset_supports" | "plan_dependencies";
  /** The entity type of the links' audit events, as the register's routes write it. */
  entity: string;
  /** The table columns of the linking and the linked record. */
  from: "supporting_asset_id" | "successor_id";
  to: "primary_asset_id" | "predecessor_id";
  /**
   * The column of a lag each link carries (a task's predecessor: `T-0003+2d`); the list's items
   * then name the record and the lag (core/imports `parsePredecessor`).
   */
  lag?: "lag_days";
  /** A new link's row, as the register's routes store it. */
  row(ctx: WriteContext, orgId: string, from: string, to: string, lag: number): Record<string, unknown>;
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
  lag: number;
}

/** A row's links before and after: what the commit adds and removes. */
export interface PlannedLinks {
  before: StoredLink[];
  after: string[];
  /** Each link's lag, in the order of `after` (0 where the links carry none). */
  lags: number[];
}

const lagAfter = (links: PlannedLinks, to: string) => links.lags[links.after.indexOf(to)] ?? 0;

export const linksChanged = (links: PlannedLinks | undefined) =>
  links !== undefined &&
  (links.before.length !== links.after.length || links.before.some((l) => !links.after.includes(l.to) || l.lag !== lagAfter(links, l.to)));

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
      .select(["id", `${binding.from} as from`, `${binding.to} as to`, ...(binding.lag ? [`${binding.lag} as lag`] : [])] as never)
      .where("org_id", "=", orgId)
      .execute()
  ).map((l: Record<string, unknown>) => ({ id: l.id as string, from: l.from as string, to: l.to as string, lag: Number(l.lag ?? 0) }));
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
    /** The problems of a list on a row its schema refused: the references that name no record. */
    unresolved(row: number, list: string[] | undefined): FieldProblem[] {
      return (list ?? []).flatMap((text) => {
        const item = binding.lag ? parsePredecessor(text) : { reference: text, lagDays: 0 };
        if ("message" in item) return [{ row, field: binding.field, message: item.message }];
        const found = resolve(item.reference);
        return found.ok ? [] : [{ row, field: binding.field, message: found.message }];
      });
    },
    /** The row's links and their problems, for a row its schema accepted. */
    plan(p: PlannedRow, list: string[] | undefined): { links?: PlannedLinks; problems: FieldProblem[] } {
      const problems: FieldProblem[] = [];
      const id = p.id as string;
      const self: LinkEnd = { id, name: String(p.columns.name ?? p.columns.title ?? ""), kind: String(p.columns.kind) };
      if (p.before) {
        const count = standing.filter((l) => l.from === id || l.to === id).length;
        const problem = binding.standing(p.before, p.columns, count);
        if (problem) problems.push({ row: p.row, field: "kind", message: problem });
      }
      if (list === undefined) return { problems };
      const after: string[] = [];
      const lags: number[] = [];
      for (const text of list) {
        const item = binding.lag ? parsePredecessor(text) : { reference: text, lagDays: 0 };
        if ("message" in item) {
          problems.push({ row: p.row, field: binding.field, message: item.message });
          continue;
        }
        const found = resolve(item.reference);
        if (!found.ok) {
          problems.push({ row: p.row, field: binding.field, message: found.message });
          continue;
        }
        const other = ends.get(found.id) as LinkEnd;
        const problem = binding.problem(self, other);
        if (problem) problems.push({ row: p.row, field: binding.field, message: `"${text}": ${problem}` });
        else if (after.includes(found.id)) {
          if (binding.lag) problems.push({ row: p.row, field: binding.field, message: `"${item.reference}" is listed twice` });
        } else {
          after.push(found.id);
          lags.push(item.lagDays);
        }
      }
      return { links: { before: outgoing.get(id) ?? [], after, lags }, problems };
    },
  };
}

/** Writes the links the rows change, each through the audited helpers, once every record they join exists. */
export async function writeLinks(ctx: WriteContext, orgId: string, binding: LinkBinding, changes: { from: string; links: PlannedLinks }[]) {
  for (const { from, links } of changes) {
    for (const link of links.before)
      if (!links.after.includes(link.to)) await deleteAudited(ctx, binding.table, link.id, { orgId, entityType: binding.entity });
      else if (binding.lag && link.lag !== lagAfter(links, link.to))
        await updateAudited(
          ctx,
          binding.table as "plan_dependencies",
          link.id,
          { lag_days: lagAfter(links, link.to) },
          { orgId, entityType: binding.entity, scope: { org_id: orgId } },
        );
    for (const [i, to] of links.after.entries())
      if (!links.before.some((l) => l.to === to))
        await insertAudited(ctx, binding.table, binding.row(ctx, orgId, from, to, links.lags[i] ?? 0) as never, {
          orgId,
          entityType: binding.entity,
        });
  }
}
