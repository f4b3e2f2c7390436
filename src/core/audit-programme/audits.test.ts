import { describe, expect, it } from "vitest";
import { auditLacks, documentsAddressing, numberedRef, reportContent } from "./audits.js";

const planned = {
  clauses: ["9.2"],
  controls: [],
  areas: [],
  leadAuditorId: "u1",
  criteria: "ISO/IEC 27001:2022",
  startDate: "2026-03-01",
  endDate: "2026-03-02",
  plan: "Interviews",
};

describe("audits", () => {
  it("numbers references with three digits", () => {
    expect(numberedRef("IA", 7)).toBe("IA-007");
    expect(numberedRef("F", 1234)).toBe("F-1234");
  });

  it("names what an audit lacks before it can run", () => {
    expect(auditLacks(planned)).toEqual([]);
    expect(auditLacks({ ...planned, clauses: [], leadAuditorId: null, criteria: "  ", endDate: null, plan: null })).toEqual([
      "a scope",
      "a lead auditor",
      "criteria",
      "dates",
      "an audit plan",
    ]);
  });

  it("finds the documents whose title names a control's reference or title, whatever the case", () => {
    const documents = [
      { id: "d1", identifier: "POL-1", title: "Backup procedure (a.8.13)" },
      { id: "d2", identifier: "POL-2", title: "Access control policy" },
      { id: "d3", identifier: "POL-3", title: "Travel" },
    ];
    expect(documentsAddressing(documents, "A.8.13", "Information backup").map((d) => d.id)).toEqual(["d1"]);
    expect(documentsAddressing(documents, "A.5.15", "Access control").map((d) => d.id)).toEqual(["d2"]);
  });

  it("freezes only what the audit found, not versions or timestamps", () => {
    const audit = {
      id: "a",
      ref: "IA-001",
      title: "Audit",
      scope: { clauses: ["9.2"], controls: [], areas: [] },
      criteria: null,
      leadAuditor: null,
      team: [],
      startDate: null,
      endDate: null,
      conclusion: null,
      version: 3,
      updatedAt: "2026-01-01",
    };
    const finding = { id: "f", ref: "F-001", kind: "minor_nc", target: "9.2", title: "T", description: null, evidence: null, version: 2 };
    const content = reportContent(audit, [], [finding]);
    expect(content.audit).not.toHaveProperty("version");
    expect(content.audit).not.toHaveProperty("updatedAt");
    expect(content.findings[0]).not.toHaveProperty("version");
    expect(content.findings[0]).toEqual({
      id: "f",
      ref: "F-001",
      kind: "minor_nc",
      target: "9.2",
      title: "T",
      description: null,
      evidence: null,
    });
  });
});
