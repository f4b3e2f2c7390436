import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";
import { sha256 } from "../../security/hashing.js";

let server: TestServer;
let admin: ApiClient;
let orgId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
});
afterAll(async () => server.close());

describe("API tokens", () => {
  it("shows the secret once, stores only its hash, and records when it was last used", async () => {
    const created = await admin.post(`/api/v1/orgs/${orgId}/tokens`, { name: "ci", expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^isms_pat_/);
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);
    const row = await server.db.kysely.selectFrom("api_tokens").selectAll().where("id", "=", created.body.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(created.body.token));
    expect(JSON.stringify(row)).not.toContain(created.body.token);
    expect(row.last_used_at).toBeNull();
    const api = new ApiClient(server.url, created.body.token);
    expect((await api.get(`/api/v1/orgs/${orgId}/members`)).status).toBe(200);
    const listed = (await admin.get(`/api/v1/orgs/${orgId}/tokens`)).body.items;
    expect(listed[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.body.token);
  });

  it("stops working when revoked or expired", async () => {
    const created = await admin.post(`/api/v1/orgs/${orgId}/tokens`, { name: "short", expiresInDays: 1 });
    const api = new ApiClient(server.url, created.body.token);
    await server.db.kysely
      .updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1).toISOString() })
      .where("id", "=", created.body.id)
      .execute();
    expect((await api.get("/api/v1/orgs")).status).toBe(401);
    const forever = await admin.post(`/api/v1/orgs/${orgId}/tokens`, { name: "forever", expiresInDays: null });
    expect(forever.body.expiresAt).toBeNull();
    const foreverApi = new ApiClient(server.url, forever.body.token);
    expect((await foreverApi.get("/api/v1/orgs")).status).toBe(200);
    expect((await admin.delete(`/api/v1/orgs/${orgId}/tokens/${forever.body.id}`)).body.revokedAt).not.toBeNull();
    expect((await foreverApi.get("/api/v1/orgs")).status).toBe(401);
    expect((await admin.delete(`/api/v1/orgs/${orgId}/tokens/${forever.body.id}`)).status).toBe(409);
    const withRevoked = await admin.get(`/api/v1/orgs/${orgId}/tokens?includeRevoked=true`);
    expect(withRevoked.body.items.length).toBeGreaterThan((await admin.get(`/api/v1/orgs/${orgId}/tokens`)).body.items.length);
  });

  it("a token cannot mint more tokens", async () => {
    const created = await admin.post(`/api/v1/orgs/${orgId}/tokens`, { name: "ci2" });
    expect((await new ApiClient(server.url, created.body.token).post(`/api/v1/orgs/${orgId}/tokens`, { name: "x" })).status).toBe(403);
  });
});
