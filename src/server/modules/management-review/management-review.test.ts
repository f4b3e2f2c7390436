import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let manager: ApiClient;
let managerId: string;
let approver: ApiClient;
let viewer: ApiClient;
let orgId: string;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  ({ client: manager, userId: managerId } = await addMember(server, admin, orgId, "manager@example.com", "isms_manager", "Manager"));
  approver = (await addMember(server, admin, orgId, "ceo@example.com", "approver", "CEO")).client;
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
});
afterAll(async () => server.close());

const roadmapChecks = async (activity: string) => {
  const roadmap = await admin.get(`${base}/roadmap`);
  const found = roadmap.body.activities.find((a: { id: string }) => a.id === activity);
  return found.checks
    .filter((c: { ok: boolean }) => !c.ok)
    .flatMap((c: { missing: { message: string }[] }) => c.missing.map((m) => m.message));
};

describe("management review (9.3)", () => {
  let reviewId: string;
  it("9.4d asks for a planned review and names what it lacks", async () => {
    expect(await roadmapChecks("9.4d")).toEqual(["Plan the first management review."]);
    const created = await manager.post(`${base}/management-reviews`, { title: "Annual review 2026", plannedDate: "2026-11-30" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      ref: "MR-001",
      frequencyMonths: 12,
      nextReviewDate: "2027-11-30",
      status: "planned",
      approval: "none",
    });
    reviewId = created.body.id;
    expect(await roadmapChecks("9.4d")).toEqual(['Management review MR-001 "Annual review 2026" lacks its participants.']);
    const patched = await manager.patch(`${base}/management-reviews/${reviewId}`, {
      participants: "CEO, CFO, ISMS manager",
      version: created.body.version,
    });
    expect(patched.status).toBe(200);
    expect(await roadmapChecks("9.4d")).toEqual([]);
  });

  it("takes the inputs as a frozen snapshot by 9.3.2 topic, showing an open finding's nonconformity", async () => {
    await manager.post(`${base}/nonconformities`, { title: "Restore test missing", severity: "minor", detectedOn: "2026-03-01" });
    const measure = await manager.post(`${base}/measures`, {
      title: "Patched systems",
      kind: "base",
      key: "patched",
      informationNeed: "Are systems patched in time?",
      unit: "%",
      frequency: "monthly",
      startDate: "2026-01-01",
      onTarget: 90,
      act: 70,
    });
    expect(measure.status, JSON.stringify(measure.body)).toBe(201);
    expect((await manager.post(`${base}/measures/${measure.body.id}/values`, { period: "2026-02-10", value: 60 })).status).toBe(201);
    const review = (await viewer.get(`${base}/management-reviews/${reviewId}`)).body;
    const taken = await manager.post(`${base}/management-reviews/${reviewId}/inputs`, { version: review.version });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const topics = taken.body.inputs.topics;
    expect(topics.map((t: { id: string }) => t.id)).toEqual(["a", "b", "c", "d.1", "d.2", "d.3", "d.4", "e", "f", "g"]);
    const nc = topics.find((t: { id: string }) => t.id === "d.1");
    expect(nc.items).toMatchObject([{ ref: "NC-001", title: "Restore test missing" }]);
    // d.2 comes from the measurement programme: the indicator needing action, with its value and status.
    expect(topics.find((t: { id: string }) => t.id === "d.2")).toMatchObject({
      available: true,
      total: 1,
      items: [{ id: measure.body.id, ref: "M-01", title: "Patched systems", detail: "60 % for 2026-02-01 (act)" }],
    });
    // Frozen: a later nonconformity does not appear until the inputs are taken again.
    await manager.post(`${base}/nonconformities`, { title: "Later one", detectedOn: "2026-03-02" });
    const again = (await viewer.get(`${base}/management-reviews/${reviewId}`)).body;
    expect(again.inputs.topics.find((t: { id: string }) => t.id === "d.1").total).toBe(1);
  });

  it("records decisions and actions; an action needs an owner and a due date", async () => {
    const bad = await manager.post(`${base}/management-reviews/${reviewId}/outputs`, { kind: "action", title: "Budget for backup tests" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["dueDate", "ownerUserId"]);
    const action = await manager.post(`${base}/management-reviews/${reviewId}/outputs`, {
      kind: "action",
      title: "Budget for backup tests",
      ownerUserId: managerId,
      dueDate: "2027-01-31",
    });
    expect(action.status).toBe(201);
    expect(action.body.source).toEqual({ type: "management_review", id: reviewId });
    expect(
      (await manager.post(`${base}/management-reviews/${reviewId}/outputs`, { kind: "decision", title: "Keep the scope" })).status,
    ).toBe(201);
  });

  it("binds the approval to the exact minutes: stale after a change, immutable once approved", async () => {
    let review = (await viewer.get(`${base}/management-reviews/${reviewId}`)).body;
    expect((await manager.post(`${base}/management-reviews/${reviewId}/submit`, { version: review.version })).status).toBe(409);
    review = (
      await manager.patch(`${base}/management-reviews/${reviewId}`, { minutes: "We reviewed the inputs.", version: review.version })
    ).body;
    const submitted = await manager.post(`${base}/management-reviews/${reviewId}/submit`, { version: review.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: "submitted", approval: "pending" });
    expect((await manager.post(`${base}/management-reviews/${reviewId}/approve`, { version: submitted.body.version })).status).toBe(403);
    const changed = await manager.patch(`${base}/management-reviews/${reviewId}`, {
      minutes: "We reviewed the inputs and decided.",
      version: submitted.body.version,
    });
    expect(changed.body.approval).toBe("stale");
    const refused = await approver.post(`${base}/management-reviews/${reviewId}/approve`, { version: changed.body.version });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("minutes");
    const resubmitted = await manager.post(`${base}/management-reviews/${reviewId}/submit`, { version: changed.body.version });
    const approved = await approver.post(`${base}/management-reviews/${reviewId}/approve`, { version: resubmitted.body.version });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", approval: "approved", approvedBy: { name: "CEO" } });
    expect((await manager.patch(`${base}/management-reviews/${reviewId}`, { minutes: "x", version: approved.body.version })).status).toBe(
      409,
    );
    expect((await manager.post(`${base}/management-reviews/${reviewId}/inputs`, { version: approved.body.version })).status).toBe(409);
    const output = approved.body.outputs.find((o: { kind: string }) => o.kind === "action");
    expect((await manager.patch(`${base}/review-outputs/${output.id}`, { title: "changed", version: output.version })).status).toBe(409);
    const progress = await manager.patch(`${base}/review-outputs/${output.id}`, { status: "done", version: output.version });
    expect(progress.status).toBe(200);
    expect((await viewer.get(`${base}/management-reviews/${reviewId}`)).body.approval).toBe("approved");
  });
});
