import type { ProcessData } from "../process/data.js";
import type { MissingItem, Rule, RuleResult } from "../process/rules.js";
import { checkNaming } from "../requirements/check.js";
import { assetCategory } from "./inventory.js";
import { DEFAULT_VALUATION_SCALE, deriveValuation, type Valuation, type ValuationScale, type ValuedAsset } from "./valuation.js";

/** What activity 7.3 is evaluated on: every asset, whether it is in scope, and the supports links. */
export interface AssetsData {
  scale: ValuationScale;
  assets: {
    id: string;
    name: string;
    kind: string;
    owner: string | null;
    inScope: boolean;
    valuation: Valuation;
    override: Valuation;
    overrideReason: string | null;
  }[];
  supports: { supportingId: string; primaryId: string }[];
}

declare module "../process/data.js" {
  interface ProcessData {
    assets?: AssetsData;
  }
}

export const emptyAssetsData = (): AssetsData => ({ scale: DEFAULT_VALUATION_SCALE, assets: [], supports: [] });

const ASSETS = { register: "assets" };
const assetLink = (id: string) => ({ register: "assets", id });

function assetInventoryComplete(data: ProcessData): RuleResult {
  const { scale, assets, supports } = data.assets ?? emptyAssetsData();
  const byId = new Map(assets.map((a) => [a.id, a]));
  const supported = new Map<string, ValuedAsset[]>();
  for (const link of supports) {
    const primary = byId.get(link.primaryId);
    if (!primary) continue;
    supported.set(link.supportingId, [...(supported.get(link.supportingId) ?? []), primary]);
  }
  const inScope = assets.filter((a) => a.inScope);

  const primary: MissingItem[] = inScope.some((a) => assetCategory(a.kind) === "primary")
    ? []
    : [{ message: "Record at least one primary asset in scope: a business process or information.", link: ASSETS }];
  const unowned = inScope
    .filter((a) => a.owner === null || a.owner.trim() === "")
    .map((a) => ({ message: `Asset "${a.name}" needs an owner.`, link: assetLink(a.id) }));
  const unvalued = inScope.flatMap((a) => {
    const missing = deriveValuation(a, supported.get(a.id) ?? [], scale).filter((v) => v.value === null);
    return missing.length === 0
      ? []
      : [{ message: `Asset "${a.name}" has no value for ${missing.map((v) => v.label.toLowerCase()).join(", ")}.`, link: assetLink(a.id) }];
  });
  const unlinked = inScope
    .filter((a) => assetCategory(a.kind) === "supporting" && !supported.has(a.id))
    .map((a) => ({ message: `Supporting asset "${a.name}" does not support any primary asset yet.`, link: assetLink(a.id) }));

  return {
    started: assets.length > 0,
    checks: [
      checkNaming("primary-asset", "At least one primary asset in scope", primary, ASSETS),
      checkNaming("asset-owners", "Every asset in scope has an owner", unowned, ASSETS),
      checkNaming("asset-valuations", "Every asset in scope is valued on every security objective", unvalued, ASSETS),
      checkNaming("supporting-assets-linked", "Every supporting asset in scope supports a primary asset", unlinked, ASSETS),
    ],
  };
}

/** Completion rules of activity 7.3, by their catalog names. */
export const ASSET_RULES: Readonly<Record<string, Rule>> = {
  "asset-inventory-complete": assetInventoryComplete,
};
