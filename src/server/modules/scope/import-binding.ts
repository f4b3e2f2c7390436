import { type ScopeElementInput, ScopeElementInputSchema } from "../../../contracts/scope.js";
import { REGISTER_TITLES } from "../../../core/imports/guide.js";
import type { KeyedRecord } from "../../../core/imports/matching.js";
import { placementProblems, type ScopeElementKind } from "../../../core/scope/data.js";
import { reader } from "../../db/audited.js";
import { type FieldProblem, pick, type RegisterBinding, type Source } from "../../imports/binding.js";
import { ELEMENT, elementColumns, elementTree, strandedInterfaces, strandingMessage } from "./scope.repo.js";

/** The organization's scope elements as a file names them: by external reference or name. */
export async function elementKeys(source: Source, orgId: string): Promise<KeyedRecord[]> {
  const rows = await reader(source)
    .selectFrom("scope_elements")
    .select(["id", "external_ref", "name"])
    .where("org_id", "=", orgId)
    .execute();
  return rows.map((r) => ({ id: r.id, externalRef: r.external_ref, name: r.name }));
}

/** The scope elements: a tree, so the file is checked whole, with the rules the repository applies to one element. */
export const scopeElementsImport: RegisterBinding = {
  register: "scope-elements",
  table: "scope_elements",
  entity: ELEMENT,
  title: REGISTER_TITLES["scope-elements"],
  nameField: "name",
  schema: ScopeElementInputSchema,
  reference: { field: "parentId", column: "parent_id", what: "scope element", load: elementKeys, withinFile: true },
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
  columnsOf: (i) => elementColumns(i as ScopeElementInput),
  wholeFile: true,
  checker: async (source, orgId) => {
    const stored = await elementTree(source, orgId);
    return async (planned) => {
      // Scope elements get their ids when planned, since the file's rows may refer to each other.
      const tree = new Map(stored);
      const rows = new Map(planned.map((p) => [p.id as string, p]));
      for (const [id, { columns }] of rows)
        tree.set(id, {
          id,
          kind: columns.kind as ScopeElementKind,
          name: columns.name as string,
          parentId: columns.parent_id as string | null,
        });
      const problems: FieldProblem[] = placementProblems(tree, [...rows.keys()]).map(({ id, field, message }) => ({
        row: rows.get(id)?.row as number,
        field,
        message,
      }));
      const moves = planned.filter((p) => p.before !== null && p.before.in_scope !== p.columns.in_scope);
      const stranded = await strandedInterfaces(
        source,
        orgId,
        moves.map((p) => ({ id: p.id as string, inScope: p.columns.in_scope === 1 })),
      );
      for (const p of moves) {
        const interfaces = stranded.get(p.id as string);
        if (interfaces)
          problems.push({
            row: p.row,
            field: "inScope",
            message: strandingMessage(p.columns.name as string, p.columns.in_scope === 1, interfaces),
          });
      }
      return problems;
    };
  },
};
