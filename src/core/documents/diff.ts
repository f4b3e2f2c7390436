import { type DiffLine, diffLines } from "../scope/statement.js";
import type { Section } from "./documents.js";

export interface SectionDiff {
  key: string;
  /** The section's title in the newer version, or its last title when it was removed. */
  title: string;
  /** The older title, when the section was renamed; null otherwise. */
  previousTitle: string | null;
  change: "unchanged" | "changed" | "added" | "removed";
  /** Every line of the section, marked as kept, added or removed: read top to bottom it shows both versions. */
  lines: DiffLine[];
}

const linesOf = (markdown: string): string[] => (markdown === "" ? [] : markdown.split("\n"));

function diffText(before: string, after: string): DiffLine[] {
  // An empty text has no lines; the line differ would see one empty line and report it removed.
  if (before === "") return linesOf(after).map((text) => ({ op: "added", text }));
  if (after === "") return linesOf(before).map((text) => ({ op: "removed", text }));
  return diffLines(before, after);
}

/**
 * What changed between two versions of a document, section by section, matched by key: the
 * newer version's sections in its order, each removed section where it stood in the older one.
 */
export function diffSections(before: readonly Section[], after: readonly Section[]): SectionDiff[] {
  const newer = new Map(after.map((s) => [s.key, s]));
  const older = new Map(before.map((s) => [s.key, s]));
  const compared = after.map((s): SectionDiff => {
    const old = older.get(s.key);
    if (!old) return { key: s.key, title: s.title, previousTitle: null, change: "added", lines: diffText("", s.markdown) };
    const renamed = old.title !== s.title;
    return {
      key: s.key,
      title: s.title,
      previousTitle: renamed ? old.title : null,
      change: renamed || old.markdown !== s.markdown ? "changed" : "unchanged",
      lines: diffText(old.markdown, s.markdown),
    };
  });
  // Each removed section goes right after the nearest section before it that is still there.
  const removedAfter = new Map<string | null, SectionDiff[]>();
  let anchor: string | null = null;
  for (const s of before) {
    if (newer.has(s.key)) {
      anchor = s.key;
      continue;
    }
    const removed: SectionDiff = { key: s.key, title: s.title, previousTitle: null, change: "removed", lines: diffText(s.markdown, "") };
    removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), removed]);
  }
  return [...(removedAfter.get(null) ?? []), ...compared.flatMap((c) => [c, ...(removedAfter.get(c.key) ?? [])])];
}
