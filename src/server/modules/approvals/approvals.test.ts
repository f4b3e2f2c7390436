import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUSINESS_CASE, completePhase1 } from "../../../../test/helpers/mandate.js";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let manager: ApiClient;
let approver: ApiClient;
let orgId: string;
let base: string;

const status = async (id: string) =>
  ((await admin.get(`${base}/roadmap`)).body.activities as { id: string; status: string }[]).find((a) => a.id === id)?.status;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  manager = (await addMember(server, admin, orgId, "manager@example.com", "isms_manager", "Manager")).client;
  approver = (await addMember(server, admin, orgId, "ceo@example.com", "approver", "CEO")).client;
});
afterAll(async () => server.close());

describe("the roadmap and gate G1", () => {
  it("starts with 5.2 ready and the rest blocked, and refuses a request for an unfinished gate", async () => {
    const roadmap = (await admin.get(`${base}/roadmap`)).body;
    expect(roadmap.catalog).toMatchObject({ id: "iso27003-2010", custom: false });
    expect(roadmap.activities.find((a: { id: string }) => a.id === "5.2").status).toBe("ready");
    expect(roadmap.activities.find((a: { id: string }) => a.id === "5.4").status).toBe("blocked");
    expect(roadmap.nextActions[0].id).toBe("5.2");
    const early = await manager.post(`${base}/gates/G1/approvals`, { comment: null });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/activity 5.4 is blocked/);
  });

  it("completes phase 1, and only an approver other than the requester approves G1", async () => {
    await completePhase1(manager, orgId);
    expect(await status("5.2")).toBe("complete");
    expect(await status("5.4")).toBe("complete");
    expect((await approver.post(`${base}/gates/G1/approvals`, {})).status).toBe(403);
    const requested = await manager.post(`${base}/gates/G1/approvals`, { comment: "Please approve the business case" });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ gateId: "G1", activityId: "5.4", status: "pending", requestedBy: { name: "Manager" } });
    expect((await manager.post(`${base}/gates/G1/approvals`, {})).status).toBe(409);
    // Requested is not approved: phase 1 is not done while G1 waits.
    expect((await admin.get(`${base}/roadmap`)).body.phases[0]).toMatchObject({ id: "P1", done: 3, total: 4, percent: 75 });
    // The manager cannot approve (role), and the admin cannot either: approving is top management's.
    expect((await manager.post(`${base}/approvals/${requested.body.id}/approve`, { version: 1 })).status).toBe(403);
    expect((await admin.post(`${base}/approvals/${requested.body.id}/approve`, { version: 1 })).status).toBe(403);
    const approved = await approver.post(`${base}/approvals/${requested.body.id}/approve`, { comment: "Go ahead", version: 1 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", stale: false, decidedBy: { name: "CEO" }, decisionComment: "Go ahead" });
    expect(await status("5.4")).toBe("approved");
    const roadmap = (await admin.get(`${base}/roadmap`)).body;
    const a62 = roadmap.activities.find((a: { id: string }) => a.id === "6.2");
    expect(a62.status).toBe("ready");
    expect(roadmap.nextActions[0]).toMatchObject({ id: "6.2", link: { register: "scope-units" } });
    expect(roadmap.phases[0]).toMatchObject({ id: "P1", done: 4, total: 4, percent: 100 });
  });

  it("turns stale when the business case changes, showing the changed field, and blocks what depends on it", async () => {
    const bc = (await manager.get(`${base}/business-case`)).body;
    await manager.request("PATCH", `${base}/business-case`, { ...BUSINESS_CASE, benefits: "Qualify for tenders", version: bc.version });
    expect(await status("5.4")).toBe("complete");
    expect(await status("6.2")).toBe("blocked");
    const gate = (await admin.get(`${base}/gates/G1`)).body;
    expect(gate.latest).toMatchObject({ status: "approved", stale: true });
    expect(gate.changes).toEqual([
      {
        path: "businessCase.benefits",
        record: null,
        field: "businessCase.benefits",
        before: BUSINESS_CASE.benefits,
        after: "Qualify for tenders",
        kind: "changed",
      },
    ]);
    const detail = (await admin.get(`${base}/approvals/${gate.latest.id}`)).body;
    expect(detail.changes).toEqual(gate.changes);
    expect(detail.snapshot.businessCase.benefits).toBe(BUSINESS_CASE.benefits);
    const roadmap = (await admin.get(`${base}/roadmap`)).body;
    expect(roadmap.activities.find((a: { id: string }) => a.id === "5.4").warnings[0]).toMatchObject({
      kind: "stale-approval",
      gate: "G1",
    });
  });

  it("refuses to decide on a request whose content changed after it was made, and lets it be re-requested", async () => {
    const requested = await manager.post(`${base}/gates/G1/approvals`, {});
    await manager.post(`${base}/milestones`, { title: "Stage 2 audit", dueDate: "2027-09-30", owner: "ISMS Manager" });
    const refused = await approver.post(`${base}/approvals/${requested.body.id}/approve`, { version: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/changed since the request/);
    expect(refused.body.current.changes.length).toBeGreaterThan(0);
    expect((await approver.post(`${base}/approvals/${requested.body.id}/reject`, { comment: "Outdated", version: 1 })).status).toBe(409);
  });

  it("keeps a requester from deciding their own request even after becoming an approver, unless switched off", async () => {
    const stuck = (await admin.get(`${base}/approvals?status=pending`)).body.items[0];
    // The request made before the milestone was added can no longer be decided; restore what it saw.
    const added = (await manager.get(`${base}/milestones?q=Stage 2`)).body.items[0];
    await manager.delete(`${base}/milestones/${added.id}`);
    const managerId = (await admin.get(`${base}/members?q=manager@`)).body.items[0];
    await admin.patch(`${base}/members/${managerId.userId}`, { role: "approver", version: managerId.version });
    const own = await manager.post(`${base}/approvals/${stuck.id}/approve`, { version: 1 });
    expect(own.status).toBe(403);
    expect(own.body.detail).toMatch(/separation of duties/);
    // The administrator alone cannot switch it off: not directly, not by deciding their own proposal.
    const alone = await admin.request("PATCH", `${base}/process/settings`, { separationOfDuties: false, version: 0 });
    expect(alone.status).toBe(409);
    expect(alone.body.detail).toMatch(/needs an approver's decision/);
    const proposed = await admin.post(`${base}/process/settings/separation-of-duties/proposals`, {
      separationOfDuties: false,
      reason: "One-person company for a month",
    });
    expect(proposed.status).toBe(201);
    expect(
      (await admin.post(`${base}/process/settings/separation-of-duties/proposals`, { separationOfDuties: false, reason: "again" })).status,
    ).toBe(409);
    expect(
      (await admin.post(`${base}/process/settings/separation-of-duties/proposals/${proposed.body.id}/approve`, { version: 1 })).status,
    ).toBe(403);
    const pending = (await admin.get(`${base}/process/settings`)).body;
    expect(pending).toMatchObject({
      separationOfDuties: true,
      pendingChange: { id: proposed.body.id, status: "pending", separationOfDuties: false },
    });
    expect((await manager.post(`${base}/approvals/${stuck.id}/approve`, { version: 1 })).status).toBe(403);

    // A second person, an approver, decides: then it is off.
    const decided = await approver.post(`${base}/process/settings/separation-of-duties/proposals/${proposed.body.id}/approve`, {
      comment: "Agreed until the new hire",
      version: 1,
    });
    expect(decided.body).toMatchObject({ status: "approved", decidedBy: { name: expect.any(String) } });
    expect((await admin.get(`${base}/process/settings`)).body).toMatchObject({ separationOfDuties: false, pendingChange: null });
    const events = (await admin.get(`${base}/audit?entityType=separation of duties proposal`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(events).toEqual(["separation-of-duties.approved", "separation-of-duties.proposed"]);

    const allowed = await manager.post(`${base}/approvals/${stuck.id}/approve`, { version: 1 });
    expect(allowed.body).toMatchObject({ status: "approved", decidedBy: { name: "Manager" }, separationOfDutiesOff: true });
    expect((await admin.get(`${base}/gates/${stuck.gateId}`)).body.latest).toMatchObject({ separationOfDutiesOff: true });
    expect((await admin.get(`${base}/approvals/${stuck.id}`)).body).toMatchObject({ separationOfDutiesOff: true });

    // Turning it back on restrains everyone, so it needs nobody else.
    const { version } = (await admin.get(`${base}/process/settings`)).body;
    const on = await admin.request("PUT", `${base}/process/settings`, { separationOfDuties: true, version });
    expect(on.body).toMatchObject({ separationOfDuties: true });
  });

  it("revokes an approval only with a reason, and records every step in the audit trail", async () => {
    const approved = (await admin.get(`${base}/approvals?status=approved`)).body.items[0];
    const noReason = await approver.post(`${base}/approvals/${approved.id}/revoke`, { reason: " ", version: approved.version });
    expect(noReason.body.errors[0].field).toBe("reason");
    const revoked = await approver.post(`${base}/approvals/${approved.id}/revoke`, {
      reason: "Budget withdrawn",
      version: approved.version,
    });
    expect(revoked.body).toMatchObject({ status: "revoked", revokeReason: "Budget withdrawn" });
    expect(await status("5.4")).toBe("complete");
    expect(
      (await approver.post(`${base}/approvals/${approved.id}/revoke`, { reason: "again", version: revoked.body.version })).status,
    ).toBe(409);
    const events = (await admin.get(`${base}/audit?entityType=approval`)).body.items.map((e: { action: string }) => e.action);
    expect(events).toEqual(expect.arrayContaining(["approval.requested", "approval.approved", "approval.revoked"]));
  });
});

describe("not applicable and custom catalogs", () => {
  it("marks an activity not applicable only with a justification", async () => {
    expect((await admin.request("PUT", `${base}/activities/9.4c/not-applicable`, { justification: "  " })).status).toBe(400);
    expect((await admin.request("PUT", `${base}/activities/99.9/not-applicable`, { justification: "x" })).status).toBe(404);
    expect(
      (await admin.request("PUT", `${base}/activities/9.4c/not-applicable`, { justification: "Training is run by the group" })).status,
    ).toBe(200);
    const a = (await admin.get(`${base}/roadmap`)).body.activities.find((x: { id: string }) => x.id === "9.4c");
    expect(a).toMatchObject({ status: "not_applicable", notApplicable: { justification: "Training is run by the group" } });
    expect((await admin.delete(`${base}/activities/9.4c/not-applicable`)).status).toBe(200);
    expect(await status("9.4c")).toBe("blocked");
  });

  it("refuses an invalid catalog with every problem listed, and runs a valid variant without code changes", async () => {
    const bad = { id: "x", version: "1", title: "Broken" };
    const refused = await admin.request("PUT", `${base}/process/catalog`, { format: "json", source: JSON.stringify(bad) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.length).toBeGreaterThan(1);
    const shipped = (await admin.get(`${base}/process/catalog`)).body.catalog;
    const variant = {
      ...shipped,
      id: "acme-variant",
      title: "Acme's own roadmap",
      activities: shipped.activities.map((a: { id: string; title: string }) =>
        a.id === "5.2" ? { ...a, title: "Agree on our security priorities" } : a,
      ),
    };
    const accepted = await admin.request("PUT", `${base}/process/catalog`, { format: "json", source: JSON.stringify(variant) });
    expect(accepted.body).toMatchObject({ id: "acme-variant", custom: true });
    const roadmap = (await admin.get(`${base}/roadmap`)).body;
    expect(roadmap.catalog.id).toBe("acme-variant");
    expect(roadmap.activities[0].title).toBe("Agree on our security priorities");
    expect((await admin.delete(`${base}/process/catalog`)).body).toMatchObject({ id: "iso27003-2010", custom: false });
  });
});
