import type { Block, Section } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { reader } from "../../../db/audited.js";
import type { Db } from "../../../db/database.js";
import { displayNames } from "../../users/index.js";
import type { DocFormat } from "../format.js";

/**
 * Data loaders: one per deliverable, each reading the registers through their modules' public
 * surfaces (or, for the mandate's singletons that have no module of their own, their tables) and
 * returning the document's sections. `fingerprint` holds what the content hash is taken over
 * besides the sections' text: a streamed register contributes a digest query instead of its rows.
 */
export interface Loaded {
  sections: Section[];
  fingerprint?: unknown;
}

/** A loader writes amounts, numbers and dates with `format`: the organization's locale and currency. */
export type Loader = (db: Db, orgId: string, format: DocFormat) => Promise<Loaded>;

/** Rows a streamed register reads at a time. */
export const BATCH = 500;
export const text = (v: string | null | undefined) => (v ?? "").trim();
export const orNone = (v: string | null | undefined) => text(v) || STRINGS.common.none;
export const para = (t: string): Block => ({ kind: "paragraph", text: t });
export const words = (v: string) => v.replace(/_/g, " ");

/** Markdown turned into paragraphs, headings and lists, enough for policies and statements. */
export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let list: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(para(paragraph.join(" ")));
    if (list.length) blocks.push({ kind: "list", items: list });
    paragraph = [];
    list = [];
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (heading?.[1] !== undefined) {
      flush();
      blocks.push({ kind: "heading", text: heading[1].replace(/\*\*/g, "") });
    } else if (item?.[1] !== undefined) {
      if (paragraph.length) {
        blocks.push(para(paragraph.join(" ")));
        paragraph = [];
      }
      list.push(item[1].replace(/\*\*/g, ""));
    } else if (line.trim() === "") flush();
    else {
      if (list.length) flush();
      paragraph.push(line.trim().replace(/\*\*/g, ""));
    }
  }
  flush();
  return blocks;
}

/** The approval in force of a gate's activity, for the document's approval block. */
export async function gateApproval(db: Db, orgId: string, activityId: string) {
  const row = await reader(db)
    .selectFrom("approvals")
    .select(["decided_by", "decided_at", "artifact_hash"])
    .where("org_id", "=", orgId)
    .where("activity_id", "=", activityId)
    .where("status", "=", "approved")
    .orderBy("decided_at", "desc")
    .executeTakeFirst();
  if (!row?.decided_at) return null;
  const names = await displayNames(db, [row.decided_by]);
  return { by: (row.decided_by && names.get(row.decided_by)) || "—", at: row.decided_at, hash: row.artifact_hash };
}
