import { describe, expect, it } from "vitest";
import { addDays } from "./dates.js";

describe("addDays", () => {
  it("crosses month and year ends and leap days", () => {
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-05-10", 0)).toBe("2026-05-10");
  });
});
