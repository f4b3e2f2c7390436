import { describe, expect, it } from "vitest";
import { emptyProcessData } from "../process/data.js";
import { AUDIT_PROGRAMME_RULES, type AuditProgrammeFacts } from "./rules.js";

const rule = AUDIT_PROGRAMME_RULES["audit-programme-designed"]!;
const run = (auditProgramme?: AuditProgrammeFacts) => rule({ ...emptyProcessData(), ...(auditProgramme ? { auditProgramme } : {}) });
const failing = (r: ReturnType<typeof run>) => r.checks.filter((c) => !c.ok).flatMap((c) => c.missing.map((m) => m.message));

describe("9.4b audit-programme-designed", () => {
  it("asks for a programme when there is none", () => {
    expect(failing(run())).toEqual(["Create the internal audit programme with its cycle (three years by default)."]);
  });

  it("names unplanned clauses and controls, incomplete audits and conflicts", () => {
    const result = run({
      programme: { id: "p", title: "Programme", cycleStart: "2026-01-01", cycleEnd: "2028-12-31" },
      unplanned: [
        { kind: "clause", ref: "9.2.2", title: "Audit programme" },
        { kind: "control", ref: "A.8.13", title: "Backup" },
      ],
      audits: [
        {
          id: "a",
          ref: "IA-001",
          title: "Access",
          lacks: ["a lead auditor"],
          conflicts: ["Bob owns control A.5.15 (Access control) and cannot audit it"],
        },
      ],
    });
    expect(failing(result)).toEqual([
      "No audit of the cycle (2026-01-01 to 2028-12-31) covers clause 9.2.2.",
      "No audit of the cycle covers control A.8.13.",
      'Audit IA-001 "Access" lacks a lead auditor.',
      "Audit IA-001: Bob owns control A.5.15 (Access control) and cannot audit it.",
    ]);
  });

  it("passes when everything is planned by complete, independent audits", () => {
    const result = run({
      programme: { id: "p", title: "P", cycleStart: "2026-01-01", cycleEnd: "2028-12-31" },
      unplanned: [],
      audits: [{ id: "a", ref: "IA-001", title: "All", lacks: [], conflicts: [] }],
    });
    expect(result.checks.every((c) => c.ok)).toBe(true);
  });
});
