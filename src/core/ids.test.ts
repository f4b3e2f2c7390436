import { describe, expect, it } from "vitest";
import { UUID_PATTERN, uuidv7 } from "./ids.js";

describe("uuidv7", () => {
  it("is a version 7 RFC 9562 UUID that sorts by creation time", () => {
    const a = uuidv7(1_000);
    const b = uuidv7(2_000);
    expect(a).toMatch(UUID_PATTERN);
    expect(a[14]).toBe("7");
    expect(["8", "9", "a", "b"]).toContain(a[19]);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7())).size).toBe(1000);
  });
});
