import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blankSections,
  DOCUMENT_TYPES,
  documentStatus,
  missingSections,
  openVersion,
  POLICY_TEMPLATE,
  PROCEDURE_TEMPLATE,
  type Section,
  sectionTemplate,
  type VersionState,
  versionForApproval,
  versionInForce,
  versionStatus,
} from "./documents.js";

const written = (keys: readonly string[], text = "Written."): Section[] => keys.map((key) => ({ key, title: key, markdown: text }));

describe("the policy template", () => {
  it("has the ten sections of the policy structure, each once, and leaves only related documents and definitions optional", () => {
    expect(POLICY_TEMPLATE.map((s) => s.key)).toEqual([
      "summary",
      "introduction",
      "scope",
      "objectives",
      "principles",
      "roles_responsibilities",
      "policy_statements",
      "compliance_measurement",
      "related_documents",
      "definitions",
    ]);
    expect(POLICY_TEMPLATE.filter((s) => !s.required).map((s) => s.key)).toEqual(["related_documents", "definitions"]);
    for (const s of POLICY_TEMPLATE) expect(s.title.length * s.guidance.length, s.key).toBeGreaterThan(0);
  });

  it("structures both kinds of policy and procedures; other documents start without sections", () => {
    expect(sectionTemplate("isms_policy")).toBe(POLICY_TEMPLATE);
    expect(sectionTemplate("topic_policy")).toBe(POLICY_TEMPLATE);
    expect(sectionTemplate("procedure")).toBe(PROCEDURE_TEMPLATE);
    expect(PROCEDURE_TEMPLATE.map((s) => s.key)).toEqual(["purpose", "steps", "records"]);
    for (const type of DOCUMENT_TYPES.filter((t) => !t.endsWith("_policy") && t !== "procedure")) expect(sectionTemplate(type)).toEqual([]);
    expect(blankSections("isms_policy")).toEqual(POLICY_TEMPLATE.map(({ key, title }) => ({ key, title, markdown: "" })));
  });
});

describe("missing sections", () => {
  it("names every required section of a new policy, in template order", () => {
    expect(missingSections("isms_policy", blankSections("isms_policy")).map((s) => s.key)).toEqual(
      POLICY_TEMPLATE.filter((s) => s.required).map((s) => s.key),
    );
  });

  it("counts whitespace as blank, a left-out section as missing, and ignores sections of the author's own", () => {
    const sections = [...written(["summary", "introduction", "objectives", "principles"]), ...written(["appendix"])];
    sections.push({ key: "roles_responsibilities", title: "Roles", markdown: " \n\t " });
    expect(missingSections("isms_policy", sections).map((s) => s.key)).toEqual([
      "scope",
      "roles_responsibilities",
      "policy_statements",
      "compliance_measurement",
    ]);
    expect(missingSections("procedure", [])).toEqual([]);
  });

  it("is exactly the required keys that are not written, whatever is written", () => {
    const keys = POLICY_TEMPLATE.map((s) => s.key);
    fc.assert(
      fc.property(fc.subarray(keys), fc.subarray(keys), (filled, blank) => {
        const sections = [
          ...written(filled),
          ...written(
            blank.filter((k) => !filled.includes(k)),
            "   ",
          ),
        ];
        const expected = POLICY_TEMPLATE.filter((s) => s.required && !filled.includes(s.key)).map((s) => s.key);
        expect(missingSections("topic_policy", sections).map((s) => s.key)).toEqual(expected);
      }),
    );
  });
});

describe("version states", () => {
  const v = (number: number, status: VersionState["status"]): VersionState => ({ number, status });

  it("put the newest approved version in force, and none once the document is retired", () => {
    const versions = [v(1, "approved"), v(2, "approved"), v(3, "draft")];
    expect(versionInForce(versions, false)).toEqual(v(2, "approved"));
    expect(versionInForce(versions, true)).toBeUndefined();
    expect(versionInForce([v(1, "in_review")], false)).toBeUndefined();
  });

  it("show a superseded approved version, or that of a retired document, as retired", () => {
    expect(versionStatus(v(1, "approved"), 2)).toBe("retired");
    expect(versionStatus(v(2, "approved"), 2)).toBe("approved");
    expect(versionStatus(v(2, "approved"), null)).toBe("retired");
    expect(versionStatus(v(3, "draft"), 2)).toBe("draft");
  });

  it("ask management about the version in review, else the one in force", () => {
    expect(versionForApproval([v(1, "approved"), v(2, "in_review")], false)).toEqual(v(2, "in_review"));
    expect(versionForApproval([v(1, "approved"), v(2, "draft")], false)).toEqual(v(1, "approved"));
    expect(versionForApproval([v(1, "draft")], false)).toBeUndefined();
    expect(versionForApproval([v(1, "in_review")], true)).toBeUndefined();
    expect(openVersion([v(1, "approved"), v(2, "in_review")])).toEqual(v(2, "in_review"));
    expect(openVersion([v(1, "approved"), v(2, "retired")])).toBeUndefined();
  });

  it("give the document the status a register shows: in force counts over a revision under way", () => {
    expect(documentStatus([v(1, "draft")], false)).toBe("draft");
    expect(documentStatus([v(1, "in_review")], false)).toBe("in_review");
    expect(documentStatus([v(1, "approved"), v(2, "in_review")], false)).toBe("approved");
    expect(documentStatus([v(1, "approved")], true)).toBe("retired");
  });
});
