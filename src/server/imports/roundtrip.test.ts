import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableOf } from "../../../test/helpers/import-files.js";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../../../test/helpers/server.js";
import { PARTY_KINDS } from "../../contracts/requirements.js";
import { ASSET_KINDS, assetCategory } from "../../core/assets/inventory.js";
import { DEFAULT_VALUATION_SCALE } from "../../core/assets/valuation.js";
import { GAP_STATUSES } from "../../core/gap/summary.js";
import { IMPORT_REGISTERS, importColumns } from "../../core/imports/columns.js";
import { PARENT_KINDS, SCOPE_ELEMENT_KINDS } from "../../core/scope/data.js";

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin } = await setUpInstance(server));
});
afterAll(async () => server.close());

/** Text that trips files up: separators, quotes, line breaks, formula starts, non-ASCII. */
const awkward = fc
  .array(fc.constantFrom("a", "Z", "7", " ", ",", ";", '"', "'", "=", "+", "-", "@", "\n", "é", "日", "😀", "\\"), { maxLength: 12 })
  .map((chars) => chars.join(""));
const optionalText = fc.option(awkward, { nil: null });
const level = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null });
const levels = fc
  .record({ confidentiality: level, integrity: level, availability: level })
  .map((v) => Object.fromEntries(Object.entries(v).filter(([, l]) => l !== null)));
/** Names are unique by a prefix, so that every record without a reference is still told apart by name. */
const named = (prefix: string, i: number, text: string) => `${prefix}${i} ${text}`;
const ref = (prefix: string, i: number, has: boolean) => (has ? `${prefix}-REF-${i}` : null);

const content = fc.record({
  elements: fc.array(
    fc.record({
      kind: fc.constantFrom(...SCOPE_ELEMENT_KINDS),
      parent: fc.nat(),
      name: awkward,
      description: optionalText,
      owner: optionalText,
      inScope: fc.boolean(),
      justification: awkward,
      hasRef: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  parties: fc.array(fc.record({ name: awkward, kind: fc.constantFrom(...PARTY_KINDS), expectations: optionalText }), {
    minLength: 1,
    maxLength: 3,
  }),
  requirements: fc.array(fc.record({ title: awkward, party: fc.nat(), source: optionalText, needs: levels, hasRef: fc.boolean() }), {
    maxLength: 4,
  }),
  assets: fc.array(
    fc.record({
      kind: fc.constantFrom(...ASSET_KINDS),
      name: awkward,
      owner: optionalText,
      classification: optionalText,
      location: fc.option(fc.nat(), { nil: null }),
      valuation: levels,
      override: levels,
      hasRef: fc.boolean(),
      /** Which of the assets recorded before it a supporting asset supports (the primary ones among them). */
      supports: fc.array(fc.nat(), { maxLength: 3 }),
    }),
    { maxLength: 6 },
  ),
  gap: fc.array(
    fc.record({
      item: fc.nat(),
      status: fc.constantFrom(...GAP_STATUSES),
      maturity: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      evidence: optionalText,
      justification: awkward,
    }),
    { maxLength: 4 },
  ),
  tasks: fc.array(
    fc.record({
      title: awkward,
      description: optionalText,
      effortDays: fc.option(fc.constantFrom(0.5, 1, 3, 12.25), { nil: null }),
      status: fc.constantFrom("planned", "in_progress", "implemented", "verified"),
      deliverables: fc.array(
        awkward.filter((d) => d.trim() !== ""),
        { maxLength: 2 },
      ),
      /** Which of the tasks recorded before it must finish first, with what lag. */
      predecessors: fc.array(fc.record({ task: fc.nat(), lagDays: fc.integer({ min: 0, max: 5 }) }), { maxLength: 2 }),
    }),
    { maxLength: 4 },
  ),
  format: fc.constantFrom("csv" as const, "xlsx" as const),
});
type Content = typeof content extends fc.Arbitrary<infer T> ? T : never;

async function created(path: string, body: Record<string, unknown>): Promise<string> {
  const response = await admin.post(path, body);
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** Records the content through the API, so it is valid by the API's rules, in a fresh organization. */
async function record(c: Content): Promise<string> {
  const orgId = (await admin.post("/api/v1/orgs", { name: "Round trip" })).body.id as string;
  const base = `/api/v1/orgs/${orgId}`;
  const elements: { id: string; kind: string }[] = [];
  for (const [i, e] of c.elements.entries()) {
    const parent = elements.length > 0 ? elements[e.parent % elements.length] : undefined;
    const fits = parent && (PARENT_KINDS[e.kind] as readonly string[]).includes(parent.kind);
    const id = await created(`${base}/scope/elements`, {
      kind: e.kind,
      parentId: fits ? parent.id : null,
      name: named("E", i, e.name),
      description: e.description,
      owner: e.owner,
      inScope: e.inScope,
      exclusionJustification: e.inScope ? null : `why ${e.justification}`,
      externalRef: ref("E", i, e.hasRef),
    });
    elements.push({ id, kind: e.kind });
  }
  const parties: string[] = [];
  for (const [i, p] of c.parties.entries())
    parties.push(await created(`${base}/interested-parties`, { name: named("P", i, p.name), kind: p.kind, expectations: p.expectations }));
  for (const [i, r] of c.requirements.entries())
    await created(`${base}/requirements`, {
      title: named("R", i, r.title),
      partyId: parties[r.party % parties.length],
      source: r.source,
      ...r.needs,
      externalRef: ref("R", i, r.hasRef),
    });
  const assets: { id: string; kind: string }[] = [];
  for (const [i, a] of c.assets.entries()) {
    const supporting = assetCategory(a.kind) === "supporting" && Object.keys(a.override).length > 0;
    const id = await created(`${base}/assets`, {
      kind: a.kind,
      name: named("A", i, a.name),
      owner: a.owner,
      classification: a.classification,
      locationElementId: a.location === null || elements.length === 0 ? null : elements[a.location % elements.length]?.id,
      valuation: a.valuation,
      valuationOverride: supporting ? a.override : {},
      overrideReason: supporting ? "set by hand" : null,
      externalRef: ref("A", i, a.hasRef),
    });
    if (assetCategory(a.kind) === "supporting") {
      const primaries = new Set(a.supports.flatMap((n) => (assets.length === 0 ? [] : [assets[n % assets.length]])));
      for (const primary of primaries)
        if (primary && assetCategory(primary.kind) === "primary")
          expect((await admin.post(`${base}/assets/${id}/supports`, { primaryAssetId: primary.id })).status).toBe(201);
    }
    assets.push({ id, kind: a.kind });
  }
  const tasks: string[] = [];
  for (const [i, t] of c.tasks.entries()) {
    const predecessors = new Map<string, number>();
    for (const p of t.predecessors) if (tasks.length > 0) predecessors.set(tasks[p.task % tasks.length] as string, p.lagDays);
    tasks.push(
      await created(`${base}/plan/tasks`, {
        title: named("T", i, t.title),
        description: t.description,
        effortDays: t.effortDays,
        status: t.status,
        deliverables: t.deliverables.map((d) => d.trim()),
        predecessors: [...predecessors].map(([taskId, lagDays]) => ({ taskId, lagDays })),
      }),
    );
  }
  const items = (await admin.get(`${base}/gap?limit=200`)).body.items as { itemId: string; version: number }[];
  const assessed = new Set<string>();
  for (const g of c.gap) {
    const item = items[g.item % items.length] as { itemId: string };
    if (assessed.has(item.itemId)) continue;
    assessed.add(item.itemId);
    const body = { ...g, item: undefined, justification: `why ${g.justification}`, version: 0 };
    expect((await admin.request("PATCH", `${base}/gap/${item.itemId}`, body)).status).toBe(200);
  }
  return orgId;
}

const LISTS = {
  "scope-elements": "scope/elements",
  "interested-parties": "interested-parties",
  requirements: "requirements",
  assets: "assets",
  "gap-assessment": "gap",
  tasks: "plan/tasks",
} as const;

const everything = async (base: string) => ({
  ...Object.fromEntries(
    await Promise.all(
      Object.entries(LISTS).map(async ([register, path]) => [
        register,
        (await admin.get(`${base}/${path}?limit=200${register === "gap-assessment" || register === "tasks" ? "" : "&sort=createdAt"}`)).body
          .items,
      ]),
    ),
  ),
  supports: (await admin.get(`${base}/assets/graph?limit=200`)).body.edges,
});

describe("export then import", () => {
  it("finds every row unchanged and leaves every record as it was, in CSV and XLSX", async () => {
    await fc.assert(
      fc.asyncProperty(content, async (c) => {
        const orgId = await record(c);
        const base = `/api/v1/orgs/${orgId}`;
        const before = await everything(base);
        // A token opens one organization; downloads need the raw bytes, so they go through one.
        const token = (await admin.post(`${base}/tokens`, { name: "downloads" })).body.token;
        for (const register of IMPORT_REGISTERS) {
          const file = await fetch(`${server.url}${base}/exports/${register}?format=${c.format}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const bytes = Buffer.from(await file.arrayBuffer());
          // The export's columns are the import's, all of them.
          expect((await tableOf(c.format, bytes)).header).toEqual(
            importColumns(register, DEFAULT_VALUATION_SCALE).map((col) => col.header),
          );
          const contentBase64 = bytes.toString("base64");
          const preview = await admin.post(`${base}/imports/${register}/preview`, {
            filename: `x.${c.format}`,
            format: c.format,
            contentBase64,
          });
          expect(preview.body, register).toMatchObject({ errors: [], create: 0, update: 0, unchanged: before[register].length });
          expect((await admin.post(`${base}/imports/${preview.body.id}/commit`)).status).toBe(200);
        }
        expect(await everything(base)).toEqual(before);
      }),
      { numRuns: 30, seed: Number(process.env.ROUNDTRIP_SEED ?? 20270115) },
    );
  }, 120_000);
});
