import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let approver: ApiClient;
let manager: ApiClient;
let owner: ApiClient;
let ownerId: string;
let orgId: string;
let base: string;
let customerData: string;
let crm: string;
let threatId: string;

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();
const inMonths = (months: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  approver = (await addMember(server, admin, orgId, "ceo@example.com", "approver", "Chief Executive")).client;
  manager = (await addMember(server, admin, orgId, "ism@example.com", "isms_manager", "Isa Manager")).client;
  ({ client: owner, userId: ownerId } = await addMember(server, admin, orgId, "owner@example.com", "contributor", "Rita Owner"));
  customerData = (await admin.post(`${base}/assets`, { kind: "information", name: "Customer data", owner: "Sales" })).body.id;
  crm = (await admin.post(`${base}/assets`, { kind: "software", name: "CRM", owner: "IT" })).body.id;
  await admin.post(`${base}/assets/${crm}/supports`, { primaryAssetId: customerData });
});
afterAll(async () => server.close());

const assetRisk = (over: Record<string, unknown> = {}) => ({
  kind: "asset",
  title: "Customer data stolen from the CRM",
  assetId: crm,
  threatId,
  ownerUserId: ownerId,
  inherent: { likelihood: 4, impact: 5, rationale: "Internet-facing, phished before" },
  ...over,
});

describe("the risk method and the starter catalogs", () => {
  it("ships the 5 × 5 default and no version until one is started", async () => {
    const overview = (await admin.get(`${base}/risk-method`)).body;
    expect(overview.inForce).toBeNull();
    expect(overview.defaults.grid).toEqual([
      [0, 0, 1, 1, 1],
      [0, 1, 1, 2, 2],
      [1, 1, 2, 3, 3],
      [1, 2, 3, 3, 4],
      [2, 3, 3, 4, 4],
    ]);
  });

  it("loads the starter threats and vulnerabilities once", async () => {
    const first = await admin.post(`${base}/risk-catalog/starter`, {});
    expect(first.status).toBe(200);
    expect(first.body.threatsAdded).toBeGreaterThanOrEqual(30);
    expect(first.body.vulnerabilitiesAdded).toBeGreaterThanOrEqual(40);
    expect((await admin.post(`${base}/risk-catalog/starter`, {})).body).toEqual({ threatsAdded: 0, vulnerabilitiesAdded: 0 });
    const threats = (await admin.get(`${base}/threats?limit=200`)).body.items;
    expect(threats).toHaveLength(first.body.threatsAdded);
    threatId = threats[0].id;
  });

  it("refuses an invalid method with every problem named, and warns about a non-monotonic grid", async () => {
    const { defaults } = (await admin.get(`${base}/risk-method`)).body;
    const bad = { ...defaults, grid: [[0, 0, 1]], threshold: 9 };
    const refused = await admin.post(`${base}/risk-method/versions`, { definition: bad });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(expect.arrayContaining(["definition.threshold"]));
    expect(refused.body.errors.some((e: { field: string }) => e.field.startsWith("definition.grid"))).toBe(true);
    const odd = { ...defaults, grid: defaults.grid.map((row: number[], i: number) => (i === 4 ? [0, 0, 0, 0, 0] : row)) };
    const draft = await admin.post(`${base}/risk-method/versions`, { definition: odd });
    expect(draft.status).toBe(201);
    expect(draft.body.warnings.length).toBeGreaterThan(0);
    // Put the default back while the draft is unused.
    const fixed = await admin.request("PATCH", `${base}/risk-method/versions/${draft.body.id}`, { definition: defaults, version: 1 });
    expect(fixed.status).toBe(200);
    expect(fixed.body.warnings).toEqual([]);
  });
});

describe("the risk register", () => {
  let riskId: string;

  it("refuses a risk that lacks what its kind needs, naming the fields", async () => {
    const refused = await admin.post(`${base}/risks`, { kind: "asset", title: "Vague" });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(["assetId", "threatId"]);
    const scenario = await admin.post(`${base}/risks`, { kind: "scenario", title: "Vague", affectedAssetIds: [crm] });
    expect(fields(scenario.body)).toEqual(["affectedAssetIds.0", "event"]);
    const offScale = await admin.post(`${base}/risks`, assetRisk({ inherent: { likelihood: 6, impact: 0 } }));
    expect(fields(offScale.body)).toEqual(["inherent.impact", "inherent.likelihood"]);
  });

  it("computes the level from the method and never takes one typed", async () => {
    const created = await admin.post(`${base}/risks`, assetRisk());
    expect(created.status).toBe(201);
    riskId = created.body.id;
    expect(created.body).toMatchObject({
      ref: "R-0001",
      inherent: { likelihood: 4, impact: 5, level: 4, levelName: "Very high" },
      methodNumber: 1,
    });
    const typed = await admin.post(`${base}/risks`, assetRisk({ inherent: { likelihood: 1, impact: 1, level: 4 } }));
    expect(typed.status).toBe(400);
    expect(fields(typed.body)).toEqual(["inherent.level"]);
  });

  it("keeps a scenario risk in the same register, filtered by kind and level", async () => {
    const scenario = await admin.post(`${base}/risks`, {
      kind: "scenario",
      title: "Ransomware stops order handling",
      riskSource: "Criminal group",
      event: "Encrypts the file servers",
      affectedAssetIds: [customerData],
      ownerUserId: ownerId,
      inherent: { likelihood: 2, impact: 2 },
    });
    expect(scenario.status).toBe(201);
    expect(scenario.body.affectedAssets.map((a: { name: string }) => a.name)).toEqual(["Customer data"]);
    const high = (await admin.get(`${base}/risks?minLevel=3`)).body.items;
    expect(high.map((r: { ref: string }) => r.ref)).toEqual(["R-0001"]);
    const scenarios = (await admin.get(`${base}/risks?kind=scenario`)).body.items;
    expect(scenarios.map((r: { ref: string }) => r.ref)).toEqual(["R-0002"]);
    const cell = (await admin.get(`${base}/risks?levelOf=inherent&likelihood=4&impact=5`)).body.items;
    expect(cell.map((r: { ref: string }) => r.ref)).toEqual(["R-0001"]);
  });

  it("counts open risks per heat-map cell", async () => {
    const map = (await admin.get(`${base}/risks/heatmap?case=inherent`)).body;
    expect(map.cells).toHaveLength(25);
    expect(map.cells.find((c: { likelihood: number; impact: number }) => c.likelihood === 4 && c.impact === 5)).toMatchObject({
      count: 1,
      level: 4,
    });
    expect(map.unscored).toBe(0);
  });

  it("refuses decisions until the method is approved, then approves it by top management only", async () => {
    const early = await owner.post(`${base}/risks/${riskId}/decisions`, { kind: "treatment", justification: "ok" });
    expect(early.status).toBe(409);
    const { draft } = (await admin.get(`${base}/risk-method`)).body;
    expect((await manager.post(`${base}/risk-method/versions/${draft.id}/approve`, {})).status).toBe(403);
    const approved = await approver.post(`${base}/risk-method/versions/${draft.id}/approve`, { comment: "Agreed" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", approvedBy: "Chief Executive", risksScored: 2 });
  });

  let version: number;
  it("treats a risk with Annex A controls and the SoA justifies them by the risk", async () => {
    const risk = (await admin.get(`${base}/risks/${riskId}`)).body;
    const notModify = await admin.request("PATCH", `${base}/risks/${riskId}`, {
      ...assetRisk(),
      treatment: "share",
      controlIds: ["A.5.15"],
      version: risk.version,
    });
    expect(fields(notModify.body)).toEqual(["controlIds"]);
    const unknown = await admin.request("PATCH", `${base}/risks/${riskId}`, {
      ...assetRisk(),
      treatment: "modify",
      controlIds: ["A.9.99"],
      version: risk.version,
    });
    expect(fields(unknown.body)).toEqual(["controlIds.0"]);
    const treated = await admin.request("PATCH", `${base}/risks/${riskId}`, {
      ...assetRisk(),
      treatment: "modify",
      treatmentPlan: "MFA and access reviews",
      controlIds: ["A.8.5", "A.5.15"],
      residual: { likelihood: 3, impact: 5, rationale: "MFA blocks most phishing" },
      version: risk.version,
    });
    expect(treated.status).toBe(200);
    expect(treated.body.controls.map((c: { ref: string }) => c.ref)).toEqual(["A.5.15", "A.8.5"]);
    expect(treated.body.acceptance).toEqual({ needed: true, authority: "top_management", maxMonths: 12 });
    version = treated.body.version;
    const soa = (await admin.get(`${base}/soa`)).body;
    const row = soa.rows.find((r: { control: { id: string } }) => r.control.id === "A.8.5");
    expect(row).toMatchObject({ applicable: true, basis: "risks", riskCount: 1 });
    expect(row.justification).toContain("R-0001");
    expect(soa.summary.controls).toBe(93);
  });

  it("takes back on PUT what GET returns: computed fields ignored, nested asset and owner read as their ids", async () => {
    const risk = (await admin.get(`${base}/risks/${riskId}`)).body;
    const replaced = await admin.request("PUT", `${base}/risks/${riskId}`, { ...risk, title: "Customer data stolen through the CRM" });
    expect(replaced.status).toBe(200);
    const { title: _before, version: v, updatedAt: _at, ...unchanged } = risk;
    expect(replaced.body).toMatchObject({ ...unchanged, title: "Customer data stolen through the CRM", version: v + 1 });
    expect(replaced.body).toMatchObject({ asset: { id: crm }, owner: { id: ownerId }, treatment: "modify" });
    // A PUT that leaves fields out would reset them: it is refused, naming them, and nothing changes.
    const partial = await admin.request("PUT", `${base}/risks/${riskId}`, { title: "Only the title", version: v + 1 });
    expect(partial.status).toBe(400);
    expect(fields(partial.body)).toEqual(
      [
        "affectedAssetIds",
        "assetId",
        "consequence",
        "controlIds",
        "current",
        "description",
        "event",
        "inherent",
        "kind",
        "ownerUserId",
        "quant",
        "residual",
        "reviewDate",
        "riskSource",
        "status",
        "threatId",
        "treatment",
        "treatmentDue",
        "treatmentOwner",
        "treatmentPlan",
        "vulnerabilityId",
      ].sort(),
    );
    expect((await admin.get(`${base}/risks/${riskId}`)).body).toEqual(replaced.body);
    // PATCH changes what it names; an owner given as GET shows it counts as its id.
    const patched = await admin.request("PATCH", `${base}/risks/${riskId}`, {
      title: "Customer data stolen from the CRM",
      owner: risk.owner,
      version: v + 1,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ ...unchanged, version: v + 2 });
    version = patched.body.version;
  });

  it("refuses an exclusion without justification, and one that a treatment contradicts", async () => {
    const bare = await admin.request("PATCH", `${base}/soa/controls/A.7.4`, { decision: "exclude", version: 0 });
    expect(bare.status).toBe(400);
    expect(fields(bare.body)).toEqual(["justification"]);
    const excluded = await admin.request("PATCH", `${base}/soa/controls/A.7.4`, {
      decision: "exclude",
      justification: "No premises of our own",
      version: 0,
    });
    expect(excluded.status).toBe(200);
    const contradicted = await admin.request("PATCH", `${base}/soa/controls/A.8.5`, {
      decision: "exclude",
      justification: "x",
      version: 0,
    });
    expect(contradicted.status).toBe(409);
    expect(contradicted.body.detail).toContain("R-0001");
    const row = (await admin.get(`${base}/soa`)).body.rows.find((r: { control: { id: string } }) => r.control.id === "A.7.4");
    expect(row).toMatchObject({ applicable: false, basis: "excluded", justification: "No premises of our own" });
  });

  it("lets only the risk owner approve the treatment plan", async () => {
    expect((await manager.post(`${base}/risks/${riskId}/decisions`, { kind: "treatment", justification: "fine" })).status).toBe(403);
    const approved = await owner.post(`${base}/risks/${riskId}/decisions`, { kind: "treatment", justification: "Budget agreed" });
    expect(approved.status).toBe(201);
    expect(approved.body.treatmentApproval).toMatchObject({ state: "valid", decidedBy: "Rita Owner", authority: "risk_owner" });
  });

  it("has the residual risk accepted by the authority the method names, within its maximum duration", async () => {
    // Residual 3 × 5 is "high": top management accepts it, for at most 12 months.
    const byOwner = await owner.post(`${base}/risks/${riskId}/decisions`, {
      kind: "acceptance",
      justification: "ok",
      expiresOn: inMonths(6),
    });
    expect(byOwner.status).toBe(403);
    const tooLong = await approver.post(`${base}/risks/${riskId}/decisions`, {
      kind: "acceptance",
      justification: "ok",
      expiresOn: inMonths(14),
    });
    expect(tooLong.status).toBe(400);
    expect(fields(tooLong.body)).toEqual(["expiresOn"]);
    const accepted = await approver.post(`${base}/risks/${riskId}/decisions`, {
      kind: "acceptance",
      justification: "Residual exposure fits our appetite",
      expiresOn: inMonths(6),
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.acceptanceDecision).toMatchObject({ state: "valid", authority: "top_management" });
    version = accepted.body.version;
  });

  it("turns the acceptance stale when the scores change, saying what changed", async () => {
    const changed = await admin.request("PATCH", `${base}/risks/${riskId}`, {
      ...assetRisk(),
      treatment: "modify",
      treatmentPlan: "MFA and access reviews",
      controlIds: ["A.8.5", "A.5.15"],
      residual: { likelihood: 4, impact: 5 },
      version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.acceptanceDecision.state).toBe("stale");
    expect(changed.body.acceptanceDecision.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "residual.likelihood",
          record: null,
          field: "residual.likelihood",
          before: 3,
          after: 4,
          kind: "changed",
        }),
      ]),
    );
    expect(changed.body.treatmentApproval.state).toBe("stale");
    const board = (await admin.get(`${base}/risks/dashboard`)).body;
    expect(board.staleDecisions.map((s: { kind: string }) => s.kind).sort()).toEqual(["acceptance", "treatment"]);
    expect(board.awaitingAcceptance).toBe(1);
    version = changed.body.version;
  });

  it("keeps old scores under their method version and asks to re-score when a new one is approved", async () => {
    const draft = (await admin.post(`${base}/risk-method/versions`, {})).body;
    expect(draft.number).toBe(2);
    await approver.post(`${base}/risk-method/versions/${draft.id}/approve`, {});
    const risk = (await admin.get(`${base}/risks/${riskId}`)).body;
    expect(risk).toMatchObject({ rescoreNeeded: true, methodNumber: 1 });
    const rescored = await admin.request("PATCH", `${base}/risks/${riskId}`, {
      ...assetRisk(),
      treatment: "modify",
      controlIds: ["A.8.5", "A.5.15"],
      residual: { likelihood: 4, impact: 5 },
      rescore: true,
      version: risk.version,
    });
    expect(rescored.body).toMatchObject({ rescoreNeeded: false, methodNumber: 2 });
  });

  it("simulates a quantified risk reproducibly and aggregates the register", async () => {
    const risk = (await admin.get(`${base}/risks/${riskId}`)).body;
    const quant = {
      current: { frequency: { min: 0.1, mostLikely: 0.5, max: 2 }, magnitude: { min: 10000, mostLikely: 80000, max: 900000 } },
      residual: { frequency: { min: 0.05, mostLikely: 0.1, max: 0.5 }, magnitude: { min: 10000, mostLikely: 80000, max: 900000 } },
      annualControlCost: 15000,
    };
    const saved = await admin.request("PATCH", `${base}/risks/${riskId}`, {
      ...assetRisk(),
      treatment: "modify",
      controlIds: ["A.8.5"],
      quant,
      version: risk.version,
    });
    expect(saved.status).toBe(200);
    const a = (await admin.get(`${base}/risks/${riskId}/quant?seed=7&iterations=5000`)).body;
    const b = (await admin.get(`${base}/risks/${riskId}/quant?seed=7&iterations=5000`)).body;
    expect(a).toEqual(b);
    expect(a.current.p50).toBeLessThanOrEqual(a.current.p90);
    expect(a.residual.ale).toBeLessThan(a.current.ale);
    expect(a.treatmentValue.reduction).toBeCloseTo(a.current.ale - a.residual.ale);
    const all = (await admin.get(`${base}/risks/quant?seed=7&iterations=5000`)).body;
    expect(all.risks).toBe(1);
    // The register draws its own stream per risk: the same expectation, within sampling error.
    expect(Math.abs(all.current.ale - a.current.ale) / a.current.ale).toBeLessThan(0.1);
  });

  it("surfaces an acceptance past its expiry on the dashboard, and revokes a decision with a reason", async () => {
    const risk = (await admin.get(`${base}/risks/${riskId}`)).body;
    const accepted = await approver.post(`${base}/risks/${riskId}/decisions`, {
      kind: "acceptance",
      justification: "Accepted until the MFA roll-out",
      expiresOn: inMonths(3),
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.acceptanceDecision.state).toBe("valid");
    // Time passes: the expiry date lies behind us.
    await server.db.kysely
      .updateTable("risk_decisions")
      .set({ expires_on: "2020-01-31" })
      .where("id", "=", accepted.body.acceptanceDecision.id)
      .execute();
    const board = (await admin.get(`${base}/risks/dashboard`)).body;
    expect(board.expiredAcceptances).toEqual([expect.objectContaining({ ref: risk.ref, expiresOn: "2020-01-31" })]);
    expect(
      (await owner.post(`${base}/risks/${riskId}/decisions/${accepted.body.acceptanceDecision.id}/revoke`, { reason: "x" })).status,
    ).toBe(403);
    const revoked = await approver.post(`${base}/risks/${riskId}/decisions/${accepted.body.acceptanceDecision.id}/revoke`, {
      reason: "Superseded",
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.history[0]).toMatchObject({ state: "revoked", revokeReason: "Superseded", revokedBy: "Chief Executive" });
    // The revoked acceptance stays the latest: an older one does not come back.
    expect(revoked.body.acceptanceDecision.state).toBe("revoked");
    expect((await admin.get(`${base}/risks/dashboard`)).body.expiredAcceptances).toEqual([]);
  });

  it("names a primary asset no risk covers until a 'no risk identified' decision settles it, on the roadmap and the coverage page", async () => {
    const payroll = (await admin.post(`${base}/assets`, { kind: "information", name: "Payroll data", owner: "HR" })).body.id;
    const check = async () => {
      const roadmap = (await admin.get(`${base}/roadmap`)).body;
      const activity = roadmap.activities.find((a: { id: string }) => a.id === "8.2");
      return activity.checks.find((c: { id: string }) => c.id === "primary-assets-covered");
    };
    const before = await check();
    expect(before.ok).toBe(false);
    expect(before.missing.map((m: { message: string }) => m.message)).toEqual([
      'Primary asset "Payroll data" is covered by no risk and has no "no risk identified" decision.',
    ]);
    const covered = (await admin.get(`${base}/risk-coverage`)).body.assets;
    expect(covered.find((a: { name: string }) => a.name === "Customer data").risks.map((r: { ref: string }) => r.ref)).toContain("R-0001");
    expect(covered.find((a: { name: string }) => a.name === "Payroll data")).toMatchObject({ risks: [], exemption: null });
    expect(
      (await admin.request("PUT", `${base}/assets/${payroll}/risk-exemption`, { justification: "Run by the payroll bureau" })).status,
    ).toBe(200);
    expect((await check()).ok).toBe(true);
    expect((await admin.get(`${base}/risk-coverage`)).body.assets.find((a: { name: string }) => a.name === "Payroll data").exemption).toBe(
      "Run by the payroll bureau",
    );
  });

  it("refuses to delete an asset, threat or decided risk that others still rely on", async () => {
    expect((await admin.delete(`${base}/assets/${crm}`)).status).toBe(409);
    const threat = await admin.delete(`${base}/threats/${threatId}`);
    expect(threat.status).toBe(409);
    expect(threat.body.detail).toContain("R-0001");
    expect((await admin.delete(`${base}/risks/${riskId}`)).status).toBe(409);
  });
});
