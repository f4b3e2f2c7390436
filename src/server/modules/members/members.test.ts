import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let orgId: string;
let adminId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId, adminId } = await setUpInstance(server));
  for (const [i, role] of (["viewer", "contributor", "auditor", "viewer", "approver"] as const).entries()) {
    await addMember(server, admin, orgId, `m${i}@example.com`, role, `Member ${i}`);
  }
});
afterAll(async () => server.close());

describe("members", () => {
  it("lists with cursor pagination, search, role filter and sorting on the server", async () => {
    const page1 = await admin.get(`/api/v1/orgs/${orgId}/members?limit=4&sort=email`);
    expect(page1.body.items.map((m: { email: string }) => m.email)).toEqual([
      "admin@example.com",
      "m0@example.com",
      "m1@example.com",
      "m2@example.com",
    ]);
    const page2 = await admin.get(`/api/v1/orgs/${orgId}/members?limit=4&sort=email&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((m: { email: string }) => m.email)).toEqual(["m3@example.com", "m4@example.com"]);
    expect(page2.body.nextCursor).toBeNull();
    const viewers = await admin.get(`/api/v1/orgs/${orgId}/members?role=viewer`);
    expect(viewers.body.items).toHaveLength(2);
    const search = await admin.get(`/api/v1/orgs/${orgId}/members?q=MEMBER%203`);
    expect(search.body.items.map((m: { email: string }) => m.email)).toEqual(["m3@example.com"]);
    const desc = await admin.get(`/api/v1/orgs/${orgId}/members?sort=displayName&dir=desc&limit=1`);
    expect(desc.body.items[0].displayName).toBe("Member 4");
    expect((await admin.get(`/api/v1/orgs/${orgId}/members?cursor=garbage!`)).status).toBe(400);
    expect((await admin.get(`/api/v1/orgs/${orgId}/members?sort=password`)).status).toBe(400);
  });

  it("changes a role with optimistic concurrency", async () => {
    const m0 = (await admin.get(`/api/v1/orgs/${orgId}/members?q=m0@`)).body.items[0];
    const changed = await admin.patch(`/api/v1/orgs/${orgId}/members/${m0.userId}`, { role: "isms_manager", version: m0.version });
    expect(changed.body).toMatchObject({ role: "isms_manager", version: m0.version + 1 });
    const stale = await admin.patch(`/api/v1/orgs/${orgId}/members/${m0.userId}`, { role: "viewer", version: m0.version });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ role: "isms_manager" });
  });

  it("keeps at least one administrator", async () => {
    const me = (await admin.get(`/api/v1/orgs/${orgId}/members?q=admin@`)).body.items[0];
    expect((await admin.patch(`/api/v1/orgs/${orgId}/members/${adminId}`, { role: "viewer", version: me.version })).status).toBe(409);
    expect((await admin.delete(`/api/v1/orgs/${orgId}/members/${adminId}`)).status).toBe(409);
  });

  it("a removed member loses access at once, and their tokens for the organization die", async () => {
    const { client, userId } = await addMember(server, admin, orgId, "leaver@example.com", "contributor");
    const token = (await client.post(`/api/v1/orgs/${orgId}/tokens`, { name: "t" })).body.token;
    expect((await client.get(`/api/v1/orgs/${orgId}`)).status).toBe(200);
    expect((await admin.delete(`/api/v1/orgs/${orgId}/members/${userId}`)).status).toBe(200);
    expect((await client.get(`/api/v1/orgs/${orgId}`)).status).toBe(404);
    expect((await new ApiClient(server.url, token).get(`/api/v1/orgs/${orgId}`)).status).toBe(401);
    const revoked = await server.db.kysely
      .selectFrom("api_tokens")
      .select("revoked_at")
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();
  });
});

describe("adding an existing user directly", () => {
  it("lets an instance administrator add an existing account with a role, audited, and refuses clearly otherwise", async () => {
    const other = (await admin.post("/api/v1/orgs", { name: "Elsewhere" })).body.id as string;
    const { client: erin, userId: erinId } = await addMember(server, admin, other, "erin@example.com", "contributor", "Erin");
    const url = `/api/v1/orgs/${orgId}/members`;

    const added = await admin.post(url, { email: "Erin@Example.com", role: "auditor" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ userId: erinId, email: "erin@example.com", displayName: "Erin", role: "auditor", version: 1 });
    expect((await erin.get(`/api/v1/orgs/${orgId}`)).status).toBe(200);
    const events = (await admin.get(`/api/v1/orgs/${orgId}/audit?action=member.added&limit=100`)).body.items;
    expect(events.find((e: { changes: { user_id?: { after: string } } }) => e.changes.user_id?.after === erinId)).toMatchObject({
      actor: { type: "user" },
      action: "member.added",
      entityType: "membership",
    });

    const again = await admin.post(url, { email: "erin@example.com", role: "viewer" });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already a member.*role auditor/);
    expect(again.body.current).toMatchObject({ userId: erinId, role: "auditor" });

    const unknown = await admin.post(url, { email: "nobody@example.com", role: "viewer" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: "email", message: expect.stringMatching(/no user.*invitation/) }]);
    expect((await admin.post(url, { email: "not an email", role: "viewer" })).body.errors[0].field).toBe("email");
    expect((await admin.post(url, { email: "erin@example.com", role: "boss" })).body.errors[0].field).toBe("role");

    const { userId: gusId } = await addMember(server, admin, other, "gus@example.com", "viewer");
    expect((await admin.post(`/api/v1/users/${gusId}/disable`, {})).status).toBe(200);
    const disabled = await admin.post(url, { email: "gus@example.com", role: "viewer" });
    expect(disabled.status).toBe(400);
    expect(disabled.body.errors[0]).toEqual({ field: "email", message: expect.stringMatching(/disabled/) });

    const missingOrg = await admin.post("/api/v1/orgs/01900000-0000-7000-8000-000000000000/members", {
      email: "erin@example.com",
      role: "viewer",
    });
    expect(missingOrg.status).toBe(404);
  });

  it("is not open to an organization's own administrator who is not an instance administrator", async () => {
    const { client: orgAdmin } = await addMember(server, admin, orgId, "orgadmin@example.com", "admin");
    const refused = await orgAdmin.post(`/api/v1/orgs/${orgId}/members`, { email: "erin@example.com", role: "viewer" });
    expect(refused.status).toBe(403);
  });
});
