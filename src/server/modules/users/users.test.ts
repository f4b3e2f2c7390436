import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, addMember, PASSWORD, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let orgId: string;
let adminId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId, adminId } = await setUpInstance(server));
});
afterAll(async () => server.close());

describe("instance user administration", () => {
  it("disabling a user ends their sessions at once and blocks sign-in and tokens; enabling restores sign-in", async () => {
    const { client, userId } = await addMember(server, admin, orgId, "ex@example.com", "contributor");
    const token = (await client.post(`/api/v1/orgs/${orgId}/tokens`, { name: "t" })).body.token;
    expect((await admin.post(`/api/v1/users/${userId}/disable`)).body.disabled).toBe(true);
    expect((await client.get("/api/v1/auth/me")).status).toBe(401);
    expect((await new ApiClient(server.url, token).get("/api/v1/orgs")).status).toBe(401);
    expect((await new ApiClient(server.url).login("ex@example.com", PASSWORD)).status).toBe(401);
    const live = await server.db.kysely
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .execute();
    expect(live).toEqual([]);
    expect((await admin.post(`/api/v1/users/${userId}/enable`)).body.disabled).toBe(false);
    expect((await new ApiClient(server.url).login("ex@example.com", PASSWORD)).status).toBe(200);
  });

  it("refuses to disable yourself, and lists users with filters", async () => {
    expect((await admin.post(`/api/v1/users/${adminId}/disable`)).status).toBe(400);
    const list = await admin.get("/api/v1/users?q=ex@&sort=email");
    expect(list.body.items.map((u: { email: string }) => u.email)).toEqual(["ex@example.com"]);
    expect((await admin.get("/api/v1/users?disabled=true")).body.items).toEqual([]);
  });
});
