import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let base: string;

type Row = {
  control: { id: string; ref: string };
  applicable: boolean | null;
  version: number;
  basis: string;
  justification: string;
  decision: string | null;
  note: string | null;
  owner: string | null;
};
const status = async () => {
  const roadmap = (await admin.get(`${base}/roadmap`)).body;
  return Object.fromEntries(roadmap.activities.map((a: { id: string; status: string }) => [a.id, a.status]));
};

beforeAll(async () => {
  server = await startTestServer();
  ({ admin } = await setUpInstance(server));
  const demo = await admin.post("/api/v1/demo");
  base = `/api/v1/orgs/${demo.body.orgId}`;
}, 60_000);
afterAll(async () => server.close());

describe("the Statement of Applicability through G3 (on the demo organization)", () => {
  it("decides every control, justifies inclusions by risks and requirements, and matches its issued version", async () => {
    const soa = (await admin.get(`${base}/soa`)).body;
    expect(soa.summary).toMatchObject({ controls: 93, undecided: 0, problems: 0 });
    expect(soa.issued).toMatchObject({ number: 1, matches: true });
    const crypto = soa.rows.find((r: Row) => r.control.id === "A.8.24");
    expect(crypto.basis).toBe("risks");
    expect(crypto.justification).toMatch(/R-0001.*Required by "Customer data is encrypted/);
    const physical = soa.rows.find((r: Row) => r.control.id === "A.7.1");
    expect(physical).toMatchObject({ applicable: false, basis: "excluded" });
    const v1 = (await admin.get(`${base}/soa/versions/1`)).body;
    expect(v1.rows).toHaveLength(93);
  });

  it("lists the treatment plan with controls, expected residual level and the owner's approval", async () => {
    const plan = (await admin.get(`${base}/treatment-plan`)).body.rows;
    expect(plan.map((r: { risk: { ref: string } }) => r.risk.ref)).toEqual(["R-0001", "R-0002", "R-0003"]);
    expect(plan[0]).toMatchObject({ treatment: "modify", currentLevel: "High", expectedResidualLevel: "Medium", approval: "valid" });
    expect(plan[0].controls.map((c: { ref: string }) => c.ref)).toContain("A.8.5");
  });

  it("refuses a PUT that leaves fields out and keeps the decision; a PATCH changes only what it sends and G3 stays approved", async () => {
    const before = (await admin.get(`${base}/soa`)).body;
    const row = before.rows.find((r: Row) => r.decision === "include" && r.note);
    const control = row.control.id;
    const partial = await admin.request("PUT", `${base}/soa/controls/${control}`, { implementation: "implemented", version: row.version });
    expect(partial.status).toBe(400);
    expect(partial.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "decision",
      "justification",
      "owner",
      "requirementIds",
    ]);
    const patched = await admin.request(
      "PATCH",
      `${base}/soa/controls/${control}`,
      JSON.stringify({ owner: "Head of IT", version: row.version }),
      { "content-type": "application/merge-patch+json" },
    );
    expect(patched.status).toBe(200);
    const after = (await admin.get(`${base}/soa`)).body;
    const changed = after.rows.find((r: Row) => r.control.id === control);
    expect(changed).toMatchObject({ decision: row.decision, note: row.note, owner: "Head of IT" });
    expect(after.hash).toBe(before.hash);
    expect(after.issued).toMatchObject({ matches: true });
    expect((await admin.get(`${base}/gates/G3`)).body.latest).toMatchObject({ status: "approved", stale: false });
    // The version moved on: a patch with the old one is refused with the entry as it is now.
    const stale = await admin.request("PATCH", `${base}/soa/controls/${control}`, { owner: "CISO", version: row.version });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ owner: "Head of IT", version: row.version + 1 });
  });

  it("turns the G3 authorization stale when an SoA decision changes, and asks for a new version", async () => {
    expect((await admin.get(`${base}/gates/G3`)).body.latest).toMatchObject({ status: "approved", stale: false });
    const row = (await admin.get(`${base}/soa`)).body.rows.find((r: Row) => r.control.id === "A.7.1");
    const changed = await admin.request("PATCH", `${base}/soa/controls/A.7.1`, {
      decision: "include",
      justification: "We are opening an office",
      version: row.version,
    });
    expect(changed.status).toBe(200);
    const gate = (await admin.get(`${base}/gates/G3`)).body;
    expect(gate.latest.stale).toBe(true);
    // The change names the control and its fields, not a hash of the SoA.
    expect(gate.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "soa.controls[A.7.1].applicable",
          record: expect.objectContaining({ list: "controls", id: "A.7.1", ref: "A.7.1" }),
          field: "applicable",
          before: false,
          after: true,
        }),
      ]),
    );
    const roadmap = (await admin.get(`${base}/roadmap`)).body;
    const g3 = roadmap.activities.find((a: { id: string }) => a.id === "8.4");
    expect(g3.checks.find((c: { id: string }) => c.id === "soa-issued")).toMatchObject({ ok: false });
    const issued = await admin.post(`${base}/soa/versions`, { note: "Office opening" });
    expect(issued.status).toBe(201);
    expect(issued.body.number).toBe(2);
    expect((await admin.post(`${base}/soa/versions`, {})).status).toBe(409);
    expect((await admin.get(`${base}/soa`)).body.issued).toMatchObject({ number: 2, matches: true });
  });

  it("refuses to issue a version while a control is undecided", async () => {
    const custom = await admin.post(`${base}/custom-controls`, { ref: "CC-01", title: "Group security baseline" });
    expect(custom.status).toBe(201);
    const refused = await admin.post(`${base}/soa/versions`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("CC-01");
    expect((await status())["8.3"]).toBe("in_progress");
    // Deciding several at once is all or nothing: A.8.5 is used by a treatment, so nothing changes.
    const mixed = await admin.post(`${base}/soa/bulk`, {
      controlIds: [custom.body.id, "A.8.5"],
      decision: "exclude",
      justification: "Not for us",
    });
    expect(mixed.status).toBe(409);
    expect((await admin.get(`${base}/soa`)).body.summary.undecided).toBe(1);
    const bulk = await admin.post(`${base}/soa/bulk`, {
      controlIds: [custom.body.id],
      decision: "include",
      justification: "Group baseline",
    });
    expect(bulk.body).toEqual({ updated: 1 });
    expect((await admin.get(`${base}/soa`)).body.summary.undecided).toBe(0);
    const dup = await admin.post(`${base}/custom-controls`, { ref: "CC-01", title: "Again" });
    expect(dup.status).toBe(409);
    const annex = await admin.post(`${base}/custom-controls`, { ref: "A.5.1", title: "Clash" });
    expect(annex.status).toBe(400);
  });
});
