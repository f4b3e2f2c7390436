import { describe, expect, it } from "vitest";
import { matchRows, referenceResolver, referenceText } from "./matching.js";

const existing = [
  { id: "1", externalRef: "A-1", name: "Laptop" },
  { id: "2", externalRef: null, name: "Phone" },
  { id: "3", externalRef: null, name: "Printer" },
  { id: "4", externalRef: null, name: "Printer" },
];

describe("matching rows to records", () => {
  it("matches by external reference, else by name among records without one, else adds", () => {
    expect(
      matchRows(
        [
          { row: 2, externalRef: "A-1", name: "Renamed laptop" },
          { row: 3, externalRef: null, name: "Phone" },
          { row: 4, externalRef: "B-9", name: "Scanner" },
          { row: 5, externalRef: null, name: "Laptop" },
        ],
        existing,
        "asset",
      ),
    ).toEqual([{ kind: "existing", id: "1" }, { kind: "existing", id: "2" }, { kind: "new" }, { kind: "new" }]);
  });

  it("lets a file give a record without a reference its first one", () => {
    expect(matchRows([{ row: 2, externalRef: "P-1", name: "Phone" }], existing, "asset")).toEqual([{ kind: "existing", id: "2" }]);
  });

  it("refuses two rows about one record, and a name several records without a reference share", () => {
    expect(
      matchRows(
        [
          { row: 2, externalRef: "A-1", name: "x" },
          { row: 3, externalRef: "A-1", name: "y" },
          { row: 4, externalRef: null, name: "New" },
          { row: 5, externalRef: null, name: "New" },
          { row: 6, externalRef: null, name: "Printer" },
          { row: 7, externalRef: "P-2", name: "Phone" },
          { row: 8, externalRef: null, name: "Phone" },
        ],
        existing,
        "asset",
      ),
    ).toEqual([
      { kind: "existing", id: "1" },
      { kind: "problem", field: "externalRef", message: "row 2 has the same external reference" },
      { kind: "new" },
      {
        kind: "problem",
        field: "name",
        message: "row 4 has the same name and neither has an external reference; give each one to tell them apart",
      },
      {
        kind: "problem",
        field: "name",
        message: "2 assets without an external reference have this name; give them external references first",
      },
      { kind: "existing", id: "2" },
      { kind: "problem", field: "name", message: "row 7 is about the same asset" },
    ]);
  });
});

describe("references in cells", () => {
  const resolve = referenceResolver(existing, "scope element");

  it("finds a record by its external reference first, then by its name", () => {
    expect(resolve("A-1")).toEqual({ ok: true, id: "1" });
    expect(resolve("Phone")).toEqual({ ok: true, id: "2" });
    expect(referenceResolver([...existing, { id: "5", externalRef: "Phone", name: "Other" }], "x")("Phone")).toEqual({ ok: true, id: "5" });
  });

  it("says when a reference names nothing or several records", () => {
    expect(resolve("Nothing")).toEqual({ ok: false, message: 'no scope element has the external reference or name "Nothing"' });
    expect(resolve("Printer")).toEqual({
      ok: false,
      message: '2 scope elements are named "Printer"; refer to one by its external reference',
    });
  });

  it("writes a record by its external reference, or its name when it has none", () => {
    expect(existing.map(referenceText)).toEqual(["A-1", "Phone", "Printer", "Printer"]);
  });
});
