import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let orgId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
});
afterAll(async () => server.close());

const setCurrency = async (currency: string) => {
  const { version } = (await admin.get(`/api/v1/orgs/${orgId}`)).body;
  expect((await admin.patch(`/api/v1/orgs/${orgId}`, { currency, version })).status).toBe(200);
};

describe("money fields default to the organization's currency (issue 11, item 10)", () => {
  it("stores a cost line without a currency in the organization's, and keeps it when the organization's currency changes", async () => {
    const costs = `/api/v1/orgs/${orgId}/business-case/costs`;
    await setCurrency("CHF");
    const line = await admin.post(costs, { title: "Certification audit", amount: 18000 });
    expect(line.status).toBe(201);
    expect(line.body).toMatchObject({ amount: 18000, currency: "CHF" });
    const given = await admin.post(costs, { title: "Training", amount: 900, currency: "usd" });
    expect(given.body.currency).toBe("USD");

    await setCurrency("SEK");
    expect((await admin.get(`${costs}/${line.body.id}`)).body.currency).toBe("CHF");
    // PATCH keeps the stored currency; a new line takes the new one.
    const patched = await admin.patch(`${costs}/${line.body.id}`, { amount: 19000, version: 1 });
    expect(patched.body).toMatchObject({ amount: 19000, currency: "CHF" });
    expect((await admin.post(costs, { title: "Tooling", amount: 5000 })).body.currency).toBe("SEK");
  });

  it("refuses a currency that is not an ISO 4217 code, naming the field; PUT still names every field", async () => {
    const costs = `/api/v1/orgs/${orgId}/business-case/costs`;
    const unknown = await admin.post(costs, { title: "x", amount: 1, currency: "XXZ" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: "currency", message: "is not an ISO 4217 currency code" }]);
    const shape = await admin.post(costs, { title: "x", amount: 1, currency: "eu" });
    expect(shape.body.errors.map((e: { field: string }) => e.field)).toEqual(["currency"]);

    const line = (await admin.post(costs, { title: "Audit", amount: 1 })).body;
    const put = await admin.request("PUT", `${costs}/${line.id}`, { title: "Audit", amount: 2, version: line.version });
    expect(put.status).toBe(400);
    expect(put.body.errors.map((e: { field: string }) => e.field)).toEqual(["currency"]);
  });

  it("stores a risk's estimates without a currency in the organization's, and refuses an unknown one", async () => {
    await setCurrency("GBP");
    const asset = (await admin.post(`/api/v1/orgs/${orgId}/assets`, { kind: "information", name: "Customer data", owner: "Sales" })).body;
    const estimate = { min: 1000, mostLikely: 20000, max: 500000 };
    const quant = { current: { frequency: { min: 0.1, mostLikely: 0.5, max: 3 }, magnitude: estimate } };
    const risk = { kind: "scenario", title: "Ransomware", event: "Ransomware on a file server", affectedAssetIds: [asset.id] };
    const created = await admin.post(`/api/v1/orgs/${orgId}/risks`, { ...risk, quant });
    expect(created.status).toBe(201);
    expect(created.body.quant.currency).toBe("GBP");
    await setCurrency("EUR");
    const read = await admin.get(`/api/v1/orgs/${orgId}/risks/${created.body.id}`);
    expect(read.body.quant.currency).toBe("GBP");
    expect((await admin.get(`/api/v1/orgs/${orgId}/risks/${created.body.id}/quant?iterations=100`)).body.currency).toBe("GBP");

    const refused = await admin.post(`/api/v1/orgs/${orgId}/risks`, { ...risk, quant: { ...quant, currency: "XXZ" } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: "quant.currency", message: "is not an ISO 4217 currency code" }]);
  });
});
