import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, setUpInstance, startSecondInstance, startTestServer, type TestServer } from "../../../test/helpers/server.js";
import { loadConfig } from "../config.js";
import { THROTTLE } from "./throttle.js";

const WRONG = "not the right password";

describe("parallel guesses through two app instances on one database", () => {
  let server: TestServer;
  let second: Awaited<ReturnType<typeof startSecondInstance>>;
  beforeAll(async () => {
    server = await startTestServer();
    second = await startSecondInstance(server);
    await setUpInstance(server, "target@example.com");
  });
  afterAll(async () => {
    await second.close();
    await server.close();
  });

  it("answers at most 5 wrong passwords with 401 and the rest with 429", async () => {
    const urls = [server.url, second.url];
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => new ApiClient(urls[i % 2] as string).login("target@example.com", WRONG)),
    ).then((all) => all.map((r) => r.status));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(THROTTLE.maxFailuresPerAccountAndAddress);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - THROTTLE.maxFailuresPerAccountAndAddress);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // The right password from the same address waits too, on either instance, until the window passes.
    expect((await new ApiClient(second.url).login("target@example.com", PASSWORD)).status).toBe(429);
  });

  it("holds for an account that does not exist, too", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new ApiClient(i % 2 ? server.url : second.url).login("nobody@example.com", WRONG)),
    ).then((all) => all.map((r) => r.status));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(THROTTLE.maxFailuresPerAccountAndAddress);
  });
});

/** The server trusts the loopback proxy, so each request can come from an address of the test's choosing. */
const from = (client: ApiClient, ip: string) => ({
  login: (email: string, password: string) => client.request("POST", "/api/v1/auth/login", { email, password }, { "x-forwarded-for": ip }),
});

describe("no lockout handed to strangers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ISMS_TRUST_PROXY: loadConfig({ ISMS_TRUST_PROXY: "loopback" }).ISMS_TRUST_PROXY });
    await setUpInstance(server, "owner@example.com");
  });
  afterAll(async () => server.close());

  it("wrong passwords from other addresses never lock the owner out of an address they signed in from", async () => {
    const home = "198.51.100.7";
    expect((await from(new ApiClient(server.url), home).login("owner@example.com", PASSWORD)).status).toBe(200);

    // An attacker spreads guesses over addresses: each pair stops at its limit…
    const attackers = ["203.0.113.1", "203.0.113.2"];
    for (const ip of attackers) {
      for (let i = 0; i < THROTTLE.maxFailuresPerAccountAndAddress; i++)
        expect((await from(new ApiClient(server.url), ip).login("owner@example.com", WRONG)).status).toBe(401);
      const stopped = await from(new ApiClient(server.url), ip).login("owner@example.com", WRONG);
      expect(stopped.status).toBe(429);
      expect(Number(stopped.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // …and once the account has had its fill, a new address gets no guess at all, right or wrong.
    expect(attackers.length * THROTTLE.maxFailuresPerAccountAndAddress).toBe(THROTTLE.maxFailuresPerAccount);
    expect((await from(new ApiClient(server.url), "203.0.113.3").login("owner@example.com", WRONG)).status).toBe(429);
    expect((await from(new ApiClient(server.url), "203.0.113.3").login("owner@example.com", PASSWORD)).status).toBe(429);

    // The owner, from home, still signs in (and may still mistype a few times).
    const owner = new ApiClient(server.url);
    expect((await from(owner, home).login("owner@example.com", WRONG)).status).toBe(401);
    expect((await from(owner, home).login("owner@example.com", PASSWORD)).status).toBe(200);
    expect((await owner.get("/api/v1/auth/me")).status).toBe(200);
  });

  it("an address that fails across many accounts is stopped whatever the account", async () => {
    const ip = "203.0.113.50";
    const perAccount = THROTTLE.maxFailuresPerAccountAndAddress;
    for (let n = 0; n < THROTTLE.maxFailuresPerAddress / perAccount; n++) {
      for (let i = 0; i < perAccount; i++)
        expect((await from(new ApiClient(server.url), ip).login(`u${n}@example.com`, WRONG)).status).toBe(401);
    }
    expect((await from(new ApiClient(server.url), ip).login("fresh@example.com", WRONG)).status).toBe(429);
    expect((await from(new ApiClient(server.url), "203.0.113.51").login("fresh@example.com", WRONG)).status).toBe(401);
  });
});

describe("changing the password", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  it("checks the current password under the sign-in limits, also in parallel", async () => {
    const { admin } = await setUpInstance(server, "changer@example.com");
    const guesses = await Promise.all(
      Array.from({ length: 15 }, () =>
        admin.post("/api/v1/auth/password", { currentPassword: WRONG, newPassword: "a fresh and long passphrase" }),
      ),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(THROTTLE.maxFailuresPerAccountAndAddress);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15 - THROTTLE.maxFailuresPerAccountAndAddress);
    // Even the right password waits now, and the password is unchanged.
    expect(
      (await admin.post("/api/v1/auth/password", { currentPassword: PASSWORD, newPassword: "a fresh and long passphrase" })).status,
    ).toBe(429);
    const row = await server.db.kysely
      .selectFrom("users")
      .select("version")
      .where("email", "=", "changer@example.com")
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
  });
});
