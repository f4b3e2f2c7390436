import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("cursor", () => {
  it("round-trips any position", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), fc.string(), (value, id) => {
        expect(decodeCursor(encodeCursor({ value, id }))).toEqual({ value, id });
      }),
    );
  });

  it("rejects anything it did not issue", () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const decoded = decodeCursor(junk);
        expect(decoded === null || typeof decoded.id === "string").toBe(true);
      }),
    );
    expect(decodeCursor("not base64!")).toBeNull();
    expect(decodeCursor(encodeCursor({ value: 1, id: "x" }).slice(0, -3))).toBeNull();
  });

  it("rejects a cursor holding a NUL character, which no list issues", () => {
    expect(decodeCursor(encodeCursor({ value: "a\u0000", id: "x" }))).toBeNull();
    expect(decodeCursor(encodeCursor({ value: 1, id: "\u0000" }))).toBeNull();
    expect(decodeCursor(encodeCursor({ value: "a", id: "x" }))).toEqual({ value: "a", id: "x" });
  });
});
