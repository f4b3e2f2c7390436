import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type GapAssessInput, type GapBulkItem, type GapItemView, ReferenceSchema } from "../../../contracts/gap.js";
import {
  type GapItem,
  type GapItemKind,
  indexReference,
  lookupItem,
  type ReferenceIndex,
  type Theme,
} from "../../../core/gap/reference.js";
import { type GapData, gapData } from "../../../core/gap/rules.js";
import { type AssessmentFacts, type GapStatus, type GapSummary, summarize } from "../../../core/gap/summary.js";
import { uuidv7 } from "../../../core/ids.js";
import { decodeCursor, encodeCursor } from "../../../core/pagination/cursor.js";
import { insertAudited, reader, updateAudited, type WriteContext, type WriteMeta, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Page } from "../../db/paginate.js";
import { badRequest, conflict, HttpProblem, notFound } from "../../http/errors.js";
import { projectRoot } from "../../paths.js";

export interface GapAssessmentsTable {
  id: string;
  org_id: string;
  item_id: string;
  status: string;
  maturity: number | null;
  evidence: string | null;
  findings: string | null;
  justification: string | null;
  assessed_by: string | null;
  assessed_at: string;
  created_at: string;
  updated_at: string;
  version: number;
}

declare module "../../db/schema.js" {
  interface Database {
    gap_assessments: GapAssessmentsTable;
  }
  interface AuditedTables {
    gap_assessments: true;
  }
}

const ISO27001_2022_FILE = join(projectRoot(), "catalogs", "iso27001-2022.json");

let shipped: ReferenceIndex | undefined;

/** The shipped reference, read and checked on first use: it cannot change while the server runs. */
export function iso27001Reference(): ReferenceIndex {
  shipped ??= indexReference(ReferenceSchema.parse(JSON.parse(readFileSync(ISO27001_2022_FILE, "utf8"))));
  return shipped;
}

export const ENTITY = "gap assessment";

type Stored = GapAssessmentsTable & { assessor_name: string | null };

function storedQuery(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("gap_assessments as g")
    .leftJoin("users as u", "u.id", "g.assessed_by")
    .selectAll("g")
    .select("u.display_name as assessor_name")
    .where("g.org_id", "=", orgId);
}

function present(item: GapItem, row: Stored | undefined): GapItemView {
  return {
    itemId: item.id,
    kind: item.kind,
    title: item.title,
    group: item.group,
    parent: item.parent,
    theme: item.theme,
    status: (row?.status as GapStatus | undefined) ?? "not_assessed",
    maturity: row?.maturity ?? null,
    evidence: row?.evidence ?? null,
    findings: row?.findings ?? null,
    justification: row?.justification ?? null,
    assessedBy: row ? { id: row.assessed_by, name: row.assessor_name } : null,
    assessedAt: row?.assessed_at ?? null,
    version: row?.version ?? 0,
  };
}

export interface GapFilter {
  kind?: GapItemKind | undefined;
  theme?: Theme | undefined;
  status?: GapStatus | undefined;
  q?: string | undefined;
}

/**
 * Every assessable item, merged with the organization's assessments, in reference order. The
 * reference is small and fixed, so the page is cut in memory; the cursor names the last item.
 */
export async function listGap(db: Db, orgId: string, filter: GapFilter, page: { cursor?: string | undefined; limit: number }) {
  const reference = iso27001Reference();
  let start = 0;
  if (page.cursor) {
    const id = decodeCursor(page.cursor)?.id;
    const position = id === undefined ? undefined : reference.position.get(id);
    if (position === undefined)
      throw badRequest("the cursor is not valid", [{ field: "cursor", message: "is not a cursor this list issued" }]);
    start = position + 1;
  }
  const rows = new Map((await storedQuery(db, orgId).execute()).map((row) => [row.item_id, row]));
  const q = filter.q?.trim().toLowerCase();
  const matches: GapItemView[] = [];
  for (const item of reference.items.slice(start)) {
    if (filter.kind && item.kind !== filter.kind) continue;
    if (filter.theme && item.theme !== filter.theme) continue;
    if (q && !item.id.toLowerCase().includes(q) && !item.title.toLowerCase().includes(q)) continue;
    const view = present(item, rows.get(item.id));
    if (filter.status && view.status !== filter.status) continue;
    matches.push(view);
    if (matches.length > page.limit) break;
  }
  const items = matches.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      matches.length > page.limit && last ? encodeCursor({ value: reference.position.get(last.itemId) ?? null, id: last.itemId }) : null,
  } satisfies Page<GapItemView>;
}

async function facts(db: Db, orgId: string): Promise<AssessmentFacts[]> {
  const rows = await db.kysely
    .selectFrom("gap_assessments")
    .select(["item_id", "status", "maturity"])
    .where("org_id", "=", orgId)
    .execute();
  return rows.map((r) => ({ itemId: r.item_id, status: r.status as GapStatus, maturity: r.maturity }));
}

export async function gapSummary(db: Db, orgId: string): Promise<GapSummary> {
  return summarize(iso27001Reference(), await facts(db, orgId));
}

/** The gap assessment's facts for the roadmap engine (activity 7.4). */
export async function loadGapData(db: Db, orgId: string): Promise<GapData> {
  return gapData(iso27001Reference(), await facts(db, orgId));
}

/** The columns an assessment stores, as the API and the import store them: a justification only where the item does not apply. */
/** Who assessed and when: set on every write of an assessment, by the API and by an import. */
export const assessmentStamp = (ctx: WriteContext) => ({ assessed_by: ctx.actor.id, assessed_at: ctx.now });

export function assessmentColumns(fields: Omit<GapAssessInput, "version">) {
  return {
    status: fields.status,
    maturity: fields.maturity,
    evidence: fields.evidence || null,
    findings: fields.findings || null,
    justification: fields.status === "not_applicable" ? fields.justification : null,
  };
}

/** Why an item cannot be assessed (not in the standard, or a heading), or the item. */
export function assessableItem(itemId: string): GapItem | { message: string; unknown: boolean } {
  const found = lookupItem(iso27001Reference(), itemId);
  if ("unknown" in found) return { message: "is not a clause item or Annex A control of ISO/IEC 27001:2022", unknown: true };
  if ("heading" in found) return { message: `is a heading: assess its sub-clauses ${found.subClauses.join(", ")}`, unknown: false };
  return found.found;
}

/** Writes one item's assessment over the row read (none: the first assessment, which must be sent with version 0). */
async function writeAssessment(ctx: WriteContext, orgId: string, item: GapItem, current: Stored | undefined, input: GapAssessInput) {
  const { version, ...fields } = input;
  const values = { ...assessmentColumns(fields), ...assessmentStamp(ctx) };
  if (!current) {
    if (version !== 0) throw conflict(`${item.id} has not been assessed yet; send version 0`, present(item, undefined));
    await insertAudited(
      ctx,
      "gap_assessments",
      { id: uuidv7(), org_id: orgId, item_id: item.id, ...values, created_at: ctx.now, updated_at: ctx.now, version: 1 },
      { orgId, entityType: ENTITY },
    );
  } else
    await updateAudited(ctx, "gap_assessments", current.id, values, {
      orgId,
      entityType: ENTITY,
      expectedVersion: version,
      scope: { org_id: orgId },
      present: () => present(item, current),
    });
}

/** Two first assessments of one item at the same moment: the unique index lets one through. */
async function raceLost(db: Db, orgId: string, itemIds: string[]) {
  const rows = await storedQuery(db, orgId).where("g.item_id", "in", itemIds).execute();
  const reference = iso27001Reference();
  const current = itemIds.flatMap((id) => {
    const item = lookupItem(reference, id);
    return "found" in item
      ? [
          present(
            item.found,
            rows.find((r) => r.item_id === id),
          ),
        ]
      : [];
  });
  return conflict(
    `${itemIds.length === 1 ? itemIds[0] : "an item"} was assessed by someone else at the same moment; reload and try again`,
    itemIds.length === 1 ? current[0] : current,
  );
}

/**
 * Records the assessment of one item: the first one with version 0 creates its row, later ones
 * send the version they read.
 */
/** The item that can be assessed, or 404 / 400 for an unknown item or a heading. */
function assessable(itemId: string): GapItem {
  const item = assessableItem(itemId);
  if ("message" in item) {
    if (item.unknown) throw notFound(`ISO/IEC 27001:2022 item "${itemId}"`);
    throw badRequest(`clause ${itemId} ${item.message}`, [{ field: "itemId", message: item.message }]);
  }
  return item;
}

/** One item with its assessment as it is now. */
export async function gapItem(db: Db, orgId: string, itemId: string): Promise<GapItemView> {
  const item = assessable(itemId);
  return present(item, await storedQuery(db, orgId).where("g.item_id", "=", itemId).executeTakeFirst());
}

export async function assess(db: Db, meta: WriteMeta, orgId: string, itemId: string, input: GapAssessInput): Promise<GapItemView> {
  const item = assessable(itemId);
  try {
    return await withWrite(db, meta, async (ctx) => {
      const current = await storedQuery(ctx, orgId).where("g.item_id", "=", itemId).executeTakeFirst();
      await writeAssessment(ctx, orgId, item, current, input);
      return present(item, await storedQuery(ctx, orgId).where("g.item_id", "=", itemId).executeTakeFirstOrThrow());
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await raceLost(db, orgId, [itemId]);
    throw error;
  }
}

/** A problem with one item of a bulk assessment: the field's path in the request, and the item it is about. */
export interface BulkItemError {
  field: string;
  item: string | null;
  message: string;
}

/**
 * Assesses several items at once, all or nothing: every item is checked first (in the
 * standard, not a heading, not listed twice), then every version against the stored one, and
 * every problem is reported by item before anything is written.
 */
export async function assessMany(db: Db, meta: WriteMeta, orgId: string, inputs: GapBulkItem[]): Promise<GapItemView[]> {
  const errors: BulkItemError[] = [];
  const items: GapItem[] = [];
  const first = new Map<string, number>();
  inputs.forEach((input, index) => {
    const field = `items.${index}.itemId`;
    const item = assessableItem(input.itemId);
    if ("message" in item) errors.push({ field, item: input.itemId, message: item.message });
    else items.push(item);
    const earlier = first.get(input.itemId);
    if (earlier !== undefined) errors.push({ field, item: input.itemId, message: `is listed twice: items.${earlier} is the same item` });
    else first.set(input.itemId, index);
  });
  if (errors.length > 0) throw bulkProblem(400, errors);
  try {
    return await withWrite(db, meta, async (ctx) => {
      const ids = inputs.map((i) => i.itemId);
      const stored = new Map((await storedQuery(ctx, orgId).where("g.item_id", "in", ids).execute()).map((r) => [r.item_id, r]));
      const stale: GapItemView[] = [];
      inputs.forEach((input, index) => {
        const current = stored.get(input.itemId);
        const version = current?.version ?? 0;
        if (input.version === version) return;
        errors.push({
          field: `items.${index}.version`,
          item: input.itemId,
          message: `is ${version} now: the item was ${version === 0 ? "never assessed" : "changed since you read it"}`,
        });
        stale.push(present(items[index] as GapItem, current));
      });
      if (errors.length > 0) throw bulkProblem(409, errors, stale);
      for (const [index, input] of inputs.entries()) {
        const { itemId: _, ...assessment } = input;
        await writeAssessment(ctx, orgId, items[index] as GapItem, stored.get(input.itemId), assessment);
      }
      const written = new Map((await storedQuery(ctx, orgId).where("g.item_id", "in", ids).execute()).map((r) => [r.item_id, r]));
      return items.map((item) => present(item, written.get(item.id)));
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw await raceLost(
        db,
        orgId,
        inputs.map((i) => i.itemId),
      );
    throw error;
  }
}

/** Every problem of a bulk request, by item: 400 for items that cannot be assessed, 409 (with the items as they are now) for stale versions. */
export function bulkProblem(status: 400 | 409, errors: BulkItemError[], current?: GapItemView[]): HttpProblem {
  const summary = errors.map((e) => `${e.item ?? e.field} ${e.field.split(".").slice(2).join(".") || "item"}: ${e.message}`).join("; ");
  const detail = `${errors.length} problem(s) with the items; nothing was changed: ${summary}`;
  return status === 400
    ? new HttpProblem(400, "validation", "Invalid request", detail, { errors })
    : new HttpProblem(409, "conflict", "Conflict", detail, { errors, current });
}
