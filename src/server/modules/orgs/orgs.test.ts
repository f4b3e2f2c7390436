import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let orgId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
});
afterAll(async () => server.close());

describe("the organization's currency and locale (issue 11, item 10)", () => {
  it("starts at EUR and en-GB, is changed by an administrator and kept by a rename that leaves them out", async () => {
    // PUT replaces the whole record: it names them too.
    const before = await admin.get(`/api/v1/orgs/${orgId}`);
    expect(before.body).toMatchObject({ currency: "EUR", locale: "en-GB" });
    const changed = await admin.patch(`/api/v1/orgs/${orgId}`, { currency: "chf", locale: "de-CH", version: before.body.version });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ currency: "CHF", locale: "de-CH" });
    const put = await admin.request("PUT", `/api/v1/orgs/${orgId}`, {
      name: "Acme",
      currency: "CHF",
      locale: "de-CH",
      version: changed.body.version,
    });
    expect(put.status).toBe(200);
    const renamed = await admin.patch(`/api/v1/orgs/${orgId}`, { name: "Acme AG", version: put.body.version });
    expect(renamed.body).toMatchObject({ name: "Acme AG", currency: "CHF", locale: "de-CH" });
    expect((await admin.get("/api/v1/orgs")).body.items[0]).toMatchObject({ currency: "CHF", locale: "de-CH" });
  });

  it("refuses an unknown locale or a currency that is not a code, naming the field, and lets only an administrator change them", async () => {
    const { version } = (await admin.get(`/api/v1/orgs/${orgId}`)).body;
    const refused = await admin.patch(`/api/v1/orgs/${orgId}`, { currency: "euro", locale: "xx-XX", version });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["currency", "locale"]);
    const viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
    expect((await viewer.patch(`/api/v1/orgs/${orgId}`, { currency: "USD", version })).status).toBe(403);
  });
});
