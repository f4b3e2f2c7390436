import { createsCycle } from "../scope/data.js";
import type { DocumentType } from "./documents.js";

/**
 * Why `parent` cannot hold document `id` (null while the document is being created), or null
 * when it can: the ISMS policy is the top, the parent must be a document of the organization,
 * and the hierarchy has no loops. `parentOf` maps each document to its parent.
 */
export function parentRefusal(
  type: DocumentType,
  id: string | null,
  parent: { id: string; title: string } | undefined,
  parentOf: ReadonlyMap<string, string | null>,
): string | null {
  if (type === "isms_policy") return "the ISMS policy is the top of the document hierarchy";
  if (!parent) return "is not a document of this organization";
  if (parent.id === id) return "a document cannot sit under itself";
  if (id !== null && createsCycle(id, parent.id, parentOf))
    return `"${parent.title}" sits under this document, so it cannot also be above it`;
  return null;
}
