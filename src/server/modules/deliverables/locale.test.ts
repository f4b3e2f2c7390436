import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

/** Documents write amounts and dates the organization's way (issue 11, item 10). */
let server: TestServer;
let admin: ApiClient;
let base: string;
let token: string;
const dir = mkdtempSync(join(tmpdir(), "isms-deliverables-locale-"));

const download = async (path: string) => {
  const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, path).toBe(200);
  return Buffer.from(await response.arrayBuffer());
};
const pdfText = async (path: string) => {
  const file = join(dir, `${path.replace(/[^a-z0-9]+/gi, "-")}.pdf`);
  writeFileSync(file, await download(path));
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
};
const markdown = async (path: string) => (await download(path)).toString("utf8");

beforeAll(async () => {
  server = await startTestServer();
  let orgId: string;
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  token = (await admin.post(`${base}/tokens`, { name: "documents" })).body.token;
  const { version } = (await admin.get(base)).body;
  expect((await admin.patch(base, { currency: "EUR", locale: "de-DE", version })).status).toBe(200);
  await admin.post(`${base}/business-case/costs`, { title: "Certification audit", amount: 18000 });
  await admin.post(`${base}/business-case/costs`, { title: "Consultancy", amount: 12500.5, currency: "USD" });
  await admin.post(`${base}/milestones`, { title: "Stage 1 audit", dueDate: "2027-03-31", owner: "Ada" });
  const asset = (await admin.post(`${base}/assets`, { kind: "information", name: "Customer data", owner: "Sales" })).body;
  const quant = {
    current: {
      frequency: { min: 1, mostLikely: 1, max: 1 },
      magnitude: { min: 250000, mostLikely: 250000, max: 250000 },
    },
  };
  const risk = await admin.post(`${base}/risks`, {
    kind: "scenario",
    title: "Ransomware",
    event: "Ransomware on a file server",
    affectedAssetIds: [asset.id],
    quant,
  });
  expect(risk.status).toBe(201);
}, 60_000);
afterAll(async () => server.close());

describe("documents of a German organization (issue 11, item 10)", () => {
  it("write the business case's amounts and the plan's dates in German, each line in its own currency", async () => {
    const md = await markdown(`${base}/deliverables/approval-package/render?format=md`);
    expect(md).toContain("18.000,00\u00a0€");
    expect(md).toContain("12.500,50\u00a0$");
    expect(md).toContain("31.03.2027");
    expect(md).not.toContain("18,000");
    const pdf = await pdfText(`${base}/deliverables/approval-package/render?format=pdf`);
    expect(pdf).toMatch(/18\.000,00\s€/);
    expect(pdf).toContain("31.03.2027");
  });

  it("write the risk report's expected losses in German with the currency", async () => {
    const md = await markdown(`${base}/deliverables/risk-report/render?format=md`);
    // One loss of 250,000 a year, every year: the expected annual loss is exactly that.
    expect(md).toContain("250.000\u00a0€");
    expect(md).not.toContain("250,000");
    const pdf = await pdfText(`${base}/deliverables/risk-report/render?format=pdf`);
    expect(pdf).toMatch(/250\.000\s€/);
  });
});
