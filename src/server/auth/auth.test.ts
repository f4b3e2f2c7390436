import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, setUpInstance, startTestServer, type TestServer } from "../../../test/helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("first run and sign-in", () => {
  it("asks for the first administrator until one exists, then refuses a second setup", async () => {
    const anon = new ApiClient(server.url);
    expect((await anon.get("/api/v1/setup")).body).toEqual({ needsSetup: true });
    const { admin } = await setUpInstance(server);
    expect((await anon.get("/api/v1/setup")).body).toEqual({ needsSetup: false });
    const again = await anon.post("/api/v1/setup", { email: "x@example.com", displayName: "X", password: PASSWORD });
    expect(again.status).toBe(409);
    const me = await admin.get("/api/v1/auth/me");
    expect(me.body.user).toMatchObject({ email: "admin@example.com", isInstanceAdmin: true });
  });

  it("answers 401 without credentials and with a wrong password, and signs in with the right one", async () => {
    const anon = new ApiClient(server.url);
    expect((await anon.get("/api/v1/orgs")).status).toBe(401);
    expect((await anon.login("admin@example.com", "wrong password!!")).status).toBe(401);
    const ok = await anon.login("ADMIN@example.com", PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/isms_session=.+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    expect((await anon.get("/api/v1/orgs")).status).toBe(200);
  });

  it("refuses a state-changing request made with the cookie but without the CSRF token", async () => {
    const c = new ApiClient(server.url);
    await c.login("admin@example.com", PASSWORD);
    const noToken = await c.request("POST", "/api/v1/orgs", { name: "X" }, { "x-csrf-token": "wrong" });
    expect(noToken.status).toBe(403);
    expect(noToken.body.type).toMatch(/csrf$/);
  });

  it("lists my sessions, revokes one, and logout ends the session", async () => {
    const a = new ApiClient(server.url);
    const b = new ApiClient(server.url);
    await a.login("admin@example.com", PASSWORD);
    await b.login("admin@example.com", PASSWORD);
    const sessions = await a.get("/api/v1/auth/sessions");
    const other = sessions.body.items.find((s: { current: boolean }) => !s.current);
    expect(sessions.body.items.some((s: { current: boolean }) => s.current)).toBe(true);
    expect(other).toBeDefined();
    const mine = (await b.get("/api/v1/auth/sessions")).body.items.find((s: { current: boolean }) => s.current);
    expect((await a.delete(`/api/v1/auth/sessions/${mine.id}`)).status).toBe(200);
    expect((await b.get("/api/v1/auth/me")).status).toBe(401);
    expect((await a.post("/api/v1/auth/logout")).status).toBe(200);
    expect((await a.get("/api/v1/auth/me")).status).toBe(401);
  });

  it("changing the password signs out the other sessions and the old password stops working", async () => {
    const a = new ApiClient(server.url);
    const b = new ApiClient(server.url);
    await a.login("admin@example.com", PASSWORD);
    await b.login("admin@example.com", PASSWORD);
    const wrong = await a.post("/api/v1/auth/password", { currentPassword: "nope", newPassword: "another long password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ field: "currentPassword", message: "is wrong" }]);
    const weak = await a.post("/api/v1/auth/password", { currentPassword: PASSWORD, newPassword: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe("newPassword");
    expect((await a.post("/api/v1/auth/password", { currentPassword: PASSWORD, newPassword: "another long password" })).status).toBe(200);
    expect((await a.get("/api/v1/auth/me")).status).toBe(200);
    expect((await b.get("/api/v1/auth/me")).status).toBe(401);
    expect((await new ApiClient(server.url).login("admin@example.com", PASSWORD)).status).toBe(401);
    expect((await a.post("/api/v1/auth/password", { currentPassword: "another long password", newPassword: PASSWORD })).status).toBe(200);
  });

  it("locks an account after repeated failures, whether or not it exists, with Retry-After", async () => {
    const c = new ApiClient(server.url);
    for (const email of ["locked@example.com", "admin2@example.com"]) {
      for (let i = 0; i < 5; i++) expect((await c.login(email, "wrong password!!")).status).toBe(401);
      const locked = await c.login(email, "wrong password!!");
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("ends a session after the idle timeout and after the absolute lifetime", async () => {
    for (const column of ["last_seen_at", "expires_at"] as const) {
      const c = new ApiClient(server.url);
      await c.login("admin@example.com", PASSWORD);
      const { id } = (await c.get("/api/v1/auth/sessions")).body.items.find((s: { current: boolean }) => s.current);
      const past = new Date(Date.now() - 2 * 24 * 3_600_000).toISOString();
      await server.db.kysely
        .updateTable("sessions")
        .set({ [column]: past })
        .where("id", "=", id)
        .execute();
      expect((await c.get("/api/v1/auth/me")).status, column).toBe(401);
    }
  });
});

describe("password rules at every door", () => {
  it("refuses weak, common and own-email passwords at setup, invitation and change, naming the field and the reason", async () => {
    const own = await startTestServer();
    try {
      const anon = new ApiClient(own.url);
      const setup = (password: string) => anon.post("/api/v1/setup", { email: "first.admin@example.com", displayName: "First", password });
      const repeated = await setup("aaaaaaaaaaaa");
      expect(repeated.status).toBe(400);
      expect(repeated.body.errors).toEqual([{ field: "password", message: "is too easy to guess: it repeats characters" }]);
      expect((await setup("First.Admin@Example.com")).body.errors).toEqual([
        { field: "password", message: "must not contain your email address" },
      ]);
      expect((await setup("first.admin rules all")).body.errors).toEqual([
        { field: "password", message: "must not contain your email address or the part before the @" },
      ]);
      expect((await anon.get("/api/v1/setup")).body).toEqual({ needsSetup: true });
      expect((await setup(PASSWORD)).status).toBe(201);

      const orgId = (await anon.post("/api/v1/orgs", { name: "Acme" })).body.id as string;
      const invite = await anon.post(`/api/v1/orgs/${orgId}/invites`, { email: "newcomer@example.com", role: "viewer" });
      const accept = (password: string) =>
        new ApiClient(own.url).post(`/api/v1/invites/${invite.body.token}/accept`, { password, displayName: "New Comer" });
      const common = await accept("password1234");
      expect(common.status).toBe(400);
      expect(common.body.errors).toEqual([{ field: "password", message: "is too close to a common or breached password" }]);
      expect((await accept("newcomer is here 1")).body.errors[0]).toEqual({
        field: "password",
        message: "must not contain your email address or the part before the @",
      });
      expect((await accept(PASSWORD)).status).toBe(200);

      const change = await anon.post("/api/v1/auth/password", { currentPassword: PASSWORD, newPassword: "qwertyuiop123" });
      expect(change.status).toBe(400);
      expect(change.body.errors).toEqual([{ field: "newPassword", message: expect.stringMatching(/common or breached|keyboard|keys/) }]);
      expect((await new ApiClient(own.url).login("first.admin@example.com", PASSWORD)).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe("account routes need a signed-in session", () => {
  it("answers an API token 403 session-required on every account route, and the session still works", async () => {
    const own = await startTestServer();
    try {
      const { admin, orgId } = await setUpInstance(own);
      const token = (await admin.post(`/api/v1/orgs/${orgId}/tokens`, { name: "ci" })).body.token as string;
      const api = new ApiClient(own.url).withToken(token);
      const accountRules = own.app.routeRules.filter((r) => r.access.kind === "session");
      expect(accountRules.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
        "DELETE /api/v1/auth/sessions/:sessionId",
        "GET /api/v1/auth/me",
        "GET /api/v1/auth/sessions",
        "POST /api/v1/auth/password",
        "POST /api/v1/auth/sessions/revoke-all",
      ]);
      const mine = (await admin.get("/api/v1/auth/sessions")).body.items.find((s: { current: boolean }) => s.current);
      const bodies: Record<string, unknown> = {
        "POST /api/v1/auth/password": { currentPassword: PASSWORD, newPassword: "a token must not choose this" },
      };
      for (const rule of accountRules) {
        const key = `${rule.method} ${rule.url}`;
        const body = rule.method === "GET" || rule.method === "DELETE" ? undefined : (bodies[key] ?? {});
        const answer = await api.request(rule.method, rule.url.replace(":sessionId", mine.id), body);
        expect(answer.status, key).toBe(403);
        expect(answer.body.type, key).toMatch(/session-required$/);
        expect(answer.body.detail, key).toMatch(/needs a signed-in session/);
      }
      // Nothing happened: the session lives and the password is the old one.
      expect((await admin.get("/api/v1/auth/me")).status).toBe(200);
      expect((await new ApiClient(own.url).login("admin@example.com", PASSWORD)).status).toBe(200);
      // A token does not reach the tokens of another organization of its owner either.
      const other = (await admin.post("/api/v1/orgs", { name: "Other" })).body.id as string;
      expect((await api.get(`/api/v1/orgs/${other}/tokens`)).status).toBe(404);
      expect((await api.post(`/api/v1/orgs/${other}/tokens`, { name: "more" })).status).toBe(404);
    } finally {
      await own.close();
    }
  });
});

describe("behind a TLS-terminating proxy", () => {
  it("marks the session cookie Secure when the proxy says the request came over HTTPS", async () => {
    const proxied = await startTestServer({ ISMS_TRUST_PROXY: true });
    try {
      const c = new ApiClient(proxied.url);
      const setup = await c.request(
        "POST",
        "/api/v1/setup",
        { email: "tls@example.com", displayName: "TLS", password: PASSWORD },
        { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" },
      );
      expect(setup.headers.get("set-cookie")).toMatch(/; Secure/);
      const event = await proxied.db.kysely
        .selectFrom("audit_events")
        .select("ip")
        .where("action", "=", "session.created")
        .executeTakeFirstOrThrow();
      expect(event.ip).toBe("203.0.113.9");
    } finally {
      await proxied.close();
    }
  });
});
