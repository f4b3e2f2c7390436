import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let orgId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
});
afterAll(async () => server.close());

describe("invitations", () => {
  it("creates a one-time link that a new person accepts by choosing a name and password", async () => {
    const created = await admin.post(`/api/v1/orgs/${orgId}/invites`, { email: "New.Person@Example.com", role: "auditor" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: "new.person@example.com", role: "auditor", status: "pending", createdBy: "Admin" });
    expect(created.body.path).toBe(`/invite/${created.body.token}`);
    const anon = new ApiClient(server.url);
    const info = await anon.get(`/api/v1/invites/${created.body.token}`);
    expect(info.body).toMatchObject({ orgName: "Acme", role: "auditor", accountExists: false });
    const noName = await anon.post(`/api/v1/invites/${created.body.token}/accept`, { password: PASSWORD });
    expect(noName.status).toBe(400);
    expect(noName.body.errors[0].field).toBe("displayName");
    const accepted = await anon.post(`/api/v1/invites/${created.body.token}/accept`, { password: PASSWORD, displayName: "New Person" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.orgId).toBe(orgId);
    const orgs = await anon.get("/api/v1/orgs");
    expect(orgs.body.items).toEqual([expect.objectContaining({ id: orgId, role: "auditor" })]);
    const reused = await new ApiClient(server.url).post(`/api/v1/invites/${created.body.token}/accept`, {
      password: PASSWORD,
      displayName: "X",
    });
    expect(reused.status).toBe(410);
  });

  it("an existing account accepts with its own password, not a new one", async () => {
    const other = (await admin.post("/api/v1/orgs", { name: "Client B" })).body.id;
    const created = await admin.post(`/api/v1/orgs/${other}/invites`, { email: "new.person@example.com", role: "viewer" });
    const anon = new ApiClient(server.url);
    expect((await anon.get(`/api/v1/invites/${created.body.token}`)).body.accountExists).toBe(true);
    expect((await anon.post(`/api/v1/invites/${created.body.token}/accept`, { password: "a different password" })).status).toBe(401);
    expect((await anon.post(`/api/v1/invites/${created.body.token}/accept`, { password: PASSWORD })).status).toBe(200);
    expect((await anon.get("/api/v1/orgs")).body.items).toHaveLength(2);
  });

  it("refuses to invite an existing member, and revoked or expired links stop working", async () => {
    expect((await admin.post(`/api/v1/orgs/${orgId}/invites`, { email: "admin@example.com", role: "viewer" })).status).toBe(409);
    const created = await admin.post(`/api/v1/orgs/${orgId}/invites`, { email: "late@example.com", role: "viewer", expiresInHours: 1 });
    expect((await admin.delete(`/api/v1/orgs/${orgId}/invites/${created.body.id}`)).body.status).toBe("revoked");
    expect((await new ApiClient(server.url).get(`/api/v1/invites/${created.body.token}`)).status).toBe(410);
    const expiring = await admin.post(`/api/v1/orgs/${orgId}/invites`, { email: "slow@example.com", role: "viewer", expiresInHours: 1 });
    await server.db.kysely
      .updateTable("invites")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", expiring.body.id)
      .execute();
    expect(
      (await new ApiClient(server.url).post(`/api/v1/invites/${expiring.body.token}/accept`, { password: PASSWORD, displayName: "S" }))
        .status,
    ).toBe(410);
    const list = await admin.get(`/api/v1/orgs/${orgId}/invites?status=expired`);
    expect(list.body.items.map((i: { email: string }) => i.email)).toEqual(["slow@example.com"]);
    expect((await admin.get(`/api/v1/orgs/${orgId}/invites?status=pending`)).body.items).toEqual([]);
  });

  it("keeps invitation secrets out of the database and the listing", async () => {
    const created = await admin.post(`/api/v1/orgs/${orgId}/invites`, { email: "secret@example.com", role: "viewer" });
    const stored = await server.db.kysely.selectFrom("invites").selectAll().where("id", "=", created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(created.body.token);
    const listed = await admin.get(`/api/v1/orgs/${orgId}/invites`);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
  });
});
