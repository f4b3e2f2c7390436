import { describe, expect, it } from "vitest";
import { emptyProcessData, isBlank, lookup } from "./data.js";

describe("process data helpers", () => {
  it("treats null, empty and whitespace-only text as blank", () => {
    for (const text of [null, undefined, "", " ", "\t\n", "\u00a0\u2003"]) expect(isBlank(text)).toBe(true);
    for (const text of ["x", "  a  ", "0"]) expect(isBlank(text)).toBe(false);
  });

  it("looks up own keys only", () => {
    const record: Record<string, number> = { a: 1 };
    expect(lookup(record, "a")).toBe(1);
    expect(lookup(record, "constructor")).toBeUndefined();
    expect(lookup(record, "__proto__")).toBeUndefined();
  });

  it("gives a fresh empty data set each time", () => {
    const a = emptyProcessData();
    a.phase1.objectives.push({ id: "o", title: "t" });
    expect(emptyProcessData().phase1.objectives).toEqual([]);
  });
});
