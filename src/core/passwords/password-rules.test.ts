import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PASSWORD_RULES, passwordProblem } from "./password-rules.js";

const owner = { email: "jane.doe@example.com", displayName: "Jane Doe" };

describe("password rules", () => {
  it("accepts long passphrases and random strings", () => {
    for (const good of ["correct horse battery staple", "benchmark password 1", "kX9#mQ2$vL7p", "a fresh and long passphrase"])
      expect(passwordProblem(good, owner), good).toBeNull();
  });

  it("refuses short, common, breached and patterned passwords, saying why", () => {
    expect(passwordProblem("short", owner)).toBe("must be at least 12 characters");
    expect(passwordProblem("x".repeat(257), owner)).toBe("must be at most 256 characters");
    expect(passwordProblem("aaaaaaaaaaaa", owner)).toBe("is too easy to guess: it repeats characters");
    expect(passwordProblem("123456789012", owner)).toMatch(/common or breached|sequence/);
    expect(passwordProblem("password1234", owner)).toMatch(/common or breached password/);
    expect(passwordProblem("iloveyou12345", owner)).toMatch(/common or breached password/);
    expect(passwordProblem("qwertyuiop123", owner)).toMatch(/common or breached|keys|keyboard/);
  });

  it("refuses the email, its part before the @, and the display name", () => {
    expect(passwordProblem("jane.doe@example.com", owner)).toBe("must not contain your email address");
    expect(passwordProblem("JANE.DOE@EXAMPLE.COM!", owner)).toBe("must not contain your email address");
    expect(passwordProblem("my Jane.Doe password", owner)).toBe("must not contain your email address or the part before the @");
    expect(passwordProblem("janedoejanedoe", owner)).not.toBeNull();
  });

  it("refuses every password that contains the email, whatever surrounds it", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
        expect(passwordProblem(`${before}${owner.email}${after}`, owner)).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("never accepts a password shorter than the minimum", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: PASSWORD_RULES.minLength - 1 }), (password) => {
        expect(passwordProblem(password, owner)).toBe(`must be at least ${PASSWORD_RULES.minLength} characters`);
      }),
    );
  });
});
