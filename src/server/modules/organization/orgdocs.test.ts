import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let approver: ApiClient;
let approverId: string;
let managerId: string;
let base: string;

const LIMIT = 64 * 1024;

beforeAll(async () => {
  server = await startTestServer({ ISMS_EVIDENCE_MAX_BYTES: LIMIT });
  const setup = await setUpInstance(server);
  admin = setup.admin;
  base = `/api/v1/orgs/${setup.orgId}`;
  ({ client: approver, userId: approverId } = await addMember(server, admin, setup.orgId, "boss@example.com", "approver", "Bea Boss"));
  managerId = (await addMember(server, admin, setup.orgId, "mgr@example.com", "isms_manager", "Max Manager")).userId;
}, 60_000);
afterAll(async () => server.close());

const status = async () => {
  const roadmap = (await admin.get(`${base}/roadmap`)).body;
  return Object.fromEntries(roadmap.activities.map((a: { id: string; status: string; reasons: string[] }) => [a.id, a]));
};

describe("security organization (9.2.1)", () => {
  it("names an unfilled mandatory role, then a segregation-of-duties conflict once one person holds two exclusive roles", async () => {
    const roles = (await admin.get(`${base}/isms-roles`)).body.items as { id: string; key: string }[];
    const review = (await admin.get(`${base}/security-organization/review`)).body;
    expect(review.checks.find((c: { id: string }) => c.id === "mandatory-roles-filled").missing.length).toBeGreaterThan(0);
    const rules = (await admin.get(`${base}/sod-rules`)).body;
    expect(rules.version).toBe(0);
    expect(rules.rules.map((r: { id: string }) => r.id)).toContain("gate-requester-decides");
    const saved = await admin.request("PUT", `${base}/sod-rules`, {
      rules: [
        ...rules.rules,
        {
          id: "manager-not-auditor",
          kind: "roles-exclusive",
          title: "The ISMS manager is not an internal auditor",
          enabled: true,
          roleKeys: ["isms_manager", "internal_auditor"],
        },
      ],
      version: 0,
    });
    expect(saved.status).toBe(200);
    const bad = await admin.request("PUT", `${base}/sod-rules`, {
      rules: [{ id: "x", kind: "roles-exclusive", title: "t", enabled: true, roleKeys: ["a"] }],
      version: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/rules\.0\.roleKeys/);
    for (const key of ["isms_manager", "internal_auditor"]) {
      const role = roles.find((r) => r.key === key)!;
      expect((await admin.post(`${base}/isms-roles/${role.id}/people`, { userId: managerId })).status).toBe(201);
    }
    const after = (await admin.get(`${base}/security-organization/review`)).body;
    expect(after.conflicts).toEqual([
      expect.objectContaining({ ruleId: "manager-not-auditor", people: [{ id: managerId, name: "Max Manager" }] }),
    ]);
    const reasons = (await status())["9.2.1"].reasons.join("\n");
    expect(reasons).toMatch(/Max Manager holds .* which may not be combined \(rule "The ISMS manager is not an internal auditor"/);
  });

  it("keeps committees with members only, and refuses a loop of reporting lines", async () => {
    const stranger = "01890000-0000-7000-8000-000000000000";
    const refused = await admin.post(`${base}/committees`, {
      title: "ISC",
      chairUserId: stranger,
      memberUserIds: [],
      meetingFrequency: "quarterly",
      remit: "r",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe("chairUserId");
    const ok = await admin.post(`${base}/committees`, {
      title: "Information security committee",
      chairUserId: approverId,
      memberUserIds: [managerId, approverId],
      meetingFrequency: "quarterly",
      remit: "Steers the ISMS",
    });
    expect(ok.status).toBe(201);
    const loop = await admin.request("PUT", `${base}/security-organization`, {
      roles: [
        { roleKey: "isms_manager", reportsToRoleKey: "top_management", deputyUserId: null },
        { roleKey: "top_management", reportsToRoleKey: "isms_manager", deputyUserId: null },
      ],
      version: 0,
    });
    expect(loop.status).toBe(400);
    const lines = await admin.request("PUT", `${base}/security-organization`, {
      roles: [{ roleKey: "isms_manager", reportsToRoleKey: "top_management", deputyUserId: approverId }],
      version: 0,
    });
    expect(lines.status).toBe(200);
    const review = (await admin.get(`${base}/security-organization/review`)).body;
    expect(review.checks.find((c: { id: string }) => c.id === "committee").ok).toBe(true);
    expect(review.roles.find((r: { key: string }) => r.key === "isms_manager")).toMatchObject({
      reportsTo: "top_management",
      deputy: { name: "Bea Boss" },
    });
  });
});

describe("document register (9.2.2-9.2.4)", () => {
  it("creates a policy from a template filled with the organization's data, approves it bound to its content, and marks the approval stale on change", async () => {
    const templates = (await admin.get(`${base}/policy-templates`)).body.items;
    expect(templates.length).toBeGreaterThanOrEqual(12);
    const policy = await admin.post(`${base}/documents/from-template`, {
      templateKey: "access-control",
      ownerUserId: managerId,
      approverUserId: approverId,
    });
    expect(policy.status).toBe(201);
    expect(policy.body).toMatchObject({ identifier: "POL-AC", type: "topic_policy", templateKey: "access-control", owner: "Max Manager" });
    expect(policy.body.links.controls).toContain("A.5.15");
    const v1 = (await admin.get(`${base}/documents/${policy.body.id}/versions/1`)).body;
    expect(v1.missingSections).toEqual([]);
    expect(v1.sections.find((s: { key: string }) => s.key === "roles_responsibilities").markdown).toMatch(/Max Manager owns this policy/);
    const unknown = await admin.post(`${base}/documents/from-template`, { templateKey: "nope" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe("templateKey");

    await admin.post(`${base}/documents/${policy.body.id}/versions/1/submit`, { version: 1 });
    expect((await admin.post(`${base}/documents/${policy.body.id}/versions/1/approve`, { version: 2 })).status).toBe(403);
    const approved = await approver.post(`${base}/documents/${policy.body.id}/versions/1/approve`, { version: 2 });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("approved");
    expect((await admin.get(`${base}/documents/${policy.body.id}/approval`)).body).toMatchObject({ state: "valid", approvedVersion: 1 });
    // Approved versions never change.
    const frozen = await admin.patch(`${base}/documents/${policy.body.id}/versions/1`, { sections: [], version: 3 });
    expect(frozen.status).toBe(409);
    const doc = (await admin.get(`${base}/documents/${policy.body.id}`)).body;
    await admin.patch(`${base}/documents/${policy.body.id}`, { title: "Access policy", version: doc.version });
    const stale = (await admin.get(`${base}/documents/${policy.body.id}/approval`)).body;
    expect(stale.state).toBe("stale");
    expect(stale.changes[0].path).toBe("document.title");
  });

  it("lists the mandatory documented information, which entry covers each and which are missing", async () => {
    const review = (await admin.get(`${base}/document-register/review`)).body;
    expect(review.mandatory.map((m: { clause: string }) => m.clause)).toContain("6.1.2");
    expect(review.mandatory.find((m: { clause: string }) => m.clause === "7.5.1").coveredBy[0].identifier).toBe("POL-AC");
    expect(review.mandatory.find((m: { clause: string }) => m.clause === "4.3").coveredBy).toEqual([]);
    const reasons = (await status())["9.2.2"].reasons.join("\n");
    expect(reasons).toMatch(/No register entry covers clause 4\.3/);
  });
});

describe("evidence files", () => {
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(3000, 0x41)]);
  const upload = (body: Buffer, filename: string) =>
    fetch(`${server.url}${base}/evidence?entityType=document&entityId=POL-AC&filename=${encodeURIComponent(filename)}`, {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        cookie: (admin as unknown as { cookie: string }).cookie,
        "x-csrf-token": admin.csrfToken ?? "",
      },
      body: new Uint8Array(body),
    });

  it("stores a file with its type from the bytes and its SHA-256, and sends it back as an attachment", async () => {
    const response = await upload(pdf, "report.txt");
    expect(response.status).toBe(201);
    const file = await response.json();
    expect(file).toMatchObject({
      contentType: "application/pdf",
      sizeBytes: pdf.length,
      sha256: createHash("sha256").update(pdf).digest("hex"),
    });
    const download = await fetch(`${server.url}${base}/evidence/${file.id}/content`, {
      headers: { cookie: (admin as unknown as { cookie: string }).cookie },
    });
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="report.txt"/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-security-policy")).toMatch(/sandbox/);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const list = (await admin.get(`${base}/evidence?entityType=document&entityId=POL-AC`)).body.items;
    expect(list.map((f: { id: string }) => f.id)).toEqual([file.id]);
  });

  it("serves HTML only as bytes to download, refuses an executable and a file over the limit naming it", async () => {
    const html = await (await upload(Buffer.from("<!doctype html><script>alert(1)</script>"), "x.html")).json();
    expect(html.contentType).toBe("text/html");
    const download = await fetch(`${server.url}${base}/evidence/${html.id}/content`, {
      headers: { cookie: (admin as unknown as { cookie: string }).cookie },
    });
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(500)]);
    const refused = await upload(exe, "invoice.pdf");
    expect(refused.status).toBe(415);
    expect((await refused.json()).detail).toMatch(/executable/);
    const big = await upload(Buffer.alloc(LIMIT + 1, 0x41), "big.txt");
    expect(big.status).toBe(413);
    expect((await big.json()).detail).toMatch(/ISMS_EVIDENCE_MAX_BYTES = 65,536/);
  });
});
