import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";
import { emptyProcessData } from "../../../core/process/data.js";
import { REQUIREMENTS_RULES } from "../../../core/requirements/rules.js";
import { loadRequirementsData } from "./requirements-data.js";

let server: TestServer;
let admin: ApiClient;
let viewer: ApiClient;
let orgId: string;
let base: string;
let customers: { id: string; version: number };
let regulator: { id: string; version: number };

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();
const created = async (response: Promise<{ status: number; body: any }>) => {
  const r = await response;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
});
afterAll(async () => server.close());

describe("interested parties", () => {
  it("are created, validated, listed with filters and a cursor, and updated with their version", async () => {
    const bad = await admin.post(`${base}/interested-parties`, { name: "", kind: "alien", extra: 1 });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["extra", "kind", "name"]);
    customers = await created(
      admin.post(`${base}/interested-parties`, {
        name: "Enterprise customers",
        kind: "customer",
        expectations: "Their data stays confidential",
      }),
    );
    expect(customers).toMatchObject({ kind: "customer", description: null, requirementCount: 0, version: 1 });
    regulator = await created(admin.post(`${base}/interested-parties`, { name: "Data protection authority", kind: "regulator" }));
    await created(admin.post(`${base}/interested-parties`, { name: "Staff", kind: "employee", description: "  " }));
    expect((await viewer.post(`${base}/interested-parties`, { name: "X", kind: "other" })).status).toBe(403);

    const names = async (query: string) =>
      ((await viewer.get(`${base}/interested-parties?${query}`)).body.items as { name: string }[]).map((p) => p.name);
    expect(await names("")).toEqual(["Data protection authority", "Enterprise customers", "Staff"]);
    expect(await names("kind=regulator")).toEqual(["Data protection authority"]);
    expect(await names("q=CUSTOM")).toEqual(["Enterprise customers"]);
    const page1 = (await viewer.get(`${base}/interested-parties?sort=createdAt&limit=2`)).body;
    const page2 = (await viewer.get(`${base}/interested-parties?sort=createdAt&limit=2&cursor=${page1.nextCursor}`)).body;
    expect([...page1.items, ...page2.items].map((p: { name: string }) => p.name)).toEqual([
      "Enterprise customers",
      "Data protection authority",
      "Staff",
    ]);
    expect(page2.items[0].description).toBeNull();

    const renamed = await admin.request("PUT", `${base}/interested-parties/${customers.id}`, {
      name: "Customers",
      kind: "customer",
      description: null,
      expectations: null,
      version: 1,
    });
    expect(renamed.body).toMatchObject({ name: "Customers", expectations: null, version: 2 });
    customers = renamed.body;
    const stale = await admin.request("PATCH", `${base}/interested-parties/${customers.id}`, { name: "X", kind: "customer", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ name: "Customers", version: 2 });
  });
});

describe("requirements", () => {
  it("belong to a party of the organization, fit the valuation scale and keep external references unique", async () => {
    const bad = await admin.post(`${base}/requirements`, { title: "x", partyId: orgId, confidentiality: 5, availability: 0 });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["availability"]);
    const notFitting = await admin.post(`${base}/requirements`, { title: "x", partyId: orgId, confidentiality: 5 });
    expect(notFitting.body.errors).toEqual([
      { field: "confidentiality", message: "must be a level from 1 to 4" },
      { field: "partyId", message: "is not an interested party of this organization" },
    ]);

    const residency = await created(
      admin.post(`${base}/requirements`, {
        title: "Customer data stays in the EU",
        partyId: customers.id,
        source: "Master services agreement §12",
        owner: "Legal",
        confidentiality: 4,
        externalRef: "REQ-1",
      }),
    );
    expect(residency).toMatchObject({ partyName: "Customers", confidentiality: 4, integrity: null, assetCount: 0, assets: [] });
    const dup = await admin.post(`${base}/requirements`, { title: "Other", partyId: customers.id, externalRef: "REQ-1" });
    expect(dup.status).toBe(409);
    await created(admin.post(`${base}/requirements`, { title: "Breach notice within 72 hours", partyId: regulator.id, owner: "DPO" }));

    const titles = async (query: string) =>
      ((await viewer.get(`${base}/requirements?${query}`)).body.items as { title: string }[]).map((r) => r.title);
    expect(await titles("")).toEqual(["Customer data stays in the EU", "Breach notice within 72 hours"]);
    expect(await titles(`partyId=${regulator.id}`)).toEqual(["Breach notice within 72 hours"]);
    expect(await titles("owner=Legal&sort=title")).toEqual(["Customer data stays in the EU"]);
    expect(await titles("q=72")).toEqual(["Breach notice within 72 hours"]);
    expect((await viewer.get(`${base}/interested-parties/${customers.id}`)).body.requirementCount).toBe(1);

    const changed = await admin.request("PUT", `${base}/requirements/${residency.id}`, {
      title: residency.title,
      description: residency.description,
      partyId: customers.id,
      source: residency.source,
      owner: "General counsel",
      confidentiality: null,
      integrity: null,
      availability: null,
      externalRef: null,
      version: 1,
    });
    expect(changed.body).toMatchObject({ owner: "General counsel", confidentiality: null, externalRef: null, version: 2 });
    const stale = await admin.request("PATCH", `${base}/requirements/${residency.id}`, { title: "x", partyId: customers.id, version: 1 });
    expect([stale.status, stale.body.current.owner]).toEqual([409, "General counsel"]);
  });

  it("keep the party they come from: a named party cannot be removed", async () => {
    const refused = await admin.delete(`${base}/interested-parties/${regulator.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('requirement "Breach notice within 72 hours"');
    const staff = (await admin.get(`${base}/interested-parties?kind=employee`)).body.items[0];
    expect((await admin.delete(`${base}/interested-parties/${staff.id}`)).status).toBe(200);
  });
});

describe("obligations from phase 1", () => {
  it("gain needs, a party and an external reference, while phase 1's routes keep working on the same record", async () => {
    const phase1 = `${base}/obligations`;
    const gdpr = await created(admin.post(phase1, { title: "GDPR", kind: "legal", source: "Regulation (EU) 2016/679", owner: "DPO" }));
    const path = `${base}/requirements/obligations/${gdpr.id}`;
    expect((await viewer.get(path)).body).toMatchObject({ title: "GDPR", confidentiality: null, interestedPartyId: null, assets: [] });

    const bad = await admin.request("PATCH", path, { confidentiality: 9, interestedPartyId: customers.id, nonsense: "x", version: 1 });
    expect(fields(bad.body)).toEqual(["nonsense"]);
    const unknownParty = await admin.request("PATCH", path, { interestedPartyId: orgId, version: 1 });
    expect(unknownParty.body.errors).toEqual([{ field: "interestedPartyId", message: "is not an interested party of this organization" }]);

    const set = await admin.request("PATCH", path, {
      confidentiality: 4,
      integrity: 3,
      availability: null,
      interestedPartyId: regulator.id,
      externalRef: "LEX-7",
      version: 1,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      source: "Regulation (EU) 2016/679",
      confidentiality: 4,
      interestedPartyName: "Data protection authority",
      version: 2,
    });

    // Phase 1 edits its own fields; the ones 7.2 added stay, and both share the version.
    expect((await admin.request("PATCH", `${phase1}/${gdpr.id}`, { title: "GDPR", kind: "legal", version: 1 })).status).toBe(409);
    const edited = await admin.request("PUT", `${phase1}/${gdpr.id}`, {
      title: "GDPR (EU)",
      kind: "legal",
      source: null,
      jurisdiction: null,
      reference: null,
      owner: "DPO",
      notes: null,
      version: 2,
    });
    expect(edited.body).toMatchObject({ title: "GDPR (EU)", source: null, version: 3 });
    expect((await viewer.get(path)).body).toMatchObject({ title: "GDPR (EU)", confidentiality: 4, externalRef: "LEX-7", version: 3 });
    expect((await admin.request("PATCH", path, { version: 2 })).status).toBe(409);

    await created(admin.post(phase1, { title: "Customer contracts", kind: "contractual" }));
    const listed = (await viewer.get(`${base}/requirements/obligations?partyId=${regulator.id}`)).body.items;
    expect(listed.map((o: { title: string }) => o.title)).toEqual(["GDPR (EU)"]);
    expect((await viewer.get(`${base}/requirements/obligations?kind=contractual`)).body.items[0]).toMatchObject({ confidentiality: null });
    expect((await viewer.get(`${phase1}?q=gdpr`)).body.items[0]).toMatchObject({ title: "GDPR (EU)", kind: "legal" });
  });
});

describe("links to assets", () => {
  it("record which assets a requirement or obligation applies to, readable both ways", async () => {
    const payroll = await created(admin.post(`${base}/assets`, { kind: "business_process", name: "Payroll" }));
    const crm = await created(admin.post(`${base}/assets`, { kind: "software", name: "CRM" }));
    const requirement = (await admin.get(`${base}/requirements?q=EU`)).body.items[0];
    const obligation = (await admin.get(`${base}/requirements/obligations?q=gdpr`)).body.items[0];

    const linked = await admin.post(`${base}/requirements/${requirement.id}/assets`, { assetId: payroll.id });
    expect(linked.status).toBe(201);
    expect(linked.body.asset).toEqual({ id: payroll.id, name: "Payroll", kind: "business_process" });
    expect((await admin.post(`${base}/requirements/${requirement.id}/assets`, { assetId: payroll.id })).status).toBe(409);
    const missing = await admin.post(`${base}/requirements/${requirement.id}/assets`, { assetId: orgId });
    expect(missing.body.errors).toEqual([{ field: "assetId", message: "is not an asset of this organization" }]);
    expect((await admin.post(`${base}/requirements/${orgId}/assets`, { assetId: payroll.id })).status).toBe(404);
    expect((await viewer.post(`${base}/requirements/${requirement.id}/assets`, { assetId: crm.id })).status).toBe(403);
    for (const asset of [payroll, crm]) {
      expect((await admin.post(`${base}/requirements/obligations/${obligation.id}/assets`, { assetId: asset.id })).status).toBe(201);
    }

    expect((await viewer.get(`${base}/requirements/${requirement.id}`)).body.assets.map((a: { name: string }) => a.name)).toEqual([
      "Payroll",
    ]);
    expect((await viewer.get(`${base}/requirements/obligations?q=gdpr`)).body.items[0].assetCount).toBe(2);
    const applying = (await viewer.get(`${base}/assets/${payroll.id}/requirements`)).body;
    expect(applying.items.map((l: { type: string; title: string }) => [l.type, l.title])).toEqual([
      ["requirement", "Customer data stays in the EU"],
      ["obligation", "GDPR (EU)"],
    ]);
    const firstOnly = (await viewer.get(`${base}/assets/${payroll.id}/requirements?limit=1`)).body;
    expect(firstOnly.items).toHaveLength(1);
    expect((await viewer.get(`${base}/assets/${payroll.id}/requirements?cursor=${firstOnly.nextCursor}`)).body.items[0].type).toBe(
      "obligation",
    );

    expect((await admin.delete(`${base}/requirements/obligations/${obligation.id}/assets/${crm.id}`)).status).toBe(200);
    expect((await admin.delete(`${base}/requirements/obligations/${obligation.id}/assets/${crm.id}`)).status).toBe(404);
    expect((await admin.delete(`${base}/requirements/${requirement.id}`)).status).toBe(200);
    expect((await viewer.get(`${base}/assets/${payroll.id}/requirements`)).body.items.map((l: { type: string }) => l.type)).toEqual([
      "obligation",
    ]);
    const events = (await admin.get(`${base}/audit?entityType=requirement link`)).body.items;
    expect(events.filter((e: { action: string }) => e.action === "requirement link.deleted")).toHaveLength(2);
  });
});

describe("the completion rule of 7.2 and organizations", () => {
  it("feeds the rule through its loader", async () => {
    const data = { ...emptyProcessData(), requirements: await loadRequirementsData(server.db, orgId) };
    const checks = REQUIREMENTS_RULES["security-requirements-recorded"]!(data).checks;
    expect(checks.find((c) => c.id === "interested-party-requirement")!.ok).toBe(true);
    expect(checks.find((c) => c.id === "requirements-sourced-and-owned")!.missing.map((m) => m.message)).toEqual([
      'Requirement "Breach notice within 72 hours" needs a source.',
    ]);
  });

  it("keeps each organization's requirements to itself", async () => {
    const other = (await admin.post("/api/v1/orgs", { name: "Other client" })).body.id as string;
    const theirs = `/api/v1/orgs/${other}`;
    const requirement = (await admin.get(`${base}/requirements`)).body.items[0];
    const obligation = (await admin.get(`${base}/requirements/obligations`)).body.items[0];
    expect((await admin.get(`${theirs}/requirements/${requirement.id}`)).status).toBe(404);
    expect((await admin.get(`${theirs}/requirements/obligations/${obligation.id}`)).status).toBe(404);
    expect(
      (await admin.request("PATCH", `${theirs}/requirements/obligations/${obligation.id}`, { version: obligation.version })).status,
    ).toBe(404);
    expect((await admin.get(`${theirs}/interested-parties/${regulator.id}`)).status).toBe(404);
    expect((await admin.delete(`${theirs}/interested-parties/${regulator.id}`)).status).toBe(404);
    expect((await admin.get(`${theirs}/requirements`)).body.items).toEqual([]);
    const borrowed = await admin.post(`${theirs}/requirements`, { title: "Borrowed", partyId: regulator.id });
    expect(fields(borrowed.body)).toEqual(["partyId"]);
  });
});
