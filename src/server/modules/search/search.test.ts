import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";
import { PER_KIND } from "./search.repo.js";

let server: TestServer;
let admin: ApiClient;
let viewer: ApiClient;
let orgId: string;
let otherOrgId: string;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
  otherOrgId = (await admin.post("/api/v1/orgs", { name: "Other" })).body.id;
});
afterAll(async () => server.close());

const must = async <T>(p: Promise<{ status: number; body: T }>): Promise<T> => {
  const r = await p;
  if (r.status >= 300) throw new Error(`set-up failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

describe("global search", () => {
  it("finds records of every main register by reference or title, case ignored, each with the page that shows it", async () => {
    const asset = (await must(admin.post(`${base}/assets`, { kind: "software", name: "Payroll system", owner: "HR" }))) as { id: string };
    await must(admin.post(`${base}/risk-catalog/starter`, {}));
    const threatId = ((await must(admin.get(`${base}/threats?limit=1`))) as { items: { id: string }[] }).items[0]?.id;
    const risk = (await must(
      admin.post(`${base}/risks`, { kind: "asset", title: "Payroll data leaked", assetId: asset.id, threatId }),
    )) as {
      id: string;
      ref: string;
    };
    await must(admin.post(`${base}/scope/elements`, { kind: "information_system", name: "Payroll cloud", owner: "HR" }));
    await must(admin.post(`${base}/objectives`, { title: "Protect payroll confidentiality" }));
    await must(admin.post(`${base}/obligations`, { title: "Payroll tax law", kind: "legal", source: "Tax code" }));
    // Data of another organization never shows.
    await must(admin.post(`/api/v1/orgs/${otherOrgId}/assets`, { kind: "software", name: "Payroll elsewhere", owner: "HR" }));

    const found = await viewer.get(`${base}/search?q=PAYROLL`);
    expect(found.status).toBe(200);
    const byKind = (kind: string) => found.body.items.filter((i: { kind: string }) => i.kind === kind);
    expect(byKind("asset")).toEqual([
      { kind: "asset", id: asset.id, ref: null, title: "Payroll system", link: { register: "assets", id: asset.id } },
    ]);
    expect(byKind("risk")).toEqual([
      { kind: "risk", id: risk.id, ref: risk.ref, title: "Payroll data leaked", link: { register: "risks", id: risk.id } },
    ]);
    expect(byKind("scope_element")).toMatchObject([{ title: "Payroll cloud", link: { register: "scope-systems" } }]);
    expect(byKind("objective")).toMatchObject([{ title: "Protect payroll confidentiality", link: { register: "objectives" } }]);
    expect(byKind("obligation")).toMatchObject([{ title: "Payroll tax law", link: { register: "obligations" } }]);
    expect(found.body.items.some((i: { title: string }) => i.title === "Payroll elsewhere")).toBe(false);

    const byRef = await viewer.get(`${base}/search?q=${encodeURIComponent(risk.ref.toLowerCase())}`);
    expect(byRef.body.items).toContainEqual(expect.objectContaining({ kind: "risk", id: risk.id }));

    const control = await viewer.get(`${base}/search?q=a.5.1`);
    expect(control.body.items[0]).toMatchObject({ kind: "control", ref: "A.5.1", link: { register: "soa", id: "A.5.1" } });
  });

  it("lists a few hits of each kind and says when there are more; % and _ match themselves", async () => {
    for (let i = 0; i < PER_KIND + 2; i++) await must(admin.post(`${base}/objectives`, { title: `Goal 100%_${i}` }));
    await must(admin.post(`${base}/objectives`, { title: "Goal 1000 without the sign" }));
    const found = (await admin.get(`${base}/search?q=${encodeURIComponent("100%_")}`)).body;
    expect(found.items.filter((i: { kind: string }) => i.kind === "objective")).toHaveLength(PER_KIND);
    expect(found.items.some((i: { title: string }) => i.title === "Goal 1000 without the sign")).toBe(false);
    expect(found.truncated).toBe(true);
    expect((await admin.get(`${base}/search?q=payroll`)).body.truncated).toBe(false);
  });

  it("refuses a query too short to mean anything, naming the field", async () => {
    const refused = await admin.get(`${base}/search?q=a`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: "q" })]);
  });
});
