import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let contributor: ApiClient;
let contributorId: string;
let orgId: string;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  ({ client: contributor, userId: contributorId } = await addMember(server, admin, orgId, "c@example.com", "contributor"));
});
afterAll(async () => server.close());

describe("roles and the RACI matrix", () => {
  it("starts from the catalog's roles and a RACI with exactly one accountable role per activity", async () => {
    const matrix = (await contributor.get(`${base}/raci`)).body;
    expect(matrix.roles.map((r: { key: string }) => r.key)).toContain("top_management");
    expect(matrix.roles.find((r: { key: string }) => r.key === "internal_auditor").mandatory).toBe(true);
    expect(matrix.entries).toHaveLength(25);
    for (const entry of matrix.entries) expect(entry.accountable, entry.activityId).not.toBeNull();
    // Reading twice does not seed twice.
    expect((await contributor.get(`${base}/isms-roles`)).body.items).toHaveLength(matrix.roles.length);
  });

  it("changes an activity's RACI, refusing a missing accountable or foreign roles", async () => {
    const { roles } = (await admin.get(`${base}/raci`)).body;
    const id = (key: string) => roles.find((r: { key: string }) => r.key === key).id;
    expect((await admin.request("PUT", `${base}/raci/5.2`, { responsible: [id("isms_manager")] })).body.errors[0].field).toBe(
      "accountable",
    );
    const foreign = await admin.request("PATCH", `${base}/raci/5.2`, {
      accountable: "01a21f21-8dcb-7982-a5a0-28b68cc38ea6",
      consulted: ["01a21f21-8dcb-7982-a5a0-28b68cc38ea7"],
    });
    expect(foreign.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["accountable", "consulted.0"]);
    expect((await contributor.request("PATCH", `${base}/raci/5.2`, { accountable: id("top_management") })).status).toBe(403);
    const set = await admin.request("PATCH", `${base}/raci/5.2`, {
      responsible: [id("isms_manager"), id("planning_team")],
      accountable: id("top_management"),
      consulted: [id("legal_compliance")],
      informed: [],
    });
    expect(set.body).toEqual({
      activityId: "5.2",
      responsible: [id("isms_manager"), id("planning_team")].sort(),
      accountable: id("top_management"),
      consulted: [id("legal_compliance")],
      informed: [],
    });
    const event = (await admin.get(`${base}/audit?action=raci.updated`)).body.items[0];
    expect(event.entityId).toBe("5.2");
  });

  it("puts people in roles and will not remove a role that is accountable for something", async () => {
    const { roles } = (await admin.get(`${base}/raci`)).body;
    const top = roles.find((r: { key: string }) => r.key === "top_management");
    const withPerson = await admin.post(`${base}/isms-roles/${top.id}/people`, { personName: "Chief Executive" });
    expect(withPerson.body.people).toEqual([expect.objectContaining({ personName: "Chief Executive", userId: null })]);
    expect((await admin.post(`${base}/isms-roles/${top.id}/people`, {})).status).toBe(400);
    expect((await admin.delete(`${base}/isms-roles/${top.id}`)).status).toBe(409);
    const extra = await admin.post(`${base}/isms-roles`, { title: "Data protection officer", mandatory: false });
    expect(extra.body).toMatchObject({ key: "data_protection_officer", people: [] });
    expect((await admin.post(`${base}/isms-roles`, { title: "Data Protection Officer" })).status).toBe(409);
    expect((await admin.delete(`${base}/isms-roles/${extra.body.id}`)).status).toBe(200);
    const assignment = withPerson.body.people[0].assignmentId;
    expect((await admin.delete(`${base}/isms-roles/${top.id}/people/${assignment}`)).status).toBe(200);
  });

  it("names only members of the organization, and only in its own roles", async () => {
    const { roles } = (await admin.get(`${base}/raci`)).body;
    const auditor = roles.find((r: { key: string }) => r.key === "internal_auditor");
    const stranger = "01a21f21-8dcb-7982-a5a0-28b68cc38ea8";
    const refused = await admin.post(`${base}/isms-roles/${auditor.id}/people`, { userId: stranger });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: "userId", message: "is not a member of this organization" }]);
    expect((await admin.post(`${base}/isms-roles/${stranger}/people`, { personName: "Nobody" })).status).toBe(404);
    const member = await admin.post(`${base}/isms-roles/${auditor.id}/people`, { userId: contributorId });
    expect(member.status).toBe(201);
    expect(member.body.people).toEqual([expect.objectContaining({ userId: contributorId })]);
    const project = await admin.request("PUT", `${base}/project-roles/sponsor`, { personName: null, userId: stranger, version: 0 });
    expect(project.status).toBe(400);
    expect(project.body.errors).toEqual([{ field: "userId", message: "is not a member of this organization" }]);
  });
});

describe("one role model: project roles are ISMS roles held during the project (issue 11, item 2)", () => {
  it("saving a project role assigns its holder on Roles & RACI; removing them there clears it; 5.3.2 agrees", async () => {
    const roleOf = async (key: string) =>
      (await admin.get(`${base}/isms-roles`)).body.items.find((r: { key: string }) => r.key === key) as {
        id: string;
        people: { assignmentId: string; personName: string }[];
      };
    const sponsorOf = async () => (await admin.get(`${base}/project-roles`)).body.items.find((r: { key: string }) => r.key === "sponsor");
    expect((await sponsorOf()).ismsRole).toEqual({ key: "top_management", title: "Top management" });
    const saved = await admin.request("PUT", `${base}/project-roles/sponsor`, { personName: "Dana Director", userId: null, version: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ holderName: "Dana Director", heldOnRaci: false, version: 1 });
    expect((await roleOf("top_management")).people.map((p) => p.personName)).toEqual(["Dana Director"]);
    // A new holder replaces the one this project role put there, not adds a second.
    await admin.request("PATCH", `${base}/project-roles/sponsor`, { personName: "Erin Executive", version: 1 });
    const top = await roleOf("top_management");
    expect(top.people.map((p) => p.personName)).toEqual(["Erin Executive"]);
    // Taken out on Roles & RACI: the sponsor is vacant too.
    expect((await admin.delete(`${base}/isms-roles/${top.id}/people/${top.people[0]?.assignmentId}`)).status).toBe(200);
    expect(await sponsorOf()).toMatchObject({ personName: null, userId: null, holderName: null });
    // Put in top management on Roles & RACI: the sponsor shows them, and 5.3.2 counts it.
    await admin.post(`${base}/isms-roles/${top.id}/people`, { personName: "Frank Founder", userId: null });
    expect(await sponsorOf()).toMatchObject({ holderName: "Frank Founder", heldOnRaci: true });
    const lead = (await admin.get(`${base}/isms-roles`)).body.items.find((r: { key: string }) => r.key === "isms_manager");
    await admin.post(`${base}/isms-roles/${lead.id}/people`, { personName: "Lee Lead", userId: null });
    const roadmap = (await admin.get(`${base}/roadmap`)).body;
    const activity = roadmap.activities.find((a: { id: string }) => a.id === "5.3.2");
    const checks = new Map(activity.checks.map((c: { id: string; ok: boolean }) => [c.id, c.ok]));
    expect(checks.get("project-role:sponsor")).toBe(true);
    expect(checks.get("project-role:project_lead")).toBe(true);
    expect((await sponsorOf()).holderName).toBe("Frank Founder");
  });
});
