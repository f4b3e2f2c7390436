import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ReferenceSchema } from "../../contracts/gap.js";
import { indexReference, lookupItem, type Reference } from "./reference.js";

const ROOT = join(import.meta.dirname, "../../..");
const SCRIPT = join(ROOT, "scripts", "build-iso27001-reference.mjs");
const TABLE = join(ROOT, "catalogs", "source", "iso27001-2022-reference.tsv");
const SHIPPED_TEXT = readFileSync(join(ROOT, "catalogs", "iso27001-2022.json"), "utf8");
const SHIPPED: Reference = ReferenceSchema.parse(JSON.parse(SHIPPED_TEXT));

const tableRows = (kind: string) =>
  readFileSync(TABLE, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.startsWith(`${kind}\t`));

const scratch = mkdtempSync(join(tmpdir(), "iso27001-reference-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the generator on a table; returns its output, or the error it stopped with. */
function generate(table: string): { ok: true; text: string } | { ok: false; error: string } {
  const result = spawnSync(process.execPath, [SCRIPT, table, "--stdout"], { encoding: "utf8" });
  return result.status === 0 ? { ok: true, text: result.stdout } : { ok: false, error: result.stderr };
}

function tableWith(change: (lines: string[]) => string[]): string {
  const path = join(scratch, `table-${Math.random().toString(36).slice(2)}.tsv`);
  writeFileSync(path, change(readFileSync(TABLE, "utf8").split("\n")).join("\n"));
  return path;
}

describe("the shipped ISO/IEC 27001:2022 reference", () => {
  it("is exactly what the generator makes of the reference table", () => {
    expect(execFileSync(process.execPath, [SCRIPT, "--stdout"], { encoding: "utf8" })).toBe(SHIPPED_TEXT);
  });

  it("holds every clause item the table lists and the 93 Annex A controls of 2022", () => {
    expect(SHIPPED.clauses).toHaveLength(tableRows("clause").length);
    expect(SHIPPED.clauses.map((c) => c.id)).toEqual(tableRows("clause").map((line) => line.split("\t")[1]));
    expect(SHIPPED.controls).toHaveLength(93);
    const perTheme: Record<string, number> = {};
    for (const control of SHIPPED.controls) perTheme[control.theme] = (perTheme[control.theme] ?? 0) + 1;
    expect(perTheme).toEqual({
      organizational: 37,
      people: 8,
      physical: 14,
      technological: 34,
    });
    expect(SHIPPED.controls.filter((c) => c.newIn2022)).toHaveLength(11);
    expect(SHIPPED.clauses.filter((c) => c.parent === null).map((c) => c.id)).toEqual(["4", "5", "6", "7", "8", "9", "10"]);
  });

  it("carries identifiers and short titles only", () => {
    expect(Object.keys(SHIPPED).sort()).toEqual(["clauses", "controls", "id", "title"]);
    for (const clause of SHIPPED.clauses) expect(Object.keys(clause).sort()).toEqual(["id", "parent", "title"]);
    for (const control of SHIPPED.controls) {
      expect(Object.keys(control).sort()).toEqual(["id", "newIn2022", "theme", "title"]);
      expect(control.id).toMatch(/^A\.[5-8]\.\d{1,2}$/);
    }
    const longest = Math.max(...[...SHIPPED.clauses, ...SHIPPED.controls].map((item) => item.title.length));
    expect(longest).toBeLessThan(100);
  });

  it("the generator refuses a table it does not understand, naming the line", () => {
    const extraColumn = generate(tableWith((lines) => lines.map((l) => (l.startsWith("kind\t") ? `${l}\tguidance` : l))));
    expect(extraColumn).toMatchObject({ ok: false, error: expect.stringMatching(/expected the columns/) });
    const wrongTheme = generate(
      tableWith((lines) => lines.map((l) => (l.startsWith("control\t8.1\t") ? l.replace("Technological", "People") : l))),
    );
    expect(wrongTheme).toMatchObject({
      ok: false,
      error: expect.stringMatching(/control A\.8\.1 is in section A\.8, theme technological/),
    });
    const orphan = generate(tableWith((lines) => lines.filter((l) => !l.startsWith("clause\t6.1\t"))));
    expect(orphan).toMatchObject({ ok: false, error: expect.stringMatching(/clause 6\.1\.1 comes before its parent 6\.1/) });
    expect(generate(tableWith((lines) => lines)).ok).toBe(true);
  });
});

describe("the reference index", () => {
  const index = indexReference(SHIPPED);

  it("assesses the innermost clauses and every control, in the standard's order", () => {
    const clauseItems = index.items.filter((i) => i.kind === "clause").map((i) => i.id);
    expect(clauseItems.slice(0, 8)).toEqual(["4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1"]);
    expect(clauseItems).not.toContain("6.1");
    expect(clauseItems).not.toContain("9.2");
    expect(clauseItems.at(-1)).toBe("10.2");
    expect(index.items.filter((i) => i.kind === "control")).toHaveLength(93);
    expect(index.items.find((i) => i.id === "9.3.2")).toMatchObject({ group: "9", parent: "9.3", theme: null });
    expect(index.items.find((i) => i.id === "A.7.4")).toMatchObject({ group: "physical", theme: "physical", parent: null });
  });

  it("tells an assessable item from a heading and from an unknown id", () => {
    expect(lookupItem(index, "A.5.23")).toMatchObject({
      found: { kind: "control", title: "Information security for use of cloud services" },
    });
    expect(lookupItem(index, "7.5")).toMatchObject({ heading: { id: "7.5" }, subClauses: ["7.5.1", "7.5.2", "7.5.3"] });
    expect(lookupItem(index, "A.5.38")).toEqual({ unknown: true });
    expect(lookupItem(index, "constructor")).toEqual({ unknown: true });
  });
});
