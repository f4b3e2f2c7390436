import { describe, expect, it } from "vitest";
import { z } from "zod";
import { patchOf, registerEndpoints, singletonEndpoints, UpdateOf } from "./register.js";

const item = z.object({ id: z.string(), title: z.string(), version: z.number() });
const input = z.strictObject({ title: z.string().min(1), note: z.string().nullable().default(null) });

describe("register contracts", () => {
  it("describe the six endpoints of a register under one path, with the summaries every register has", () => {
    const e = registerEndpoints({ path: "things", entity: "thing", tags: ["t"], item, input });
    expect(Object.entries(e).map(([k, v]) => (typeof v === "string" ? `${k} ${v}` : `${k} ${v.method} ${v.path} ${v.summary}`))).toEqual([
      "entity thing",
      "list GET /orgs/:orgId/things List things",
      "create POST /orgs/:orgId/things Add a thing",
      "get GET /orgs/:orgId/things/:itemId One thing",
      "replace PUT /orgs/:orgId/things/:itemId Replace a thing: send every field (as GET returns them); fields left out are refused",
      "patch PATCH /orgs/:orgId/things/:itemId Change a thing: only the fields sent (JSON merge patch)",
      "remove DELETE /orgs/:orgId/things/:itemId Remove a thing",
    ]);
    expect(e.create.status).toBe(201);
    expect(e.list.access).toEqual(e.get.access);
    expect(e.create.access).not.toEqual(e.list.access);
  });

  it("a singleton is read and written at one path", () => {
    const e = singletonEndpoints({ path: "doc", entity: "doc", tags: [], schema: item, input: input.extend({ version: z.number() }) });
    expect([e.get.method, e.replace.method, e.patch.method]).toEqual(["GET", "PUT", "PATCH"]);
    expect(new Set([e.get.path, e.replace.path, e.patch.path])).toEqual(new Set(["/orgs/:orgId/doc"]));
  });

  it("a patch takes any subset of the fields but always the version; unknown fields are refused", () => {
    const patch = patchOf(UpdateOf(input));
    expect(patch.safeParse({ version: 2 }).success).toBe(true);
    expect(patch.safeParse({ note: "x", version: 2 }).success).toBe(true);
    expect(patch.safeParse({ note: "x" }).success).toBe(false);
    expect(patch.safeParse({ version: 2, other: 1 }).success).toBe(false);
  });
});
