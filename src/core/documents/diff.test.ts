import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffSections, type SectionDiff } from "./diff.js";
import type { Section } from "./documents.js";

const s = (key: string, markdown: string, title = key.toUpperCase()): Section => ({ key, title, markdown });

/** The text a diff shows for one side: the lines it keeps plus those it adds (after) or removes (before). */
const side = (diff: SectionDiff, which: "before" | "after") =>
  diff.lines
    .filter((l) => l.op !== (which === "after" ? "removed" : "added"))
    .map((l) => l.text)
    .join("\n");

const sectionsArb = fc
  .uniqueArray(
    fc.record({
      key: fc.constantFrom("summary", "scope", "objectives", "principles", "definitions", "appendix"),
      title: fc.constantFrom("A", "B"),
      markdown: fc.array(fc.constantFrom("alpha", "beta", "gamma", "", "- item", "## heading"), { maxLength: 8 }).map((l) => l.join("\n")),
    }),
    { selector: (x) => x.key, maxLength: 6 },
  )
  .map((list) => list as Section[]);

describe("the section diff", () => {
  it("shows a changed section line by line, and places added and removed sections where they stand", () => {
    const before = [
      s("summary", "Short."),
      s("scope", "All staff\nAll systems"),
      s("definitions", "ISMS: the system"),
      s("objectives", "Keep data safe"),
    ];
    const after = [
      s("summary", "Short."),
      s("scope", "All staff\nAll offices\nAll systems"),
      s("objectives", "Keep data safe", "Aims"),
      s("appendix", "x"),
    ];
    expect(diffSections(before, after)).toEqual([
      { key: "summary", title: "SUMMARY", previousTitle: null, change: "unchanged", lines: [{ op: "same", text: "Short." }] },
      {
        key: "scope",
        title: "SCOPE",
        previousTitle: null,
        change: "changed",
        lines: [
          { op: "same", text: "All staff" },
          { op: "added", text: "All offices" },
          { op: "same", text: "All systems" },
        ],
      },
      {
        key: "definitions",
        title: "DEFINITIONS",
        previousTitle: null,
        change: "removed",
        lines: [{ op: "removed", text: "ISMS: the system" }],
      },
      { key: "objectives", title: "Aims", previousTitle: "OBJECTIVES", change: "changed", lines: [{ op: "same", text: "Keep data safe" }] },
      { key: "appendix", title: "APPENDIX", previousTitle: null, change: "added", lines: [{ op: "added", text: "x" }] },
    ]);
  });

  it("treats an empty section as having no lines", () => {
    expect(diffSections([s("scope", "")], [s("scope", "Everything")])[0]!.lines).toEqual([{ op: "added", text: "Everything" }]);
    expect(diffSections([s("scope", "Everything")], [s("scope", "")])[0]!.lines).toEqual([{ op: "removed", text: "Everything" }]);
    expect(diffSections([s("scope", "")], [s("scope", "")])[0]).toMatchObject({ change: "unchanged", lines: [] });
  });

  it("of a version with itself changes nothing", () => {
    fc.assert(
      fc.property(sectionsArb, (sections) => {
        const diff = diffSections(sections, sections);
        expect(diff.map((d) => d.key)).toEqual(sections.map((x) => x.key));
        expect(diff.filter((d) => d.change !== "unchanged" || d.lines.some((l) => l.op !== "same"))).toEqual([]);
      }),
    );
  });

  it("read as the newer version reproduces it, and as the older one reproduces that", () => {
    fc.assert(
      fc.property(sectionsArb, sectionsArb, (before, after) => {
        const diff = diffSections(before, after);
        const newer = diff.filter((d) => d.change !== "removed");
        expect(newer.map((d) => ({ key: d.key, title: d.title, markdown: side(d, "after") }))).toEqual(after);
        const older = new Map(diff.filter((d) => d.change !== "added").map((d) => [d.key, side(d, "before")]));
        expect(older).toEqual(new Map(before.map((x) => [x.key, x.markdown])));
        const previous = new Map(before.map((x) => [x.key, x]));
        for (const d of newer) {
          const old = previous.get(d.key);
          expect(d.change === "unchanged", d.key).toBe(old?.title === d.title && old.markdown === side(d, "after"));
        }
      }),
    );
  });
});
