import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conflictsOf, describeConflict, independenceConflicts, isOwner, type OwnedItem, type Person } from "./independence.js";

const ann: Person = { id: "u-ann", aliases: ["Ann Auditor", "ann@example.com"] };
const bob: Person = { id: "u-bob", aliases: ["Bob Owner"] };
const items: OwnedItem[] = [
  { kind: "control", ref: "A.5.15", title: "Access control", owners: ["bob owner"] },
  { kind: "control", ref: "A.8.13", title: "Information backup", owners: ["u-ann"] },
  { kind: "clause", ref: "9.2", title: "Internal audit", owners: [] },
];

describe("auditor independence", () => {
  it("matches an owner by id or alias, ignoring case and spaces", () => {
    expect(isOwner(ann, " ANN@example.com ")).toBe(true);
    expect(isOwner(ann, "u-ann")).toBe(true);
    expect(isOwner(ann, "Bob Owner")).toBe(false);
    expect(isOwner({ id: "x", aliases: [""] }, "")).toBe(false);
  });

  it("names each item an auditor owns", () => {
    expect(conflictsOf(ann, items)).toEqual([{ personId: "u-ann", kind: "control", ref: "A.8.13", title: "Information backup" }]);
    expect(independenceConflicts([ann, bob, ann], items).map((c) => `${c.personId} ${c.ref}`)).toEqual(["u-ann A.8.13", "u-bob A.5.15"]);
    expect(describeConflict(conflictsOf(bob, items)[0]!, "Bob")).toBe("Bob owns control A.5.15 (Access control) and cannot audit it");
  });

  it("finds no conflict for items without owners, and a conflict whenever the auditor is named as owner", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
        fc.array(fc.string()),
        (name, others) => {
          const person: Person = { id: "p", aliases: [name] };
          const free: OwnedItem = { kind: "control", ref: "C", title: "t", owners: [] };
          const owned: OwnedItem = { kind: "control", ref: "D", title: "t", owners: [...others, name.toUpperCase()] };
          expect(conflictsOf(person, [free])).toEqual([]);
          expect(conflictsOf(person, [owned]).length).toBe(isOwner(person, name.toUpperCase()) ? 1 : 0);
          expect(isOwner(person, name)).toBe(true);
        },
      ),
    );
  });
});
