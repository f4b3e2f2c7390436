import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inputFromRecord, mergePatch } from "./update-routes.js";

describe("mergePatch", () => {
  // RFC 7396, appendix A, applied below the top level (where null removes a member).
  const examples: [unknown, unknown, unknown][] = [
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [
      ["a", "b"],
      ["c", "d"],
      ["c", "d"],
    ],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it("follows the RFC's examples inside the record", () => {
    for (const [target, patch, result] of examples) expect(mergePatch(target, patch, false)).toEqual(result);
  });

  it("keeps null at the top level, to clear the field", () => {
    expect(mergePatch({ owner: "Ann", title: "T" }, { owner: null })).toEqual({ owner: null, title: "T" });
  });

  it("keeps every field the patch does not name, and leaves the record it was given unchanged", () => {
    const json = fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });
    fc.assert(
      fc.property(json, json, (record, patch) => {
        const copy = structuredClone(record);
        const merged = mergePatch(record, patch) as Record<string, unknown>;
        expect(record).toEqual(copy);
        for (const key of Object.keys(record)) if (!(key in patch)) expect(merged[key]).toEqual(record[key]);
        for (const [key, value] of Object.entries(patch))
          if (value === null || typeof value !== "object") expect(merged[key]).toEqual(value);
      }),
    );
  });
});

describe("inputFromRecord", () => {
  const input = z.strictObject({
    title: z.string(),
    ownerUserId: z.string().nullable().default(null),
    score: z.strictObject({ likelihood: z.number(), impact: z.number() }).nullable().default(null),
  });
  const output = z.object({
    id: z.string(),
    title: z.string(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    score: z.object({ likelihood: z.number(), impact: z.number(), level: z.number() }).nullable(),
  });

  it("drops what the record shows but the input does not take, reads references as ids, keeps unknown fields for validation", () => {
    const record = { id: "r1", title: "T", owner: { id: "u1", name: "Ann" }, score: { likelihood: 2, impact: 3, level: 1 }, typo: 1 };
    expect(inputFromRecord(record, input, output, { owner: "ownerUserId" })).toEqual({
      title: "T",
      ownerUserId: "u1",
      score: { likelihood: 2, impact: 3 },
      typo: 1,
    });
    expect(inputFromRecord({ owner: null }, input, output, { owner: "ownerUserId" })).toEqual({ ownerUserId: null });
    // An id sent beside the object wins.
    expect(inputFromRecord({ owner: { id: "u1" }, ownerUserId: "u2" }, input, output, { owner: "ownerUserId" })).toEqual({
      ownerUserId: "u2",
    });
  });
});
