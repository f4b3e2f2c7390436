import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PASSWORD_RULES, passwordProblem } from "./password-rules.js";

const owner = { email: "jane.doe@example.com", displayName: "Jane Doe" };

describe("password rules", () => {
  it("accepts long passphrases and random strings", async () => {
    for (const good of ["correct horse battery staple", "benchmark password 1", "kX9#mQ2$vL7p", "a fresh and long passphrase"])
      expect(await passwordProblem(good, owner), good).toBeNull();
  });

  it("refuses short, common, breached and patterned passwords, saying why", async () => {
    expect(await passwordProblem("short", owner)).toBe("must be at least 12 characters");
    expect(await passwordProblem("x".repeat(257), owner)).toBe("must be at most 256 characters");
    expect(await passwordProblem("aaaaaaaaaaaa", owner)).toBe("is too easy to guess: it repeats characters");
    expect(await passwordProblem("123456789012", owner)).toMatch(/common or breached|sequence/);
    expect(await passwordProblem("password1234", owner)).toMatch(/common or breached password/);
    expect(await passwordProblem("iloveyou12345", owner)).toMatch(/common or breached password/);
    expect(await passwordProblem("qwertyuiop123", owner)).toMatch(/common or breached|keys|keyboard/);
  });

  it("refuses the email, its part before the @, and the display name", async () => {
    expect(await passwordProblem("jane.doe@example.com", owner)).toBe("must not contain your email address");
    expect(await passwordProblem("JANE.DOE@EXAMPLE.COM!", owner)).toBe("must not contain your email address");
    expect(await passwordProblem("my Jane.Doe password", owner)).toBe("must not contain your email address or the part before the @");
    expect(await passwordProblem("janedoejanedoe", owner)).not.toBeNull();
  });

  it("refuses every password that contains the email, whatever surrounds it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), async (before, after) => {
        expect(await passwordProblem(`${before}${owner.email}${after}`, owner)).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("never accepts a password shorter than the minimum", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: PASSWORD_RULES.minLength - 1 }), async (password) => {
        expect(await passwordProblem(password, owner)).toBe(`must be at least ${PASSWORD_RULES.minLength} characters`);
      }),
    );
  });
});
