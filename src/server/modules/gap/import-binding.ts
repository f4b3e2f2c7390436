import { GapImportRowSchema } from "../../../contracts/gap.js";
import { REGISTER_TITLES } from "../../../core/imports/guide.js";
import { pick, type RegisterBinding } from "../../imports/binding.js";
import { assessableItem, assessmentColumns, assessmentStamp, ENTITY } from "./gap.repo.js";

/** The gap assessment: a row per item of the standard, matched by its number; the first assessment of an item creates its record. */
export const gapAssessmentImport: RegisterBinding = {
  register: "gap-assessment",
  table: "gap_assessments",
  entity: ENTITY,
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
  stamp: assessmentStamp,
  isDefault: (c) => c.status === "not_assessed" && c.maturity === null && c.evidence === null && c.findings === null,
  // The item must be one the repository lets the API assess.
  checker: async () => async (planned) =>
    planned.flatMap((p) => {
      const item = assessableItem(p.columns.item_id as string);
      return "message" in item ? [{ row: p.row, field: "itemId", message: item.message }] : [];
    }),
};
