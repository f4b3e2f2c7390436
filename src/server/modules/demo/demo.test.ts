import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";
import { nextReviewDate } from "../../../core/management-review/topics.js";
import { dueItems as auditsDue } from "../audit-programme/index.js";
import { dueItems as reviewsDue } from "../management-review/index.js";
import { dueItems as actionsDue } from "../nonconformities/index.js";

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin } = await setUpInstance(server));
});
afterAll(async () => server.close());

describe("demo organization", () => {
  it("creates an organization with phase 1 complete and G1 approved by someone other than the requester, once", async () => {
    const first = await admin.post("/api/v1/demo");
    expect(first.body.created).toBe(true);
    const roadmap = (await admin.get(`/api/v1/orgs/${first.body.orgId}/roadmap`)).body;
    const status = Object.fromEntries(roadmap.activities.map((a: { id: string; status: string }) => [a.id, a.status]));
    expect(status).toMatchObject({ "5.2": "complete", "5.3.1": "complete", "5.3.2": "complete", "5.4": "approved" });
    // Phases 2, 3 and 4 are done, G2 and G3 included: phase 5 design is next.
    expect(status).toMatchObject({ "6.2": "complete", "6.3": "complete", "6.4": "complete", "6.5": "complete", "6.6": "approved" });
    expect(status).toMatchObject({ "7.2": "complete", "7.3": "complete", "7.4": "complete" });
    expect(status).toMatchObject({ "8.2": "complete", "8.3": "complete", "8.4": "approved" });
    const gap = (await admin.get(`/api/v1/orgs/${first.body.orgId}/gap/summary`)).body;
    expect(gap.complete).toBe(true);
    const assets = (await admin.get(`/api/v1/orgs/${first.body.orgId}/assets?limit=50`)).body.items;
    expect(assets.length).toBe(5);
    const approvals = (await admin.get(`/api/v1/orgs/${first.body.orgId}/approvals`)).body.items;
    expect(approvals.map((a: { gateId: string }) => a.gateId).sort()).toEqual(["G1", "G2", "G3", "G4"]);
    for (const approval of approvals) {
      expect(approval).toMatchObject({ status: "approved", stale: false });
      expect(approval.requestedBy.id).not.toBe(approval.decidedBy.id);
    }
    const policies = (await admin.get(`/api/v1/orgs/${first.body.orgId}/documents?type=isms_policy`)).body.items;
    expect(policies[0]).toMatchObject({ identifier: "POL-001", status: "approved" });
    // The whole roadmap: 25 of 25 activities done, G4 approved and not stale, no failing check anywhere.
    expect(roadmap.activities).toHaveLength(25);
    expect(status).toMatchObject({ "9.2.1": "complete", "9.2.2": "complete", "9.3": "complete", "9.4a": "complete", "9.5": "approved" });
    expect(
      roadmap.activities.filter((a: { status: string }) => !["complete", "approved"].includes(a.status)).map((a: { id: string }) => a.id),
    ).toEqual([]);
    for (const id of roadmap.activities.map((a: { id: string }) => a.id)) {
      const activity = roadmap.activities.find((a: { id: string }) => a.id === id);
      expect(
        activity.checks.filter((c: { ok: boolean }) => !c.ok),
        id,
      ).toEqual([]);
    }
    const base = `/api/v1/orgs/${first.body.orgId}`;
    const audits = (await admin.get(`${base}/audits`)).body.items;
    expect(audits.map((a: { status: string }) => a.status)).toEqual(["completed", "planned", "planned"]);
    expect((await admin.get(`${base}/audits/${audits[0].id}/report`)).status).toBe(200);
    const ncs = (await admin.get(`${base}/nonconformities`)).body.items;
    expect(ncs.map((n: { status: string }) => n.status)).toEqual(["closed", "open"]);
    expect(ncs[0].effectiveness.effective).toBe(true);
    expect(ncs[1].actions[0].overdue).toBe(true);
    const reviews = (await admin.get(`${base}/management-reviews`)).body.items;
    expect(reviews[0]).toMatchObject({ status: "approved", approval: "approved", approvedBy: { name: "Carl CEO (demo)" } });
    const d1 = reviews[0].inputs.topics.find((t: { id: string }) => t.id === "d.1");
    expect(d1.items.map((i: { ref: string }) => i.ref)).toEqual(["NC-002"]);
    // Due items: the overdue corrective action now; the planned audits and the next review within their horizon.
    const orgId = first.body.orgId as string;
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const actions = await actionsDue(server.db, orgId, inDays(0));
    expect(actions).toMatchObject([
      { kind: "corrective-action", reference: "NC-002", ownerId: ncs[1].actions[0].owner.id, path: `/nonconformities/${ncs[1].id}` },
    ]);
    expect((await auditsDue(server.db, orgId, inDays(0))).map((a) => a.reference)).toEqual([]);
    expect((await auditsDue(server.db, orgId, inDays(130))).map((a) => a.reference)).toEqual(["IA-002"]);
    const reviewDue = await reviewsDue(server.db, orgId, inDays(400));
    expect(reviewDue.map((r) => r.kind)).toEqual(["review-action", "management-review"]);
    expect(reviewDue[1]?.due).toBe(nextReviewDate(inDays(-30), 12));
    // One role model (issue 11, item 2): every mandatory role is held, the project roles by the same people.
    const roles = (await admin.get(`${base}/isms-roles`)).body.items as {
      key: string;
      mandatory: boolean;
      people: { personName: string }[];
    }[];
    const holders = Object.fromEntries(roles.filter((r) => r.mandatory).map((r) => [r.key, r.people.map((p) => p.personName)]));
    expect(holders).toEqual({
      top_management: ["Carl CEO (demo)"],
      isms_manager: ["Maya Manager (demo)"],
      risk_owner: ["Maya Manager (demo)"],
      asset_owner: ["Maya Manager (demo)"],
      internal_auditor: ["Ida Auditor (demo)"],
    });
    const projectRoles = (await admin.get(`${base}/project-roles`)).body.items;
    expect(projectRoles.filter((r: { required: boolean }) => r.required).map((r: { holderName: string }) => r.holderName)).toEqual([
      "Carl CEO (demo)",
      "Maya Manager (demo)",
    ]);
    expect((await admin.get(`/api/v1/orgs/${first.body.orgId}/audit/verify`)).body.intact).toBe(true);
    const again = await admin.post("/api/v1/demo");
    expect(again.body).toEqual({ orgId: first.body.orgId, created: false });
    expect((await admin.get("/api/v1/orgs")).body.items.filter((o: { name: string }) => o.name.startsWith("Demo")).length).toBe(1);
  }, 90_000);
});
