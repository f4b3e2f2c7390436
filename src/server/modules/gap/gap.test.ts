import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";
import { GAP_RULES } from "../../../core/gap/rules.js";
import { emptyProcessData } from "../../../core/process/data.js";
import { loadGapData } from "./gap.repo.js";

let server: TestServer;
let admin: ApiClient;
let viewer: ApiClient;
let orgId: string;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
});
afterAll(async () => server.close());

const patch = (client: ApiClient, path: string, body: unknown) => client.request("PATCH", path, body);
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

/** Every item of the list, page by page. */
async function listAll(client: ApiClient, path: string): Promise<{ itemId: string; status: string }[]> {
  const items: { itemId: string; status: string }[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: typeof items; nextCursor: string | null } } = await client.get(
      `${path}${path.includes("?") ? "&" : "?"}limit=50${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

describe("the ISO/IEC 27001:2022 reference", () => {
  it("is served to every member: clauses with their parent, controls with their theme", async () => {
    const reference = (await viewer.get(`${base}/reference/iso27001-2022`)).body;
    expect(reference.title).toBe("ISO/IEC 27001:2022");
    expect(reference.clauses).toHaveLength(41);
    expect(reference.controls).toHaveLength(93);
    expect(reference.clauses.find((c: { id: string }) => c.id === "6.1.3")).toEqual({
      id: "6.1.3",
      title: "Information security risk treatment",
      parent: "6.1",
    });
    expect(reference.controls[92]).toMatchObject({ id: "A.8.34", theme: "technological" });
  });
});

describe("the gap assessment", () => {
  it("lists every clause item and control in the standard's order, unassessed, with filters and a cursor", async () => {
    const all = await listAll(viewer, `${base}/gap`);
    expect(all).toHaveLength(123);
    expect(all.slice(0, 3).map((i) => i.itemId)).toEqual(["4.1", "4.2", "4.3"]);
    expect(all.at(-1)).toMatchObject({ itemId: "A.8.34", status: "not_assessed" });
    expect(new Set(all.map((i) => i.itemId)).size).toBe(123);
    const first = (await viewer.get(`${base}/gap?limit=1`)).body.items[0];
    expect(first).toEqual({
      itemId: "4.1",
      kind: "clause",
      title: "Understanding the organization and its context",
      group: "4",
      parent: "4",
      theme: null,
      status: "not_assessed",
      maturity: null,
      evidence: null,
      findings: null,
      justification: null,
      assessedBy: null,
      assessedAt: null,
      version: 0,
    });

    expect(await listAll(viewer, `${base}/gap?kind=control&theme=people`)).toHaveLength(8);
    expect(await listAll(viewer, `${base}/gap?kind=clause`)).toHaveLength(30);
    expect((await viewer.get(`${base}/gap?q=CLOUD`)).body.items.map((i: { itemId: string }) => i.itemId)).toEqual(["A.5.23"]);
    expect((await viewer.get(`${base}/gap?q=A.8.3`)).body.items.map((i: { itemId: string }) => i.itemId)).toEqual([
      "A.8.3",
      "A.8.30",
      "A.8.31",
      "A.8.32",
      "A.8.33",
      "A.8.34",
    ]);
    const filteredPage = await viewer.get(`${base}/gap?theme=physical&limit=10`);
    const rest = await viewer.get(`${base}/gap?theme=physical&limit=10&cursor=${filteredPage.body.nextCursor}`);
    expect(rest.body).toMatchObject({ nextCursor: null });
    expect([...filteredPage.body.items, ...rest.body.items].map((i: { itemId: string }) => i.itemId)).toEqual(
      Array.from({ length: 14 }, (_, i) => `A.7.${i + 1}`),
    );
    const badCursor = await viewer.get(`${base}/gap?cursor=nonsense`);
    expect(badCursor.status).toBe(400);
    expect(fields(badCursor.body)).toEqual(["cursor"]);
    expect(fields((await viewer.get(`${base}/gap?status=done&theme=legal`)).body)).toEqual(["status", "theme"]);
  });

  it("assesses an item with version 0 the first time, then with the version read; a stale version gets 409 with the item", async () => {
    const path = `${base}/gap/A.5.1`;
    expect((await patch(admin, path, { status: "implemented", version: 1 })).status).toBe(409);
    const first = await patch(admin, path, {
      status: "partially_implemented",
      maturity: 2,
      evidence: "  Policy v1 on the intranet ",
      version: 0,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      itemId: "A.5.1",
      kind: "control",
      theme: "organizational",
      status: "partially_implemented",
      maturity: 2,
      evidence: "Policy v1 on the intranet",
      findings: null,
      assessedBy: { name: "Admin" },
      version: 1,
    });
    expect(first.body.assessedAt).toEqual(expect.any(String));

    const again = await patch(admin, path, { status: "implemented", version: 0 });
    expect(again.status).toBe(409);
    expect(again.body.current).toMatchObject({ itemId: "A.5.1", status: "partially_implemented", version: 1 });
    // PUT replaces the whole assessment: evidence sent as null is cleared.
    const second = await admin.request("PUT", path, {
      status: "implemented",
      maturity: 3,
      evidence: null,
      findings: "Not yet reviewed",
      justification: null,
      version: 1,
    });
    expect(second.body).toMatchObject({ status: "implemented", maturity: 3, evidence: null, findings: "Not yet reviewed", version: 2 });
    const stale = await patch(admin, path, { status: "not_implemented", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ status: "implemented", maturity: 3, version: 2 });

    const listed = (await viewer.get(`${base}/gap?status=implemented`)).body.items;
    expect(listed.map((i: { itemId: string }) => i.itemId)).toEqual(["A.5.1"]);
    const events = (await admin.get(`${base}/audit?entityType=gap assessment`)).body.items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(["gap assessment.updated", "gap assessment.created"]);
    expect(events[1].changes.item_id).toEqual({ before: null, after: "A.5.1" });
    expect(events[0].changes.status).toEqual({ before: "partially_implemented", after: "implemented" });
  });

  it("refuses not applicable without a justification, and keeps one only while the item is not applicable", async () => {
    const path = `${base}/gap/A.7.5`;
    for (const justification of [undefined, null, "   "]) {
      const refused = await patch(admin, path, { status: "not_applicable", justification, version: 0 });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: "justification", message: "is required: say why the item does not apply" }]);
    }
    const na = await patch(admin, path, { status: "not_applicable", justification: "No premises: fully remote company", version: 0 });
    expect(na.body).toMatchObject({ status: "not_applicable", justification: "No premises: fully remote company", version: 1 });
    const back = await patch(admin, path, { status: "not_implemented", justification: "left over", version: 1 });
    expect(back.body).toMatchObject({ status: "not_implemented", justification: null, version: 2 });
  });

  it("names the field for a maturity outside 0–5 and for other bad input", async () => {
    const path = `${base}/gap/A.5.2`;
    for (const maturity of [6, -1, 2.5, "3"]) {
      const refused = await patch(admin, path, { status: "implemented", maturity, version: 0 });
      expect(refused.status, String(maturity)).toBe(400);
      expect(fields(refused.body)).toEqual(["maturity"]);
    }
    expect((await patch(admin, path, { status: "implemented", maturity: 6, version: 0 })).body.errors[0].message).toBe(
      "must be between 0 and 5",
    );
    expect(fields((await patch(admin, path, { status: "done", evidence: "x".repeat(10001), extra: 1, version: 0 })).body)).toEqual([
      "evidence",
      "extra",
      "status",
    ]);
    expect((await patch(admin, path, { status: "implemented", maturity: 5, version: 0 })).body.maturity).toBe(5);
  });

  it("answers 404 naming an unknown item, and 400 for a clause that is only a heading", async () => {
    const unknown = await patch(admin, `${base}/gap/A.5.38`, { status: "implemented", version: 0 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('ISO/IEC 27001:2022 item "A.5.38" was not found');
    const heading = await patch(admin, `${base}/gap/9.2`, { status: "implemented", version: 0 });
    expect(heading.status).toBe(400);
    expect(heading.body.errors).toEqual([{ field: "itemId", message: "is a heading: assess its sub-clauses 9.2.1, 9.2.2" }]);
  });

  it("lets every member read but only editors assess", async () => {
    expect((await patch(viewer, `${base}/gap/A.6.1`, { status: "implemented", version: 0 })).status).toBe(403);
    expect((await viewer.get(`${base}/gap/summary`)).status).toBe(200);
  });

  it("refuses the second of two simultaneous first assessments", async () => {
    const path = `${base}/gap/A.8.8`;
    const results = await Promise.all([
      patch(admin, path, { status: "implemented", version: 0 }),
      patch(admin, path, { status: "not_implemented", version: 0 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.current).toMatchObject({ itemId: "A.8.8", version: 1 });
  });
});

describe("the gap summary and completeness", () => {
  let org: string;
  beforeAll(async () => {
    org = (await admin.post("/api/v1/orgs", { name: "Summary Co" })).body.id;
  });
  const summary = async () => (await admin.get(`/api/v1/orgs/${org}/gap/summary`)).body;

  it("counts statuses and maturity by theme and by clause", async () => {
    const assess = (itemId: string, body: Record<string, unknown>) =>
      patch(admin, `/api/v1/orgs/${org}/gap/${itemId}`, { version: 0, ...body }).then((r) => expect(r.status, itemId).toBe(200));
    await assess("A.6.1", { status: "implemented", maturity: 4 });
    await assess("A.6.2", { status: "partially_implemented", maturity: 1 });
    await assess("A.6.3", { status: "not_applicable", justification: "No staff yet", maturity: 5 });
    await assess("7.2", { status: "not_implemented", maturity: 0 });
    const s = await summary();
    expect(s.complete).toBe(false);
    expect(s.totals).toMatchObject({
      key: "all",
      total: 123,
      counts: { not_assessed: 119, implemented: 1, partially_implemented: 1, not_applicable: 1, not_implemented: 1 },
      maturity: { rated: 3, distribution: [1, 1, 0, 0, 1, 0] },
    });
    expect(s.totals.maturity.average).toBeCloseTo(5 / 3);
    expect(s.byTheme.find((g: { key: string }) => g.key === "people")).toMatchObject({
      title: "People controls",
      total: 8,
      counts: { not_assessed: 5, implemented: 1, partially_implemented: 1, not_applicable: 1 },
      maturity: { rated: 2, average: 2.5, distribution: [0, 1, 0, 0, 1, 0] },
    });
    expect(s.byClause.map((g: { key: string; total: number }) => [g.key, g.total])).toEqual([
      ["4", 4],
      ["5", 3],
      ["6", 5],
      ["7", 7],
      ["8", 3],
      ["9", 6],
      ["10", 2],
    ]);
    expect(s.byClause.find((g: { key: string }) => g.key === "7")).toMatchObject({ title: "Support", counts: { not_implemented: 1 } });
  });

  it("keeps each organization's assessment to itself", async () => {
    expect((await summary()).totals.counts.not_assessed).toBe(119);
    const other = (await admin.get(`/api/v1/orgs/${org}/gap?q=A.5.1&limit=1`)).body.items[0];
    expect(other).toMatchObject({ itemId: "A.5.1", status: "not_assessed", version: 0 });
    const mine = (await admin.get(`${base}/gap?q=A.5.1&limit=1`)).body.items[0];
    expect(mine).toMatchObject({ itemId: "A.5.1", status: "implemented", version: 2 });
    // Version 2 is this organization's; in the other one the item has no assessment yet.
    expect((await patch(admin, `/api/v1/orgs/${org}/gap/A.5.1`, { status: "implemented", version: 2 })).status).toBe(409);
  });

  it("becomes complete when the last item gets a status, and the completion rule follows", async () => {
    const open = (await listAll(admin, `/api/v1/orgs/${org}/gap?status=not_assessed`)).map((i) => i.itemId);
    expect(open).toHaveLength(119);
    const last = open.pop()!;
    for (const itemId of open) {
      expect((await patch(admin, `/api/v1/orgs/${org}/gap/${itemId}`, { status: "not_implemented", version: 0 })).status).toBe(200);
    }
    expect((await summary()).complete).toBe(false);
    const rule = GAP_RULES["gap-assessment-complete"]!;
    const before = rule({ ...emptyProcessData(), gap: await loadGapData(server.db, org) });
    expect(before.checks.map((c) => c.ok)).toEqual([true, false]);
    expect(before.checks[1]?.missing[0]?.message).toBe(`No status yet for 1 of 93 Annex A controls: ${last}.`);

    expect((await patch(admin, `/api/v1/orgs/${org}/gap/${last}`, { status: "implemented", version: 0 })).status).toBe(200);
    expect((await summary()).complete).toBe(true);
    expect(rule({ ...emptyProcessData(), gap: await loadGapData(server.db, org) }).checks.every((c) => c.ok)).toBe(true);

    // Taking a status back re-opens the assessment.
    await patch(admin, `/api/v1/orgs/${org}/gap/${last}`, { status: "not_assessed", version: 1 });
    expect((await summary()).complete).toBe(false);
  });
});

describe("bulk assessment", () => {
  let org: string;
  let orgBase: string;
  beforeAll(async () => {
    org = (await admin.post("/api/v1/orgs", { name: "Bulk Co" })).body.id;
    orgBase = `/api/v1/orgs/${org}`;
  });
  const bulk = (items: unknown[], client = admin) => client.post(`${orgBase}/gap/bulk`, { items });
  const stored = async (itemId: string) =>
    (await admin.get(`${orgBase}/gap?q=${itemId}&limit=200`)).body.items.find((i: { itemId: string }) => i.itemId === itemId);

  it("assesses every item of the reference in one call, then updates them with the versions read", async () => {
    const all = await listAll(admin, `${orgBase}/gap`);
    const first = await bulk(all.map((i) => ({ itemId: i.itemId, status: "not_implemented", maturity: 0, version: 0 })));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.items).toHaveLength(123);
    expect(first.body.items[0]).toMatchObject({ itemId: "4.1", status: "not_implemented", version: 1, assessedBy: { name: "Admin" } });
    expect((await admin.get(`${orgBase}/gap/summary`)).body.complete).toBe(true);
    const second = await bulk([
      { itemId: "A.5.1", status: "implemented", maturity: 3, evidence: "Signed policy", version: 1 },
      { itemId: "A.5.2", status: "not_applicable", justification: "No roles yet", version: 1 },
    ]);
    expect(second.status).toBe(200);
    expect(second.body.items.map((i: { itemId: string; version: number }) => [i.itemId, i.version])).toEqual([
      ["A.5.1", 2],
      ["A.5.2", 2],
    ]);
    const events = (await admin.get(`${orgBase}/audit?action=gap assessment.updated&limit=200`)).body.items;
    expect(events.length).toBe(2);
    expect((await admin.get(`${orgBase}/audit/verify`)).body).toMatchObject({ intact: true });
  });

  it("is all or nothing: invalid items are listed by item and field, and nothing is written", async () => {
    const before = await stored("A.5.3");
    const response = await bulk([
      { itemId: "A.5.3", status: "implemented", version: 1 },
      { itemId: "A.5.4", status: "done", version: 1 },
      { itemId: "A.5.5", status: "not_applicable", version: 1 },
      { itemId: "A.9.9", status: "implemented", version: 0 },
      { itemId: "6.1", status: "implemented", version: 0 },
      { itemId: "A.5.3", status: "implemented", version: 1 },
      { itemId: "A.5.6", status: "implemented", maturity: 9, colour: "red", version: 1 },
    ]);
    expect(response.status).toBe(400);
    const byItem = response.body.errors.map((e: { item: string; field: string }) => [e.item, e.field]);
    expect(byItem).toEqual(
      expect.arrayContaining([
        ["A.5.4", "items.1.status"],
        ["A.5.5", "items.2.justification"],
        ["A.5.6", "items.6.maturity"],
        ["A.5.6", "items.6.colour"],
      ]),
    );
    expect(response.body.detail).toContain("A.5.4 status: must be one of");
    expect(await stored("A.5.3")).toEqual(before);

    const unknown = await bulk([
      { itemId: "A.5.3", status: "implemented", version: 1 },
      { itemId: "A.9.9", status: "implemented", version: 0 },
      { itemId: "6.1", status: "implemented", version: 0 },
      { itemId: "A.5.3", status: "implemented", version: 1 },
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { field: "items.1.itemId", item: "A.9.9", message: "is not a clause item or Annex A control of ISO/IEC 27001:2022" },
      { field: "items.2.itemId", item: "6.1", message: "is a heading: assess its sub-clauses 6.1.1, 6.1.2, 6.1.3" },
      { field: "items.3.itemId", item: "A.5.3", message: "is listed twice: items.0 is the same item" },
    ]);
    expect(await stored("A.5.3")).toEqual(before);
  });

  it("checks each item's version: one stale item refuses the whole call with 409, naming it and giving it as it is now", async () => {
    const response = await bulk([
      { itemId: "A.5.7", status: "implemented", version: 1 },
      { itemId: "A.5.8", status: "implemented", version: 0 },
      { itemId: "A.5.1", status: "not_implemented", version: 1 },
    ]);
    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([
      { field: "items.1.version", item: "A.5.8", message: "is 1 now: the item was changed since you read it" },
      { field: "items.2.version", item: "A.5.1", message: "is 2 now: the item was changed since you read it" },
    ]);
    expect(response.body.current.map((i: { itemId: string; version: number }) => [i.itemId, i.version])).toEqual([
      ["A.5.8", 1],
      ["A.5.1", 2],
    ]);
    expect(await stored("A.5.7")).toMatchObject({ status: "not_implemented", version: 1 });
  });

  it("lets only editors assess in bulk", async () => {
    expect((await bulk([{ itemId: "A.5.7", status: "implemented", version: 1 }], viewer)).status).toBe(404);
    const editor = await bulk([{ itemId: "A.5.7", status: "implemented", version: 1 }]);
    expect(editor.status).toBe(200);
    expect((await admin.post(`${base}/gap/bulk`, { items: [] })).status).toBe(400);
    expect((await viewer.post(`${base}/gap/bulk`, { items: [{ itemId: "A.5.7", status: "implemented", version: 0 }] })).status).toBe(403);
  });
});
