import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let viewer: ApiClient;
let orgId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
});
afterAll(async () => server.close());

describe("phase 1 registers", () => {
  it("creates, lists with search and paging, updates with a version, and deletes obligations", async () => {
    const base = `/api/v1/orgs/${orgId}/obligations`;
    const gdpr = await admin.post(base, { title: "GDPR", kind: "legal", source: "EU 2016/679", jurisdiction: "EU", reference: "Art. 32" });
    expect(gdpr.status).toBe(201);
    expect(gdpr.body).toMatchObject({ title: "GDPR", kind: "legal", owner: null, version: 1 });
    await admin.post(base, { title: "Customer MSA security annex", kind: "contractual" });
    await admin.post(base, { title: "NIS2", kind: "regulatory" });
    const bad = await admin.post(base, { title: "", kind: "moral" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["kind", "title"]);

    const page1 = await viewer.get(`${base}?sort=title&limit=2`);
    expect(page1.body.items.map((o: { title: string }) => o.title)).toEqual(["Customer MSA security annex", "GDPR"]);
    const page2 = await viewer.get(`${base}?sort=title&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((o: { title: string }) => o.title)).toEqual(["NIS2"]);
    expect((await viewer.get(`${base}?q=gdp`)).body.items).toHaveLength(1);

    const whole = { title: "GDPR", kind: "legal", source: null, jurisdiction: null, reference: null, owner: "DPO", notes: null };
    const updated = await admin.request("PUT", `${base}/${gdpr.body.id}`, { ...whole, version: 1 });
    expect(updated.body).toMatchObject({ owner: "DPO", version: 2, source: null });
    const stale = await admin.request("PATCH", `${base}/${gdpr.body.id}`, { title: "X", kind: "legal", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ title: "GDPR", version: 2 });

    expect((await viewer.delete(`${base}/${gdpr.body.id}`)).status).toBe(403);
    expect((await admin.delete(`${base}/${gdpr.body.id}`)).status).toBe(200);
    expect((await admin.get(`${base}/${gdpr.body.id}`)).status).toBe(404);
  });

  it("keeps each organization's register to itself", async () => {
    const other = (await admin.post("/api/v1/orgs", { name: "Other client" })).body.id;
    const mine = await admin.post(`/api/v1/orgs/${orgId}/objectives`, { title: "Win regulated customers" });
    expect((await admin.get(`/api/v1/orgs/${other}/objectives/${mine.body.id}`)).status).toBe(404);
    expect((await admin.request("PATCH", `/api/v1/orgs/${other}/objectives/${mine.body.id}`, { title: "x", version: 1 })).status).toBe(404);
    expect((await admin.delete(`/api/v1/orgs/${other}/objectives/${mine.body.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/orgs/${other}/objectives`)).body.items).toEqual([]);
  });

  it("validates costs and milestones", async () => {
    const cost = await admin.post(`/api/v1/orgs/${orgId}/business-case/costs`, { title: "Consultancy", amount: 12000.5, currency: "eur" });
    expect(cost.body).toMatchObject({ amount: 12000.5, currency: "EUR" });
    const badCost = await admin.post(`/api/v1/orgs/${orgId}/business-case/costs`, { title: "x", amount: -1, currency: "euro" });
    expect(badCost.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["amount", "currency"]);
    const badDate = await admin.post(`/api/v1/orgs/${orgId}/milestones`, { title: "Go", dueDate: "31/12/2027" });
    expect(badDate.body.errors).toEqual([{ field: "dueDate", message: "must be a date like 2027-03-31" }]);
    const milestone = await admin.post(`/api/v1/orgs/${orgId}/milestones`, { title: "Stage 1 audit", dueDate: "2027-06-30", owner: "Ada" });
    expect(milestone.body).toMatchObject({ dueDate: "2027-06-30", owner: "Ada", done: false });
  });
});

describe("project roles", () => {
  it("refuses an empty row as the first assignment, naming the field, and stores a named one (issue 11, item 12)", async () => {
    const path = `/api/v1/orgs/${orgId}/project-roles/sponsor`;
    const empty = await admin.patch(path, { personName: "  ", version: 0 });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: "personName" })]);
    expect(
      (await admin.get(`/api/v1/orgs/${orgId}/project-roles`)).body.items.find((r: { key: string }) => r.key === "sponsor"),
    ).toMatchObject({
      personName: null,
      version: 0,
    });
    const named = await admin.patch(path, { personName: "Chief Executive", version: 0 });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ personName: "Chief Executive", version: 1 });
  });
});

describe("phase 1 documents", () => {
  it("starts empty at version 0, is created with version 0 and then updated with its version", async () => {
    const path = `/api/v1/orgs/${orgId}/business-case`;
    expect((await viewer.get(path)).body).toMatchObject({ objectives: null, version: 0, updatedAt: null });
    const body = {
      objectives: "Certify by 2027",
      benefits: "Tenders",
      resources: "1 FTE",
      timeline: "12 months",
      risksOfNotImplementing: "Lost deals",
    };
    expect((await admin.request("PATCH", path, { ...body, version: 1 })).status).toBe(409);
    const created = await admin.request("PATCH", path, { ...body, version: 0 });
    expect(created.body).toMatchObject({ ...body, version: 1 });
    expect((await admin.request("PATCH", path, { ...body, version: 0 })).status).toBe(409);
    const changed = await admin.request("PATCH", path, { ...body, benefits: "Tenders and trust", version: 1 });
    expect(changed.body).toMatchObject({ benefits: "Tenders and trust", version: 2 });
    expect((await viewer.request("PATCH", path, { ...body, version: 2 })).status).toBe(403);
    const events = await admin.get(`/api/v1/orgs/${orgId}/audit?entityType=business case`);
    expect(events.body.items[0].changes.benefits).toEqual({ before: "Tenders", after: "Tenders and trust" });
  });

  it("stores the preliminary scope's units and sites as lists", async () => {
    const path = `/api/v1/orgs/${orgId}/preliminary-scope`;
    const saved = await admin.request("PATCH", path, {
      statement: "The SaaS platform and its operations",
      units: ["Engineering", "Operations"],
      sites: ["Berlin HQ"],
      version: 0,
    });
    expect(saved.body).toMatchObject({ units: ["Engineering", "Operations"], sites: ["Berlin HQ"], version: 1 });
    expect((await admin.request("PATCH", path, { statement: "x", units: [""], sites: [], version: 1 })).body.errors[0].field).toBe(
      "units.0",
    );
  });
});
