import type { DocumentType } from "../../../core/documents/documents.js";
import { parentRefusal } from "../../../core/documents/hierarchy.js";
import { reader, type WriteContext } from "../../db/audited.js";
import { badRequest } from "../../http/errors.js";
import { isMember } from "../orgs/index.js";
import { DOCUMENT } from "./documents.tables.js";

/**
 * Refuses metadata that does not fit: an owner or approver who is not a member, an identifier
 * another document has, a parent from elsewhere, a loop in the hierarchy, or a parent for the
 * ISMS policy, which is its top.
 */
export async function checkDocument(
  ctx: WriteContext,
  orgId: string,
  id: string | null,
  type: DocumentType,
  input: { identifier: string; parentId: string | null; ownerUserId?: string | null; approverUserId?: string | null },
): Promise<void> {
  const documents = () => reader(ctx).selectFrom("documents").where("org_id", "=", orgId);
  const errors: { field: string; message: string }[] = [];
  for (const field of ["ownerUserId", "approverUserId"] as const) {
    const userId = input[field];
    if (!userId) continue;
    if (!(await isMember(ctx, orgId, userId))) errors.push({ field, message: "is not a member of this organization" });
  }
  let sameIdentifier = documents().select("title").where("identifier", "=", input.identifier);
  if (id !== null) sameIdentifier = sameIdentifier.where("id", "!=", id);
  const holder = await sameIdentifier.executeTakeFirst();
  if (holder) errors.push({ field: "identifier", message: `is already the identifier of "${holder.title}"` });
  if (input.parentId !== null) {
    const parent = await documents().select(["id", "title"]).where("id", "=", input.parentId).executeTakeFirst();
    // A new document has nothing under it yet, so only a change can close a loop.
    const tree = id === null ? [] : await documents().select(["id", "parent_id"]).where("parent_id", "is not", null).execute();
    const refusal = parentRefusal(type, id, parent, new Map(tree.map((d) => [d.id, d.parent_id])));
    if (refusal) errors.push({ field: "parentId", message: refusal });
  }
  if (errors.length > 0)
    throw badRequest(`the ${DOCUMENT} does not fit: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
}
