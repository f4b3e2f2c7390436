import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document according to an independent validator", async () => {
    const response = await new ApiClient(server.url).get("/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    const result = await new Validator().validate(response.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every API route the server has", async () => {
    const spec = (await new ApiClient(server.url).get("/api/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const routes = server.app.routeRules.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, "{$1}")}`);
    expect(documented.sort()).toEqual(routes.sort());
  });

  it("lists PATCH beside the record updates, taking JSON merge patches, with PUT bodies requiring every field", async () => {
    type Operation = { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } };
    const spec = (await new ApiClient(server.url).get("/api/openapi.json")).body as { paths: Record<string, Record<string, Operation>> };
    const patched = Object.keys(spec.paths).filter((path) => spec.paths[path]?.patch);
    expect(patched.length).toBeGreaterThan(25);
    for (const path of ["/api/v1/orgs/{orgId}/soa/controls/{controlId}", "/api/v1/orgs/{orgId}/risks/{riskId}"]) {
      const operations = spec.paths[path] ?? {};
      expect(Object.keys(operations.patch?.requestBody?.content ?? {}).sort()).toEqual([
        "application/json",
        "application/merge-patch+json",
      ]);
      expect(operations.put?.requestBody?.content["application/json"]?.schema.required).toContain("version");
    }
    expect(
      spec.paths["/api/v1/orgs/{orgId}/soa/controls/{controlId}"]?.put?.requestBody?.content["application/json"]?.schema.required,
    ).toEqual(expect.arrayContaining(["decision", "justification", "implementation", "owner", "requirementIds"]));
  });

  it("declares file downloads by their content types, as binary strings, so generated clients can save them", async () => {
    const spec = (await new ApiClient(server.url).get("/api/openapi.json")).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
    };
    const file = { type: "string", format: "binary" };
    for (const path of ["/api/v1/orgs/{orgId}/exports/{register}", "/api/v1/orgs/{orgId}/imports/{register}/template"]) {
      const content = spec.paths[path]?.get?.responses["200"]?.content ?? {};
      expect(Object.keys(content).sort(), path).toEqual(["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"]);
      for (const media of Object.values(content)) expect(media.schema, path).toMatchObject(file);
    }
  });

  it("serves the interactive documentation", async () => {
    const docs = await fetch(`${server.url}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger");
  });
});
