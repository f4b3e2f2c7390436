import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogText } from "../process/catalog.js";
import { emptyProcessData, type ProcessData } from "../process/data.js";
import { evaluate } from "../process/engine.js";
import { RULE_NAMES, RULES } from "../process/rules.js";
import { ASSET_RULES, type AssetsData } from "./rules.js";
import { DEFAULT_VALUATION_SCALE } from "./valuation.js";

const loaded = loadCatalogText(readFileSync(join(import.meta.dirname, "../../../catalogs/iso27003-2010.yaml"), "utf8"), "yaml", RULE_NAMES);
if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
const CATALOG = loaded.catalog;

const FULL = { confidentiality: 3, integrity: 2, availability: 4 };
const asset = (id: string, kind: string, extra: Partial<AssetsData["assets"][number]> = {}) => ({
  id,
  name: id,
  kind,
  owner: "Owner",
  inScope: true,
  valuation: {},
  override: {},
  overrideReason: null,
  ...extra,
});

const complete = (): AssetsData => ({
  scale: DEFAULT_VALUATION_SCALE,
  assets: [asset("Payroll", "business_process", { valuation: FULL }), asset("HR server", "hardware")],
  supports: [{ supportingId: "HR server", primaryId: "Payroll" }],
});

const checks = (assets: AssetsData | undefined) => {
  const data: ProcessData = { ...emptyProcessData(), ...(assets ? { assets } : {}) };
  return evaluate(CATALOG, data, { ...RULES, ...ASSET_RULES }).activities.find((a) => a.id === "7.3")!.checks;
};
const missing = (assets: AssetsData, id: string) =>
  checks(assets)
    .find((c) => c.id === id)!
    .missing.map((m) => m.message);

describe("asset-inventory-complete (7.3)", () => {
  it("passes for an owned, valued primary asset and a supporting asset that derives its value from it", () => {
    expect(checks(complete()).every((c) => c.ok)).toBe(true);
  });

  it("without data it fails and has not started", () => {
    const result = ASSET_RULES["asset-inventory-complete"]!(emptyProcessData());
    expect(result.started).toBe(false);
    expect(result.checks.find((c) => c.id === "primary-asset")!.ok).toBe(false);
  });

  it("needs a primary asset in scope", () => {
    const data = complete();
    data.assets[0]!.inScope = false;
    expect(missing(data, "primary-asset")).toEqual(["Record at least one primary asset in scope: a business process or information."]);
  });

  it("names in-scope assets without an owner or without a value on some objective, and ignores assets out of scope", () => {
    const data = complete();
    data.assets.push(
      asset("Customer data", "information", { owner: " ", valuation: { confidentiality: 4 } }),
      asset("Old archive", "information", { owner: null, inScope: false }),
    );
    expect(missing(data, "asset-owners")).toEqual(['Asset "Customer data" needs an owner.']);
    expect(missing(data, "asset-valuations")).toEqual(['Asset "Customer data" has no value for integrity, availability.']);
  });

  it("accepts an override or an own value as a valuation, and names supporting assets that support nothing", () => {
    const data = complete();
    data.assets.push(
      asset("Spare laptop", "hardware", { valuation: FULL }),
      asset("Key vault", "software", { override: FULL, overrideReason: "Holds every key" }),
    );
    data.supports.push({ supportingId: "Key vault", primaryId: "Payroll" });
    expect(missing(data, "asset-valuations")).toEqual([]);
    expect(missing(data, "supporting-assets-linked")).toEqual(['Supporting asset "Spare laptop" does not support any primary asset yet.']);
  });

  it("a supporting asset is valued through what it supports", () => {
    const data = complete();
    data.assets[0]!.valuation = { confidentiality: 3 };
    expect(missing(data, "asset-valuations")).toEqual([
      'Asset "Payroll" has no value for integrity, availability.',
      'Asset "HR server" has no value for integrity, availability.',
    ]);
  });
});
