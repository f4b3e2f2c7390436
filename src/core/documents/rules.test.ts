import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogText } from "../process/catalog.js";
import { emptyProcessData, type GateState, type ProcessData } from "../process/data.js";
import { evaluate } from "../process/engine.js";
import { completePhase1 } from "../process/examples.js";
import { RULE_NAMES, RULES, type RuleResult } from "../process/rules.js";
import { completeScope } from "../scope/examples.js";
import { SCOPE_RULES } from "../scope/rules.js";
import { POLICY_TEMPLATE, type VersionStatus } from "./documents.js";
import { DOCUMENT_RULES, type DocumentFacts, POLICIES_REGISTER } from "./rules.js";

const policy = (status: VersionStatus, blank: string[] = [], changes: Partial<DocumentFacts> = {}): DocumentFacts => ({
  id: "doc-1",
  identifier: "POL-001",
  title: "Information security policy",
  type: "isms_policy",
  owner: "ISMS manager",
  classification: "internal",
  nextReviewDate: "2027-06-30",
  parentId: null,
  status,
  approvedVersion: status === "approved" ? 1 : null,
  current: {
    number: 1,
    status,
    sections: POLICY_TEMPLATE.map(({ key, title }) => ({ key, title, markdown: blank.includes(key) ? " " : `Our ${title}.` })),
  },
  ...changes,
});

const withDocuments = (...documents: DocumentFacts[]): ProcessData => ({ ...emptyProcessData(), documents: { documents } });
const run = (data: ProcessData): RuleResult => DOCUMENT_RULES["isms-policy-written"]!(data);
const failing = (result: RuleResult) => result.checks.filter((c) => !c.ok).map((c) => c.id);
const messages = (result: RuleResult) => result.checks.flatMap((c) => c.missing.map((m) => m.message));

describe("isms-policy-written (6.6)", () => {
  it("replaces the catalog's placeholder of the same name", () => {
    expect(Object.keys(DOCUMENT_RULES)).toEqual([
      "isms-policy-written",
      "documentation-framework-designed",
      "policy-set-designed",
      "procedures-designed",
    ]);
    for (const name of Object.keys(DOCUMENT_RULES)) expect(RULE_NAMES.has(name), name).toBe(true);
    expect(RULE_NAMES.has("isms-policy-written")).toBe(true);
  });

  it("is not started without an ISMS policy, and asks for one; a retired policy or a topic policy does not count", () => {
    for (const data of [
      emptyProcessData(),
      withDocuments(),
      withDocuments(policy("retired", [], { current: null })),
      withDocuments(policy("approved", [], { type: "topic_policy" })),
    ]) {
      const result = run(data);
      expect(result.started).toBe(false);
      expect(result.checks).toEqual([
        {
          id: "isms-policy-exists",
          label: "An ISMS policy is registered",
          ok: false,
          missing: [
            { message: "Create the ISMS policy, the organization's top-level security policy.", link: { register: POLICIES_REGISTER } },
          ],
        },
      ]);
    }
  });

  it("names each blank required section, linking to the policy, and asks for the draft to be submitted", () => {
    const result = run(withDocuments(policy("draft", ["scope", "policy_statements", "definitions"])));
    expect(result.started).toBe(true);
    expect(failing(result)).toEqual(["isms-policy-sections", "isms-policy-submitted"]);
    expect(messages(result)).toEqual([
      'Write the "Scope" section of the ISMS policy.',
      'Write the "Policy statements" section of the ISMS policy.',
      "Submit the ISMS policy for review, so that management can approve it.",
    ]);
    expect(result.checks.flatMap((c) => c.missing.map((m) => m.link))).toEqual(Array(3).fill({ register: POLICIES_REGISTER, id: "doc-1" }));
  });

  it("holds for a complete policy in review or approved, but not for a complete draft", () => {
    expect(failing(run(withDocuments(policy("in_review", ["definitions"]))))).toEqual([]);
    expect(failing(run(withDocuments(policy("approved"))))).toEqual([]);
    expect(failing(run(withDocuments(policy("draft"))))).toEqual(["isms-policy-submitted"]);
  });
});

describe("the roadmap with the ISMS policy rule", () => {
  const loaded = loadCatalogText(
    readFileSync(join(import.meta.dirname, "../../../catalogs/iso27003-2010.yaml"), "utf8"),
    "yaml",
    RULE_NAMES,
  );
  if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
  const rules = { ...RULES, ...SCOPE_RULES, ...DOCUMENT_RULES };
  const status = (document: DocumentFacts | null, g2?: GateState) => {
    const data: ProcessData = {
      ...withDocuments(...(document ? [document] : [])),
      phase1: completePhase1(),
      scope: completeScope(),
      gates: { G1: "approved", ...(g2 ? { G2: g2 } : {}) },
    };
    return evaluate(loaded.catalog, data, rules).activities.find((a) => a.id === "6.6")!;
  };

  it("moves 6.6 from ready through in progress to complete, and to approved with gate G2", () => {
    expect(status(null).status).toBe("ready");
    expect(status(policy("draft")).status).toBe("in_progress");
    expect(status(policy("in_review")).status).toBe("complete");
    expect(status(policy("in_review"), "pending").reasons).toEqual(["Gate G2 (Management approves the ISMS policy) is awaiting approval."]);
    expect(status(policy("approved"), "approved").status).toBe("approved");
  });

  it("falls back to complete with a warning when the approved policy changed", () => {
    const a66 = status(policy("in_review"), "stale");
    expect(a66.status).toBe("complete");
    expect(a66.warnings.map((w) => w.kind)).toEqual(["stale-approval"]);
  });
});
