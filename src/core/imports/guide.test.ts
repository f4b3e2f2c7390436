import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_VALUATION_SCALE } from "../assets/valuation.js";
import { IMPORT_REGISTERS, importColumns } from "./columns.js";
import { columnGuide, GUIDE_HEADER, importFormatsMarkdown } from "./guide.js";

describe("the column reference", () => {
  it("is committed as docs/import-formats.md exactly as `npm run docs:imports` writes it from the importer's columns", () => {
    const committed = readFileSync(new URL("../../../docs/import-formats.md", import.meta.url), "utf8");
    expect(committed, "docs/import-formats.md is out of date: run npm run docs:imports").toBe(
      importFormatsMarkdown(DEFAULT_VALUATION_SCALE),
    );
  });

  it("describes every column of every importable register: required, type, allowed values and an example", () => {
    const doc = importFormatsMarkdown(DEFAULT_VALUATION_SCALE);
    for (const register of IMPORT_REGISTERS) {
      expect(doc).toContain(`(\`${register}\`)`);
      const guide = columnGuide(importColumns(register, DEFAULT_VALUATION_SCALE));
      for (const line of guide) expect(line).toHaveLength(GUIDE_HEADER.length);
    }
    const assets = columnGuide(importColumns("assets", DEFAULT_VALUATION_SCALE));
    expect(assets.find((c) => c[0] === "Kind")).toEqual([
      "Kind",
      "yes",
      "one of the values",
      "Business process, Information, Hardware, Software, Network, People, Site, Supplier, Service",
      "Information",
      expect.stringContaining("primary assets"),
    ]);
    expect(assets.find((c) => c[0] === "Confidentiality")?.[3]).toBe("1 (Low), 2 (Medium), 3 (High), 4 (Very high)");
    const gap = columnGuide(importColumns("gap-assessment", DEFAULT_VALUATION_SCALE));
    expect(gap.find((c) => c[0] === "Title")?.[1]).toBe("no (ignored on import)");
    expect(gap.find((c) => c[0] === "Maturity")?.slice(2, 4)).toEqual(["whole number", "0 to 5"]);
  });
});
