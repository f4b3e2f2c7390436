/**
 * The ISO/IEC 27001:2022 reference as the product ships it (catalogs/iso27001-2022.json):
 * identifiers and short titles of the management-system clauses 4–10 and the Annex A controls,
 * and nothing of the standard's text.
 */
export const THEMES = ["organizational", "people", "physical", "technological"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_TITLES: Readonly<Record<Theme, string>> = {
  organizational: "Organizational controls",
  people: "People controls",
  physical: "Physical controls",
  technological: "Technological controls",
};

export interface ReferenceClause {
  id: string;
  title: string;
  /** The enclosing clause; null for the top-level clauses 4 to 10. */
  parent: string | null;
}

export interface ReferenceControl {
  /** "A.5.1": the Annex A number. */
  id: string;
  title: string;
  theme: Theme;
  newIn2022: boolean;
}

export interface Reference {
  id: string;
  title: string;
  clauses: ReferenceClause[];
  controls: ReferenceControl[];
}

export type GapItemKind = "clause" | "control";

/** One line of the gap assessment: a clause requirement or an Annex A control. */
export interface GapItem {
  kind: GapItemKind;
  id: string;
  title: string;
  /** What the dashboard groups it under: its top-level clause (4 to 10) or its control theme. */
  group: string;
  parent: string | null;
  theme: Theme | null;
}

export interface ReferenceIndex {
  reference: Reference;
  /** What is assessed, in reference order: every clause without sub-clauses, then every control. */
  items: readonly GapItem[];
  /** The top-level clauses, which group the clause items. */
  topClauses: readonly ReferenceClause[];
  /** Item id -> its position in `items`. */
  position: ReadonlyMap<string, number>;
  /** Clause id -> the clause, headings included. */
  clauses: ReadonlyMap<string, ReferenceClause>;
}

/**
 * A clause with sub-clauses (4, 6.1, 9.2, …) is a heading whose requirements sit in its
 * sub-clauses; assessing it as well would count the same requirement twice, so only the
 * innermost clauses are assessed.
 */
export function indexReference(reference: Reference): ReferenceIndex {
  const clauses = new Map(reference.clauses.map((c) => [c.id, c]));
  const headings = new Set(reference.clauses.flatMap((c) => (c.parent === null ? [] : [c.parent])));
  // A clause number starts with its top-level clause: 9.3.2 is in 9.
  const items: GapItem[] = [
    ...reference.clauses
      .filter((c) => !headings.has(c.id))
      .map((c): GapItem => ({ kind: "clause", id: c.id, title: c.title, group: c.id.split(".")[0]!, parent: c.parent, theme: null })),
    ...reference.controls.map(
      (c): GapItem => ({ kind: "control", id: c.id, title: c.title, group: c.theme, parent: null, theme: c.theme }),
    ),
  ];
  return {
    reference,
    items,
    topClauses: reference.clauses.filter((c) => c.parent === null),
    position: new Map(items.map((item, i) => [item.id, i])),
    clauses,
  };
}

export type ItemLookup = { found: GapItem } | { heading: ReferenceClause; subClauses: string[] } | { unknown: true };

/** What an id names: an assessable item, a clause heading (with the sub-clauses to assess instead), or nothing. */
export function lookupItem(index: ReferenceIndex, id: string): ItemLookup {
  const position = index.position.get(id);
  if (position !== undefined) return { found: index.items[position]! };
  const heading = index.clauses.get(id);
  if (heading) return { heading, subClauses: index.reference.clauses.filter((c) => c.parent === id).map((c) => c.id) };
  return { unknown: true };
}
