import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUSINESS_CASE, completePhase1 } from "../../../../test/helpers/mandate.js";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";
import { addDays } from "../../../core/dates.js";

let server: TestServer;
let admin: ApiClient;
let approver: ApiClient;
let owner: ApiClient;
let ownerId: string;
let viewer: ApiClient;
let orgId: string;
let base: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  approver = (await addMember(server, admin, orgId, "ceo@example.com", "approver", "Chief Executive")).client;
  ({ client: owner, userId: ownerId } = await addMember(server, admin, orgId, "owner@example.com", "contributor", "Rita Owner"));
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
});
afterAll(async () => server.close());

const must = async <T = Record<string, unknown>>(p: Promise<{ status: number; body: T }>): Promise<T> => {
  const r = await p;
  if (r.status >= 300) throw new Error(`set-up failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
type Item = { kind: string; title: string; detail: string; due: string | null; overdue: boolean; activityId: string | null };
const inbox = async (client: ApiClient): Promise<Item[]> => (await must<{ items: Item[] }>(client.get(`${base}/inbox`))).items;
const kinds = async (client: ApiClient) => (await inbox(client)).map((i) => i.kind);

describe("the inbox", () => {
  it("is empty for a new organization", async () => {
    for (const client of [admin, approver, owner, viewer]) expect(await inbox(client)).toEqual([]);
  });

  it("puts a requested gate before top management, a rejected or stale one before the ISMS manager", async () => {
    await completePhase1(admin, orgId);
    const requested = await must<{ id: string }>(admin.post(`${base}/gates/G1/approvals`, {}));
    const [decision] = await inbox(approver);
    expect(decision).toMatchObject({ kind: "gate_decision", activityId: "5.4", due: null, overdue: false });
    expect(decision?.title).toMatch(/^Gate G1: 5\.4 /);
    expect(decision?.detail).toContain("Admin asked for your approval");
    // Nobody else decides gates, so it awaits nobody else.
    for (const client of [admin, owner, viewer]) expect(await kinds(client)).toEqual([]);

    await must(approver.post(`${base}/approvals/${requested.id}/reject`, { version: 1, comment: "Costs are missing the audit" }));
    expect(await kinds(approver)).toEqual([]);
    const [rejected] = await inbox(admin);
    expect(rejected).toMatchObject({ kind: "gate_rejected", activityId: "5.4" });
    expect(rejected?.detail).toContain('"Costs are missing the audit"');

    const again = await must<{ id: string }>(admin.post(`${base}/gates/G1/approvals`, {}));
    await must(approver.post(`${base}/approvals/${again.id}/approve`, { version: 1 }));
    expect(await kinds(admin)).toEqual([]);
    await must(admin.request("PUT", `${base}/business-case`, { ...BUSINESS_CASE, timeline: "18 months", version: 1 }));
    expect(await kinds(admin)).toEqual(["gate_stale"]);
    expect(await kinds(approver)).toEqual([]);
  });

  it("lists reviews coming due: a risk's for its owner and the managers, a document's for the managers", async () => {
    await must(admin.post(`${base}/risk-catalog/starter`, {}));
    const threatId = (await must<{ items: { id: string }[] }>(admin.get(`${base}/threats?limit=1`))).items[0]?.id;
    const asset = await must<{ id: string }>(admin.post(`${base}/assets`, { kind: "software", name: "CRM", owner: "IT" }));
    const risk = (ref: string, reviewDate: string) =>
      must<{ ref: string }>(
        admin.post(`${base}/risks`, { kind: "asset", title: ref, assetId: asset.id, threatId, ownerUserId: ownerId, reviewDate }),
      );
    const overdue = await risk("Overdue review", addDays(today, -3));
    const soon = await risk("Review soon", addDays(today, 10));
    await risk("Review far off", addDays(today, 60));
    await must(
      admin.post(`${base}/documents`, {
        identifier: "POL-001",
        title: "Information security policy",
        type: "isms_policy",
        owner: "ISMS manager",
        nextReviewDate: addDays(today, 20),
      }),
    );

    const ownersView = await inbox(owner);
    expect(ownersView.map((i) => [i.kind, i.title, i.overdue])).toEqual([
      ["risk_review_due", `${overdue.ref} Overdue review`, true],
      ["risk_review_due", `${soon.ref} Review soon`, false],
    ]);
    expect(ownersView[0]?.detail).toBe(`Its review was due on ${addDays(today, -3)}.`);
    expect((await inbox(admin)).map((i) => i.kind)).toEqual(["gate_stale", "risk_review_due", "risk_review_due", "document_review_due"]);
    expect(await kinds(viewer)).toEqual([]);
  });
});
