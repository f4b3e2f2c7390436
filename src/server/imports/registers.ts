import type { z } from "zod";
import { AssetInputSchema } from "../../contracts/assets.js";
import { GapImportRowSchema } from "../../contracts/gap.js";
import { InterestedPartyInputSchema, RequirementInputSchema } from "../../contracts/requirements.js";
import { ScopeElementInputSchema } from "../../contracts/scope.js";
import { categoryChangeProblem, supportLinkProblem } from "../../core/assets/inventory.js";
import { ciaNeeds, levelProblems, type Valuation, type ValuationScale } from "../../core/assets/valuation.js";
import { uuidv7 } from "../../core/ids.js";
import type { ImportRegister, RowValues } from "../../core/imports/columns.js";
import { REGISTER_TITLES } from "../../core/imports/guide.js";
import type { KeyedRecord } from "../../core/imports/matching.js";
import { createsCycle, KIND_LABELS, parentKindProblem, type ScopeElementKind } from "../../core/scope/data.js";
import { reader, type WriteContext } from "../db/audited.js";
import type { Db } from "../db/database.js";
import { SUPPORT } from "../modules/assets/index.js";
import { assessableItem, assessmentColumns, GAP_ENTITY } from "../modules/gap/index.js";
import { ELEMENT } from "../modules/scope/index.js";
import type { LinkBinding, PlannedLinks } from "./links.js";
import { tasks } from "./tasks.js";

/**
 * How each importable register is read, checked and written. Rows are validated with the API's
 * own input schemas; the checks below are the ones the registers' repositories make against
 * the database, made for a whole file at once against the state the import would leave.
 */
export type Source = Db | WriteContext;
export type Stored = Record<string, unknown> & { id: string; version: number };
export type ImportTable = "scope_elements" | "interested_parties" | "security_requirements" | "assets" | "gap_assessments" | "plan_tasks";

/** A row the schema accepted: the record it writes and the columns it would store. */
export interface PlannedRow {
  row: number;
  /** The record's id; null for a new record that gets its id when written. */
  id: string | null;
  before: Stored | null;
  columns: Record<string, unknown>;
  /** The links a file with the register's link column sets; none without the column. */
  links?: PlannedLinks;
}

export interface FieldProblem {
  row: number;
  field: string;
  message: string;
}

/** A column that names another record; the cell holds its external reference or name. */
export interface Reference {
  field: string;
  /** The table column that stores the referenced id. */
  column: string;
  what: string;
  load(source: Source, orgId: string): Promise<KeyedRecord[]>;
  /** The register refers to itself, so the file's own rows are candidates too. */
  withinFile: boolean;
}

export interface RegisterBinding {
  register: ImportRegister;
  table: ImportTable;
  /** The entity type of the audit events, as the register's own routes write it. */
  entity: string;
  /** The sheet's and the exported file's name. */
  title: string;
  /** The input field naming the record, when it has no external reference. */
  nameField: "name" | "title" | "itemId";
  /**
   * The input field that identifies a record in a file, in place of the external reference
   * (the gap assessment's item number); what the messages call it.
   */
  key?: { field: string; what: string };
  schema: z.ZodType;
  reference?: Reference;
  /** A column listing other records of the register the record links to (an asset's "Supports"). */
  links?: LinkBinding;
  /** The table columns keyOf reads: all that is loaded of every record to match rows to them. */
  keyColumns: readonly string[];
  keyOf(row: Stored): KeyedRecord;
  /** The stored record as input field values (references as ids): what an export writes and what a partial file leaves. */
  valuesOf(row: Stored): RowValues;
  /** The table columns the validated input stores. */
  columnsOf(input: Record<string, unknown>): Record<string, unknown>;
  /** The repository's checks against the database, made ready once per plan and then run on planned rows a chunk at a time. */
  checker?(source: Source, orgId: string, scale: ValuationScale): Promise<(planned: PlannedRow[]) => Promise<FieldProblem[]>>;
  /** The checks need the whole file at once (and its rows are written after them): a tree. */
  wholeFile?: boolean;
  /** Columns a write sets besides the row's (who assessed and when); they do not make a row changed. */
  stamp?(ctx: WriteContext): Record<string, unknown>;
  /** A numbered register (T-0001): each new record takes the next number, taken before the commit's audited writes. */
  numbered?: { table: "plan_tasks"; columns(n: number): Record<string, unknown> };
  /** A row for a record not stored yet that says only what no record means (an item not assessed): it writes nothing. */
  isDefault?(columns: Record<string, unknown>): boolean;
}

const parseJson = (text: unknown) => JSON.parse(String(text)) as Valuation;
const flatten = (prefix: string, valuation: Valuation) =>
  Object.fromEntries(Object.entries(valuation).map(([key, level]) => [`${prefix}.${key}`, level]));
const pick = (row: Stored, columns: Record<string, string>) => Object.fromEntries(Object.entries(columns).map(([f, c]) => [f, row[c]]));

async function loadElements(source: Source, orgId: string): Promise<KeyedRecord[]> {
  const rows = await reader(source)
    .selectFrom("scope_elements")
    .select(["id", "external_ref", "name"])
    .where("org_id", "=", orgId)
    .execute();
  return rows.map((r) => ({ id: r.id, externalRef: r.external_ref, name: r.name }));
}

const scopeElements: RegisterBinding = {
  register: "scope-elements",
  table: "scope_elements",
  entity: ELEMENT,
  title: REGISTER_TITLES["scope-elements"],
  nameField: "name",
  schema: ScopeElementInputSchema,
  reference: { field: "parentId", column: "parent_id", what: "scope element", load: loadElements, withinFile: true },
  keyColumns: ["id", "version", "external_ref", "name"],
  keyOf: (r) => ({ id: r.id, externalRef: r.external_ref as string | null, name: r.name as string }),
  valuesOf: (r) => ({
    ...pick(r, {
      externalRef: "external_ref",
      kind: "kind",
      name: "name",
      parentId: "parent_id",
      description: "description",
      owner: "owner",
      exclusionJustification: "exclusion_justification",
    }),
    inScope: r.in_scope === 1,
  }),
  // As the scope repository stores an element.
  columnsOf: (i) => ({
    kind: i.kind,
    parent_id: i.parentId,
    name: i.name,
    description: i.description || null,
    owner: i.owner || null,
    in_scope: i.inScope ? 1 : 0,
    exclusion_justification: i.inScope ? null : i.exclusionJustification || null,
    external_ref: i.externalRef || null,
  }),
  wholeFile: true,
  checker: async (source, orgId) => {
    const existing = await reader(source)
      .selectFrom("scope_elements")
      .select(["id", "kind", "name", "parent_id"])
      .where("org_id", "=", orgId)
      .execute();
    return (planned) => checkElements(source, orgId, planned, existing);
  },
};

type TreeNode = { id: string; kind: ScopeElementKind; name: string; parentId: string | null };

/** The scope repository's rules for where an element may sit, for the tree the import would leave. */
async function checkElements(
  source: Source,
  orgId: string,
  planned: PlannedRow[],
  existing: { id: string; kind: string; name: string; parent_id: string | null }[],
) {
  const tree = new Map<string, TreeNode>();
  for (const r of existing) tree.set(r.id, { id: r.id, kind: r.kind as ScopeElementKind, name: r.name, parentId: r.parent_id });
  const plannedIds = new Set<string>();
  for (const p of planned) {
    // Scope elements get their ids when planned, since the file's rows may refer to each other.
    const id = p.id as string;
    plannedIds.add(id);
    tree.set(id, {
      id,
      kind: p.columns.kind as ScopeElementKind,
      name: p.columns.name as string,
      parentId: p.columns.parent_id as string | null,
    });
  }
  const parentOf = new Map([...tree].map(([id, node]) => [id, node.parentId]));
  const children = new Map<string, TreeNode[]>();
  for (const node of tree.values()) {
    if (node.parentId === null) continue;
    const siblings = children.get(node.parentId);
    if (siblings) siblings.push(node);
    else children.set(node.parentId, [node]);
  }

  const changedSides = planned.filter((p) => p.before !== null && p.before.in_scope !== p.columns.in_scope);
  const interfaces =
    changedSides.length === 0
      ? []
      : await reader(source)
          .selectFrom("boundary_interfaces")
          .select(["from_element_id", "to_element_id", "data_exchanged"])
          .where("org_id", "=", orgId)
          .execute();

  const problems: FieldProblem[] = [];
  for (const p of planned) {
    const id = p.id as string;
    const node = tree.get(id) as TreeNode;
    const parent = node.parentId === null ? undefined : tree.get(node.parentId);
    if (node.parentId === id) problems.push({ row: p.row, field: "parentId", message: "an element cannot contain itself" });
    else if (parent) {
      const problem = parentKindProblem(node.kind, parent);
      if (problem) problems.push({ row: p.row, field: "parentId", message: problem });
      else if (createsCycle(id, node.parentId as string, parentOf))
        problems.push({
          row: p.row,
          field: "parentId",
          message: `"${parent.name}" lies inside this element, so it cannot also contain it`,
        });
    }
    // Children the file leaves alone must still fit in an element whose kind it changes.
    const misfits = (children.get(id) ?? []).filter((c) => !plannedIds.has(c.id) && parentKindProblem(c.kind, node) !== null);
    if (misfits.length > 0)
      problems.push({
        row: p.row,
        field: "kind",
        message: `a ${KIND_LABELS[node.kind].one} cannot hold what this element contains: ${misfits.map((c) => `${KIND_LABELS[c.kind].one} "${c.name}"`).join(", ")}`,
      });
  }
  for (const p of changedSides) {
    const inside = p.columns.in_scope === 1;
    const stranded = interfaces.filter((i) => (inside ? i.to_element_id : i.from_element_id) === p.id);
    if (stranded.length > 0)
      problems.push({
        row: p.row,
        field: "inScope",
        message: `the element is the ${inside ? "outside" : "inside"} end of ${stranded.length} boundary interface(s) (${stranded.map((i) => i.data_exchanged).join(", ")}); change or remove them first`,
      });
  }
  return problems;
}

const interestedParties: RegisterBinding = {
  register: "interested-parties",
  table: "interested_parties",
  entity: "interested party",
  title: REGISTER_TITLES["interested-parties"],
  nameField: "name",
  schema: InterestedPartyInputSchema,
  keyColumns: ["id", "version", "name"],
  keyOf: (r) => ({ id: r.id, externalRef: null, name: r.name as string }),
  valuesOf: (r) => pick(r, { name: "name", kind: "kind", description: "description", expectations: "expectations" }),
  columnsOf: (i) => ({ name: i.name, kind: i.kind, description: i.description, expectations: i.expectations }),
};

const requirements: RegisterBinding = {
  register: "requirements",
  table: "security_requirements",
  entity: "requirement",
  title: REGISTER_TITLES.requirements,
  nameField: "title",
  schema: RequirementInputSchema,
  reference: {
    field: "partyId",
    column: "party_id",
    what: "interested party",
    withinFile: false,
    load: async (source, orgId) =>
      (await reader(source).selectFrom("interested_parties").select(["id", "name"]).where("org_id", "=", orgId).execute()).map((r) => ({
        id: r.id,
        externalRef: null,
        name: r.name,
      })),
  },
  keyColumns: ["id", "version", "external_ref", "title"],
  keyOf: (r) => ({ id: r.id, externalRef: r.external_ref as string | null, name: r.title as string }),
  valuesOf: (r) =>
    pick(r, {
      externalRef: "external_ref",
      title: "title",
      partyId: "party_id",
      description: "description",
      source: "source",
      owner: "owner",
      confidentiality: "confidentiality",
      integrity: "integrity",
      availability: "availability",
    }),
  columnsOf: (i) => ({
    title: i.title,
    description: i.description,
    party_id: i.partyId,
    source: i.source,
    owner: i.owner,
    confidentiality: i.confidentiality,
    integrity: i.integrity,
    availability: i.availability,
    external_ref: i.externalRef,
  }),
  // The requirements repository checks the needs against the organization's scale.
  checker: async (_source, _orgId, scale) => async (planned) =>
    planned.flatMap((p) =>
      levelProblems(scale, ciaNeeds(p.columns as Parameters<typeof ciaNeeds>[0]), "allow").map((problem) => ({
        row: p.row,
        field: problem.key,
        message: problem.message,
      })),
    ),
};

const assets: RegisterBinding = {
  register: "assets",
  table: "assets",
  entity: "asset",
  title: REGISTER_TITLES.assets,
  nameField: "name",
  schema: AssetInputSchema,
  reference: { field: "locationElementId", column: "location_element_id", what: "scope element", load: loadElements, withinFile: false },
  // The kind too: the supports rule reads it for every asset a row may link to.
  keyColumns: ["id", "version", "external_ref", "name", "kind"],
  keyOf: (r) => ({ id: r.id, externalRef: r.external_ref as string | null, name: r.name as string }),
  valuesOf: (r) => ({
    ...pick(r, {
      externalRef: "external_ref",
      name: "name",
      kind: "kind",
      description: "description",
      owner: "owner",
      custodian: "custodian",
      classification: "classification",
      locationElementId: "location_element_id",
      overrideReason: "override_reason",
    }),
    ...flatten("valuation", parseJson(r.valuation)),
    ...flatten("valuationOverride", parseJson(r.valuation_override)),
  }),
  // As the asset repository stores an asset, the folded name included.
  columnsOf: (i) => ({
    kind: i.kind,
    name: i.name,
    name_folded: (i.name as string).toLowerCase(),
    description: i.description,
    owner: i.owner,
    custodian: i.custodian,
    classification: i.classification,
    location_element_id: i.locationElementId,
    valuation: JSON.stringify(i.valuation),
    valuation_override: JSON.stringify(i.valuationOverride),
    override_reason: i.overrideReason,
    external_ref: i.externalRef,
  }),
  checker: async (_source, _orgId, scale) => async (planned) => checkAssets(scale, planned),
  links: {
    field: "supports",
    table: "asset_supports",
    entity: SUPPORT,
    from: "supporting_asset_id",
    to: "primary_asset_id",
    what: "asset",
    row: (ctx, orgId, from, to) => ({ id: uuidv7(), org_id: orgId, supporting_asset_id: from, primary_asset_id: to, created_at: ctx.now }),
    problem: (from, to) => {
      const problem = supportLinkProblem(from, to);
      if (!problem) return null;
      return problem.field === "assetId" ? `this asset ${problem.message}` : problem.message;
    },
    standing: (before, columns, links) => categoryChangeProblem(before.kind as string, columns.kind as string, links),
  },
};

/** The asset repository's check of levels against the scale; its rules for supports links are the links' (`links`). */
function checkAssets(scale: ValuationScale, planned: PlannedRow[]) {
  const problems: FieldProblem[] = [];
  for (const p of planned)
    for (const [field, column] of [
      ["valuation", "valuation"],
      ["valuationOverride", "valuation_override"],
    ])
      for (const problem of levelProblems(scale, parseJson(p.columns[column as string]), "refuse"))
        problems.push({ row: p.row, field: `${field}.${problem.key}`, message: problem.message });
  return problems;
}

/** The gap assessment: a row per item of the standard, matched by its number; the first assessment of an item creates its record. */
const gapAssessment: RegisterBinding = {
  register: "gap-assessment",
  table: "gap_assessments",
  entity: GAP_ENTITY,
  title: REGISTER_TITLES["gap-assessment"],
  nameField: "itemId",
  key: { field: "itemId", what: "item" },
  schema: GapImportRowSchema,
  keyColumns: ["id", "version", "item_id"],
  keyOf: (r) => ({ id: r.id, externalRef: r.item_id as string, name: r.item_id as string }),
  valuesOf: (r) =>
    pick(r, {
      itemId: "item_id",
      status: "status",
      maturity: "maturity",
      evidence: "evidence",
      findings: "findings",
      justification: "justification",
    }),
  columnsOf: (i) => ({ item_id: i.itemId, ...assessmentColumns(i as Parameters<typeof assessmentColumns>[0]) }),
  // As the gap repository stamps an assessment.
  stamp: (ctx) => ({ assessed_by: ctx.actor.id, assessed_at: ctx.now }),
  isDefault: (c) => c.status === "not_assessed" && c.maturity === null && c.evidence === null && c.findings === null,
  checker: async () => async (planned) =>
    planned.flatMap((p) => {
      const item = assessableItem(p.columns.item_id as string);
      return "message" in item ? [{ row: p.row, field: "itemId", message: item.message }] : [];
    }),
};

export const BINDINGS: Record<ImportRegister, RegisterBinding> = {
  "scope-elements": scopeElements,
  "interested-parties": interestedParties,
  requirements,
  assets,
  "gap-assessment": gapAssessment,
  tasks,
};

/** The register's records in creation order, a page at a time (keyset on the id, which is time-ordered). */
export async function loadRecords(
  source: Source,
  binding: RegisterBinding,
  orgId: string,
  page?: { after: string | null; limit: number },
): Promise<Stored[]> {
  let query = reader(source).selectFrom(binding.table).selectAll().where("org_id", "=", orgId);
  if (page?.after) query = query.where("id", ">", page.after);
  if (page) query = query.limit(page.limit);
  return (await query.orderBy("id").execute()) as Stored[];
}
