import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyProcessData } from "../process/data.js";
import { TRAINING_RULES } from "./rules.js";
import { type CoverageInput, personKey, refreshersDue, trainingCoverage } from "./training.js";

const input = (over: Partial<CoverageInput> = {}): CoverageInput => ({
  roles: [
    { id: "r1", title: "ISMS manager", people: [{ key: "u:ann", name: "Ann" }] },
    {
      id: "r2",
      title: "All staff",
      people: [
        { key: "u:ann", name: "Ann" },
        { key: "n:bob", name: "Bob" },
      ],
    },
  ],
  courses: [
    { id: "c1", title: "Awareness", refresherMonths: 12, targetRoleIds: ["r2"] },
    { id: "c2", title: "Lead implementer", refresherMonths: null, targetRoleIds: [] },
  ],
  requirements: [{ roleId: "r1", courseId: "c2" }],
  records: [
    { courseId: "c1", personKey: "u:ann", completedOn: "2026-01-10" },
    { courseId: "c1", personKey: "n:bob", completedOn: "2024-01-10" },
    { courseId: "c2", personKey: "u:ann", completedOn: "2020-05-01" },
  ],
  today: "2026-06-01",
  ...over,
});

describe("training coverage", () => {
  it("counts valid completions per role and overall, naming who is missing what", () => {
    const c = trainingCoverage(input());
    expect(c.roles.map((r) => [r.title, r.required, r.covered])).toEqual([
      ["ISMS manager", 1, 1],
      ["All staff", 2, 1],
    ]);
    expect(c.roles[1]?.missing).toEqual([{ personKey: "n:bob", name: "Bob", courseId: "c1", course: "Awareness", reason: "expired" }]);
    expect([c.required, c.covered]).toEqual([3, 2]);
    expect(personKey({ userId: null, name: " Bob " })).toBe("n:bob");
  });
  it("lists refreshers by the date they run out", () => {
    expect(refreshersDue(input(), "2026-12-31").map((r) => [r.personKey, r.due])).toEqual([["n:bob", "2025-01-10"]]);
    expect(refreshersDue(input(), "2027-01-10").map((r) => [r.personKey, r.due])).toEqual([
      ["n:bob", "2025-01-10"],
      ["u:ann", "2027-01-10"],
    ]);
  });
  it("never counts more covered than required", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            courseId: fc.constantFrom("c1", "c2"),
            personKey: fc.constantFrom("u:ann", "n:bob"),
            completedOn: fc.constantFrom("2019-01-01", "2025-09-01", "2026-05-01"),
          }),
        ),
        (records) => {
          const c = trainingCoverage(input({ records }));
          expect(c.covered).toBeLessThanOrEqual(c.required);
          for (const r of c.roles) expect(r.covered + r.missing.length).toBe(r.required);
        },
      ),
    );
  });
  it("9.4c names each role without training topics", () => {
    const result = TRAINING_RULES["training-programme-designed"]?.({
      ...emptyProcessData(),
      training: {
        roles: [
          { id: "r1", title: "Internal auditor", topics: 0 },
          { id: "r2", title: "HR", topics: 2 },
        ],
        courses: 1,
        records: 0,
      },
    });
    expect(result?.checks.flatMap((c) => c.missing.map((m) => m.message))).toEqual([
      'Give the role "Internal auditor" its competence requirements or a course aimed at it.',
    ]);
  });
});
