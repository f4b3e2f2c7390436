import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let adminId: string;
let orgId: string;
let base: string;

const csv = (text: string) => ({ filename: "records.csv", format: "csv", contentBase64: Buffer.from(text).toString("base64") });
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId, adminId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  await addMember(server, admin, orgId, "ann@example.com", "contributor", "Ann");
});
afterAll(async () => server.close());

describe("training and awareness", () => {
  it("plans courses per role, records completions, imports all or nothing, and reports coverage and refreshers", async () => {
    const roles = (await admin.get(`${base}/isms-roles`)).body.items;
    const manager = roles.find((r: { key: string }) => r.key === "isms_manager");
    await admin.post(`${base}/isms-roles/${manager.id}/people`, { userId: adminId });
    await admin.post(`${base}/isms-roles/${manager.id}/people`, { personName: "Bob" });

    const foreign = await admin.post(`${base}/training/courses`, { title: "X", targetRoleIds: ["01a21f21-8dcb-7982-a5a0-28b68cc38ea6"] });
    expect(fields(foreign.body)).toEqual(["targetRoleIds.0"]);
    const awareness = (
      await admin.post(`${base}/training/courses`, {
        title: "Security awareness",
        kind: "campaign",
        targetRoleIds: [manager.id],
        refresherMonths: 12,
      })
    ).body;
    expect(awareness).toMatchObject({ kind: "campaign", refresherMonths: 12 });
    const req = await admin.post(`${base}/training/requirements`, {
      roleId: manager.id,
      title: "Knows the risk method",
      courseId: awareness.id,
    });
    expect(req.status).toBe(201);

    const record = await admin.post(`${base}/training/records`, { courseId: awareness.id, userId: adminId, completedOn: "2020-01-15" });
    expect(record.body).toMatchObject({ personName: "Admin", validUntil: "2021-01-15", source: "entered" });
    expect(fields((await admin.post(`${base}/training/records`, { courseId: awareness.id, completedOn: "2026-01-01" })).body)).toEqual([
      "personName",
    ]);

    const refused = await admin.post(
      `${base}/training/records/import`,
      csv("course,person,completed_on\nSecurity awareness,Bob,2026-13-01\nNope,Bob,2026-01-01\n"),
    );
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(["rows.2.completed_on", "rows.3.course"]);
    expect((await admin.get(`${base}/training/records`)).body.items).toHaveLength(1);
    const today = new Date().toISOString().slice(0, 10);
    const imported = await admin.post(
      `${base}/training/records/import`,
      csv(`course,person,completed_on\nSecurity awareness,Bob,${today}\nsecurity awareness,ann@example.com,${today}\n`),
    );
    expect(imported.body).toEqual({ created: 2 });

    const coverage = (await admin.get(`${base}/training/coverage`)).body;
    const role = coverage.roles.find((r: { roleId: string }) => r.roleId === manager.id);
    expect(role).toMatchObject({
      required: 2,
      covered: 1,
      percent: 50,
      missing: [{ name: "Admin", course: "Security awareness", reason: "expired" }],
    });
    expect(coverage.refreshersDue).toEqual([{ name: "Admin", course: "Security awareness", due: "2021-01-15" }]);

    const mine = (await admin.get(`${base}/my-work`)).body.items;
    expect(mine).toEqual([expect.objectContaining({ kind: "training_refresher", due: "2021-01-15", overdue: true, ownerId: adminId })]);
    expect((await admin.delete(`${base}/training/courses/${awareness.id}`)).status).toBe(409);

    const roadmap = JSON.stringify((await admin.get(`${base}/roadmap`)).body);
    expect(roadmap).toContain("its competence requirements or a course aimed at it");
  });
});
