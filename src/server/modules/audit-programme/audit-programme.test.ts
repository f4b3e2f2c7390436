import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let manager: ApiClient;
let auditor: ApiClient;
let auditorId: string;
let ownerId: string;
let viewer: ApiClient;
let orgId: string;
let base: string;
let programmeId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  manager = (await addMember(server, admin, orgId, "manager@example.com", "isms_manager", "Manager")).client;
  ({ client: auditor, userId: auditorId } = await addMember(server, admin, orgId, "ann@example.com", "auditor", "Ann Auditor"));
  ({ userId: ownerId } = await addMember(server, admin, orgId, "olivia@example.com", "contributor", "Olivia Owner"));
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
  // Two included controls: A.5.15 owned by Olivia (by name), A.8.13 owned by nobody.
  for (const [control, owner] of [
    ["A.5.15", "Olivia Owner"],
    ["A.8.13", null],
  ] as const) {
    const put = await manager.request("PUT", `${base}/soa/controls/${control}`, {
      decision: "include",
      justification: "Needed",
      implementation: "implemented",
      owner,
      requirementIds: [],
      version: 0,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }
});
afterAll(async () => server.close());

const roadmapChecks = async (activity: string) => {
  const roadmap = await admin.get(`${base}/roadmap`);
  const found = roadmap.body.activities.find((a: { id: string }) => a.id === activity);
  return found.checks
    .filter((c: { ok: boolean }) => !c.ok)
    .flatMap((c: { missing: { message: string }[] }) => c.missing.map((m) => m.message));
};

const auditBody = (over: Record<string, unknown> = {}) => ({
  programmeId,
  title: "Access and backup",
  scope: { clauses: ["9.2", "10"], controls: ["A.8.13"], areas: [] },
  criteria: "ISO/IEC 27001:2022 and our access policy",
  leadAuditorUserId: auditorId,
  teamUserIds: [],
  startDate: "2026-03-02",
  endDate: "2026-03-04",
  plan: "Day 1 interviews, day 2 sampling",
  ...over,
});

describe("internal audit programme", () => {
  it("9.4b asks for a programme, then names the clauses and controls no audit covers", async () => {
    expect(await roadmapChecks("9.4b")).toEqual(["Create the internal audit programme with its cycle (three years by default)."]);
    const created = await manager.post(`${base}/audit-programmes`, { title: "Programme 2026–2028", cycleStart: "2026-01-01" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ cycleYears: 3, cycleEnd: "2028-12-31" });
    programmeId = created.body.id;
    const missing = await roadmapChecks("9.4b");
    expect(missing).toContain("Plan the first internal audit of the programme.");
    expect(missing.some((m: string) => m.startsWith("No audit of the cycle (2026-01-01 to 2028-12-31) covers clause 4.1, 4.2"))).toBe(true);
    expect(missing).toContain("No audit of the cycle covers control A.5.15, A.8.13.");
  });

  it("only the ISMS manager plans; an auditor or viewer may not", async () => {
    expect((await auditor.post(`${base}/audits`, auditBody())).status).toBe(403);
    expect((await viewer.post(`${base}/audit-programmes`, { title: "x", cycleStart: "2026-01-01" })).status).toBe(403);
  });

  it("refuses an auditor who owns an audited control, naming them and the control", async () => {
    const refused = await manager.post(
      `${base}/audits`,
      auditBody({ scope: { clauses: [], controls: ["A.5.15"], areas: [] }, leadAuditorUserId: ownerId }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: "leadAuditorUserId", message: "Olivia Owner owns control A.5.15 (Access control) and cannot audit it" },
    ]);
    const team = await manager.post(
      `${base}/audits`,
      auditBody({ scope: { clauses: [], controls: ["A.5.15"], areas: [] }, teamUserIds: [ownerId] }),
    );
    expect(team.status).toBe(400);
    expect(team.body.errors[0].field).toBe("teamUserIds");
  });

  it("refuses unknown clauses, controls, non-members and reversed dates, each by field", async () => {
    const bad = await manager.post(
      `${base}/audits`,
      auditBody({
        scope: { clauses: ["11"], controls: ["A.9.99"], areas: [] },
        startDate: "2026-03-04",
        endDate: "2026-03-01",
        teamUserIds: ["01890000-0000-7000-8000-000000000000"],
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "endDate",
      "scope.clauses",
      "scope.controls",
      "teamUserIds",
    ]);
  });

  let auditId: string;
  it("plans an independent audit with a numbered reference and a checklist from its scope", async () => {
    const created = await manager.post(`${base}/audits`, auditBody());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ref: "IA-001", status: "planned", leadAuditor: { id: auditorId, name: "Ann Auditor" } });
    auditId = created.body.id;
    const checklist = await viewer.get(`${base}/audits/${auditId}/checklist`);
    const ids = checklist.body.lines.map((l: { id: string }) => l.id);
    expect(ids).toEqual(["clause:9.2.1", "clause:9.2.2", "clause:10.1", "clause:10.2", "control:A.8.13"]);
    expect(checklist.body.lines[4]).toMatchObject({ kind: "control", implementation: "implemented" });
  });

  it("shows the coverage matrix with what is not planned yet", async () => {
    const coverage = await viewer.get(`${base}/audit-programmes/${programmeId}/coverage`);
    expect(coverage.status).toBe(200);
    const row = (ref: string) => coverage.body.rows.find((r: { ref: string }) => r.ref === ref);
    expect(row("A.8.13")).toMatchObject({ planned: true, audits: [{ ref: "IA-001" }] });
    expect(row("A.5.15")).toMatchObject({ planned: false });
    expect(row("9.2.2").planned).toBe(true);
    expect(row("4.1").planned).toBe(false);
    expect(coverage.body.summary.controls).toEqual({ total: 2, planned: 1 });
  });

  it("completes 9.4b once every clause and included control is covered by complete, independent audits", async () => {
    const second = await manager.post(
      `${base}/audits`,
      auditBody({
        title: "Whole ISMS",
        scope: { clauses: ["4", "5", "6", "7", "8", "9", "10"], controls: ["A.5.15"], areas: [] },
        startDate: "2027-03-01",
        endDate: "2027-03-05",
      }),
    );
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(await roadmapChecks("9.4b")).toEqual([]);
    const incomplete = await manager.patch(`${base}/audits/${second.body.id}`, { plan: null, version: second.body.version });
    expect(incomplete.status).toBe(200);
    expect(await roadmapChecks("9.4b")).toEqual([`Audit IA-002 "Whole ISMS" lacks an audit plan.`]);
  });

  let findingId: string;
  it("records findings linked to a clause or control; an unknown target is refused", async () => {
    const bad = await auditor.post(`${base}/audits/${auditId}/findings`, { kind: "minor_nc", target: "A.99", title: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe("target");
    const finding = await auditor.post(`${base}/audits/${auditId}/findings`, {
      kind: "minor_nc",
      target: "A.8.13",
      title: "Restore test not done",
      evidence: "Backup log 2026-02",
    });
    expect(finding.status).toBe(201);
    expect(finding.body).toMatchObject({ ref: "F-001", kind: "minor_nc", nonconformity: null });
    findingId = finding.body.id;
    expect((await viewer.post(`${base}/audits/${auditId}/findings`, { kind: "observation", target: "9.2", title: "y" })).status).toBe(403);
  });

  it("lists audits by programme and refuses removing what something hangs off, naming it", async () => {
    const listed = await viewer.get(`${base}/audits?programmeId=${programmeId}&limit=1`);
    expect(listed.body.items.map((a: { ref: string; findings: number }) => [a.ref, a.findings])).toEqual([["IA-001", 1]]);
    const next = await viewer.get(`${base}/audits?programmeId=${programmeId}&limit=1&cursor=${listed.body.nextCursor}`);
    expect(next.body).toMatchObject({ items: [{ ref: "IA-002" }], nextCursor: null });
    expect((await viewer.get(`${base}/audits?programmeId=01890000-0000-7000-8000-000000000000`)).body.items).toEqual([]);

    const programme = await manager.delete(`${base}/audit-programmes/${programmeId}`);
    expect(programme.status).toBe(409);
    expect(programme.body.detail).toContain("audit IA-001 belongs to it");
    const audit = await manager.delete(`${base}/audits/${auditId}`);
    expect(audit.status).toBe(409);
    expect(audit.body.detail).toContain("finding F-001 was recorded in it");

    const secondId = next.body.items[0].id;
    const raised = await auditor.post(`${base}/audits/${secondId}/findings`, {
      kind: "minor_nc",
      target: "9.2",
      title: "No audit records",
    });
    const nc = await manager.post(`${base}/nonconformities`, {
      title: "No audit records",
      detectedOn: "2026-03-03",
      findingId: raised.body.id,
    });
    expect(nc.status, JSON.stringify(nc.body)).toBe(201);
    const refused = await auditor.delete(`${base}/findings/${raised.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`nonconformity ${nc.body.ref} was raised from it`);
    expect((await viewer.get(`${base}/audits/${secondId}/findings`)).body.items).toMatchObject([
      { ref: "F-002", nonconformity: { ref: nc.body.ref } },
    ]);

    const spare = await auditor.post(`${base}/audits/${secondId}/findings`, { kind: "observation", target: "9.2", title: "Spare" });
    expect((await auditor.delete(`${base}/findings/${spare.body.id}`)).status).toBe(200);
    const empty = await manager.post(`${base}/audits`, auditBody({ title: "Empty", startDate: null, endDate: null }));
    expect((await manager.delete(`${base}/audits/${empty.body.id}`)).status).toBe(200);
  });

  it("issues the report (lead auditor only) and freezes the audit and its findings", async () => {
    const audit = (await viewer.get(`${base}/audits/${auditId}`)).body;
    expect((await manager.post(`${base}/audits/${auditId}/report`, { version: audit.version })).status).toBe(403);
    expect((await viewer.get(`${base}/audits/${auditId}/report`)).status).toBe(404);
    const issued = await auditor.post(`${base}/audits/${auditId}/report`, { version: audit.version });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.content.findings.map((f: { id: string }) => f.id)).toEqual([findingId]);
    expect(issued.body.content.checklist.map((l: { id: string }) => l.id)).toContain("control:A.8.13");
    const after = (await viewer.get(`${base}/audits/${auditId}`)).body;
    expect(after).toMatchObject({ status: "completed" });
    expect((await manager.patch(`${base}/audits/${auditId}`, { title: "changed", version: after.version })).status).toBe(409);
    expect((await auditor.post(`${base}/audits/${auditId}/findings`, { kind: "observation", target: "9.2", title: "late" })).status).toBe(
      409,
    );
    const finding = (await viewer.get(`${base}/findings/${findingId}`)).body;
    expect((await auditor.patch(`${base}/findings/${findingId}`, { title: "changed", version: finding.version })).status).toBe(409);
    expect((await auditor.post(`${base}/audits/${auditId}/report`, { version: after.version })).status).toBe(409);
    const again = await viewer.get(`${base}/audits/${auditId}/report`);
    expect(again.body.hash).toBe(issued.body.hash);
  });
});
