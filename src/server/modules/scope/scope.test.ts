import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completePhase1 } from "../../../../test/helpers/mandate.js";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";
import { evaluate } from "../../../core/process/engine.js";
import { RULES } from "../../../core/process/rules.js";
import { SCOPE_RULES } from "../../../core/scope/rules.js";
import { isUniqueViolation } from "../../db/errors.js";
import { shippedCatalog } from "../process/catalog.repo.js";
import { loadProcessData } from "../process/process-data.js";
import { loadScopeData } from "./scope-data.js";

let server: TestServer;
let admin: ApiClient;
let viewer: ApiClient;
let orgId: string;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}/scope`;
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
});
afterAll(async () => server.close());

type Element = { id: string; name: string; version: number; parentId: string | null; inScope: boolean };

async function add(body: Record<string, unknown>, org = orgId): Promise<Element> {
  const response = await admin.post(`/api/v1/orgs/${org}/scope/elements`, body);
  if (response.status !== 201) throw new Error(`element not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();
const patch = (client: ApiClient, path: string, body: unknown) => client.request("PATCH", path, body);

describe("scope elements", () => {
  it("are created, read, listed with filters, sort and cursor, updated with a version and removed", async () => {
    const engineering = await add({ kind: "org_unit", name: "Engineering", owner: "CTO", externalRef: "HR-100" });
    expect(engineering).toMatchObject({
      kind: "org_unit",
      parentId: null,
      inScope: true,
      exclusionJustification: null,
      description: null,
      externalRef: "HR-100",
      version: 1,
    });
    const platform = await add({ kind: "org_unit", name: "Platform team", parentId: engineering.id });
    await add({ kind: "business_process", name: "Release management", parentId: engineering.id, description: "Ships the product" });
    await add({ kind: "information_system", name: "100%_Shop", owner: "Product" });
    await add({ kind: "network", name: "Office LAN", inScope: false, exclusionJustification: "Guest network only" });

    expect((await viewer.get(`${base}/elements/${platform.id}`)).body).toMatchObject({ name: "Platform team", parentId: engineering.id });

    const names = async (query: string) => ((await viewer.get(`${base}/elements?${query}`)).body.items as Element[]).map((e) => e.name);
    expect(await names("")).toEqual(["100%_Shop", "Engineering", "Office LAN", "Platform team", "Release management"]);
    expect(await names("kind=information_system,network")).toEqual(["100%_Shop", "Office LAN"]);
    expect(await names("inScope=false")).toEqual(["Office LAN"]);
    expect(await names(`parentId=${engineering.id}`)).toEqual(["Platform team", "Release management"]);
    expect(await names("parentId=none&kind=org_unit")).toEqual(["Engineering"]);
    expect(await names("q=TEAM")).toEqual(["Platform team"]);
    // Wildcards are searched for literally.
    expect(await names("q=0%25_")).toEqual(["100%_Shop"]);
    expect(await names("q=%25")).toEqual(["100%_Shop"]);
    expect(await names("sort=createdAt&dir=desc&limit=1")).toEqual(["Office LAN"]);

    const page1 = await viewer.get(`${base}/elements?limit=2`);
    const page2 = await viewer.get(`${base}/elements?limit=2&cursor=${page1.body.nextCursor}`);
    const page3 = await viewer.get(`${base}/elements?limit=2&cursor=${page2.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items, ...page3.body.items].map((e: Element) => e.name)).toEqual(await names(""));
    expect(page3.body.nextCursor).toBeNull();
    expect((await viewer.get(`${base}/elements?kind=galaxy`)).body.errors[0].field).toBe("kind.0");
    expect((await viewer.get(`${base}/elements?inScope=maybe`)).body.errors[0].field).toBe("inScope");

    const renamed = await patch(admin, `${base}/elements/${platform.id}`, {
      kind: "org_unit",
      name: "Platform engineering",
      parentId: engineering.id,
      version: 1,
    });
    expect(renamed.body).toMatchObject({ name: "Platform engineering", version: 2 });
    const stale = await patch(admin, `${base}/elements/${platform.id}`, { kind: "org_unit", name: "Late", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ name: "Platform engineering", version: 2 });
    expect((await patch(viewer, `${base}/elements/${platform.id}`, { kind: "org_unit", name: "x", version: 2 })).status).toBe(403);

    expect((await admin.delete(`${base}/elements/${platform.id}`)).status).toBe(200);
    expect((await admin.get(`${base}/elements/${platform.id}`)).status).toBe(404);
    const events = (await admin.get(`/api/v1/orgs/${orgId}/audit?entityType=scope element`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(events).toEqual(expect.arrayContaining(["scope element.created", "scope element.updated", "scope element.deleted"]));
  });

  it("refuses an exclusion without a justification, and drops the justification of an element brought back in", async () => {
    const refused = await admin.post(`${base}/elements`, { kind: "site", name: "Warehouse", inScope: false, exclusionJustification: " " });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: "exclusionJustification", message: "is required when the element is excluded from the scope" },
    ]);
    const warehouse = await add({ kind: "site", name: "Warehouse", inScope: false, exclusionJustification: "Leased to a partner" });
    const unjustified = await patch(admin, `${base}/elements/${warehouse.id}`, {
      kind: "site",
      name: "Warehouse",
      inScope: false,
      exclusionJustification: null,
      version: 1,
    });
    expect(fields(unjustified.body)).toEqual(["exclusionJustification"]);
    const back = await patch(admin, `${base}/elements/${warehouse.id}`, {
      kind: "site",
      name: "Warehouse",
      inScope: true,
      exclusionJustification: "Leased to a partner",
      version: 1,
    });
    expect(back.body).toMatchObject({ inScope: true, exclusionJustification: null, version: 2 });
  });

  it("keep rooms in buildings, buildings on sites, units in units, and refuse loops", async () => {
    const campus = await add({ kind: "site", name: "Campus" });
    const hall = await add({ kind: "building", name: "Hall A", parentId: campus.id });
    await add({ kind: "room", name: "Server room", parentId: hall.id });

    const roomOnSite = await admin.post(`${base}/elements`, { kind: "room", name: "Lobby", parentId: campus.id });
    expect(roomOnSite.status).toBe(400);
    expect(roomOnSite.body.errors).toEqual([{ field: "parentId", message: 'a room can only sit in a building, and "Campus" is a site' }]);
    const systemInSite = await admin.post(`${base}/elements`, { kind: "platform", name: "K8s", parentId: campus.id });
    expect(systemInSite.body.errors).toEqual([{ field: "parentId", message: "a platform is not placed inside another element" }]);
    const unknownParent = await admin.post(`${base}/elements`, {
      kind: "building",
      name: "B",
      parentId: "0190a000-0000-7000-8000-000000000000",
    });
    expect(unknownParent.body.errors).toEqual([{ field: "parentId", message: "is not an element of this organization" }]);

    // A building with rooms cannot become a site: the rooms would be left in the wrong kind of place.
    const reKind = await patch(admin, `${base}/elements/${hall.id}`, { kind: "site", name: "Hall A", parentId: null, version: 1 });
    expect(reKind.status).toBe(400);
    expect(reKind.body.errors).toEqual([{ field: "kind", message: 'a site cannot hold what this element contains: room "Server room"' }]);

    const group = await add({ kind: "org_unit", name: "Group" });
    const division = await add({ kind: "org_unit", name: "Division", parentId: group.id });
    const team = await add({ kind: "org_unit", name: "Team", parentId: division.id });
    const loop = await patch(admin, `${base}/elements/${group.id}`, { kind: "org_unit", name: "Group", parentId: team.id, version: 1 });
    expect(loop.status).toBe(400);
    expect(loop.body.errors).toEqual([{ field: "parentId", message: '"Team" lies inside this element, so it cannot also contain it' }]);
    const itself = await patch(admin, `${base}/elements/${group.id}`, { kind: "org_unit", name: "Group", parentId: group.id, version: 1 });
    expect(itself.body.errors).toEqual([{ field: "parentId", message: "an element cannot contain itself" }]);
    // Moving a unit elsewhere in the tree is fine.
    const moved = await patch(admin, `${base}/elements/${team.id}`, { kind: "org_unit", name: "Team", parentId: group.id, version: 1 });
    expect(moved.body).toMatchObject({ parentId: group.id, version: 2 });

    const notEmpty = await admin.delete(`${base}/elements/${group.id}`);
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.body.detail).toBe(
      'the organizational unit "Group" cannot be removed: it contains organizational unit "Division", organizational unit "Team"; move or remove those first',
    );
  });

  it("keep external references unique within the organization", async () => {
    await add({ kind: "information_system", name: "CRM", externalRef: "CMDB-1" });
    const taken = await admin.post(`${base}/elements`, { kind: "information_system", name: "ERP", externalRef: "CMDB-1" });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toEqual([{ field: "externalRef", message: 'is already the reference of "CRM"' }]);
    // Elements without a reference do not collide, and blank counts as none.
    await add({ kind: "information_system", name: "ERP", externalRef: " " });
    const wiki = await add({ kind: "information_system", name: "Wiki", externalRef: null });
    expect(wiki).toMatchObject({ externalRef: null });
  });
});

describe("boundary interfaces", () => {
  let shop: Element;
  let billing: Element;
  let payments: Element;

  beforeAll(async () => {
    shop = await add({ kind: "information_system", name: "Web shop", owner: "E-commerce" });
    billing = await add({ kind: "information_system", name: "Billing", owner: "Finance" });
    payments = await add({ kind: "cloud_service", name: "Payment gateway", inScope: false, exclusionJustification: "Provider's own ISMS" });
  });

  it("refuse an interface to nothing, to two things, or one that does not cross the boundary", async () => {
    const path = `${base}/interfaces`;
    const nowhere = await admin.post(path, { fromElementId: shop.id, dataExchanged: "Orders", direction: "outbound" });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors).toEqual([
      { field: "toElementId", message: "an interface must lead somewhere: give toElementId or toParty" },
      { field: "toParty", message: "an interface must lead somewhere: give toElementId or toParty" },
    ]);
    const blankParty = await admin.post(path, { fromElementId: shop.id, toParty: "  ", dataExchanged: "Orders", direction: "outbound" });
    expect(fields(blankParty.body)).toEqual(["toElementId", "toParty"]);
    const both = await admin.post(path, {
      fromElementId: shop.id,
      toElementId: payments.id,
      toParty: "Bank",
      dataExchanged: "Orders",
      direction: "outbound",
    });
    expect(both.body.errors[0].message).toBe("give toElementId or toParty, not both");
    const inside = await admin.post(path, {
      fromElementId: shop.id,
      toElementId: billing.id,
      dataExchanged: "Invoices",
      direction: "outbound",
    });
    expect(inside.body.errors).toEqual([
      { field: "toElementId", message: 'the information system "Billing" is inside the scope; a boundary interface leads out of it' },
    ]);
    const fromOutside = await admin.post(path, {
      fromElementId: payments.id,
      toParty: "Bank",
      dataExchanged: "Payouts",
      direction: "outbound",
    });
    expect(fromOutside.body.errors).toEqual([
      { field: "fromElementId", message: 'the cloud service "Payment gateway" is excluded from the scope; an interface starts inside it' },
    ]);
    const badDirection = await admin.post(path, { fromElementId: shop.id, toParty: "Bank", dataExchanged: "x", direction: "sideways" });
    expect(fields(badDirection.body)).toEqual(["direction"]);
  });

  it("are recorded to an excluded element or an outside party, listed, updated with a version and removed", async () => {
    const path = `${base}/interfaces`;
    const pay = await admin.post(path, {
      fromElementId: shop.id,
      toElementId: payments.id,
      dataExchanged: "Card payments",
      direction: "bidirectional",
      protection: "TLS 1.3",
    });
    expect(pay.status).toBe(201);
    expect(pay.body).toMatchObject({
      fromElement: { id: shop.id, name: "Web shop", kind: "information_system", inScope: true },
      toElement: { id: payments.id, name: "Payment gateway", kind: "cloud_service", inScope: false },
      toParty: null,
      version: 1,
    });
    const carrier = await admin.post(path, {
      fromElementId: billing.id,
      toParty: "Tax office",
      dataExchanged: "VAT returns",
      direction: "outbound",
    });
    expect(carrier.body).toMatchObject({ toElement: null, toParty: "Tax office", protection: null });

    expect((await viewer.get(`${path}?elementId=${payments.id}`)).body.items.map((i: { id: string }) => i.id)).toEqual([pay.body.id]);
    expect((await viewer.get(`${path}?direction=outbound`)).body.items.map((i: { id: string }) => i.id)).toEqual([carrier.body.id]);
    const first = await viewer.get(`${path}?limit=1`);
    const second = await viewer.get(`${path}?limit=1&cursor=${first.body.nextCursor}`);
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual([pay.body.id, carrier.body.id]);

    const changed = await patch(admin, `${path}/${carrier.body.id}`, {
      fromElementId: billing.id,
      toParty: "Tax authority",
      dataExchanged: "VAT returns",
      direction: "outbound",
      protection: "Government portal with 2FA",
      version: 1,
    });
    expect(changed.body).toMatchObject({ toParty: "Tax authority", protection: "Government portal with 2FA", version: 2 });
    const stale = await patch(admin, `${path}/${carrier.body.id}`, {
      fromElementId: billing.id,
      toParty: "x",
      dataExchanged: "y",
      direction: "inbound",
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ toParty: "Tax authority", version: 2 });

    // Neither end can cross to the other side, nor be removed, while the interface exists.
    const shopOut = await patch(admin, `${base}/elements/${shop.id}`, {
      kind: "information_system",
      name: "Web shop",
      inScope: false,
      exclusionJustification: "x",
      version: shop.version,
    });
    expect(shopOut.status).toBe(409);
    expect(shopOut.body.detail).toMatch(
      /"Web shop" is the inside end of 1 boundary interface\(s\) \("Web shop" to "Payment gateway" \(Card payments\)\)/,
    );
    const paymentsIn = await patch(admin, `${base}/elements/${payments.id}`, {
      kind: "cloud_service",
      name: "Payment gateway",
      inScope: true,
      version: payments.version,
    });
    expect(paymentsIn.status).toBe(409);
    expect(paymentsIn.body.detail).toMatch(/outside end/);
    const removeEnd = await admin.delete(`${base}/elements/${payments.id}`);
    expect(removeEnd.status).toBe(409);
    expect(removeEnd.body.detail).toBe(
      'the cloud service "Payment gateway" cannot be removed: it is an end of the boundary interface(s) "Web shop" to "Payment gateway" (Card payments); move or remove those first',
    );

    expect((await viewer.delete(`${path}/${pay.body.id}`)).status).toBe(403);
    expect((await admin.delete(`${path}/${pay.body.id}`)).status).toBe(200);
    expect((await admin.get(`${path}/${pay.body.id}`)).status).toBe(404);
    expect((await admin.delete(`${base}/elements/${payments.id}`)).status).toBe(200);
  });
});

describe("the scope statement", () => {
  it("is assembled from the registers and the narrative, frozen as numbered versions that never change", async () => {
    const empty = (await viewer.get(`${base}/narrative`)).body;
    expect(empty).toEqual({ narrative: null, version: 0, updatedAt: null });
    const written = await patch(admin, `${base}/narrative`, { narrative: "The ISMS covers the **web shop**.", version: 0 });
    expect(written.body).toMatchObject({ narrative: "The ISMS covers the **web shop**.", version: 1 });

    const statement = (await viewer.get(`${base}/statement`)).body;
    expect(statement).toMatchObject({ latestVersion: null, changedSinceLatest: true });
    expect(statement.markdown).toMatch(/^# ISMS scope and boundaries: Acme\n\n## Overview\n\nThe ISMS covers the \*\*web shop\*\*\.\n/);
    expect(statement.markdown).toContain("- **Web shop** (information system; owner: E-commerce)");
    expect(statement.markdown).toContain(
      "| Billing (information system) | Tax authority (outside party) | VAT returns | out of the scope |",
    );
    expect(statement.markdown).toContain("| Office LAN | network | Guest network only |");

    expect((await viewer.post(`${base}/statement/versions`, {})).status).toBe(403);
    const v1 = await admin.post(`${base}/statement/versions`, { note: "For the steering committee" });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({
      number: 1,
      note: "For the steering committee",
      createdBy: { name: "Admin" },
      markdown: statement.markdown,
    });
    const again = await admin.post(`${base}/statement/versions`, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe("the scope statement has not changed since version 1");
    expect((await viewer.get(`${base}/statement`)).body).toMatchObject({ latestVersion: 1, changedSinceLatest: false });

    await patch(admin, `${base}/narrative`, { narrative: "The ISMS covers the web shop and billing.", version: 1 });
    expect((await viewer.get(`${base}/statement`)).body).toMatchObject({ latestVersion: 1, changedSinceLatest: true });
    const v2 = await admin.post(`${base}/statement/versions`, { note: null });
    expect(v2.body).toMatchObject({ number: 2, note: null });

    expect((await viewer.get(`${base}/statement/versions/1`)).body.markdown).toBe(statement.markdown);
    const list = await viewer.get(`${base}/statement/versions?limit=1`);
    expect(list.body.items).toEqual([expect.objectContaining({ number: 2, createdBy: expect.objectContaining({ name: "Admin" }) })]);
    expect(list.body.items[0].markdown).toBeUndefined();
    const older = await viewer.get(`${base}/statement/versions?limit=1&cursor=${list.body.nextCursor}`);
    expect(older.body).toMatchObject({ items: [{ number: 1 }], nextCursor: null });
    expect((await viewer.get(`${base}/statement/versions/3`)).status).toBe(404);
    expect((await viewer.get(`${base}/statement/versions/first`)).body.errors[0].field).toBe("number");

    const diff = (await viewer.get(`${base}/statement/diff?from=1&to=2`)).body;
    expect(diff.lines.filter((l: { op: string }) => l.op !== "same")).toEqual([
      { op: "removed", text: "The ISMS covers the **web shop**." },
      { op: "added", text: "The ISMS covers the web shop and billing." },
    ]);
    await add({ kind: "site", name: "Head office" });
    const sinceV2 = (await viewer.get(`${base}/statement/diff?from=2`)).body;
    expect(sinceV2.to).toBeNull();
    expect(sinceV2.lines.filter((l: { op: string }) => l.op === "added").map((l: { text: string }) => l.text)).toContain(
      "- **Head office** (site)",
    );
    expect((await viewer.get(`${base}/statement/diff?from=9`)).status).toBe(404);

    const audit = (await admin.get(`/api/v1/orgs/${orgId}/audit?action=scope statement.frozen`)).body.items;
    expect(audit).toHaveLength(2);
  });

  it("gives two people freezing at once one new version, never two with the same number or a server error", async () => {
    const narrative = (await admin.get(`${base}/narrative`)).body;
    await patch(admin, `${base}/narrative`, { narrative: "Frozen twice at once?", version: narrative.version });
    const results = await Promise.all([admin.post(`${base}/statement/versions`, {}), admin.post(`${base}/statement/versions`, {})]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const numbers = (await admin.get(`${base}/statement/versions`)).body.items.map((v: { number: number }) => v.number);
    expect(numbers).toEqual([3, 2, 1]);
  });

  it("recognizes the database's refusal of a duplicate, which a lost race ends in, on this dialect", async () => {
    const taken = await server.db.kysely
      .selectFrom("scope_statement_versions")
      .selectAll()
      .where("org_id", "=", orgId)
      .executeTakeFirstOrThrow();
    const duplicate = server.db.kysely
      .insertInto("scope_statement_versions")
      .values({ ...taken, id: "0190a000-0000-7000-8000-000000000001" })
      .execute();
    const error = await duplicate.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error("other"))).toBe(false);
  });
});

describe("organizations", () => {
  it("keep their scope to themselves", async () => {
    const other = (await admin.post("/api/v1/orgs", { name: "Other client" })).body.id as string;
    const theirs = `/api/v1/orgs/${other}/scope`;
    const mine = await add({ kind: "org_unit", name: "Finance" });
    const mineOut = await add({ kind: "org_unit", name: "Canteen", inScope: false, exclusionJustification: "Outsourced" });
    const iface = await admin.post(`${base}/interfaces`, {
      fromElementId: mine.id,
      toElementId: mineOut.id,
      dataExchanged: "Meal plans",
      direction: "inbound",
    });
    expect(iface.status).toBe(201);

    expect((await admin.get(`${theirs}/elements/${mine.id}`)).status).toBe(404);
    expect((await patch(admin, `${theirs}/elements/${mine.id}`, { kind: "org_unit", name: "x", version: 1 })).status).toBe(404);
    expect((await admin.delete(`${theirs}/elements/${mine.id}`)).status).toBe(404);
    expect((await admin.get(`${theirs}/elements`)).body.items).toEqual([]);
    expect((await admin.get(`${theirs}/interfaces/${iface.body.id}`)).status).toBe(404);
    expect((await admin.delete(`${theirs}/interfaces/${iface.body.id}`)).status).toBe(404);
    expect((await admin.get(`${theirs}/interfaces`)).body.items).toEqual([]);
    expect((await admin.get(`${theirs}/statement/versions/1`)).status).toBe(404);
    expect((await admin.get(`${theirs}/statement`)).body.markdown).not.toContain("Finance");

    // Another organization's elements cannot be borrowed as a parent or an interface end.
    const parent = await admin.post(`${theirs}/elements`, { kind: "org_unit", name: "Sub", parentId: mine.id });
    expect(parent.body.errors).toEqual([{ field: "parentId", message: "is not an element of this organization" }]);
    const borrowed = await admin.post(`${theirs}/interfaces`, {
      fromElementId: mine.id,
      toParty: "Bank",
      dataExchanged: "x",
      direction: "outbound",
    });
    expect(borrowed.body.errors).toEqual([{ field: "fromElementId", message: "is not an element of this organization" }]);
  });
});

describe("the roadmap on recorded data", () => {
  it("completes 6.2 to 6.5 with the scope rules once the scope is recorded and G1 is approved", async () => {
    const fresh = (await admin.post("/api/v1/orgs", { name: "Fresh" })).body.id as string;
    await completePhase1(admin, fresh);
    const at = async () => {
      const catalog = await shippedCatalog();
      const data = {
        ...(await loadProcessData(server.db, fresh, catalog)),
        gates: { G1: "approved" as const },
        scope: await loadScopeData(server.db, fresh),
      };
      return Object.fromEntries(
        evaluate(catalog, data, { ...RULES, ...SCOPE_RULES })
          .activities.filter((a) => a.id.startsWith("6."))
          .map((a) => [a.id, { status: a.status, reasons: a.reasons }]),
      );
    };
    expect((await at())["6.2"]).toEqual({ status: "ready", reasons: expect.any(Array) });

    const unit = await add({ kind: "org_unit", name: "Operations", owner: "COO" }, fresh);
    await add({ kind: "information_system", name: "ERP", owner: "CIO" }, fresh);
    const mail = await add({ kind: "cloud_service", name: "Hosted mail", inScope: false, exclusionJustification: "Vendor-run" }, fresh);
    await add({ kind: "site", name: "Plant 1" }, fresh);
    await admin.post(`/api/v1/orgs/${fresh}/scope/interfaces`, {
      fromElementId: unit.id,
      toElementId: mail.id,
      dataExchanged: "Email",
      direction: "bidirectional",
    });
    expect((await at())["6.5"]).toEqual({
      status: "ready",
      reasons: ["Write the narrative of the scope document: what the ISMS covers and why the boundaries lie where they do."],
    });
    await patch(admin, `/api/v1/orgs/${fresh}/scope/narrative`, { narrative: "Operations at Plant 1.", version: 0 });
    const done = await at();
    for (const id of ["6.2", "6.3", "6.4", "6.5"]) expect(done[id], id).toEqual({ status: "complete", reasons: [] });
  });
});
