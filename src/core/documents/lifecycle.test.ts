import { describe, expect, it } from "vitest";
import type { VersionState } from "./documents.js";
import { newDraftStart, retireRefusal, versionChangeRefusal } from "./lifecycle.js";

const v = (number: number, status: VersionState["status"]): VersionState => ({ number, status });

describe("changing a version", () => {
  it("lets a change through when the version is in the status it starts from", () => {
    expect(versionChangeRefusal(v(1, "draft"), null, "draft", "start a new draft")).toBeNull();
    expect(versionChangeRefusal(v(2, "in_review"), 1, "in_review", "only a version in review can be approved")).toBeNull();
  });

  it("names the status the version is in, and what to do instead", () => {
    expect(versionChangeRefusal(v(2, "in_review"), 1, "draft", "only a draft can be submitted")).toBe(
      "version 2 is in review: only a draft can be submitted",
    );
    expect(versionChangeRefusal(v(3, "retired"), null, "draft", "start a new draft to change the document")).toBe(
      "version 3 is retired: start a new draft to change the document",
    );
  });

  it("says an approved version never changes, naming it retired once a later one is in force", () => {
    expect(versionChangeRefusal(v(1, "approved"), 1, "draft", "start a new draft to change the document")).toBe(
      "version 1 is approved; an approved version never changes: start a new draft to change the document",
    );
    expect(versionChangeRefusal(v(1, "approved"), 2, "in_review", "only a version in review can be approved")).toBe(
      "version 1 is retired; an approved version never changes: only a version in review can be approved",
    );
  });
});

describe("starting a new draft", () => {
  it("starts from the version in force", () => {
    expect(newDraftStart([v(1, "approved"), v(2, "approved")], 2)).toEqual({ from: 2 });
  });

  it("refuses while a version is open: edit the draft, or withdraw the one in review", () => {
    expect(newDraftStart([v(1, "approved"), v(2, "draft")], 1)).toEqual({ refusal: "version 2 is a draft already; edit it" });
    expect(newDraftStart([v(1, "approved"), v(2, "in_review")], 1)).toEqual({
      refusal: "version 2 is in review already; withdraw it from review to edit it",
    });
  });

  it("refuses without approved text to start from", () => {
    expect(newDraftStart([v(1, "retired")], null)).toEqual({ refusal: "the document has no approved version to start a draft from" });
  });
});

describe("retiring a document", () => {
  it("waits for a decision on a version in review", () => {
    expect(retireRefusal([v(1, "approved"), v(2, "in_review")])).toBe("version 2 is in review; withdraw it before retiring the document");
  });

  it("goes ahead with a draft (abandoned) or with nothing open", () => {
    expect(retireRefusal([v(1, "approved"), v(2, "draft")])).toBeNull();
    expect(retireRefusal([v(1, "approved")])).toBeNull();
    expect(retireRefusal([])).toBeNull();
  });
});
