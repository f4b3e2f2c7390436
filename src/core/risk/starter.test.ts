import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseStarterCatalog } from "./starter.js";

const shipped = () => JSON.parse(readFileSync(join(import.meta.dirname, "../../../catalogs/risk-starter.json"), "utf8")) as unknown;

describe("shipped starter catalog", () => {
  it("parses and is large enough to be useful", () => {
    const catalog = parseStarterCatalog(shipped());
    expect(catalog.threats.length).toBeGreaterThanOrEqual(32);
    expect(catalog.vulnerabilities.length).toBeGreaterThanOrEqual(42);
  });

  it("covers every category", () => {
    const catalog = parseStarterCatalog(shipped());
    expect(new Set(catalog.threats.map((t) => t.category)).size).toBe(4);
    expect(new Set(catalog.vulnerabilities.map((v) => v.category)).size).toBe(7);
  });

  it("keeps each description to one sentence", () => {
    const catalog = parseStarterCatalog(shipped());
    for (const entry of [...catalog.threats, ...catalog.vulnerabilities]) {
      expect(entry.description).toMatch(/^[A-Z].*\.$/);
      expect(entry.description.slice(0, -1)).not.toMatch(/\.\s/);
    }
  });
});

describe("parseStarterCatalog", () => {
  it("lists every problem at once", () => {
    const bad = {
      threats: [
        { key: "T01", name: "Fire", description: "Burns.", category: "environmental", objectives: ["availability"] },
        { key: "T01", name: "fire", description: " ", category: "cosmic", objectives: [] },
      ],
      vulnerabilities: [{ key: "X1", name: "", description: "Weak.", category: "software" }],
    };
    let message = "";
    try {
      parseStarterCatalog(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    for (const part of [
      "threats.1.description",
      "threats.1.category",
      "threats.1.objectives",
      "threats.1.key",
      "threats.1.name",
      "vulnerabilities.0.key",
      "vulnerabilities.0.name",
    ]) {
      expect(message).toContain(part);
    }
  });

  it("rejects something that is not a catalog", () => {
    expect(() => parseStarterCatalog(null)).toThrow(/problem/);
    expect(() => parseStarterCatalog({ threats: [] })).toThrow(/vulnerabilities/);
  });
});
