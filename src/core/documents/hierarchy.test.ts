import { describe, expect, it } from "vitest";
import { parentRefusal } from "./hierarchy.js";

const policy = { id: "pol", title: "Access control policy" };
const none = new Map<string, string | null>();

describe("a document's parent", () => {
  it("accepts a document of the organization, for a new document or a change", () => {
    expect(parentRefusal("procedure", null, policy, none)).toBeNull();
    expect(parentRefusal("procedure", "proc", policy, new Map([["other", "pol"]]))).toBeNull();
  });

  it("gives the ISMS policy no parent: it is the top of the hierarchy", () => {
    expect(parentRefusal("isms_policy", null, policy, none)).toBe("the ISMS policy is the top of the document hierarchy");
    expect(parentRefusal("isms_policy", "isms", undefined, none)).toBe("the ISMS policy is the top of the document hierarchy");
  });

  it("refuses a parent from elsewhere, and the document itself", () => {
    expect(parentRefusal("topic_policy", "doc", undefined, none)).toBe("is not a document of this organization");
    expect(parentRefusal("topic_policy", "pol", policy, none)).toBe("a document cannot sit under itself");
  });

  it("refuses a loop: a document below this one cannot also be above it", () => {
    const parentOf = new Map([
      ["proc", "pol"],
      ["pol", "std"],
    ]);
    expect(parentRefusal("standard", "std", { id: "proc", title: "Backup procedure" }, parentOf)).toBe(
      '"Backup procedure" sits under this document, so it cannot also be above it',
    );
  });
});
