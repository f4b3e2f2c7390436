import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";
import { ASSET_RULES } from "../../../core/assets/rules.js";
import { emptyProcessData } from "../../../core/process/data.js";
import { loadAssetsData } from "./asset-data.js";

let server: TestServer;
let admin: ApiClient;
let contributor: ApiClient;
let viewer: ApiClient;
let orgId: string;
let base: string;

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  contributor = (await addMember(server, admin, orgId, "contributor@example.com", "contributor")).client;
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
});
afterAll(async () => server.close());

const create = async (client: ApiClient, body: Record<string, unknown>) => {
  const response = await client.post(`${base}/assets`, body);
  if (response.status !== 201) throw new Error(`asset not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number };
};

describe("the valuation scale", () => {
  it("starts with confidentiality, integrity and availability on 1–4 and is configured with its version", async () => {
    const scale = (await viewer.get(`${base}/valuation-scale`)).body;
    expect(scale).toMatchObject({ version: 0, updatedAt: null });
    expect(scale.objectives.map((o: { key: string; levels: string[] }) => [o.key, o.levels.length])).toEqual([
      ["confidentiality", 4],
      ["integrity", 4],
      ["availability", 4],
    ]);
    const objectives = [...scale.objectives, { key: "privacy", label: "Privacy", levels: ["Public", "Personal", "Sensitive"] }];
    expect((await contributor.request("PATCH", `${base}/valuation-scale`, { objectives, version: 0 })).status).toBe(403);
    const dup = await admin.request("PATCH", `${base}/valuation-scale`, { objectives: [...objectives, objectives[0]], version: 0 });
    expect(dup.status).toBe(400);
    expect(fields(dup.body)).toEqual(["objectives.4.key"]);
    const saved = await admin.request("PATCH", `${base}/valuation-scale`, { objectives, version: 0 });
    expect(saved.body).toMatchObject({ version: 1, objectives: expect.arrayContaining([expect.objectContaining({ key: "privacy" })]) });
    expect((await admin.request("PATCH", `${base}/valuation-scale`, { objectives, version: 0 })).status).toBe(409);
  });

  it("refuses a change that would strand a recorded value, naming it", async () => {
    const { id } = await create(admin, { kind: "information", name: "Health records", valuation: { privacy: 3, confidentiality: 4 } });
    const scale = (await admin.get(`${base}/valuation-scale`)).body;
    const smaller = scale.objectives
      .filter((o: { key: string }) => o.key !== "privacy")
      .map((o: { key: string; label: string; levels: string[] }) => ({ ...o, levels: o.levels.slice(0, 3) }));
    const refused = await admin.request("PATCH", `${base}/valuation-scale`, { objectives: smaller, version: scale.version });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('asset "Health records": valuation.privacy is not a security objective of the valuation scale');
    expect(refused.body.detail).toContain('asset "Health records": valuation.confidentiality must be a level from 1 to 3');
    expect((await admin.delete(`${base}/assets/${id}`)).status).toBe(200);
    const accepted = await admin.request("PATCH", `${base}/valuation-scale`, { objectives: smaller, version: scale.version });
    expect(accepted.body.version).toBe(scale.version + 1);
    // Back to the defaults for the rest of the file.
    const defaults = smaller.map((o: { levels: string[] }) => ({ ...o, levels: ["Low", "Medium", "High", "Very high"] }));
    expect((await admin.request("PATCH", `${base}/valuation-scale`, { objectives: defaults, version: accepted.body.version })).status).toBe(
      200,
    );
  });
});

describe("assets", () => {
  it("validates input and names the fields", async () => {
    const missing = await contributor.post(`${base}/assets`, { kind: "mainframe", name: " " });
    expect(missing.status).toBe(400);
    expect(fields(missing.body)).toEqual(["kind", "name"]);
    const scale = await contributor.post(`${base}/assets`, { kind: "information", name: "X", valuation: { secrecy: 2, integrity: 5 } });
    expect(scale.status).toBe(400);
    expect(scale.body.errors).toEqual([
      { field: "valuation.secrecy", message: "is not a security objective of the valuation scale" },
      { field: "valuation.integrity", message: "must be a level from 1 to 4" },
    ]);
    const override = await contributor.post(`${base}/assets`, { kind: "business_process", name: "X", valuationOverride: { integrity: 2 } });
    expect(fields(override.body)).toEqual(["overrideReason", "valuationOverride"]);
    const reasonAlone = await contributor.post(`${base}/assets`, { kind: "hardware", name: "X", overrideReason: "because" });
    expect(reasonAlone.body.errors).toEqual([{ field: "overrideReason", message: "applies only together with a valuationOverride" }]);
    const location = await contributor.post(`${base}/assets`, { kind: "hardware", name: "X", locationElementId: orgId });
    expect(location.body.errors).toEqual([{ field: "locationElementId", message: "is not a scope element of this organization" }]);
    expect((await viewer.post(`${base}/assets`, { kind: "hardware", name: "X" })).status).toBe(403);
  });

  it("links supporting assets to primary ones only, and refuses the rest", async () => {
    const payroll = await create(contributor, { kind: "business_process", name: "Payroll" });
    const records = await create(contributor, { kind: "information", name: "Employee records" });
    const server1 = await create(contributor, { kind: "hardware", name: "Server 1" });
    const erp = await create(contributor, { kind: "software", name: "ERP" });
    const link = (from: string, to: string) => contributor.post(`${base}/assets/${from}/supports`, { primaryAssetId: to });

    const ok = await link(server1.id, payroll.id);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ supportingAssetId: server1.id, primaryAssetId: payroll.id });
    expect((await link(server1.id, payroll.id)).status).toBe(409);
    const self = await link(server1.id, server1.id);
    expect([self.status, self.body.errors]).toEqual([400, [{ field: "primaryAssetId", message: "an asset cannot support itself" }]]);
    const fromPrimary = await link(payroll.id, records.id);
    expect([fromPrimary.status, fields(fromPrimary.body)]).toEqual([400, ["assetId"]]);
    const toSupporting = await link(erp.id, server1.id);
    expect([toSupporting.status, fields(toSupporting.body)]).toEqual([400, ["primaryAssetId"]]);
    expect(fields((await link(erp.id, orgId)).body)).toEqual(["primaryAssetId"]);
    expect((await contributor.post(`${base}/assets/${orgId}/supports`, { primaryAssetId: payroll.id })).status).toBe(404);

    const detail = (await viewer.get(`${base}/assets/${payroll.id}`)).body;
    expect(detail.supportedBy).toEqual([{ id: server1.id, name: "Server 1", kind: "hardware" }]);
    expect((await contributor.delete(`${base}/assets/${server1.id}/supports/${payroll.id}`)).status).toBe(200);
    expect((await contributor.delete(`${base}/assets/${server1.id}/supports/${payroll.id}`)).status).toBe(404);
  });

  it("derives a supporting asset's valuation from what it supports, explains it, and lets an override with a reason win", async () => {
    const shop = await create(admin, {
      kind: "business_process",
      name: "Web shop",
      valuation: { confidentiality: 2, integrity: 3, availability: 4 },
    });
    const cards = await create(admin, { kind: "information", name: "Card data", valuation: { confidentiality: 4, integrity: 3 } });
    const host = await create(admin, { kind: "service", name: "Hosting", owner: "Ops", valuation: { availability: 1 } });
    for (const primary of [shop, cards]) await admin.post(`${base}/assets/${host.id}/supports`, { primaryAssetId: primary.id });

    const derived = (await viewer.get(`${base}/assets/${host.id}`)).body;
    expect(derived.effectiveValuation).toEqual({ confidentiality: 4, integrity: 3, availability: 4 });
    expect(derived.supports.map((s: { name: string }) => s.name)).toEqual(["Card data", "Web shop"]);
    const [c, i, a] = derived.derivation;
    expect(c).toMatchObject({ source: "derived", value: 4, levelLabel: "Very high", from: [{ id: cards.id, name: "Card data" }] });
    expect(c.explanation).toBe("Confidentiality 4 (Very high), the highest among the assets it supports (Card data: 4, Web shop: 2).");
    expect(i.from.map((f: { name: string }) => f.name)).toEqual(["Card data", "Web shop"]);
    expect(a).toMatchObject({ source: "derived", value: 4, from: [{ name: "Web shop" }] });

    const overridden = await admin.request("PATCH", `${base}/assets/${host.id}`, {
      kind: "service",
      name: "Hosting",
      owner: "Ops",
      valuation: { availability: 1 },
      valuationOverride: { confidentiality: 2 },
      overrideReason: "Card data is tokenized before it reaches the host",
      version: derived.version,
    });
    expect(overridden.status).toBe(200);
    expect(overridden.body.derivation[0]).toMatchObject({ source: "override", value: 2 });
    expect(overridden.body.derivation[0].explanation).toContain("tokenized");
    expect(overridden.body.effectiveValuation).toEqual({ confidentiality: 2, integrity: 3, availability: 4 });

    const listed = (await viewer.get(`${base}/assets?q=hosting`)).body.items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ category: "supporting", inScope: true, effectiveValuation: { confidentiality: 2, availability: 4 } });

    const stale = await admin.request("PATCH", `${base}/assets/${host.id}`, { kind: "service", name: "Stale", version: derived.version });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ name: "Hosting", version: derived.version + 1, valuationOverride: { confidentiality: 2 } });
    const switched = await admin.request("PUT", `${base}/assets/${host.id}`, {
      kind: "information",
      name: "Hosting",
      description: null,
      owner: null,
      custodian: null,
      classification: null,
      locationElementId: null,
      valuation: {},
      valuationOverride: {},
      overrideReason: null,
      externalRef: null,
      version: derived.version + 1,
    });
    expect(switched.status).toBe(409);
    expect(switched.body.detail).toMatch(/has 2 supports link\(s\); remove them before making it a primary asset/);
  });

  it("lists with filters, sorting and a cursor; in-scope status comes from the location's scope element", async () => {
    const site = await admin.post(`${base}/scope/elements`, {
      kind: "site",
      name: "Old data centre",
      inScope: false,
      exclusionJustification: "Being shut down",
    });
    expect(site.status).toBe(201);
    const externalRef = "CMDB-0042";
    await create(admin, {
      kind: "hardware",
      name: "Legacy SAN",
      owner: "Storage team",
      classification: "internal",
      locationElementId: site.body.id,
      externalRef,
    });
    const dup = await admin.post(`${base}/assets`, { kind: "hardware", name: "Other", externalRef });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toContain('belongs to the asset "Legacy SAN"');

    const names = async (query: string) =>
      ((await viewer.get(`${base}/assets?${query}`)).body.items as { name: string }[]).map((a) => a.name);
    expect(await names("inScope=false")).toEqual(["Legacy SAN"]);
    expect(await names("inScope=true&kind=hardware")).toEqual(["Server 1"]);
    expect(await names("owner=Storage%20team")).toEqual(["Legacy SAN"]);
    expect(await names("classification=internal")).toEqual(["Legacy SAN"]);
    expect(await names("category=primary")).toEqual(["Card data", "Employee records", "Payroll", "Web shop"]);
    expect(await names("category=primary&dir=desc&limit=3")).toEqual(["Web shop", "Payroll", "Employee records"]);
    expect(await names("q=%25")).toEqual([]);

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await viewer.get(
        `${base}/assets?sort=createdAt&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      all.push(...page.body.items.map((a) => a.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toEqual(["Payroll", "Employee records", "Server 1", "ERP", "Web shop", "Card data", "Hosting", "Legacy SAN"]);
    const bad = await viewer.get(`${base}/assets?inScope=maybe&kind=x&sort=owner`);
    expect(fields(bad.body)).toEqual(["inScope", "kind", "sort"]);
  });

  it("searches names case-insensitively beyond ASCII, the same on both databases", async () => {
    const { id } = await create(admin, { kind: "information", name: "Ärztliche Befunde" });
    const found = (await viewer.get(`${base}/assets?q=${encodeURIComponent("ÄRZTLICHE")}`)).body.items;
    expect(found.map((a: { name: string }) => a.name)).toEqual(["Ärztliche Befunde"]);
    expect((await admin.delete(`${base}/assets/${id}`)).status).toBe(200);
  });

  it("returns the dependency graph a page of links at a time, or around one asset", async () => {
    const graph = (await viewer.get(`${base}/assets/graph`)).body;
    expect(graph.edges).toHaveLength(2);
    expect(graph.nodes.map((n: { name: string }) => n.name)).toEqual(["Card data", "Hosting", "Web shop"]);
    expect(graph.nodes.find((n: { name: string }) => n.name === "Hosting")).toMatchObject({ category: "supporting", inScope: true });
    const first = (await viewer.get(`${base}/assets/graph?limit=1`)).body;
    expect(first.edges).toHaveLength(1);
    const second = (await viewer.get(`${base}/assets/graph?limit=1&cursor=${first.nextCursor}`)).body;
    expect([...first.edges, ...second.edges]).toEqual(graph.edges);
    expect(second.nextCursor).toBeNull();
    const shop = graph.nodes.find((n: { name: string }) => n.name === "Web shop");
    const focused = (await viewer.get(`${base}/assets/graph?assetId=${shop.id}`)).body;
    expect(focused.nodes.map((n: { name: string }) => n.name)).toEqual(["Hosting", "Web shop"]);
  });

  it("feeds the completion rule of 7.3 through its loader", async () => {
    const data = { ...emptyProcessData(), assets: await loadAssetsData(server.db, orgId) };
    const checks = ASSET_RULES["asset-inventory-complete"]!(data).checks;
    const missing = (id: string) => checks.find((c) => c.id === id)!.missing.map((m) => m.message);
    expect(missing("primary-asset")).toEqual([]);
    expect(missing("asset-owners")).toContain('Asset "Payroll" needs an owner.');
    expect(missing("asset-owners")).not.toContain('Asset "Legacy SAN" needs an owner.');
    expect(missing("asset-owners")).not.toContain('Asset "Hosting" needs an owner.');
    expect(missing("supporting-assets-linked")).toEqual([
      'Supporting asset "ERP" does not support any primary asset yet.',
      'Supporting asset "Server 1" does not support any primary asset yet.',
    ]);
  });

  it("removes an asset with its links, each in the audit trail", async () => {
    const graph = (await admin.get(`${base}/assets/graph`)).body;
    const shop = graph.nodes.find((n: { name: string }) => n.name === "Web shop");
    expect((await admin.delete(`${base}/assets/${shop.id}`)).status).toBe(200);
    expect((await admin.get(`${base}/assets/graph`)).body.edges).toHaveLength(1);
    const events = (await admin.get(`${base}/audit?entityType=asset support`)).body.items;
    expect(events.map((e: { action: string }) => e.action)).toContain("asset support.deleted");
    expect((await admin.get(`${base}/assets/${shop.id}`)).status).toBe(404);
  });

  it("keeps each organization's inventory to itself", async () => {
    const other = (await admin.post("/api/v1/orgs", { name: "Other client" })).body.id as string;
    const mine = (await admin.get(`${base}/assets?limit=1`)).body.items[0];
    const theirs = `/api/v1/orgs/${other}`;
    expect((await admin.get(`${theirs}/assets/${mine.id}`)).status).toBe(404);
    expect(
      (await admin.request("PATCH", `${theirs}/assets/${mine.id}`, { kind: mine.kind, name: "x", version: mine.version })).status,
    ).toBe(404);
    expect((await admin.delete(`${theirs}/assets/${mine.id}`)).status).toBe(404);
    expect((await admin.get(`${theirs}/assets`)).body.items).toEqual([]);
    expect((await admin.get(`${theirs}/assets/graph`)).body).toEqual({ nodes: [], edges: [], nextCursor: null });
    const foreign = (await admin.post(`${theirs}/assets`, { kind: "software", name: "Their app" })).body;
    const crossLink = await admin.post(`${theirs}/assets/${foreign.id}/supports`, { primaryAssetId: mine.id });
    expect([crossLink.status, fields(crossLink.body)]).toEqual([400, ["primaryAssetId"]]);
    expect((await admin.get(`${theirs}/valuation-scale`)).body.version).toBe(0);
  });
});
