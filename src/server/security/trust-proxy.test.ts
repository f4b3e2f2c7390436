import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, setUpInstance, startSecondInstance, startTestServer, type TestServer } from "../../../test/helpers/server.js";
import { ConfigError, loadConfig } from "../config.js";
import { parseTrustProxy, trustProxyOption } from "./trust-proxy.js";

/**
 * The examples of docs/security.md ("Running behind a proxy"), one per documented form: the
 * proxy at 127.0.0.1 forwards a request that passed 198.51.100.1 and then 203.0.113.9 over HTTPS.
 */
const EXAMPLES: { value: string; client: string; secure: boolean }[] = [
  { value: "false", client: "127.0.0.1", secure: false },
  { value: "true", client: "198.51.100.1", secure: true },
  { value: "1", client: "203.0.113.9", secure: true },
  { value: "2", client: "198.51.100.1", secure: true },
  { value: "127.0.0.1", client: "203.0.113.9", secure: true },
  { value: "loopback", client: "203.0.113.9", secure: true },
  { value: "127.0.0.0/8, 203.0.113.0/24", client: "198.51.100.1", secure: true },
  { value: "10.0.0.1", client: "127.0.0.1", secure: false },
];

describe("ISMS_TRUST_PROXY through real HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await setUpInstance(server, "proxied@example.com");
  });
  afterAll(async () => server.close());

  for (const example of EXAMPLES) {
    it(`"${example.value}": the client is ${example.client}, the cookie ${example.secure ? "is" : "is not"} Secure`, async () => {
      const instance = await startSecondInstance(server, {
        ISMS_TRUST_PROXY: loadConfig({ ISMS_TRUST_PROXY: example.value }).ISMS_TRUST_PROXY,
      });
      try {
        const client = new ApiClient(instance.url);
        const signedIn = await client.request(
          "POST",
          "/api/v1/auth/login",
          { email: "proxied@example.com", password: PASSWORD },
          { "x-forwarded-for": "198.51.100.1, 203.0.113.9", "x-forwarded-proto": "https" },
        );
        expect(signedIn.status).toBe(200);
        const cookie = signedIn.headers.get("set-cookie") ?? "";
        expect(/;\s*Secure/i.test(cookie)).toBe(example.secure);
        const current = (await client.get("/api/v1/auth/sessions")).body.items.find((s: { current: boolean }) => s.current);
        expect(current.ip).toBe(example.client);
        const event = await server.db.kysely
          .selectFrom("audit_events")
          .select("ip")
          .where("action", "=", "session.created")
          .where("entity_id", "=", current.id)
          .executeTakeFirstOrThrow();
        expect(event.ip).toBe(example.client);
        const attempt = await server.db.kysely
          .selectFrom("login_attempts")
          .select("ip")
          .where("succeeded", "=", 1)
          .orderBy("id", "desc")
          .executeTakeFirstOrThrow();
        expect(attempt.ip).toBe(example.client);
      } finally {
        await instance.close();
      }
    });
  }
});

describe("reading ISMS_TRUST_PROXY", () => {
  it("refuses at start a value that would trust nothing, or everything, by surprise", () => {
    for (const value of [
      "yes",
      "on",
      "0.0.0.0/33",
      "10.0.0.0/8/1",
      "::1/129",
      "10.0.0",
      "proxy.example.com",
      "1, 2",
      "11",
      "127.0.0.1,,",
      "-1",
      "1.5",
    ]) {
      expect(() => loadConfig({ ISMS_TRUST_PROXY: value }), value).toThrow(ConfigError);
      expect(() => loadConfig({ ISMS_TRUST_PROXY: value }), value).toThrow(
        /^invalid configuration: ISMS_TRUST_PROXY must be false, true, a hop count/,
      );
    }
  });

  it("reads every documented form", () => {
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("2")).toEqual({ hops: 2 });
    expect(parseTrustProxy(" 10.0.0.1 , fd00::/8 ,uniquelocal")).toEqual({ addresses: ["10.0.0.1", "fd00::/8", "uniquelocal"] });
  });

  it("matches IPv4 peers seen through a dual-stack socket, and IPv6 ranges", () => {
    const trust = trustProxyOption({ addresses: ["10.0.0.0/8", "fd00::/8", "linklocal"] });
    if (typeof trust !== "function") throw new Error("expected a function");
    expect(trust("::ffff:10.1.2.3", 0)).toBe(true);
    expect(trust("10.1.2.3", 0)).toBe(true);
    expect(trust("fd12::1", 0)).toBe(true);
    expect(trust("fe80::1", 0)).toBe(true);
    expect(trust("11.0.0.1", 0)).toBe(false);
    expect(trust("2001:db8::1", 0)).toBe(false);
  });
});
