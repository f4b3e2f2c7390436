import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { uuidv7 } from "../../core/ids.js";
import { deleteAudited, insertAudited, updateAudited, withWrite } from "./audited.js";

// The organization guard: the audited helpers refuse a row of another organization by default.
let t: TestDatabase;
const orgA = uuidv7();
const orgB = uuidv7();
const meta = { actor: { type: "system" as const, id: null }, requestId: null, ip: null };
const now = new Date().toISOString();

async function addOrgAndObjective(orgId: string): Promise<string> {
  const id = uuidv7();
  await withWrite(t.db, meta, async (ctx) => {
    await insertAudited(
      ctx,
      "organizations",
      { id: orgId, name: `Org ${orgId.slice(-4)}`, settings: "{}", created_at: now, updated_at: now, version: 1 },
      { orgId, entityType: "organization" },
    );
    await insertAudited(
      ctx,
      "isms_roles",
      {
        id,
        org_id: orgId,
        key: "guard-test",
        title: "Guard test",
        description: null,
        mandatory: 0,
        created_at: now,
        updated_at: now,
        version: 1,
      },
      {
        orgId,
        entityType: "role",
      },
    );
  });
  return id;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("organization guard of the audited helpers", () => {
  it("updates and deletes only rows of the write's organization (another organization's row is 404)", async () => {
    const roleA = await addOrgAndObjective(orgA);
    await addOrgAndObjective(orgB);
    await expect(
      withWrite(t.db, meta, (ctx) => updateAudited(ctx, "isms_roles", roleA, { title: "Taken over" }, { orgId: orgB, entityType: "role" })),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      withWrite(t.db, meta, (ctx) => deleteAudited(ctx, "isms_roles", roleA, { orgId: orgB, entityType: "role" })),
    ).rejects.toMatchObject({
      status: 404,
    });
    // A system write must say why it touches an organization's row.
    await expect(
      withWrite(t.db, meta, (ctx) => updateAudited(ctx, "isms_roles", roleA, { title: "System" }, { orgId: null, entityType: "role" })),
    ).rejects.toMatchObject({ status: 404 });
    const row = await t.db.kysely.selectFrom("isms_roles").select("title").where("id", "=", roleA).executeTakeFirstOrThrow();
    expect(row.title).toBe("Guard test");
    await withWrite(t.db, meta, (ctx) =>
      updateAudited(
        ctx,
        "isms_roles",
        roleA,
        { title: "Renamed" },
        { orgId: null, unscoped: "test of instance administration", entityType: "role" },
      ),
    );
    await withWrite(t.db, meta, (ctx) =>
      updateAudited(ctx, "isms_roles", roleA, { title: "Own org" }, { orgId: orgA, entityType: "role" }),
    );
    const after = await t.db.kysely.selectFrom("isms_roles").select("title").where("id", "=", roleA).executeTakeFirstOrThrow();
    expect(after.title).toBe("Own org");
  });

  it("refuses to insert a row carrying another organization", async () => {
    await expect(
      withWrite(t.db, meta, (ctx) =>
        insertAudited(
          ctx,
          "isms_roles",
          {
            id: uuidv7(),
            org_id: orgA,
            key: "x",
            title: "X",
            description: null,
            mandatory: 0,
            created_at: now,
            updated_at: now,
            version: 1,
          },
          {
            orgId: orgB,
            entityType: "role",
          },
        ),
      ),
    ).rejects.toThrow(/organization guard/);
  });
});
