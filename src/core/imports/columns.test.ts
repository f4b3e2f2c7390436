import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_VALUATION_SCALE } from "../assets/valuation.js";
import {
  assetColumns,
  type Column,
  choiceCell,
  columnOf,
  EXPORT_REGISTERS,
  exportColumns,
  formatRow,
  IMPORT_REGISTERS,
  importColumns,
  isImportRegister,
  levelCell,
  mapHeaders,
  parseRow,
  SCOPE_ELEMENT_COLUMNS,
  textCell,
  toInput,
  yesNoCell,
} from "./columns.js";

describe("cells", () => {
  it("reads yes and no in the usual spellings, leaves blank to the default, and refuses the rest", () => {
    expect(["yes", "Y", "TRUE", "1", " no ", "n", "False", "0"].map((c) => yesNoCell.parse(c))).toEqual(
      [true, true, true, true, false, false, false, false].map((value) => ({ ok: true, value })),
    );
    expect(yesNoCell.parse("  ")).toEqual({ ok: true, value: undefined });
    expect(yesNoCell.parse("maybe")).toEqual({ ok: false, message: "must be yes or no" });
    expect([true, false, undefined].map((v) => yesNoCell.format(v))).toEqual(["yes", "no", ""]);
  });

  it("reads a choice by key or in words, and refuses anything else naming the values by their labels", () => {
    const kind = choiceCell({ org_unit: "organizational unit" });
    expect(kind.parse("Organizational Unit")).toEqual({ ok: true, value: "org_unit" });
    expect(kind.parse("org unit")).toEqual({ ok: true, value: "org_unit" });
    expect(choiceCell({ business_process: "business process" }).parse(" Business-Process ")).toEqual({
      ok: true,
      value: "business_process",
    });
    expect(kind.parse("galaxy")).toEqual({ ok: false, message: "must be one of: organizational unit" });
  });

  it("reads a level as its number or its label on the scale", () => {
    const level = levelCell(["Low", "Medium", "High"]);
    expect(level.parse("2")).toEqual({ ok: true, value: 2 });
    expect(level.parse("high")).toEqual({ ok: true, value: 3 });
    expect(level.parse("")).toEqual({ ok: true, value: null });
    expect(level.parse("2.5")).toEqual({ ok: false, message: "must be a level from 1 to 3" });
    expect(level.parse("7")).toEqual({ ok: false, message: "must be a level from 1 to 3" });
    expect(levelCell().parse("7")).toEqual({ ok: true, value: 7 });
    expect(level.parse("huge")).toEqual({ ok: false, message: "must be a level number or one of Low, Medium, High" });
  });

  it("reads blank text as not written, except where the field must be filled", () => {
    expect(textCell().parse("  ")).toEqual({ ok: true, value: null });
    expect(textCell(true).parse("")).toEqual({ ok: true, value: "" });
    expect(textCell().parse(" kept as typed ")).toEqual({ ok: true, value: " kept as typed " });
  });

  it("writes back what it reads, for any text, level and yes/no", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => s.trim() !== ""),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (text, n, yes) => {
          expect(textCell().parse(textCell().format(text))).toEqual({ ok: true, value: text });
          expect(levelCell(["a", "b", "c", "d"]).parse(levelCell().format(n))).toEqual({ ok: true, value: n });
          expect(yesNoCell.parse(yesNoCell.format(yes))).toEqual({ ok: true, value: yes });
        },
      ),
    );
  });
});

describe("columns", () => {
  it("gives every register unique headers", () => {
    for (const register of EXPORT_REGISTERS) {
      const headers = exportColumns(register, DEFAULT_VALUATION_SCALE).map((c) => c.header.toLowerCase());
      expect(new Set(headers).size, register).toBe(headers.length);
    }
  });

  it("exports an importable register with exactly the columns its import takes, on any scale", () => {
    const label = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== "");
    const scale = fc
      .uniqueArray(fc.record({ key: fc.stringMatching(/^[a-z]{1,8}$/), label, levels: fc.array(label, { minLength: 1, maxLength: 5 }) }), {
        minLength: 1,
        maxLength: 4,
        selector: (o) => o.key,
      })
      .map((objectives) => ({ objectives }));
    fc.assert(
      fc.property(scale, (s) => {
        const shape = (columns: readonly Column[]) => columns.map(({ header, field, required }) => ({ header, field, required }));
        for (const register of IMPORT_REGISTERS) expect(shape(exportColumns(register, s))).toEqual(shape(importColumns(register, s)));
        expect(EXPORT_REGISTERS.filter(isImportRegister)).toEqual([...IMPORT_REGISTERS]);
      }),
    );
  });

  it("follows the valuation scale, keeping headers unique when a label repeats a fixed one", () => {
    const scale = { objectives: [{ key: "privacy", label: "Owner", levels: ["Low", "High"] }] };
    expect(assetColumns(scale).map((c) => c.header)).toEqual([
      "External reference",
      "Name",
      "Kind",
      "Description",
      "Owner",
      "Custodian",
      "Classification",
      "Location",
      "Owner (privacy)",
      "Owner override",
      "Override reason",
      "Supports",
    ]);
  });

  it("maps headers whatever their case, and names unknown, missing, repeated and unnamed columns", () => {
    const { positions, problems } = mapHeaders(
      [" name ", "KIND", "Colour", "Name", ""],
      [["a", "site", "red", "b", "stray"]],
      SCOPE_ELEMENT_COLUMNS,
    );
    expect([...positions].map(([c, i]) => [c.header, i])).toEqual([
      ["Name", 0],
      ["Kind", 1],
    ]);
    expect(problems).toEqual([
      { row: 1, column: "Name", message: "appears twice in the header" },
      { row: 1, column: null, message: "column 5 has values but no header" },
      {
        row: 1,
        column: null,
        message: expect.stringMatching(/^unknown column\(s\): Colour; the columns are: External reference, Kind, Name/),
      },
    ]);
    expect(mapHeaders(["Name", ""], [["a", ""]], SCOPE_ELEMENT_COLUMNS).problems).toEqual([
      { row: 1, column: null, message: "missing required column(s): Kind" },
    ]);
  });

  it("parses a row into field values with a problem per bad cell, and refuses cells beyond the header", () => {
    const { positions } = mapHeaders(["Kind", "Name", "In scope"], [], SCOPE_ELEMENT_COLUMNS);
    expect(parseRow(["site", "HQ", ""], positions, 3, 2)).toEqual({ values: { kind: "site", name: "HQ" }, problems: [] });
    expect(parseRow(["site", "a\u0000b", "perhaps", "extra"], positions, 3, 7).problems).toEqual([
      { row: 7, column: null, message: "the row has 4 cells but the header names 3 columns" },
      { row: 7, column: "Name", message: "must not contain a NUL character" },
      { row: 7, column: "In scope", message: "must be yes or no" },
    ]);
  });

  it("blames the column of the field a schema error names, preferring the fields of a nested object's columns", () => {
    const columns = assetColumns(DEFAULT_VALUATION_SCALE);
    expect(columnOf(["valuation", "integrity"], columns)).toBe("Integrity");
    expect(columnOf(["valuationOverride"], columns)).toBe("Confidentiality override");
    expect(columnOf(["overrideReason"], columns)).toBe("Override reason");
    expect(columnOf([], columns)).toBeNull();
  });

  it("nests field values as the input schemas take them, and formats them back by column", () => {
    const values = { name: "Laptop", "valuation.confidentiality": 3, "valuation.integrity": null, "valuationOverride.availability": 2 };
    expect(toInput(values)).toEqual({ name: "Laptop", valuation: { confidentiality: 3 }, valuationOverride: { availability: 2 } });
    const columns = assetColumns(DEFAULT_VALUATION_SCALE);
    const row = formatRow(values, columns);
    expect(row[columns.findIndex((c) => c.header === "Confidentiality")]).toBe("3");
    expect(row[columns.findIndex((c) => c.header === "Availability override")]).toBe("2");
    expect(row[columns.findIndex((c) => c.header === "Integrity")]).toBe("");
  });
});
