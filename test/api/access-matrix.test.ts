import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../src/core/access/roles.js";
import { uuidv7 } from "../../src/core/ids.js";
import type { RouteRule } from "../../src/server/http/access.js";
import { ApiClient, addMember, PASSWORD, setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let orgId: string;
let otherOrgId: string;
const clients = {} as Record<Role, ApiClient>;
let outsider: ApiClient;
let outsiderToken: string;
let anonymous: ApiClient;

/** Fills a route's path parameters: the organization under test, and fresh ids for everything else. */
const pathOf = (rule: RouteRule, org: string) =>
  rule.url
    .replace(":orgId", org)
    .replace(/:token\b/, "x".repeat(40))
    .replace(/:(\w+)/g, () => uuidv7());

const call = (client: ApiClient, rule: RouteRule, org: string) =>
  client.request(rule.method, pathOf(rule, org), ["GET", "DELETE"].includes(rule.method) ? undefined : {});

beforeAll(async () => {
  server = await startTestServer();
  const setup = await setUpInstance(server);
  orgId = setup.orgId;
  clients.admin = setup.admin;
  for (const role of ROLES.filter((r) => r !== "admin")) {
    clients[role] = (await addMember(server, setup.admin, orgId, `${role}@example.com`, role)).client;
  }
  // Someone who belongs to another organization only, with full rights there.
  outsider = new ApiClient(server.url);
  const invited = await setup.admin.post("/api/v1/orgs", { name: "Other" });
  otherOrgId = invited.body.id;
  const { client } = await addMember(server, setup.admin, otherOrgId, "outsider@example.com", "admin");
  outsider = client;
  outsiderToken = (await outsider.post(`/api/v1/orgs/${otherOrgId}/tokens`, { name: "t" })).body.token;
  anonymous = new ApiClient(server.url);
});
afterAll(async () => server.close());

describe("route × role authorization", () => {
  it("every organization route answers 403 exactly when the area policy denies the role", async () => {
    const orgRules = server.app.routeRules.filter((r) => r.access.kind === "org");
    expect(orgRules.length).toBeGreaterThan(8);
    const mismatches: string[] = [];
    let cases = 0;
    for (const rule of orgRules) {
      if (rule.access.kind !== "org") continue;
      for (const role of ROLES) {
        const allowed = rule.access.policy.can({ role }, rule.access.action);
        const { status } = await call(clients[role], rule, orgId);
        cases++;
        if (allowed === (status === 403))
          mismatches.push(`${role} ${rule.method} ${rule.url}: ${status} (policy says ${allowed ? "allow" : "deny"})`);
      }
    }
    console.log(`route × role matrix: ${orgRules.length} organization routes × ${ROLES.length} roles = ${cases} cases`);
    expect(mismatches).toEqual([]);
  }, 180_000);

  it("gives every record update a PATCH with the same access as its PUT, so the matrix above covers both", () => {
    const rules = server.app.routeRules;
    const patches = rules.filter((r) => r.method === "PATCH");
    expect(patches.length).toBeGreaterThan(25);
    for (const patch of patches) {
      const put = rules.find((r) => r.method === "PUT" && r.url === patch.url);
      if (put) expect(patch.access, patch.url).toEqual(put.access);
    }
  });

  it("instance administration routes answer 403 to everyone but an instance administrator", async () => {
    const adminRules = server.app.routeRules.filter((r) => r.access.kind === "instance-admin");
    expect(adminRules.length).toBeGreaterThan(0);
    for (const rule of adminRules) {
      for (const role of ROLES.filter((r) => r !== "admin"))
        expect((await call(clients[role], rule, orgId)).status, `${role} ${rule.url}`).toBe(403);
      expect((await call(clients.admin, rule, orgId)).status, rule.url).not.toBe(403);
    }
  });

  it("every non-public route answers 401 without credentials", async () => {
    for (const rule of server.app.routeRules.filter((r) => r.access.kind !== "public")) {
      expect((await call(anonymous, rule, orgId)).status, `${rule.method} ${rule.url}`).toBe(401);
    }
  });

  it("every organization route answers 404 to a member of another organization, by session and by token", async () => {
    const byToken = anonymous.withToken(outsiderToken);
    for (const rule of server.app.routeRules.filter((r) => r.access.kind === "org")) {
      expect((await call(outsider, rule, orgId)).status, `session ${rule.method} ${rule.url}`).toBe(404);
      expect((await call(byToken, rule, orgId)).status, `token ${rule.method} ${rule.url}`).toBe(404);
    }
    // The token does open its own organization.
    expect((await byToken.get(`/api/v1/orgs/${otherOrgId}`)).status).toBe(200);
  });

  it("a token acts with its owner's role and only lists its own organization", async () => {
    const viewerToken = (await clients.viewer.post(`/api/v1/orgs/${orgId}/tokens`, { name: "ci" })).body.token;
    const api = anonymous.withToken(viewerToken);
    expect((await api.get(`/api/v1/orgs/${orgId}/members`)).status).toBe(200);
    expect((await api.patch(`/api/v1/orgs/${orgId}`, { name: "Renamed", version: 1 })).status).toBe(403);
    expect((await api.get("/api/v1/orgs")).body.items.map((o: { id: string }) => o.id)).toEqual([orgId]);
    expect((await api.post("/api/v1/orgs", { name: "New" })).status).toBe(403);
  });

  it("a bearer request needs no CSRF token, and a bad bearer token is refused", async () => {
    expect((await anonymous.withToken("isms_pat_not-a-real-token").get("/api/v1/orgs")).status).toBe(401);
    expect(
      (await anonymous.withToken(outsiderToken).post(`/api/v1/orgs/${otherOrgId}/invites`, { email: "n@example.com", role: "viewer" }))
        .status,
    ).toBe(201);
  });

  it("the signed-in user with the password still works after all of this", async () => {
    expect((await new ApiClient(server.url).login("viewer@example.com", PASSWORD)).status).toBe(200);
  });
});
