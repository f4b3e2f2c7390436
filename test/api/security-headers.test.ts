import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { testConfig } from "../../src/server/config.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

let database: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const webRoot = mkdtempSync(join(tmpdir(), "isms-web-"));
  writeFileSync(join(webRoot, "index.html"), '<html><head><meta name="csp-nonce" content="__CSP_NONCE__"></head><body>app</body></html>');
  app = await buildApp({ db: database.db, config: testConfig(), logger: false, webRoot });
  await app.listen({ port: 0, host: "127.0.0.1" });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe("security headers", () => {
  it("sends a strict Content-Security-Policy and the usual hardening headers on API responses", async () => {
    const response = await fetch(`${url}/api/v1/setup`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("gives every page of the web app a fresh style nonce, in the header and in the page", async () => {
    const pages = await Promise.all([fetch(`${url}/`), fetch(`${url}/orgs/x/members`)]);
    const nonces = await Promise.all(
      pages.map(async (page) => {
        const html = await page.text();
        const inPage = /content="([^"]+)"/.exec(html)?.[1];
        expect(page.headers.get("content-security-policy")).toContain(`style-src 'self' 'nonce-${inPage}'`);
        expect(page.headers.get("cache-control")).toBe("no-store");
        return inPage;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(nonces[0]).not.toBe("__CSP_NONCE__");
  });

  it("answers unknown API paths with problem+json, not the web app", async () => {
    const response = await fetch(`${url}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});
