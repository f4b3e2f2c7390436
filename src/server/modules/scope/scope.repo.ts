import { sql } from "kysely";
import type { BoundaryInterfaceInput, BoundaryInterfaceItem, ScopeElementInput, ScopeElementItem } from "../../../contracts/scope.js";
import { uuidv7 } from "../../../core/ids.js";
import { type InterfaceDirection, KIND_LABELS, placementProblems, type ScopeElementKind, type TreeNode } from "../../../core/scope/data.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { type ListParams, type Page, paginate } from "../../db/paginate.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";

interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface ScopeElementsTable extends OrgRecord {
  kind: string;
  parent_id: string | null;
  name: string;
  description: string | null;
  owner: string | null;
  in_scope: number;
  exclusion_justification: string | null;
  external_ref: string | null;
}
export interface BoundaryInterfacesTable extends OrgRecord {
  from_element_id: string;
  to_element_id: string | null;
  to_party: string | null;
  data_exchanged: string;
  direction: string;
  protection: string | null;
}
export interface ScopeNarrativesTable extends OrgRecord {
  narrative: string | null;
}
export interface ScopeStatementVersionsTable {
  id: string;
  org_id: string;
  created_at: string;
  number: number;
  markdown: string;
  note: string | null;
  created_by: string | null;
}

declare module "../../db/schema.js" {
  interface Database {
    scope_elements: ScopeElementsTable;
    boundary_interfaces: BoundaryInterfacesTable;
    scope_narratives: ScopeNarrativesTable;
    scope_statement_versions: ScopeStatementVersionsTable;
  }
  interface AuditedTables {
    scope_elements: true;
    boundary_interfaces: true;
    scope_narratives: true;
    scope_statement_versions: true;
  }
}

export const ELEMENT = "scope element";
export const INTERFACE = "boundary interface";

const nameOf = (e: { kind: string; name: string }) => `${KIND_LABELS[e.kind as ScopeElementKind].one} "${e.name}"`;
const listOf = (names: string[]) => names.join(", ");

/** Same refusal as the audited helpers give, made before checks that would otherwise answer a stale request first. */
function assertVersion<T extends { version: number }>(row: T, expected: number, entity: string, present: (row: T) => unknown): void {
  if (row.version !== expected)
    throw conflict(
      `${entity} was changed by someone else (you sent version ${expected}, it is now at ${row.version}); reload and try again`,
      present(row),
    );
}

/** Two writers raced for the same unique value; the loser is told to retry rather than shown a 500. */

// --- elements ---------------------------------------------------------------------------------

export function presentElement(r: ScopeElementsTable): ScopeElementItem {
  return {
    id: r.id,
    kind: r.kind as ScopeElementKind,
    parentId: r.parent_id,
    name: r.name,
    description: r.description,
    owner: r.owner,
    inScope: r.in_scope === 1,
    exclusionJustification: r.exclusion_justification,
    externalRef: r.external_ref,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** The columns an element is stored with, by the API and by an import. */
export const elementColumns = (input: ScopeElementInput) => ({
  kind: input.kind,
  parent_id: input.parentId,
  name: input.name,
  description: input.description || null,
  owner: input.owner || null,
  in_scope: input.inScope ? 1 : 0,
  // A justification explains an exclusion; kept on an element in scope, it would explain nothing.
  exclusion_justification: input.inScope ? null : input.exclusionJustification || null,
  external_ref: input.externalRef || null,
});

const elements = (db: Db | WriteContext, orgId: string) => reader(db).selectFrom("scope_elements").where("org_id", "=", orgId);

export async function findElement(db: Db | WriteContext, orgId: string, id: string): Promise<ScopeElementsTable> {
  const row = await elements(db, orgId).selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(ELEMENT);
  return row;
}

export interface ElementFilter {
  kinds?: ScopeElementKind[] | undefined;
  inScope?: boolean | undefined;
  parentId?: string | undefined;
  q?: string | undefined;
}

export function listElements(db: Db, orgId: string, filter: ElementFilter, page: ListParams<"name" | "created_at">) {
  let query = elements(db, orgId).selectAll();
  if (filter.kinds) query = query.where("kind", "in", filter.kinds);
  if (filter.inScope !== undefined) query = query.where("in_scope", "=", filter.inScope ? 1 : 0);
  if (filter.parentId === "none") query = query.where("parent_id", "is", null);
  else if (filter.parentId) query = query.where("parent_id", "=", filter.parentId);
  if (filter.q) {
    // The search is for the text as typed: % and _ match themselves.
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`lower(name) like ${pattern} escape '\\'`);
  }
  return paginate(query, page.sort, page, presentElement);
}

/** The organization's scope tree: every element where it sits now. */
export async function elementTree(source: Db | WriteContext, orgId: string): Promise<Map<string, TreeNode>> {
  const rows = await elements(source, orgId).select(["id", "kind", "name", "parent_id"]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind as ScopeElementKind, name: r.name, parentId: r.parent_id }]));
}

/**
 * The boundary interfaces each element moved across the boundary would strand: the inside end
 * of an interface must stay inside, and the outside end outside. One query for a batch of moves.
 */
export async function strandedInterfaces(
  source: Db | WriteContext,
  orgId: string,
  moves: readonly { id: string; inScope: boolean }[],
): Promise<Map<string, InterfaceRow[]>> {
  const into = moves.filter((m) => m.inScope).map((m) => m.id);
  const outOf = moves.filter((m) => !m.inScope).map((m) => m.id);
  const stranded = new Map<string, InterfaceRow[]>();
  if (moves.length === 0) return stranded;
  const rows = await interfaceQuery(source, orgId)
    .where((eb) =>
      eb.or([
        ...(into.length > 0 ? [eb("i.to_element_id", "in", into)] : []),
        ...(outOf.length > 0 ? [eb("i.from_element_id", "in", outOf)] : []),
      ]),
    )
    .orderBy("i.id")
    .execute();
  const add = (id: string, row: InterfaceRow) => stranded.set(id, [...(stranded.get(id) ?? []), row]);
  const movingIn = new Set(into);
  const movingOut = new Set(outOf);
  for (const row of rows) {
    if (row.to_element_id !== null && movingIn.has(row.to_element_id)) add(row.to_element_id, row);
    if (movingOut.has(row.from_element_id)) add(row.from_element_id, row);
  }
  return stranded;
}

/** Why an element cannot move across the boundary while these interfaces hang on it. */
export const strandingMessage = (name: string, inScope: boolean, stranded: readonly InterfaceRow[]) =>
  `"${name}" is the ${inScope ? "outside" : "inside"} end of ${stranded.length} boundary interface(s) (${listOf(stranded.map(interfaceLabel))}); change or remove them before moving it ${inScope ? "into" : "out of"} the scope`;

/**
 * Refuses an element that would not fit where it is put: a parent from elsewhere, a placement
 * the tree forbids (`placementProblems`, the import's check too), a reference another element
 * already has, or a change of side that would leave a boundary interface not crossing the
 * boundary. Field problems are reported together.
 */
async function checkElement(ctx: WriteContext, orgId: string, id: string, input: ScopeElementInput, isNew: boolean): Promise<void> {
  const errors: { field: string; message: string }[] = [];
  const tree = await elementTree(ctx, orgId);
  if (input.parentId !== null && input.parentId !== id && !tree.has(input.parentId))
    errors.push({ field: "parentId", message: "is not an element of this organization" });
  tree.set(id, { id, kind: input.kind, name: input.name, parentId: input.parentId });
  for (const { field, message } of placementProblems(tree, [id])) errors.push({ field, message });
  const externalRef = input.externalRef || null;
  if (externalRef !== null) {
    let query = elements(ctx, orgId).select("name").where("external_ref", "=", externalRef);
    if (!isNew) query = query.where("id", "!=", id);
    const holder = await query.executeTakeFirst();
    if (holder) errors.push({ field: "externalRef", message: `is already the reference of "${holder.name}"` });
  }
  if (errors.length > 0)
    throw badRequest(`the ${ELEMENT} does not fit: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);

  if (!isNew) {
    const stranded = (await strandedInterfaces(ctx, orgId, [{ id, inScope: input.inScope }])).get(id) ?? [];
    if (stranded.length > 0) throw conflict(strandingMessage(input.name, input.inScope, stranded));
  }
}

export async function createElement(ctx: WriteContext, orgId: string, input: ScopeElementInput): Promise<ScopeElementsTable> {
  const id = uuidv7();
  await checkElement(ctx, orgId, id, input, true);
  const row: ScopeElementsTable = {
    id,
    org_id: orgId,
    ...elementColumns(input),
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "scope_elements", row, { orgId, entityType: ELEMENT });
  return row;
}

export async function updateElement(
  ctx: WriteContext,
  orgId: string,
  id: string,
  input: ScopeElementInput,
  version: number,
): Promise<ScopeElementsTable> {
  assertVersion(await findElement(ctx, orgId, id), version, ELEMENT, presentElement);
  await checkElement(ctx, orgId, id, input, false);
  return await updateAudited(ctx, "scope_elements", id, elementColumns(input), {
    orgId,
    entityType: ELEMENT,
    expectedVersion: version,
    scope: { org_id: orgId },
    present: (r) => presentElement(r),
  });
}

export async function deleteElement(ctx: WriteContext, orgId: string, id: string): Promise<void> {
  const element = await findElement(ctx, orgId, id);
  const [children, linked] = await Promise.all([
    elements(ctx, orgId).select(["kind", "name"]).where("parent_id", "=", id).orderBy("name").execute(),
    interfaceQuery(ctx, orgId)
      .where((eb) => eb.or([eb("i.from_element_id", "=", id), eb("i.to_element_id", "=", id)]))
      .execute(),
  ]);
  const reasons = [
    children.length > 0 ? `it contains ${listOf(children.map(nameOf))}` : null,
    linked.length > 0 ? `it is an end of the boundary interface(s) ${listOf(linked.map(interfaceLabel))}` : null,
  ].filter((r) => r !== null);
  if (reasons.length > 0)
    throw conflict(
      `the ${nameOf(element)} cannot be removed: ${reasons.join(", and ")}; move or remove those first`,
      presentElement(element),
    );
  await deleteAudited(ctx, "scope_elements", id, { orgId, entityType: ELEMENT, scope: { org_id: orgId } });
}

// --- boundary interfaces ----------------------------------------------------------------------

export type InterfaceRow = BoundaryInterfacesTable & {
  from_kind: string;
  from_name: string;
  from_in_scope: number;
  to_kind: string | null;
  to_name: string | null;
  to_in_scope: number | null;
};

function interfaceQuery(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("boundary_interfaces as i")
    .innerJoin("scope_elements as f", "f.id", "i.from_element_id")
    .leftJoin("scope_elements as t", "t.id", "i.to_element_id")
    .selectAll("i")
    .select([
      "f.kind as from_kind",
      "f.name as from_name",
      "f.in_scope as from_in_scope",
      "t.kind as to_kind",
      "t.name as to_name",
      "t.in_scope as to_in_scope",
    ])
    .where("i.org_id", "=", orgId);
}

const interfaceLabel = (r: InterfaceRow) => `"${r.from_name}" to "${r.to_name ?? r.to_party}" (${r.data_exchanged})`;

export function presentInterface(r: InterfaceRow): BoundaryInterfaceItem {
  return {
    id: r.id,
    fromElement: { id: r.from_element_id, kind: r.from_kind as ScopeElementKind, name: r.from_name, inScope: r.from_in_scope === 1 },
    toElement:
      r.to_element_id === null
        ? null
        : { id: r.to_element_id, kind: r.to_kind as ScopeElementKind, name: r.to_name ?? "", inScope: r.to_in_scope === 1 },
    toParty: r.to_party,
    dataExchanged: r.data_exchanged,
    direction: r.direction as InterfaceDirection,
    protection: r.protection,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export async function findInterface(db: Db | WriteContext, orgId: string, id: string): Promise<InterfaceRow> {
  const row = await interfaceQuery(db, orgId).where("i.id", "=", id).executeTakeFirst();
  if (!row) throw notFound(INTERFACE);
  return row;
}

export function listInterfaces(
  db: Db,
  orgId: string,
  filter: { elementId?: string | undefined; direction?: InterfaceDirection | undefined },
  page: Omit<ListParams<string>, "sort">,
): Promise<Page<BoundaryInterfaceItem>> {
  let query = interfaceQuery(db, orgId);
  const { elementId, direction } = filter;
  if (elementId) query = query.where((eb) => eb.or([eb("i.from_element_id", "=", elementId), eb("i.to_element_id", "=", elementId)]));
  if (direction) query = query.where("i.direction", "=", direction);
  return paginate(query, { column: "i.created_at", idColumn: "i.id" }, { ...page, sort: "created_at" }, presentInterface);
}

/** The inside end must be an element in scope, the outside end an excluded element or a named party. */
async function checkInterface(ctx: WriteContext, orgId: string, input: BoundaryInterfaceInput): Promise<void> {
  const ids = [input.fromElementId, input.toElementId].filter((id) => id !== null);
  const found = await elements(ctx, orgId).select(["id", "kind", "name", "in_scope"]).where("id", "in", ids).execute();
  const from = found.find((e) => e.id === input.fromElementId);
  const to = found.find((e) => e.id === input.toElementId);
  const errors: { field: string; message: string }[] = [];
  if (!from) errors.push({ field: "fromElementId", message: "is not an element of this organization" });
  else if (from.in_scope !== 1)
    errors.push({ field: "fromElementId", message: `the ${nameOf(from)} is excluded from the scope; an interface starts inside it` });
  if (input.toElementId !== null) {
    if (!to) errors.push({ field: "toElementId", message: "is not an element of this organization" });
    else if (to.in_scope === 1)
      errors.push({ field: "toElementId", message: `the ${nameOf(to)} is inside the scope; a boundary interface leads out of it` });
  }
  if (errors.length > 0) throw badRequest(`the ${INTERFACE} does not cross the boundary`, errors);
}

const interfaceColumns = (input: BoundaryInterfaceInput) => ({
  from_element_id: input.fromElementId,
  to_element_id: input.toElementId,
  to_party: input.toElementId === null ? input.toParty : null,
  data_exchanged: input.dataExchanged,
  direction: input.direction,
  protection: input.protection || null,
});

export async function createInterface(ctx: WriteContext, orgId: string, input: BoundaryInterfaceInput): Promise<InterfaceRow> {
  await checkInterface(ctx, orgId, input);
  const row: BoundaryInterfacesTable = {
    id: uuidv7(),
    org_id: orgId,
    ...interfaceColumns(input),
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "boundary_interfaces", row, { orgId, entityType: INTERFACE });
  return findInterface(ctx, orgId, row.id);
}

export async function updateInterface(
  ctx: WriteContext,
  orgId: string,
  id: string,
  input: BoundaryInterfaceInput,
  version: number,
): Promise<InterfaceRow> {
  assertVersion(await findInterface(ctx, orgId, id), version, INTERFACE, presentInterface);
  await checkInterface(ctx, orgId, input);
  await updateAudited(ctx, "boundary_interfaces", id, interfaceColumns(input), {
    orgId,
    entityType: INTERFACE,
    expectedVersion: version,
    scope: { org_id: orgId },
  });
  return findInterface(ctx, orgId, id);
}

export const deleteInterface = (ctx: WriteContext, orgId: string, id: string) =>
  deleteAudited(ctx, "boundary_interfaces", id, { orgId, entityType: INTERFACE, scope: { org_id: orgId } });
