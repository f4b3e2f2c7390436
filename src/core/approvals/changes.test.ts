import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Change, describeChange, describeRecord, snapshotChanges } from "./changes.js";

describe("snapshot changes", () => {
  it("names the record and the field, matching list items by id", () => {
    const before = {
      businessCase: { benefits: "Tenders", timeline: "12 months" },
      costs: [
        { id: "c1", title: "Consultant fees", amount: 18, currency: "EUR" },
        { id: "c2", title: "Training", amount: 900, currency: "EUR" },
      ],
      milestones: [
        { id: "a", title: "Kick-off" },
        { id: "b", title: "Audit" },
      ],
    };
    const after = {
      businessCase: { benefits: "Tenders and trust", timeline: "12 months" },
      costs: [
        { id: "c1", title: "Consultant fees", amount: 18000, currency: "EUR" },
        { id: "c2", title: "Training", amount: 900, currency: "EUR" },
      ],
      milestones: [{ id: "b", title: "Audit" }],
    };
    const changes = snapshotChanges(before, after);
    expect(changes).toEqual([
      {
        path: "businessCase.benefits",
        record: null,
        field: "businessCase.benefits",
        before: "Tenders",
        after: "Tenders and trust",
        kind: "changed",
      },
      {
        path: "costs[c1].amount",
        record: { list: "costs", id: "c1", ref: null, title: "Consultant fees" },
        field: "amount",
        before: 18,
        after: 18000,
        kind: "changed",
      },
      {
        path: "milestones[a]",
        record: { list: "milestones", id: "a", ref: null, title: "Kick-off" },
        field: "",
        before: { title: "Kick-off" },
        after: null,
        kind: "removed",
      },
    ]);
    expect(changes.map(describeChange)).toEqual([
      "businessCase.benefits Tenders → Tenders and trust",
      "cost line 'Consultant fees': amount 18 → 18000",
      "milestone 'Kick-off' removed",
    ]);
  });

  it("diffs a record's nested fields rather than showing a hash, and names a risk by reference and title", () => {
    const risk = { id: "r3", ref: "R-0003", title: "Ransomware on file server", residual: { likelihood: 2, impact: 4, level: 2 } };
    const changes = snapshotChanges({ risks: [risk] }, { risks: [{ ...risk, residual: { likelihood: 1, impact: 4, level: 1 } }] });
    expect(changes.map((c) => [describeRecord(c.record!), c.field, c.before, c.after])).toEqual([
      ["risk R-0003 Ransomware on file server", "residual.level", 2, 1],
      ["risk R-0003 Ransomware on file server", "residual.likelihood", 2, 1],
    ]);
  });

  it("compares a list whose stored items carry no ids as a whole, with a note saying so", () => {
    const old = {
      risks: [
        { ref: "R-0001", risk: "aaaa" },
        { ref: "R-0002", risk: "bbbb" },
      ],
    };
    const now = { risks: [{ id: "r2", ref: "R-0002", title: "Phishing" }] };
    expect(snapshotChanges(old, now)).toEqual([
      {
        path: "risks",
        record: null,
        field: "risks",
        before: ["R-0001", "R-0002"],
        after: ["R-0002"],
        kind: "changed",
        note: expect.stringMatching(/no ids/),
      },
    ]);
  });

  it("reports a list of plain values, such as control ids, as one field of its record", () => {
    expect(snapshotChanges({ controlIds: ["a", "b"] }, { controlIds: ["a", "b", "c"] })).toEqual([
      { path: "controlIds", record: null, field: "controlIds", before: ["a", "b"], after: ["a", "b", "c"], kind: "changed" },
    ]);
  });

  it("finds no change between a snapshot and itself, whatever its shape", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(snapshotChanges(value, structuredClone(value))).toEqual([]);
      }),
    );
  });

  it("finds a change whenever a field's value differs", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), fc.string({ minLength: 1 }), fc.string(), (obj, key, value) => {
        fc.pre(obj[key] !== value);
        expect(snapshotChanges(obj, { ...obj, [key]: value }).length).toBeGreaterThan(0);
      }),
    );
  });
});

// --- the property: one record changed, exactly that record named ------------------------------

type Rec = { id: string; ref: string; title: string; amount: number; nested: { level: number; note: string | null } };

const recordArb = (id: string): fc.Arbitrary<Rec> =>
  fc.record({
    id: fc.constant(id),
    ref: fc.string({ maxLength: 6 }),
    title: fc.string({ maxLength: 10 }),
    amount: fc.integer({ min: -5, max: 5 }),
    nested: fc.record({ level: fc.integer({ min: 0, max: 3 }), note: fc.option(fc.string({ maxLength: 4 })) }),
  });

const listArb = (prefix: string) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }).chain((ns) => fc.tuple(...ns.map((n) => recordArb(`${prefix}${n}`))));

const snapshotArb = fc.record({ heading: fc.string({ maxLength: 5 }), costs: listArb("c"), risks: listArb("r") });

type Snapshot = { heading: string; costs: Rec[]; risks: Rec[] };
type Edit = { kind: "edit" | "insert" | "delete" | "reorder"; list: "costs" | "risks"; id: string | null; after: Snapshot };

const FIELDS = ["ref", "title", "amount", "nested.level", "nested.note"] as const;

const editArb = (s: Snapshot): fc.Arbitrary<Edit> =>
  fc.constantFrom("costs" as const, "risks" as const).chain((list) => {
    const items = s[list];
    const replace = (next: Rec[]): Snapshot => ({ ...s, [list]: next });
    const options: fc.Arbitrary<Edit>[] = [
      fc.tuple(recordArb(`${list}-new`), fc.nat(items.length)).map(([item, at]) => ({
        kind: "insert" as const,
        list,
        id: item.id,
        after: replace([...items.slice(0, at), item, ...items.slice(at)]),
      })),
    ];
    if (items.length > 0) {
      options.push(
        fc
          .nat(items.length - 1)
          .map((i) => ({ kind: "delete" as const, list, id: items[i]!.id, after: replace(items.filter((_, j) => j !== i)) })),
        fc
          .tuple(fc.nat(items.length - 1), fc.constantFrom(...FIELDS), recordArb("x"))
          .filter(([i, field, other]) => {
            const item = items[i]!;
            return field.startsWith("nested.")
              ? item.nested[field.slice(7) as "level" | "note"] !== other.nested[field.slice(7) as "level" | "note"]
              : item[field as "ref"] !== other[field as "ref"];
          })
          .map(([i, field, other]) => {
            const item = structuredClone(items[i]!);
            if (field.startsWith("nested."))
              (item.nested as Record<string, unknown>)[field.slice(7)] = other.nested[field.slice(7) as "level"];
            else (item as Record<string, unknown>)[field] = other[field as "ref"];
            return { kind: "edit" as const, list, id: item.id, after: replace(items.map((x, j) => (j === i ? item : x))) };
          }),
        fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }).map((shuffled) => ({
          kind: "reorder" as const,
          list,
          id: null,
          after: replace(shuffled),
        })),
      );
    }
    return fc.oneof(...options);
  });

describe("snapshot changes: property", () => {
  it("for any single-record change (edit, insert, delete, reorder), the change list names exactly that record", () => {
    fc.assert(
      fc.property(
        snapshotArb.chain((before) => fc.tuple(fc.constant(before as Snapshot), editArb(before as Snapshot))),
        ([before, edit]) => {
          const changes: Change[] = snapshotChanges(before, edit.after);
          if (edit.kind === "reorder") {
            // No field changes at all: at most one entry saying the order moved.
            expect(changes.length).toBeLessThanOrEqual(1);
            for (const c of changes) expect(c).toMatchObject({ kind: "reordered", record: null, field: edit.list });
            return;
          }
          expect(changes.length).toBeGreaterThan(0);
          for (const c of changes) {
            expect(c.record).toMatchObject({ list: edit.list, id: edit.id });
            expect(c.path.startsWith(`${edit.list}[${edit.id}]`)).toBe(true);
          }
          if (edit.kind === "edit") for (const c of changes) expect(c.kind).toBe("changed");
          else expect(changes).toEqual([expect.objectContaining({ kind: edit.kind === "insert" ? "added" : "removed", field: "" })]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
