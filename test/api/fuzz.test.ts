import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteRule } from "../../src/server/http/access.js";
import { ApiClient, setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let orgId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
});
afterAll(async () => server.close());

const segment = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", "..", "%00", "%ZZ", "null", "-1", "0", "9".repeat(400), "😀", "a/b", "' OR 1=1 --"),
);

const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 10 }),
  fc.constant("\u0000"),
  fc.integer().map(String),
  fc.constantFrom("", "-5", "1e9", "true", "asc", "%", "_"),
);
const query = fc.dictionary(
  fc.constantFrom("limit", "cursor", "sort", "dir", "q", "role", "status", "from", "to", "action", "includeRevoked", "disabled", "x"),
  queryValue,
  { maxKeys: 4 },
);

const jsonBody = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      "name",
      "email",
      "password",
      "role",
      "version",
      "displayName",
      "expiresInHours",
      "expiresInDays",
      "currentPassword",
      "newPassword",
      "title",
      "decision",
      "objectives",
      "extra",
    ),
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.constant("a\u0000b@example.com"),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    ),
    { maxKeys: 5 },
  ),
);

/** A request body as raw bytes with a content type, including the malformed and the mislabelled. */
const rawBody = fc.oneof(
  jsonBody.map((b) => ({ body: JSON.stringify(b) ?? "null", type: "application/json" })),
  jsonBody.map((b) => ({ body: JSON.stringify(b) ?? "null", type: "application/merge-patch+json" })),
  fc.string({ maxLength: 60 }).map((s) => ({ body: s, type: "application/merge-patch+json" })),
  fc.string({ maxLength: 60 }).map((s) => ({ body: s, type: "application/json" })),
  fc.string({ maxLength: 60 }).map((s) => ({ body: s, type: "text/plain" })),
  fc.constant({ body: "", type: "application/json" }),
  fc.constant({ body: "{".repeat(5000), type: "application/json" }),
  fc.constant({ body: `{"name":"${"x".repeat(1_100_000)}"}`, type: "application/json" }),
  fc.constant({ body: "a=1&b=2", type: "application/x-www-form-urlencoded" }),
  fc.constant({
    body: JSON.stringify({
      name: "x\u0000",
      email: "a\u0000@example.com",
      password: "p\u0000".repeat(8),
      role: "viewer",
      version: 1,
      displayName: "\u0000",
    }),
    type: "application/json",
  }),
);

const fill = (rule: RouteRule, segments: string[]) => {
  let i = 0;
  return rule.url.replace(/:(\w+)/g, (_m, name: string) => {
    const value = segments[i++ % segments.length] ?? "";
    // Half the time keep the real organization so the request reaches the handler.
    return name === "orgId" && i % 2 === 1 ? orgId : encodeURIComponent(value);
  });
};

describe("junk input never produces a 5xx", () => {
  it("throws generated requests at every API route, signed in and not", async () => {
    const rules = server.app.routeRules.filter((r) => !(r.method === "POST" && r.url.endsWith("/auth/logout")));
    let cases = 0;
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...rules),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        query,
        rawBody,
        fc.boolean(),
        async (rule, segments, q, body, signedIn) => {
          cases++;
          const path = fill(rule, segments);
          const qs = new URLSearchParams(q).toString();
          const headers: Record<string, string> = { "content-type": body.type };
          const client = signedIn ? admin : new ApiClient(server.url);
          const withBody = !["GET", "DELETE", "HEAD"].includes(rule.method);
          const response = await client.request(rule.method, `${path}${qs ? `?${qs}` : ""}`, withBody ? body.body : undefined, headers);
          if (response.status >= 500)
            failures.push(
              `${rule.method} ${path}?${qs} ${body.body.slice(0, 80)} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
            );
          return response.status < 500;
        },
      ),
      { numRuns: rules.length * 50, seed: Number(process.env.FUZZ_SEED ?? 20261127) },
    );
    console.log(`fuzz: ${cases} generated requests over ${rules.length} routes`);
    expect(failures).toEqual([]);
    // Fifty requests per route: the budget grows with the API.
  }, 300_000);

  it("errors are problem+json with field-level details", async () => {
    const bad = await admin.post(`/api/v1/orgs/${orgId}/invites`, { email: "not-an-email", role: "emperor", extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const fields = bad.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(["email", "extra", "role"]);
    const tooBig = await admin.request("POST", "/api/v1/orgs", `{"name":"${"x".repeat(1_100_000)}"}`, {
      "content-type": "application/json",
    });
    expect(tooBig.status).toBe(413);
    const badId = await admin.get("/api/v1/orgs/not-a-uuid");
    expect(badId.status).toBe(404);
    const nul = await admin.post("/api/v1/orgs", { name: "a\u0000b" });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ field: "name", message: "must not contain a NUL character" }]);
    expect((await admin.get(`/api/v1/orgs/${orgId}/members?q=%00`)).status).toBe(400);
    const malformed = await admin.request("POST", "/api/v1/orgs", "{oops", { "content-type": "application/json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toBe("the request body is not valid JSON");
  });
});
