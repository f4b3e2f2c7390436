import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let orgId: string;
let base: string;
let asset: string;

const scenario = (i: number) => ({
  kind: "scenario",
  title: `Concurrent risk ${i}`,
  event: "Ransomware on a file server",
  affectedAssetIds: [asset],
  // Scored, so the first creates also race to start the method draft they are scored with.
  inherent: { likelihood: 1 + (i % 5), impact: 2 },
});

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  asset = (await admin.post(`${base}/assets`, { kind: "information", name: "Customer data", owner: "Sales" })).body.id;
});
afterAll(async () => server.close());

describe("numbering under concurrency", () => {
  it("gives 20 concurrent risk creations 20 distinct references", async () => {
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.post(`${base}/risks`, scenario(i))));
    expect(created.map((r) => r.status)).toEqual(Array(20).fill(201));
    const refs = created.map((r) => r.body.ref as string).sort();
    expect(refs).toEqual(Array.from({ length: 20 }, (_, i) => `R-${String(i + 1).padStart(4, "0")}`));
    // One method draft was started for all of them, not one per request.
    expect(new Set(created.map((r) => r.body.methodNumber))).toEqual(new Set([1]));
  });

  it("starts one risk method draft out of concurrent requests; the others are told why", async () => {
    const tries = await Promise.all(Array.from({ length: 5 }, () => admin.post(`${base}/risk-method/versions`, {})));
    const statuses = tries.map((r) => r.status).sort();
    // The draft started by the first risk is still open, so every one of them is refused clearly.
    expect(statuses).toEqual([409, 409, 409, 409, 409]);
    expect(tries[0]?.body.detail).toMatch(/already a draft/);
  });

  it("freezes one scope statement version out of concurrent identical requests", async () => {
    const tries = await Promise.all(Array.from({ length: 5 }, () => admin.post(`${base}/scope/statement/versions`, { note: null })));
    const statuses = tries.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    expect(tries.find((r) => r.status === 201)?.body.number).toBe(1);
  });

  it("continues from the numbers already given when a scope has no counter yet (data restored or older than the counter)", async () => {
    await server.db.kysely.deleteFrom("number_counters").where("name", "=", "risks").where("scope", "=", orgId).execute();
    const next = await admin.post(`${base}/risks`, scenario(21));
    expect(next.status).toBe(201);
    expect(next.body.ref).toBe("R-0021");
    const after = await Promise.all([admin.post(`${base}/risks`, scenario(22)), admin.post(`${base}/risks`, scenario(23))]);
    expect(after.map((r) => r.body.ref).sort()).toEqual(["R-0022", "R-0023"]);
  });
});
