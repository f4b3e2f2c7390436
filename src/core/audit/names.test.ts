import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionLabel, entityTypeLabel, nameLabel, recordName } from "./names.js";

describe("audit names", () => {
  it("names a record by its reference and title as its events left them, a deletion keeping the last known", () => {
    const created = {
      ref: { before: null, after: "R-0003" },
      title: { before: null, after: "Payroll leaked" },
      id: { before: null, after: "0190" },
    };
    const renamed = { title: { before: "Payroll leaked", after: "Payroll data leaked" } };
    const deleted = { ref: { before: "R-0003", after: null }, title: { before: "Payroll data leaked", after: null } };
    expect(recordName([created, renamed, deleted])).toEqual({ reference: "R-0003", title: "Payroll data leaked" });
    expect(nameLabel(recordName([created, renamed]))).toBe("R-0003 Payroll data leaked");
    expect(nameLabel(recordName([{ name: { before: null, after: "Laptop" } }]))).toBe("Laptop");
    expect(nameLabel(recordName([{ control_id: { before: null, after: "A.5.1" } }]))).toBe("A.5.1");
    expect(nameLabel(recordName([{ version: { before: 1, after: 2 } }]))).toBeNull();
  });

  it("spells action codes and entity types out", () => {
    expect(actionLabel("member.role_changed")).toBe("Member role changed");
    expect(actionLabel("soa_entry.updated")).toBe("SoA entry updated");
    expect(entityTypeLabel("api_token")).toBe("API token");
    expect(entityTypeLabel("gap assessment")).toBe("Gap assessment");
  });

  it("never returns an empty label for a code with letters", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z_.]{0,30}$/), (code) => {
        expect(actionLabel(code).trim().length).toBeGreaterThan(0);
        expect(actionLabel(code)).not.toMatch(/[_.]/);
      }),
    );
  });
});
