import { isInScope } from "../../../core/assets/inventory.js";
import type { AssetsData } from "../../../core/assets/rules.js";
import type { Valuation } from "../../../core/assets/valuation.js";
import type { Db } from "../../db/database.js";
import { outOfScopeElements } from "./asset-scope.js";
import { readScale } from "./assets.repo.js";

/** The asset inventory as the roadmap engine sees it (ProcessData.assets). */
export async function loadAssetsData(db: Db, orgId: string): Promise<AssetsData> {
  const k = db.kysely;
  const [scale, outOfScope, assets, supports] = await Promise.all([
    readScale(db, orgId),
    outOfScopeElements(db, orgId),
    k
      .selectFrom("assets")
      .select(["id", "name", "kind", "owner", "location_element_id", "valuation", "valuation_override", "override_reason"])
      .where("org_id", "=", orgId)
      .orderBy("name")
      .orderBy("id")
      .execute(),
    k.selectFrom("asset_supports").select(["supporting_asset_id", "primary_asset_id"]).where("org_id", "=", orgId).orderBy("id").execute(),
  ]);
  return {
    scale,
    assets: assets.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      owner: a.owner,
      inScope: isInScope(a.location_element_id, outOfScope),
      valuation: JSON.parse(a.valuation) as Valuation,
      override: JSON.parse(a.valuation_override) as Valuation,
      overrideReason: a.override_reason,
    })),
    supports: supports.map((s) => ({ supportingId: s.supporting_asset_id, primaryId: s.primary_asset_id })),
  };
}
