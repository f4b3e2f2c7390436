import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, metricsMode } from "../../src/server/config.js";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const TOKEN = "metrics-token-0123456789abcdef";

describe("/metrics", () => {
  it("is off unless configured", async () => {
    server = await startTestServer();
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("in token mode answers only the bearer of ISMS_METRICS_TOKEN", async () => {
    server = await startTestServer({ ISMS_METRICS: "token", ISMS_METRICS_TOKEN: TOKEN });
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("isms_http_request_duration_seconds");
  });

  it("in port mode answers on its own listener, on 127.0.0.1 by default, and not on the app's port", async () => {
    server = await startTestServer({ ISMS_METRICS: "port", ISMS_METRICS_PORT: 0 });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    const address = server.app.metricsAddress();
    expect(address?.address).toBe("127.0.0.1");
    const ok = await fetch(`http://127.0.0.1:${address?.port}/metrics`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("isms_process_cpu_seconds_total");
    expect((await fetch(`http://127.0.0.1:${address?.port}/api/v1/setup`)).status).toBe(404);
  });

  it("chooses the mode from what is configured, and refuses a mode that lacks what it needs", () => {
    expect(metricsMode(loadConfig({}))).toBe("off");
    expect(metricsMode(loadConfig({ ISMS_METRICS_TOKEN: TOKEN }))).toBe("token");
    expect(metricsMode(loadConfig({ ISMS_METRICS_PORT: "9464" }))).toBe("port");
    expect(metricsMode(loadConfig({ ISMS_METRICS: "off", ISMS_METRICS_TOKEN: TOKEN }))).toBe("off");
    expect(() => loadConfig({ ISMS_METRICS: "token" })).toThrow(/ISMS_METRICS_TOKEN must be set/);
    expect(() => loadConfig({ ISMS_METRICS: "public" })).toThrow(ConfigError);
    expect(() => loadConfig({ ISMS_METRICS_TOKEN: "short" })).toThrow(/ISMS_METRICS_TOKEN must be at least 16 characters$/);
    expect(() => loadConfig({ ISMS_METRICS: "port", ISMS_METRICS_PORT: "3000" })).toThrow(/must differ from PORT/);
  });
});

describe("x-request-id", () => {
  const auditedRename = async (requestId: string) => {
    const org = (await admin.get("/api/v1/orgs")).body.items[0];
    const renamed = await admin.request(
      "PATCH",
      `/api/v1/orgs/${org.id}`,
      { name: `Acme ${org.version}`, version: org.version },
      { "x-request-id": requestId },
    );
    expect(renamed.status).toBe(200);
    const [event] = (await admin.get(`/api/v1/orgs/${org.id}/audit?action=organization.updated&limit=1`)).body.items;
    return { answered: renamed.headers.get("x-request-id"), stored: event.requestId as string };
  };
  let admin: ApiClient;

  it("keeps a well-formed client id and replaces anything else with our own before it reaches the audit trail", async () => {
    server = await startTestServer();
    ({ admin } = await setUpInstance(server));
    expect(await auditedRename("trace-42.a_b")).toEqual({ answered: "trace-42.a_b", stored: "trace-42.a_b" });
    for (const hostile of ["x".repeat(65), "<script>alert(1)</script>", "id with spaces", "../../etc/passwd", "a;b", "ünïcode"]) {
      const { answered, stored } = await auditedRename(hostile);
      expect(stored).not.toBe(hostile);
      expect(stored).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(answered).toBe(stored);
    }
    expect((await auditedRename("y".repeat(64))).stored).toBe("y".repeat(64));
  });
});
