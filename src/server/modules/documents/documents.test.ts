import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completePhase1 } from "../../../../test/helpers/mandate.js";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";
import { POLICY_TEMPLATE } from "../../../core/documents/documents.js";
import { withWrite } from "../../db/audited.js";
import { onGateApproved } from "./gate.js";

let server: TestServer;
let admin: ApiClient;
let manager: ApiClient;
let approver: ApiClient;
let approverId: string;
let viewer: ApiClient;
let orgId: string;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  manager = (await addMember(server, admin, orgId, "manager@example.com", "isms_manager", "Manager")).client;
  ({ client: approver, userId: approverId } = await addMember(server, admin, orgId, "ceo@example.com", "approver", "CEO"));
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
});
afterAll(async () => server.close());

type Doc = { id: string; identifier: string; title: string; version: number; status: string };
const patch = (client: ApiClient, path: string, body: unknown) => client.request("PATCH", path, body);
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

const POLICY = {
  identifier: "pol-001",
  title: "Information security policy",
  type: "isms_policy",
  owner: "ISMS manager",
  nextReviewDate: "2027-06-30",
};

async function create(body: Record<string, unknown>, client = manager, org = orgId): Promise<Doc> {
  const response = await client.post(`/api/v1/orgs/${org}/documents`, body);
  if (response.status !== 201) throw new Error(`document not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Every template section written, except those named. */
const sections = (blank: string[] = [], changes: Record<string, string> = {}) =>
  POLICY_TEMPLATE.map(({ key, title }) => ({
    key,
    title,
    markdown: blank.includes(key) ? "" : (changes[key] ?? `Our ${title.toLowerCase()}.`),
  }));

let policy: Doc;
let topic: Doc;
let procedure: Doc;

describe("documents", () => {
  it("are registered with version 1 as a draft holding the template's sections", async () => {
    policy = await create(POLICY);
    expect(policy).toMatchObject({
      identifier: "POL-001",
      type: "isms_policy",
      classification: "internal",
      parentId: null,
      status: "draft",
      latestVersion: { number: 1, status: "draft", author: { name: "Manager" }, approvedBy: null, version: 1 },
      approvedVersion: null,
      retiredAt: null,
      version: 1,
    });
    const v1 = (await viewer.get(`${base}/documents/${policy.id}/versions/1`)).body;
    expect(v1.sections).toEqual(POLICY_TEMPLATE.map(({ key, title }) => ({ key, title, markdown: "" })));
    expect(v1.missingSections.map((s: { key: string }) => s.key)).toEqual(POLICY_TEMPLATE.filter((s) => s.required).map((s) => s.key));
    expect((await viewer.get(`${base}/documents/${policy.id}/versions/2`)).status).toBe(404);
    expect((await viewer.post(`${base}/documents`, { ...POLICY, identifier: "X-1" })).status).toBe(403);
  });

  it("are listed with filters, search, sort and cursor", async () => {
    topic = await create({
      identifier: "POL-002",
      title: "Access control policy",
      type: "topic_policy",
      owner: "IT lead",
      classification: "confidential",
      nextReviewDate: "2027-01-31",
      parentId: policy.id,
    });
    procedure = await create({
      identifier: "PRO-001",
      title: "Joiners, movers and leavers",
      type: "procedure",
      owner: "HR",
      nextReviewDate: "2026-12-31",
      parentId: topic.id,
    });
    const procedureV1 = (await viewer.get(`${base}/documents/${procedure.id}/versions/1`)).body;
    expect(procedureV1.sections.map((s: { key: string }) => s.key)).toEqual(["purpose", "steps", "records"]);
    expect(procedureV1.missingSections).toEqual([]);
    const ids = async (query: string) =>
      ((await viewer.get(`${base}/documents?${query}`)).body.items as Doc[]).map((d) => d.identifier).join(" ");
    expect(await ids("")).toBe("POL-001 POL-002 PRO-001");
    expect(await ids("type=topic_policy")).toBe("POL-002");
    expect(await ids("q=JOINERS")).toBe("PRO-001");
    expect(await ids("q=pol-")).toBe("POL-001 POL-002");
    expect(await ids("sort=title")).toBe("POL-002 POL-001 PRO-001");
    expect(await ids("sort=nextReviewDate&dir=desc")).toBe("POL-001 POL-002 PRO-001");
    expect(await ids("status=draft")).toBe("POL-001 POL-002 PRO-001");
    expect(await ids("status=approved")).toBe("");
    const page1 = await viewer.get(`${base}/documents?sort=nextReviewDate&limit=2`);
    const page2 = await viewer.get(`${base}/documents?sort=nextReviewDate&limit=2&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items].map((d: Doc) => d.identifier)).toEqual(["PRO-001", "POL-002", "POL-001"]);
    expect(page2.body.nextCursor).toBeNull();
    expect(fields((await viewer.get(`${base}/documents?status=lost`)).body)).toEqual(["status"]);
  });

  it("refuse bad control data, naming the field", async () => {
    const bad = await manager.post(`${base}/documents`, {
      ...POLICY,
      identifier: "POL 003",
      type: "memo",
      classification: "secret",
      nextReviewDate: "soon",
      owner: " ",
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["classification", "identifier", "nextReviewDate", "owner", "type"]);
  });

  it("keep identifiers unique, one ISMS policy, and the hierarchy without loops", async () => {
    const taken = await manager.post(`${base}/documents`, { ...POLICY, identifier: "pro-001", type: "standard" });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toEqual([{ field: "identifier", message: 'is already the identifier of "Joiners, movers and leavers"' }]);
    const second = await manager.post(`${base}/documents`, { ...POLICY, identifier: "POL-009" });
    expect(second.status).toBe(409);
    expect(second.body.detail).toMatch(/already has an ISMS policy, POL-001/);
    expect(second.body.current).toMatchObject({ id: policy.id });

    const meta = { identifier: "POL-002", title: "Access control policy", owner: "IT lead", nextReviewDate: "2027-01-31" };
    const loop = await patch(manager, `${base}/documents/${topic.id}`, { ...meta, parentId: procedure.id, version: 1 });
    expect(loop.body.errors).toEqual([
      { field: "parentId", message: '"Joiners, movers and leavers" sits under this document, so it cannot also be above it' },
    ]);
    const { type: _, ...policyMeta } = POLICY;
    const top = await patch(manager, `${base}/documents/${policy.id}`, { ...policyMeta, parentId: topic.id, version: 1 });
    expect(top.body.errors).toEqual([{ field: "parentId", message: "the ISMS policy is the top of the document hierarchy" }]);
    // The type is fixed at creation: GET shows it and an update ignores it; a field nobody knows is refused.
    expect(fields((await patch(manager, `${base}/documents/${topic.id}`, { ...meta, kind: "standard", version: 1 })).body)).toEqual([
      "kind",
    ]);

    const changed = await patch(manager, `${base}/documents/${topic.id}`, {
      ...meta,
      classification: "restricted",
      parentId: policy.id,
      version: 1,
    });
    expect(changed.body).toMatchObject({ classification: "restricted", type: "topic_policy", version: 2 });
    const stale = await patch(manager, `${base}/documents/${topic.id}`, { ...meta, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ classification: "restricted", version: 2 });
  });
});

describe("the ISMS policy draft", () => {
  const v1 = () => `${base}/documents/${policy.id}/versions/1`;

  it("is written with its version, and a stale write is refused with the version as it is", async () => {
    const saved = await patch(manager, v1(), {
      sections: sections(["introduction", "principles", "compliance_measurement"]),
      changeSummary: "First issue",
      version: 1,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ number: 1, status: "draft", changeSummary: "First issue", version: 2 });
    expect(saved.body.missingSections.map((s: { key: string }) => s.key)).toEqual(["introduction", "principles", "compliance_measurement"]);
    const stale = await patch(manager, v1(), { sections: [], version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ version: 2, changeSummary: "First issue" });
    const twice = await patch(manager, v1(), { sections: [...sections(), { key: "scope", title: "Again", markdown: "" }], version: 2 });
    expect(twice.body.errors).toEqual([{ field: "sections.10.key", message: 'appears twice: "scope"' }]);
    expect((await patch(viewer, v1(), { sections: sections(), version: 2 })).status).toBe(403);
  });

  it("cannot be submitted while required sections are blank, and says which", async () => {
    const refused = await manager.post(`${v1()}/submit`, { version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(
      "version 1 cannot be submitted until these sections are written: Introduction, Principles, Key outcomes and compliance",
    );
    expect(fields(refused.body)).toEqual(["sections.compliance_measurement", "sections.introduction", "sections.principles"]);
    expect((await manager.get(`${base}/documents/${policy.id}`)).body.status).toBe("draft");
  });

  it("goes to review once complete, can be withdrawn to change it, and cannot be edited in review", async () => {
    const complete = await patch(manager, v1(), { sections: sections(["definitions"]), version: 2 });
    expect(complete.body).toMatchObject({ missingSections: [], changeSummary: "First issue", version: 3 });
    const submitted = await manager.post(`${v1()}/submit`, { version: 3 });
    expect(submitted.body).toMatchObject({ status: "in_review", version: 4 });
    expect(submitted.body.submittedAt).not.toBeNull();
    const inReview = await patch(manager, v1(), { sections: sections(), version: 4 });
    expect(inReview.status).toBe(409);
    expect(inReview.body.detail).toMatch(/version 1 is in review/);
    expect((await manager.post(`${v1()}/submit`, { version: 4 })).status).toBe(409);
    const withdrawn = await manager.post(`${v1()}/withdraw`, { version: 4 });
    expect(withdrawn.body).toMatchObject({ status: "draft", submittedAt: null, version: 5 });
    expect((await manager.post(`${v1()}/submit`, { version: 5 })).body.status).toBe("in_review");
    expect((await manager.get(`${base}/documents?status=in_review`)).body.items.map((d: Doc) => d.identifier)).toEqual(["POL-001"]);
  });
});

describe("gate G2", () => {
  const gate = async () => (await admin.get(`${base}/gates/G2`)).body;
  const activity = async (id: string) =>
    (await admin.get(`${base}/roadmap`)).body.activities.find((a: { id: string }) => a.id === id) as {
      status: string;
      warnings: { kind: string }[];
    };
  /** What the lead wires into the approve route; here it runs after the decision, as its own step. */
  const recordApproval = () =>
    withWrite(server.db, { actor: { type: "user", id: approverId }, requestId: null, ip: null }, (ctx) => onGateApproved(ctx, orgId, "G2"));
  const approveG2 = async () => {
    const requested = await manager.post(`${base}/gates/G2/approvals`, { comment: "Please approve the policy" });
    expect(requested.status).toBe(201);
    const approved = await approver.post(`${base}/approvals/${requested.body.id}/approve`, { version: 1 });
    expect(approved.body).toMatchObject({ status: "approved", stale: false });
    await recordApproval();
  };

  it("covers the policy in review, and can be requested once 6.6's prerequisites are satisfied", async () => {
    expect((await activity("6.6")).status).toBe("blocked");
    await completePhase1(manager, orgId);
    const g1 = await manager.post(`${base}/gates/G1/approvals`, {});
    await approver.post(`${base}/approvals/${g1.body.id}/approve`, { version: 1 });
    expect(
      (await admin.request("PUT", `${base}/activities/6.5/not-applicable`, { justification: "Scope settled by the group" })).status,
    ).toBe(200);
    expect((await activity("6.6")).status).toBe("complete");
    const artifact = await gate();
    expect(artifact).toMatchObject({ activityId: "6.6", ready: true, latest: null });
    expect(artifact.snapshot.policy).toMatchObject({ identifier: "POL-001", title: "Information security policy", version: 1 });
    expect(artifact.snapshot.policy.sections[2]).toEqual({ id: "scope", title: "Scope", markdown: "Our scope." });
  });

  it("approves the version in review when approved, after which it never changes", async () => {
    await approveG2();
    await recordApproval();
    expect((await activity("6.6")).status).toBe("approved");
    const v1 = (await viewer.get(`${base}/documents/${policy.id}/versions/1`)).body;
    expect(v1).toMatchObject({ status: "approved", approvedBy: { id: approverId, name: "CEO" }, version: 7 });
    expect((await viewer.get(`${base}/documents/${policy.id}`)).body).toMatchObject({ status: "approved", approvedVersion: { number: 1 } });

    const edit = await patch(manager, `${base}/documents/${policy.id}/versions/1`, { sections: sections(), version: 7 });
    expect(edit.status).toBe(409);
    expect(edit.body.detail).toMatch(/version 1 is approved; an approved version never changes: start a new draft/);
    expect((await manager.post(`${base}/documents/${policy.id}/versions/1/withdraw`, { version: 7 })).status).toBe(409);
    // The database refuses too, whoever asks.
    await expect(
      server.db.kysely.updateTable("document_versions").set({ change_summary: "rewritten" }).where("document_id", "=", policy.id).execute(),
    ).rejects.toThrow(/immutable/);
  });

  it("stays approved while a revision is drafted, and turns stale with the changes once it goes to review", async () => {
    const draft = await manager.post(`${base}/documents/${policy.id}/new-draft`, { changeSummary: "Yearly review" });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ number: 2, status: "draft", changeSummary: "Yearly review", version: 1 });
    expect(draft.body.sections).toEqual((await viewer.get(`${base}/documents/${policy.id}/versions/1`)).body.sections);
    expect((await manager.post(`${base}/documents/${policy.id}/new-draft`, {})).body.detail).toMatch(/version 2 is a draft already/);

    const changed = "Our scope.\nEvery site, including the new warehouse.";
    await patch(manager, `${base}/documents/${policy.id}/versions/2`, {
      sections: sections(["definitions"], { scope: changed }),
      version: 1,
    });
    expect((await gate()).latest).toMatchObject({ status: "approved", stale: false });
    expect((await activity("6.6")).status).toBe("approved");

    await manager.post(`${base}/documents/${policy.id}/versions/2/submit`, { version: 2 });
    const stale = await gate();
    expect(stale.latest).toMatchObject({ status: "approved", stale: true });
    expect(stale.changes).toEqual([
      {
        path: "policy.sections[scope].markdown",
        record: { list: "sections", id: "scope", ref: null, title: "Scope" },
        field: "markdown",
        kind: "changed",
        before: "Our scope.",
        after: changed,
      },
      { path: "policy.version", record: null, field: "policy.version", kind: "changed", before: 1, after: 2 },
    ]);
    const a66 = await activity("6.6");
    expect(a66.status).toBe("complete");
    expect(a66.warnings.map((w) => w.kind)).toEqual(["stale-approval"]);
  });

  it("shows a readable diff between any two versions, to the newest by default", async () => {
    const diff = (await viewer.get(`${base}/documents/${policy.id}/diff?from=1`)).body;
    expect(diff.to).toBe(2);
    expect(diff.sections.filter((s: { change: string }) => s.change !== "unchanged")).toEqual([
      {
        key: "scope",
        title: "Scope",
        previousTitle: null,
        change: "changed",
        lines: [
          { op: "same", text: "Our scope." },
          { op: "added", text: "Every site, including the new warehouse." },
        ],
      },
    ]);
    const same = (await viewer.get(`${base}/documents/${policy.id}/diff?from=2&to=2`)).body;
    expect(same.sections.every((s: { change: string }) => s.change === "unchanged")).toBe(true);
    expect((await viewer.get(`${base}/documents/${policy.id}/diff?from=1&to=7`)).status).toBe(404);
    expect(fields((await viewer.get(`${base}/documents/${policy.id}/diff?from=zero`)).body)).toEqual(["from"]);
  });

  it("approves the revision at the next approval, retiring the version it replaces", async () => {
    await approveG2();
    expect((await gate()).latest).toMatchObject({ status: "approved", stale: false });
    const history = (await viewer.get(`${base}/documents/${policy.id}/versions`)).body;
    expect(history.items.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [2, "approved"],
      [1, "retired"],
    ]);
    expect(history.items[1].approvedBy).toMatchObject({ name: "CEO" });
    const page = await viewer.get(`${base}/documents/${policy.id}/versions?limit=1`);
    expect((await viewer.get(`${base}/documents/${policy.id}/versions?limit=1&cursor=${page.body.nextCursor}`)).body.items[0].number).toBe(
      1,
    );
    const events = (await admin.get(`${base}/audit?entityType=document version`)).body.items.map((e: { action: string }) => e.action);
    expect(events).toEqual(
      expect.arrayContaining([
        "document version.created",
        "document version.updated",
        "document version.submitted",
        "document version.withdrawn",
        "document version.approved",
      ]),
    );
  });
});

describe("retiring", () => {
  it("abandons a draft, freezes the document, and makes room for a new ISMS policy", async () => {
    const current = (await manager.get(`${base}/documents/${topic.id}`)).body;
    expect((await manager.post(`${base}/documents/${topic.id}/retire`, { version: current.version - 1 })).status).toBe(409);
    const retired = await manager.post(`${base}/documents/${topic.id}/retire`, { reason: "Merged into POL-001", version: current.version });
    expect(retired.body).toMatchObject({ status: "retired", retireReason: "Merged into POL-001", latestVersion: { status: "retired" } });
    expect(retired.body.retiredAt).not.toBeNull();
    expect((await manager.post(`${base}/documents/${topic.id}/new-draft`, {})).status).toBe(409);
    expect((await patch(manager, `${base}/documents/${topic.id}/versions/1`, { sections: [], version: 2 })).body.detail).toMatch(
      /version 1 is retired/,
    );
    expect((await manager.get(`${base}/documents?status=retired`)).body.items.map((d: Doc) => d.identifier)).toEqual(["POL-002"]);
  });

  it("refuses to retire a document whose version is in review", async () => {
    await patch(manager, `${base}/documents/${procedure.id}/versions/1`, {
      sections: [{ key: "steps", title: "Steps", markdown: "1. Ask" }],
      version: 1,
    });
    await manager.post(`${base}/documents/${procedure.id}/versions/1/submit`, { version: 2 });
    const refused = await manager.post(`${base}/documents/${procedure.id}/retire`, { version: 1 });
    expect(refused.body.detail).toMatch(/version 1 is in review; withdraw it/);
  });

  it("takes the ISMS policy out of force, which makes G2 stale", async () => {
    const current = (await manager.get(`${base}/documents/${policy.id}`)).body;
    const retired = await manager.post(`${base}/documents/${policy.id}/retire`, { version: current.version });
    expect(retired.body).toMatchObject({ status: "retired", approvedVersion: null, latestVersion: { number: 2, status: "retired" } });
    const gate = (await admin.get(`${base}/gates/G2`)).body;
    expect(gate.latest.stale).toBe(true);
    expect(gate.snapshot).toEqual({ policy: null });
    expect((await create({ ...POLICY, identifier: "POL-010" })).status).toBe("draft");
  });
});

describe("organizations", () => {
  it("see only their own documents", async () => {
    const other = (await admin.post("/api/v1/orgs", { name: "Other" })).body.id as string;
    const theirs = await create({ ...POLICY, identifier: "POL-001" }, admin, other);
    expect(theirs.identifier).toBe("POL-001");
    expect((await admin.get(`/api/v1/orgs/${other}/documents`)).body.items.map((d: Doc) => d.id)).toEqual([theirs.id]);
    expect((await admin.get(`/api/v1/orgs/${other}/documents/${policy.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/orgs/${other}/documents/${policy.id}/versions/1`)).status).toBe(404);
    expect((await patch(admin, `/api/v1/orgs/${other}/documents/${procedure.id}/versions/1`, { sections: [], version: 2 })).status).toBe(
      404,
    );
    expect((await admin.post(`/api/v1/orgs/${other}/documents/${policy.id}/new-draft`, {})).status).toBe(404);
    expect((await manager.get(`/api/v1/orgs/${other}/documents`)).status).toBe(404);
  });
});
