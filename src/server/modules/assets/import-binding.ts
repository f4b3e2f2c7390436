import { AssetInputSchema } from "../../../contracts/assets.js";
import { categoryChangeProblem, supportLinkProblem } from "../../../core/assets/inventory.js";
import type { Valuation } from "../../../core/assets/valuation.js";
import { uuidv7 } from "../../../core/ids.js";
import { REGISTER_TITLES } from "../../../core/imports/guide.js";
import { pick, type RegisterBinding, type Stored } from "../../imports/binding.js";
import { elementKeys } from "../scope/index.js";
import { ASSET, type AssetInput, assetColumns, SUPPORT, valuationProblems } from "./assets.repo.js";

const valuationOf = (text: unknown) => JSON.parse(String(text)) as Valuation;
const flatten = (prefix: string, valuation: Valuation) =>
  Object.fromEntries(Object.entries(valuation).map(([key, level]) => [`${prefix}.${key}`, level]));

/** The asset inventory, with its "Supports" column: the links and their rules are the repository's (core/assets/inventory.ts). */
export const assetsImport: RegisterBinding = {
  register: "assets",
  table: "assets",
  entity: ASSET,
  title: REGISTER_TITLES.assets,
  nameField: "name",
  schema: AssetInputSchema,
  reference: { field: "locationElementId", column: "location_element_id", what: "scope element", load: elementKeys, withinFile: false },
  // The kind too: the supports rule reads it for every asset a row may link to.
  keyColumns: ["id", "version", "external_ref", "name", "kind"],
  keyOf: (r) => ({ id: r.id, externalRef: r.external_ref as string | null, name: r.name as string }),
  valuesOf: (r: Stored) => ({
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
    ...flatten("valuation", valuationOf(r.valuation)),
    ...flatten("valuationOverride", valuationOf(r.valuation_override)),
  }),
  columnsOf: (i) => assetColumns(i as unknown as AssetInput),
  checker: async (_source, _orgId, scale) => async (planned) =>
    planned.flatMap((p) =>
      valuationProblems(scale, {
        valuation: valuationOf(p.columns.valuation),
        valuationOverride: valuationOf(p.columns.valuation_override),
      }).map((problem) => ({ row: p.row, ...problem })),
    ),
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
