import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildChecklist } from "./checklist.js";
import { type CoverageAudit, type CoverageTarget, clauseCovers, coverageMatrix, cycleEnd } from "./coverage.js";

const targets: CoverageTarget[] = [
  { kind: "clause", id: "6.1.2", ref: "6.1.2", title: "Risk assessment" },
  { kind: "clause", id: "9.2.2", ref: "9.2.2", title: "Audit programme" },
  { kind: "control", id: "A.5.15", ref: "A.5.15", title: "Access control", highRisk: true },
  { kind: "control", id: "A.8.13", ref: "A.8.13", title: "Backup", earlierFindings: 2 },
];
const audit = (id: string, start: string, clauses: string[], controls: string[]): CoverageAudit => ({
  id,
  ref: id,
  title: id,
  start,
  status: "planned",
  clauses,
  controls,
});

describe("audit programme coverage", () => {
  it("a clause heading covers the requirements under it, not its neighbours", () => {
    expect(clauseCovers("6", "6.1.2")).toBe(true);
    expect(clauseCovers("6.1", "6.1.2")).toBe(true);
    expect(clauseCovers("6.1.2", "6.1.2")).toBe(true);
    expect(clauseCovers("6.1", "6.10")).toBe(false);
    expect(clauseCovers("1", "10.2")).toBe(false);
  });

  it("shows what no audit of the cycle covers and ignores audits outside it", () => {
    const { rows, summary } = coverageMatrix(
      targets,
      [audit("IA-1", "2026-03-01", ["6"], ["A.5.15"]), audit("IA-2", "2030-01-01", ["9"], ["A.8.13"])],
      "2026-01-01",
      cycleEnd("2026-01-01", 3),
    );
    expect(rows.filter((r) => !r.planned).map((r) => r.ref)).toEqual(["9.2.2", "A.8.13"]);
    expect(summary).toEqual({ clauses: { total: 2, planned: 1 }, controls: { total: 2, planned: 1 } });
    expect(rows.find((r) => r.ref === "A.5.15")?.priority).toBe("high");
    expect(rows.find((r) => r.ref === "A.8.13")?.reasons).toEqual(["2 earlier finding(s)"]);
    expect(rows.find((r) => r.ref === "9.2.2")?.priority).toBe("normal");
  });

  it("a cycle of n years ends the day before the same date n years on", () => {
    expect(cycleEnd("2026-01-01", 3)).toBe("2028-12-31");
    expect(cycleEnd("2024-02-29", 1)).toBe("2025-02-28");
  });

  it("an audit covering everything leaves nothing unplanned (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[4-9](\.[1-9]){0,2}$/), { maxLength: 20 }), (ids) => {
        const t = ids.map((id): CoverageTarget => ({ kind: "clause", id, ref: id, title: id }));
        const all = audit("A", "2026-06-01", ["4", "5", "6", "7", "8", "9"], []);
        expect(coverageMatrix(t, [all], "2026-01-01", "2028-12-31").rows.every((r) => r.planned)).toBe(true);
        expect(coverageMatrix(t, [], "2026-01-01", "2028-12-31").rows.some((r) => r.planned)).toBe(false);
      }),
    );
  });

  it("builds a checklist with stable line ids from the scope", () => {
    const lines = buildChecklist({
      clauses: [{ id: "9.2.2", title: "Audit programme" }],
      controls: [
        {
          id: "A.5.15",
          ref: "A.5.15",
          title: "Access control",
          implementation: "implemented",
          owner: "IT",
          evidence: "IAM review 2026-Q1",
          documents: [{ id: "d1", identifier: "POL-2", title: "Access control policy" }],
        },
        { id: "A.8.13", ref: "A.8.13", title: "Backup", implementation: "not_started", owner: null, evidence: null, documents: [] },
      ],
      areas: [{ id: "e1", kind: "site", name: "Head office", owner: "Facilities" }],
    });
    expect(lines.map((l) => l.id)).toEqual(["clause:9.2.2", "control:A.5.15", "control:A.8.13", "area:e1"]);
    expect(lines[1]).toMatchObject({ implementation: "implemented", evidence: "IAM review 2026-Q1", documents: [{ identifier: "POL-2" }] });
    expect(lines[2]?.prompt).toContain("not started");
  });
});
