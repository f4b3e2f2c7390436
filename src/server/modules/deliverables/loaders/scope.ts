import { STRINGS } from "../../../../core/deliverables/strings.js";
import { reader } from "../../../db/audited.js";
import type { Db } from "../../../db/database.js";
import { currentStatement } from "../../scope/index.js";
import { type Loader, markdownBlocks, para, text } from "./shared.js";

// --- 6.5 scope and boundaries ------------------------------------------------------------------
export const scopeDocument: Loader = async (db, orgId) => {
  const S = STRINGS.scope;
  const k = reader(db);
  const [statement, elements, interfaces] = await Promise.all([
    currentStatement(db, orgId),
    k.selectFrom("scope_elements").selectAll().where("org_id", "=", orgId).orderBy("kind").orderBy("name").execute(),
    k.selectFrom("boundary_interfaces").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
  ]);
  const names = new Map(elements.map((e) => [e.id, e.name]));
  const markdown = statement.latest
    ? ((await frozenStatement(db, orgId, statement.latest.number)) ?? statement.markdown)
    : statement.markdown;
  return {
    sections: [
      {
        id: "statement",
        title: S.statement,
        blocks: [...(statement.latest ? [para(`Version ${statement.latest.number}`)] : [para(S.noStatement)]), ...markdownBlocks(markdown)],
      },
      {
        id: "elements",
        title: S.elements,
        blocks: [
          {
            kind: "table",
            id: "elements",
            title: S.elements,
            columns: [
              { key: "name", title: S.cols.name, width: 2 },
              { key: "kind", title: S.cols.kind, width: 1 },
              { key: "in", title: S.cols.inScope, width: 1 },
              { key: "description", title: S.cols.description, width: 3 },
            ],
            rows: elements.map((e) => [e.name, e.kind, e.in_scope ? STRINGS.common.yes : STRINGS.common.no, text(e.description)]),
          },
        ],
      },
      {
        id: "interfaces",
        title: S.interfaces,
        blocks: [
          {
            kind: "table",
            id: "interfaces",
            title: S.interfaces,
            columns: [
              { key: "from", title: S.cols.name, width: 2 },
              { key: "counterpart", title: S.cols.counterpart, width: 2 },
              { key: "direction", title: S.cols.direction, width: 1 },
              { key: "data", title: S.cols.description, width: 3 },
            ],
            rows: interfaces.map((i) => [
              names.get(i.from_element_id) ?? "",
              i.to_element_id ? (names.get(i.to_element_id) ?? "") : text(i.to_party),
              i.direction,
              [i.data_exchanged, text(i.protection)].filter(Boolean).join(" — "),
            ]),
          },
        ],
      },
      {
        id: "exclusions",
        title: S.exclusions,
        blocks: [
          {
            kind: "table",
            id: "exclusions",
            title: S.exclusions,
            columns: [
              { key: "name", title: S.cols.name, width: 2 },
              { key: "justification", title: S.cols.justification, width: 4 },
            ],
            rows: elements.filter((e) => !e.in_scope).map((e) => [e.name, text(e.exclusion_justification)]),
          },
        ],
      },
    ],
  };
};

async function frozenStatement(db: Db, orgId: string, number: number): Promise<string | null> {
  const row = await reader(db)
    .selectFrom("scope_statement_versions")
    .select("markdown")
    .where("org_id", "=", orgId)
    .where("number", "=", number)
    .executeTakeFirst();
  return row?.markdown ?? null;
}
