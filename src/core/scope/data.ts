/**
 * The ISMS scope and its boundaries (activities 6.2 to 6.5): the elements an organization puts
 * inside or leaves outside the ISMS, the interfaces that cross the boundary, and the narrative
 * of the scope document.
 */
export const SCOPE_ELEMENT_KINDS = [
  "org_unit",
  "business_process",
  "information_system",
  "network",
  "platform",
  "cloud_service",
  "site",
  "building",
  "room",
] as const;
export type ScopeElementKind = (typeof SCOPE_ELEMENT_KINDS)[number];

/** Each kind belongs to one of the three boundaries the standard draws, and to the register that records it. */
export type ScopeArea = "organizational" | "ict" | "physical";

export const SCOPE_AREAS: Readonly<Record<ScopeArea, { register: string; kinds: readonly ScopeElementKind[] }>> = {
  organizational: { register: "scope-units", kinds: ["org_unit", "business_process"] },
  ict: { register: "scope-systems", kinds: ["information_system", "network", "platform", "cloud_service"] },
  physical: { register: "scope-sites", kinds: ["site", "building", "room"] },
};

export const KIND_LABELS: Readonly<Record<ScopeElementKind, { one: string; many: string }>> = {
  org_unit: { one: "organizational unit", many: "Organizational units" },
  business_process: { one: "business process", many: "Business processes" },
  information_system: { one: "information system", many: "Information systems" },
  network: { one: "network", many: "Networks" },
  platform: { one: "platform", many: "Platforms" },
  cloud_service: { one: "cloud service", many: "Cloud services" },
  site: { one: "site", many: "Sites" },
  building: { one: "building", many: "Buildings" },
  room: { one: "room", many: "Rooms" },
};

/**
 * Which kinds an element may sit in. Units form a tree and own their processes; rooms are in
 * buildings and buildings on sites. Technology has no containment here: how systems depend on
 * networks and platforms is the asset inventory's business (7.3).
 */
export const PARENT_KINDS: Readonly<Record<ScopeElementKind, readonly ScopeElementKind[]>> = {
  org_unit: ["org_unit"],
  business_process: ["org_unit"],
  information_system: [],
  network: [],
  platform: [],
  cloud_service: [],
  site: [],
  building: ["site"],
  room: ["building"],
};

export const INTERFACE_DIRECTIONS = ["inbound", "outbound", "bidirectional"] as const;
export type InterfaceDirection = (typeof INTERFACE_DIRECTIONS)[number];

export interface ScopeElement {
  id: string;
  kind: ScopeElementKind;
  parentId: string | null;
  name: string;
  description: string | null;
  owner: string | null;
  inScope: boolean;
  /** Why an excluded element is left out; kept only while the element is excluded. */
  exclusionJustification: string | null;
}

/** Information crossing the boundary: from an element inside the scope to an element or party outside it. */
export interface BoundaryInterface {
  id: string;
  fromElementId: string;
  /** Exactly one of `toElementId` and `toParty` names the outside end. */
  toElementId: string | null;
  toParty: string | null;
  dataExchanged: string;
  direction: InterfaceDirection;
  protection: string | null;
}

export interface ScopeData {
  elements: ScopeElement[];
  interfaces: BoundaryInterface[];
  /** The scope document's own words (6.5); null until written. */
  narrative: string | null;
}

declare module "../process/data.js" {
  interface ProcessData {
    /** Absent when the organization has recorded nothing about its scope yet. */
    scope?: ScopeData;
  }
}

export const emptyScopeData = (): ScopeData => ({ elements: [], interfaces: [], narrative: null });

/** Why `parent` cannot contain an element of `kind`, or null when it can. */
export function parentKindProblem(kind: ScopeElementKind, parent: { kind: ScopeElementKind; name: string }): string | null {
  const allowed = PARENT_KINDS[kind];
  if (allowed.includes(parent.kind)) return null;
  const what = KIND_LABELS[kind].one;
  if (allowed.length === 0) return `a ${what} is not placed inside another element`;
  return `a ${what} can only sit in ${allowed.map((k) => `a ${KIND_LABELS[k].one}`).join(" or ")}, and "${parent.name}" is a ${KIND_LABELS[parent.kind].one}`;
}

/**
 * Whether giving `elementId` the parent `parentId` would close a loop, given each element's
 * current parent. Walks up from the new parent; a chain longer than the map is already a loop.
 */
export function createsCycle(elementId: string, parentId: string, parentOf: ReadonlyMap<string, string | null>): boolean {
  let current: string | null | undefined = parentId;
  for (let steps = 0; current != null && steps <= parentOf.size; steps++) {
    if (current === elementId) return true;
    current = parentOf.get(current);
  }
  return current != null;
}

/** An element as the scope tree holds it. */
export interface TreeNode {
  id: string;
  kind: ScopeElementKind;
  name: string;
  parentId: string | null;
}

export interface PlacementProblem {
  /** The written element the problem is about. */
  id: string;
  field: "parentId" | "kind";
  message: string;
}

/**
 * Where written elements sit in the tree a write leaves (`tree`: every element, the written ones
 * as written): each inside another element of a kind that may hold it and that does not lie
 * inside it, and holding only children of kinds it may hold. The one placement rule for the
 * API's write of one element and an import's of a whole file; a parent missing from the tree is
 * the caller's to report.
 */
export function placementProblems(tree: ReadonlyMap<string, TreeNode>, written: readonly string[]): PlacementProblem[] {
  const parentOf = new Map([...tree].map(([id, node]) => [id, node.parentId]));
  const children = new Map<string, TreeNode[]>();
  for (const node of tree.values()) {
    if (node.parentId === null) continue;
    const siblings = children.get(node.parentId);
    if (siblings) siblings.push(node);
    else children.set(node.parentId, [node]);
  }
  const writing = new Set(written);
  const problems: PlacementProblem[] = [];
  for (const id of written) {
    const node = tree.get(id);
    if (!node) continue;
    const parent = node.parentId === null ? undefined : tree.get(node.parentId);
    if (node.parentId === id) problems.push({ id, field: "parentId", message: "an element cannot contain itself" });
    else if (parent) {
      const problem = parentKindProblem(node.kind, parent);
      if (problem) problems.push({ id, field: "parentId", message: problem });
      else if (createsCycle(id, parent.id, parentOf))
        problems.push({ id, field: "parentId", message: `"${parent.name}" lies inside this element, so it cannot also contain it` });
    }
    // Written children are checked against their own parent above.
    const misfits = (children.get(id) ?? [])
      .filter((c) => !writing.has(c.id) && parentKindProblem(c.kind, node) !== null)
      .sort((a, b) => a.name.localeCompare(b.name));
    if (misfits.length > 0)
      problems.push({
        id,
        field: "kind",
        message: `a ${KIND_LABELS[node.kind].one} cannot hold what this element contains: ${misfits.map((c) => `${KIND_LABELS[c.kind].one} "${c.name}"`).join(", ")}`,
      });
  }
  return problems;
}
