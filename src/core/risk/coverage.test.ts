import { describe, expect, it } from "vitest";
import { riskCoverage, uncoveredAssets } from "./coverage.js";

const input = {
  primaryAssets: [
    { id: "orders", name: "Order handling" },
    { id: "customers", name: "Customer data" },
    { id: "payroll", name: "Payroll" },
    { id: "archive", name: "Archive" },
  ],
  supports: new Map([["crm", ["customers", "orders"]]]),
  risks: [
    { id: "r1", assetId: "crm", affectedAssetIds: [], open: true },
    { id: "r2", assetId: null, affectedAssetIds: ["payroll"], open: false },
  ],
  exemptAssetIds: new Set(["archive"]),
};

describe("risk coverage of primary assets", () => {
  it("counts a risk on a supporting asset for every primary asset it supports, and scenarios for what they affect", () => {
    const covered = riskCoverage(input);
    expect(covered.get("customers")).toEqual(["r1"]);
    expect(covered.get("orders")).toEqual(["r1"]);
    expect(covered.get("payroll")).toEqual(["r2"]);
    expect(covered.get("archive")).toEqual([]);
  });

  it("leaves out assets with a 'no risk identified' decision", () => {
    expect(uncoveredAssets(input)).toEqual([]);
    expect(uncoveredAssets({ ...input, exemptAssetIds: new Set() })).toEqual([{ id: "archive", name: "Archive" }]);
  });
});
