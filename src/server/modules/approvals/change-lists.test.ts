import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

/**
 * Change lists of stale approvals name the record (reference and title) and the field, matching
 * list items by id (issue 9, item 1), on the demo organization, which has G1 and G3 approved.
 */
let server: TestServer;
let admin: ApiClient;
let base: string;

type Change = {
  path: string;
  record: { list: string; id: string; ref: string | null; title: string | null } | null;
  field: string;
  before: unknown;
  after: unknown;
  kind: string;
};
type Score = { likelihood: number; impact: number; rationale?: string | null } | null;
type RiskDetail = {
  id: string;
  ref: string;
  title: string;
  version: number;
  asset: { id: string } | null;
  threat: { id: string } | null;
  vulnerability: { id: string } | null;
  affectedAssets: { id: string }[];
  owner: { id: string } | null;
  inherent: Score;
  current: Score;
  residual: Score;
  [key: string]: unknown;
};

/** What GET returns for a risk, as PUT takes it back. */
const asInput = (r: RiskDetail) => {
  const score = (s: Score) => (s ? { likelihood: s.likelihood, impact: s.impact, rationale: s.rationale ?? null } : null);
  return {
    kind: r.kind,
    title: r.title,
    description: r.description,
    assetId: r.asset?.id ?? null,
    threatId: r.threat?.id ?? null,
    vulnerabilityId: r.vulnerability?.id ?? null,
    consequence: r.consequence,
    riskSource: r.riskSource,
    event: r.event,
    affectedAssetIds: r.affectedAssets.map((a) => a.id),
    ownerUserId: r.owner?.id ?? null,
    inherent: score(r.inherent),
    current: score(r.current),
    residual: score(r.residual),
    treatment: r.treatment,
    treatmentPlan: r.treatmentPlan,
    treatmentOwner: r.treatmentOwner,
    treatmentDue: r.treatmentDue,
    controlIds: r.controlIds,
    reviewDate: r.reviewDate,
    status: r.status,
    quant: r.quant,
    version: r.version,
  };
};

const risk = async (ref: string): Promise<RiskDetail> => {
  const list = (await admin.get(`${base}/risks?limit=100`)).body.items as { id: string; ref: string }[];
  const id = list.find((r) => r.ref === ref)!.id;
  return (await admin.get(`${base}/risks/${id}`)).body;
};

const gate = async (id: string) =>
  (await admin.get(`${base}/gates/${id}`)).body as { latest: { stale: boolean; id: string }; changes: Change[] };

beforeAll(async () => {
  server = await startTestServer();
  ({ admin } = await setUpInstance(server));
  const demo = await admin.post("/api/v1/demo");
  base = `/api/v1/orgs/${demo.body.orgId}`;
}, 60_000);
afterAll(async () => server.close());

const covering = async (query: string) => (await admin.get(`${base}/approvals/covering?${query}`)).body;

describe("which valid approvals a change would make stale", () => {
  it("names G1 for a cost line and for the business case, with the fields it covers", async () => {
    const costs = (await admin.get(`${base}/business-case/costs?limit=100`)).body.items as { id: string; title: string }[];
    expect(await covering(`recordId=${costs[0]!.id}`)).toEqual({
      approvals: [{ kind: "gate", gateId: "G1", label: "the approval of G1", fields: ["amount", "currency", "title"] }],
    });
    const bc = await covering("document=business-case");
    expect(bc.approvals).toEqual([expect.objectContaining({ gateId: "G1", fields: expect.arrayContaining(["benefits", "objectives"]) })]);
  });

  it("names G3 and the risk's valid decisions for a risk, and nothing for a record no approval holds", async () => {
    const r1 = await risk("R-0001");
    const found = (await covering(`recordId=${r1.id}`)).approvals as {
      kind: string;
      gateId: string | null;
      label: string;
      fields: string[];
    }[];
    expect(found.map((a) => a.label)).toEqual(["the approval of G3", "the treatment plan approval", "the residual risk acceptance"]);
    expect(found[0]!.fields).toEqual(expect.arrayContaining(["residual", "status", "title", "treatmentPlan"]));
    expect(found[1]!.fields).toContain("residual");
    const objective = (await admin.post(`${base}/objectives`, { title: "Win the tender" })).body;
    expect(await covering(`recordId=${objective.id}`)).toEqual({ approvals: [] });
    expect((await admin.get(`${base}/approvals/covering`)).status).toBe(400);
  });
});

describe("change lists of stale approvals", () => {
  it("G1: a changed cost amount names the cost line by its title", async () => {
    expect((await gate("G1")).latest.stale).toBe(false);
    const costs = (await admin.get(`${base}/business-case/costs?limit=100`)).body.items as { id: string; title: string; version: number }[];
    const audit = costs.find((c) => c.title.startsWith("Certification audit"))!;
    const changed = await admin.request("PUT", `${base}/business-case/costs/${audit.id}`, {
      title: audit.title,
      amount: 21000,
      currency: "EUR",
      version: audit.version,
    });
    expect(changed.status).toBe(200);
    const g1 = await gate("G1");
    expect(g1.latest.stale).toBe(true);
    expect(g1.changes).toEqual([
      {
        path: `costs[${audit.id}].amount`,
        record: { list: "costs", id: audit.id, ref: null, title: "Certification audit (stages 1 and 2)" },
        field: "amount",
        before: 18000,
        after: 21000,
        kind: "changed",
      },
    ]);
    const detail = (await admin.get(`${base}/approvals/${g1.latest.id}`)).body;
    expect(detail.changes).toEqual(g1.changes);
    // A stale approval covers nothing: a further change warns of nothing.
    expect(await covering(`recordId=${audit.id}`)).toEqual({ approvals: [] });
  });

  it("G3: changing one risk names that risk and the field, with values rather than hashes", async () => {
    expect((await gate("G3")).latest.stale).toBe(false);
    const r2 = await risk("R-0002");
    const changed = await admin.request("PUT", `${base}/risks/${r2.id}`, {
      ...asInput(r2),
      treatmentPlan: "Phishing drills every quarter",
    });
    expect(changed.status).toBe(200);
    const g3 = await gate("G3");
    expect(g3.latest.stale).toBe(true);
    const riskChanges = g3.changes.filter((c) => c.record?.list === "risks");
    expect(riskChanges.length).toBeGreaterThan(0);
    for (const c of riskChanges) expect(c.record).toEqual({ list: "risks", id: r2.id, ref: "R-0002", title: r2.title });
    expect(riskChanges).toContainEqual(
      expect.objectContaining({
        field: "treatmentPlan",
        before: r2.treatmentPlan,
        after: "Phishing drills every quarter",
        kind: "changed",
      }),
    );
    // Nothing reported is a hash: every value is a field's own value.
    for (const c of g3.changes) for (const v of [c.before, c.after]) expect(JSON.stringify(v) ?? "").not.toMatch(/[0-9a-f]{64}/);
  });

  it("G3: closing one risk reports that one risk removed, and no other risk", async () => {
    const r3 = await risk("R-0003");
    const before = (await gate("G3")).changes.filter((c) => c.record?.list === "risks" && c.record.ref !== "R-0003");
    const closed = await admin.request("PUT", `${base}/risks/${r3.id}`, { ...asInput(r3), status: "closed" });
    expect(closed.status).toBe(200);
    const g3 = await gate("G3");
    const riskChanges = g3.changes.filter((c) => c.record?.list === "risks");
    // R-0002's edit from the test above is still there; closing R-0003 adds exactly its removal.
    expect(riskChanges).toHaveLength(before.length + 1);
    expect(riskChanges).toEqual(
      expect.arrayContaining([
        ...before,
        expect.objectContaining({
          path: `risks[${r3.id}]`,
          record: expect.objectContaining({ ref: "R-0003" }),
          field: "",
          kind: "removed",
        }),
      ]),
    );
    expect(g3.changes.filter((c) => c.kind === "reordered")).toEqual([]);
  });
});
