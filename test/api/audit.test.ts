import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../helpers/db.js";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let orgId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
});
afterAll(async () => server.close());

const dropAppendOnlyGuard = async () => {
  // Simulates an attacker with direct database access: the triggers stop everyone else.
  if (TEST_DB === "postgres") await sql`DROP TRIGGER audit_events_no_change ON audit_events`.execute(server.db.kysely);
  else {
    await sql`DROP TRIGGER audit_events_no_update`.execute(server.db.kysely);
    await sql`DROP TRIGGER audit_events_no_delete`.execute(server.db.kysely);
  }
};

describe("audit trail", () => {
  it("records who changed what, with before and after, in the same organization's trail", async () => {
    const renamed = await admin.patch(`/api/v1/orgs/${orgId}`, { name: "Acme Ltd", version: 1 });
    expect(renamed.status).toBe(200);
    const events = await admin.get(`/api/v1/orgs/${orgId}/audit?action=organization.updated`);
    expect(events.body.items).toHaveLength(1);
    const [event] = events.body.items;
    expect(event.actor).toMatchObject({ type: "user", label: "admin@example.com" });
    expect(event.changes.name).toEqual({ before: "Acme", after: "Acme Ltd" });
    expect(event.changes.version).toEqual({ before: 1, after: 2 });
    expect(event.requestId).toBe(renamed.headers.get("x-request-id"));
    expect(event.ip).toBe("127.0.0.1");
  });

  it("names records by reference and title, a deleted one too, and lists its actions with labels (issue 11, item 6)", async () => {
    const base = `/api/v1/orgs/${orgId}`;
    const objective = await admin.post(`${base}/objectives`, { title: "Win regulated customers" });
    expect(objective.status).toBe(201);
    await admin.patch(`${base}/objectives/${objective.body.id}`, { title: "Win regulated enterprise customers", version: 1 });
    const asset = await admin.post(`${base}/assets`, { kind: "hardware", name: "Laptop fleet", owner: "IT" });
    expect((await admin.delete(`${base}/assets/${asset.body.id}`)).status).toBeLessThan(300);
    const events = (await admin.get(`${base}/audit?limit=100`)).body.items as { entityId: string; entityLabel: string | null }[];
    const labelOf = (id: string) => [...new Set(events.filter((e) => e.entityId === id).map((e) => e.entityLabel))];
    expect(labelOf(objective.body.id)).toEqual(["Win regulated enterprise customers"]);
    expect(labelOf(asset.body.id)).toEqual(["Laptop fleet"]);
    expect(labelOf(orgId)).toEqual([expect.stringMatching(/^Acme/)]);

    const actions = await admin.get(`${base}/audit/actions`);
    expect(actions.status).toBe(200);
    expect(actions.body.items).toContainEqual({ action: "organization.updated", label: "Organization updated" });
    expect(actions.body.items.every((a: { label: string }) => !/[_.]/.test(a.label))).toBe(true);
  });

  it("a stale version gets 409 with the current record, and changes nothing", async () => {
    const stale = await admin.patch(`/api/v1/orgs/${orgId}`, { name: "Other", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ name: "Acme Ltd", version: 2 });
    expect((await admin.get(`/api/v1/orgs/${orgId}`)).body.name).toBe("Acme Ltd");
  });

  it("never writes secrets into the trail", async () => {
    await addMember(server, admin, orgId, "c@example.com", "contributor");
    await admin.post(`/api/v1/orgs/${orgId}/tokens`, { name: "ci" });
    const rows = await server.db.kysely.selectFrom("audit_events").select("changes").execute();
    const all = rows.map((r) => r.changes).join("\n");
    expect(all).toContain("[redacted]");
    expect(all).not.toMatch(/\$argon2id\$/);
    expect(all).not.toMatch(/isms_pat_[A-Za-z0-9_-]{20,}/);
  });

  it("filters and paginates newest first with a cursor", async () => {
    const first = await admin.get(`/api/v1/orgs/${orgId}/audit?limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].seq).toBeGreaterThan(first.body.items[1].seq);
    const second = await admin.get(`/api/v1/orgs/${orgId}/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].seq).toBe(first.body.items[1].seq - 1);
    const byType = await admin.get(`/api/v1/orgs/${orgId}/audit?entityType=membership`);
    expect(byType.body.items.every((e: { entityType: string }) => e.entityType === "membership")).toBe(true);
    expect((await admin.get(`/api/v1/orgs/${orgId}/audit?from=yesterday`)).status).toBe(400);
  });

  it("the database refuses to change or delete an event", async () => {
    await expect(sql`UPDATE audit_events SET action = 'x'`.execute(server.db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(server.db.kysely)).rejects.toThrow(/append-only/);
  });

  it("verification says intact, then names the first altered event, then a removed one", async () => {
    const ok = await admin.get(`/api/v1/orgs/${orgId}/audit/verify`);
    expect(ok.body).toMatchObject({ intact: true, brokenAt: null });
    expect(ok.body.events).toBeGreaterThan(4);

    await dropAppendOnlyGuard();
    const victim = await server.db.kysely
      .selectFrom("audit_events")
      .select(["id", "seq"])
      .where("chain_key", "=", orgId)
      .where("seq", "=", 3)
      .executeTakeFirstOrThrow();
    await server.db.kysely
      .updateTable("audit_events")
      .set({ changes: '{"name":{"before":null,"after":"forged"}}' })
      .where("id", "=", victim.id)
      .execute();
    const broken = await admin.get(`/api/v1/orgs/${orgId}/audit/verify`);
    expect(broken.body.intact).toBe(false);
    expect(broken.body.brokenAt).toMatchObject({ id: victim.id, seq: 3 });
    expect(broken.body.brokenAt.reason).toMatch(/altered/);

    // A removed event in the middle leaves a gap in the sequence.
    await server.db.kysely.deleteFrom("audit_events").where("id", "=", victim.id).execute();
    const gap = await admin.get(`/api/v1/orgs/${orgId}/audit/verify`);
    expect(gap.body.brokenAt).toMatchObject({ seq: 4 });
    expect(gap.body.brokenAt.reason).toMatch(/missing/);

    // Removing the newest events leaves an intact-looking chain, but the recorded head disagrees.
    const other = (await admin.post("/api/v1/orgs", { name: "Second" })).body.id as string;
    await admin.patch(`/api/v1/orgs/${other}`, { name: "Second Ltd", version: 1 });
    expect((await admin.get(`/api/v1/orgs/${other}/audit/verify`)).body.intact).toBe(true);
    await server.db.kysely.deleteFrom("audit_events").where("chain_key", "=", other).where("action", "=", "organization.updated").execute();
    const truncated = await admin.get(`/api/v1/orgs/${other}/audit/verify`);
    expect(truncated.body.intact).toBe(false);
    expect(truncated.body.brokenAt.reason).toMatch(/removed/);
  });
});
