import { describe, expect, it } from "vitest";
import { findString, jsonNestingExceeds, yamlNestingExceeds } from "./nesting.js";

describe("nesting", () => {
  it("measures JSON nesting from the text, brackets inside strings not counted", () => {
    expect(jsonNestingExceeds("[[1]]", 2)).toBe(false);
    expect(jsonNestingExceeds("[[[1]]]", 2)).toBe(true);
    expect(jsonNestingExceeds('{"a":{"b":1},"c":[2]}', 2)).toBe(false);
    expect(jsonNestingExceeds('{"a":"[[[[{{{{","b":"\\"[[[["}', 1)).toBe(false);
    expect(jsonNestingExceeds(`${"[".repeat(1_000_000)}`, 64)).toBe(true);
    // Siblings do not add up.
    expect(jsonNestingExceeds(`[${"[1],".repeat(1000)}[1]]`, 2)).toBe(false);
  });

  it("measures YAML nesting of every form without composing the document", () => {
    // Six collections, one in another: maps a, b and d, a list, and a flow list and map.
    expect(yamlNestingExceeds("a:\n  b:\n    - c\n    - d: [1, {e: 2}]\n", 6)).toBe(false);
    expect(yamlNestingExceeds("a:\n  b:\n    - c\n    - d: [1, {e: 2}]\n", 5)).toBe(true);
    expect(yamlNestingExceeds("{a: {b: {c: 1}}}", 3)).toBe(false);
    expect(yamlNestingExceeds("{a: {b: {c: 1}}}", 2)).toBe(true);
    for (const deep of [`${"[".repeat(100_000)}`, `${"- ".repeat(100_000)}a`, `${"{a: ".repeat(100_000)}1`]) {
      const started = performance.now();
      expect(yamlNestingExceeds(deep, 64)).toBe(true);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it("finds a string anywhere in a value nested far deeper than the call stack would allow", () => {
    let deep: unknown = "needle";
    for (let i = 0; i < 200_000; i++) deep = i % 2 ? [deep] : { k: deep };
    expect(findString(deep, (s) => s === "needle")).toMatch(/^\[0\]\.k\[0\]\.k/);
    expect(findString({ a: ["x", { "b\u0000": 1 }] }, (s) => s.includes("\u0000"))).toBe("a[1]");
    expect(findString({ a: ["x", "y\u0000"] }, (s) => s.includes("\u0000"))).toBe("a[1]");
    expect(findString({ a: 1 }, () => false)).toBeNull();
  });
});
