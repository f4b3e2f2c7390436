import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Api,
  activityCard,
  addMemberThroughApi,
  apiAs,
  browserScenario,
  completePhases1And2,
  firstRun,
  navigate,
  pageTitle,
  screenshots,
} from "./helpers.js";

const screenshot = screenshots("requirements-assets-gap");

const title = pageTitle;
const card = activityCard;

function csvFile(name: string, rows: string[][]): string {
  const path = join(tmpdir(), name);
  writeFileSync(path, `${rows.map((r) => r.join(",")).join("\n")}\n`);
  return path;
}

const HEADER = ["Name", "Kind", "Owner", "Confidentiality", "Integrity", "Availability"];
const GOOD_ROWS = [
  ["Customer data", "information", "Head of Sales", "4", "3", "2"],
  ["Order handling", "business_process", "COO", "2", "3", "3"],
];

/**
 * Phase 3 in a real browser: with phases 1 and 2 done through the API (G1 and G2 approved), the
 * ISMS manager imports the asset inventory from a CSV file (refused whole while one row is wrong),
 * links a supporting asset to the primary asset it serves and sees the value it derives, records an
 * interested party's requirement, finishes the gap assessment, and the roadmap moves on to phase 4.
 */
describe("requirements, assets imported from a file, gap assessment", () => {
  const { server, admin, manager, approver } = browserScenario(["admin", "manager", "approver"]);
  let orgId = "";
  let asManager: Api;
  let asApprover: Api;

  it("set-up: phases 1 and 2 completed through the API, gates G1 and G2 approved", async () => {
    const { page } = admin;
    orgId = await firstRun(page);
    await addMemberThroughApi(admin.context, server.url, orgId, {
      email: "priya@acme.example",
      displayName: "Priya Raman",
      role: "isms_manager",
    });
    await addMemberThroughApi(admin.context, server.url, orgId, {
      email: "tomas@acme.example",
      displayName: "Tomás Ortega",
      role: "approver",
    });
    asManager = await apiAs(manager.context, server.url, "priya@acme.example");
    asApprover = await apiAs(approver.context, server.url, "tomas@acme.example");
    const base = `/orgs/${orgId}`;
    await completePhases1And2(orgId, asManager, asApprover);

    const roadmap = (await asManager.get(`${base}/roadmap`)) as { activities: { id: string; status: string }[] };
    const status = Object.fromEntries(roadmap.activities.map((a) => [a.id, a.status]));
    expect(status).toMatchObject({ "6.6": "approved", "7.2": "ready", "8.2": "blocked" });
  });

  it("an assets file with a wrong row is refused whole, with the row and column named; the corrected file is imported", async () => {
    const { page } = manager;
    await page.goto(`/orgs/${orgId}/roadmap`);
    await title(page, "Roadmap").waitFor();
    await card(page, "8.2")
      .getByText(/^(Not started|Started early|Recorded)$/)
      .waitFor();
    await navigate(page, "Assets");
    await page.getByText("No assets yet", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Import" }).click();
    const dialog = page.getByRole("dialog", { name: "Import assets" });
    // The labelled "File" control is a button opening the file chooser; the file goes to its input.
    const fileInput = dialog.locator('input[type="file"]');
    await fileInput.setInputFiles(csvFile("assets-bad.csv", [HEADER, ...GOOD_ROWS, ["Analytics platform", "softwre", "CTO", "", "", ""]]));
    const problems = dialog.getByRole("table", { name: "Problems in the file" });
    const problem = problems.getByRole("row").filter({ hasText: "Kind" });
    await problem.waitFor();
    await expect.poll(() => problem.getByRole("cell").allInnerTexts()).toEqual(["4", "Kind", expect.stringMatching(/^Must be one of/)]);
    expect(await dialog.getByRole("button", { name: "Import" }).isDisabled()).toBe(true);
    await screenshot(page, "import-refused");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("No assets yet", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Import" }).click();
    await fileInput.setInputFiles(csvFile("assets.csv", [HEADER, ...GOOD_ROWS, ["Analytics platform", "software", "CTO", "", "", ""]]));
    await dialog.getByText("3 to create").waitFor();
    expect(await problems.count()).toBe(0);
    await dialog.getByRole("button", { name: "Import" }).click();
    await dialog.waitFor({ state: "hidden" });
    const table = page.getByRole("table", { name: "Assets" });
    for (const name of ["Analytics platform", "Customer data", "Order handling"]) {
      await table.getByRole("row", { name: new RegExp(name) }).waitFor();
    }
    await screenshot(page, "assets-imported");
  });

  it("linking the supporting asset to a primary asset gives it a derived value, with the reason", async () => {
    const { page } = manager;
    await page.getByRole("table", { name: "Assets" }).getByRole("link", { name: "Analytics platform" }).click();
    await title(page, "Analytics platform").waitFor();
    const valuation = page.getByRole("table", { name: "Valuation by objective" });
    await valuation
      .getByRole("row", { name: /Confidentiality/ })
      .getByText("Not valued", { exact: true })
      .waitFor();

    await page.getByLabel("Primary asset to support").selectOption({ label: "Customer data" });
    await page.getByRole("button", { name: "Add link" }).click();
    await page.getByRole("list", { name: "Primary assets it supports" }).getByRole("link", { name: "Customer data" }).waitFor();
    const confidentiality = valuation.getByRole("row", { name: /Confidentiality/ });
    await confidentiality.getByText("Derived", { exact: true }).waitFor();
    expect(await confidentiality.getByRole("cell").nth(1).textContent()).toMatch(/^4/);
    expect(await confidentiality.getByRole("cell").nth(3).textContent()).toContain("Customer data");
    await page.getByRole("img", { name: /Dependency graph\. Analytics platform supports Customer data/ }).waitFor();
    await screenshot(page, "derived-valuation");
  });

  it("an interested party with a requirement that has a source and an owner (7.2)", async () => {
    const { page } = manager;
    await navigate(page, "Requirements");
    await page.getByRole("button", { name: "Add interested party" }).click();
    const party = page.getByRole("dialog", { name: "Add interested party" });
    await party.getByLabel("Name").fill("Enterprise customers");
    await party.getByLabel("Kind").selectOption("customer");
    await party.getByLabel("Expectations").fill("Their data stays confidential");
    await party.getByRole("button", { name: "Save interested party" }).click();
    await page
      .getByRole("table", { name: "Interested parties" })
      .getByRole("row", { name: /Enterprise customers/ })
      .waitFor();

    await page.getByRole("button", { name: "Add requirement" }).click();
    const requirement = page.getByRole("dialog", { name: "Add requirement" });
    await requirement.getByLabel("Requirement").fill("Customer data is encrypted at rest");
    await requirement.getByLabel("Interested party").selectOption({ label: "Enterprise customers" });
    await requirement.getByLabel("Source").fill("Master services agreement, annex C");
    await requirement.getByLabel("Owner").fill("CTO");
    await requirement.getByLabel("Confidentiality need").fill("4");
    await requirement.getByRole("button", { name: "Save requirement" }).click();
    await page
      .getByRole("table", { name: "Requirements of interested parties" })
      .getByRole("row", { name: /Customer data is encrypted at rest/ })
      .waitFor();
    await screenshot(page, "requirements");
  });

  it("the gap assessment is finished on the page, and the roadmap reaches phase 4 with 8.2 unblocked", async () => {
    const { page } = manager;
    const list = (await asManager.get(`/orgs/${orgId}/gap?limit=200`)) as { items: { itemId: string; version: number }[] };
    expect(list.items.length).toBeGreaterThan(2);
    const last = list.items.slice(-2);
    // Most items through the API, to keep the test fast; the page assesses the last two.
    for (const item of list.items.slice(0, -2)) {
      await asManager.patch(`/orgs/${orgId}/gap/${item.itemId}`, { status: "partially_implemented", maturity: 2, version: item.version });
    }

    await navigate(page, "Gap assessment");
    const items = page.getByRole("table", { name: "Gap assessment items" });
    const statusFilter = page.getByRole("search", { name: "Filter items" }).getByLabel("Status");
    await statusFilter.selectOption("not_assessed");
    await page.getByText(/^2 of \d+ items shown$/).waitFor();
    const [first = "", second = ""] = last.map((i) => i.itemId);
    await items.getByRole("button", { name: `Assess ${first}` }).click();
    let dialog = page.getByRole("dialog", { name: new RegExp(`^Assess ${first.replaceAll(".", "\\.")} `) });
    await dialog.getByLabel("Status").selectOption("implemented");
    await dialog.getByLabel("Maturity").fill("4");
    await dialog.getByLabel("Evidence").fill("Reviewed the configuration and the last quarter's logs");
    await dialog.getByRole("button", { name: "Save assessment" }).click();
    await dialog.waitFor({ state: "hidden" });

    await items.getByRole("button", { name: `Assess ${second}` }).click();
    dialog = page.getByRole("dialog", { name: new RegExp(`^Assess ${second.replaceAll(".", "\\.")} `) });
    await dialog.getByLabel("Status").selectOption("not_applicable");
    await dialog.getByRole("button", { name: "Save assessment" }).click();
    await dialog.getByText("Is required: say why the item does not apply").waitFor();
    await dialog.getByLabel("Justification").fill("We develop no software in house");
    await dialog.getByRole("button", { name: "Save assessment" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(/^0 of \d+ items shown$/).waitFor();
    await statusFilter.selectOption("");
    await page.getByText(/the assessment is complete/).waitFor();
    await page.getByRole("img", { name: /^Status by Annex A theme\./ }).waitFor();
    await page.getByRole("img", { name: /^Status by clause 4 to 10\./ }).waitFor();
    await screenshot(page, "gap-assessment");

    await navigate(page, "Roadmap");
    for (const id of ["7.2", "7.3", "7.4"]) await card(page, id).getByText("Complete", { exact: true }).waitFor();
    await card(page, "8.2").getByText("Ready to start", { exact: true }).waitFor();
    await screenshot(page, "roadmap-phase4");
  });

  it("nothing went wrong in any browser: no console errors, no CSP violations", () => {
    for (const person of [admin, manager, approver]) expect(person.watch.errors).toEqual([]);
    expect(manager.watch.failedApiCalls).toEqual([]);
  });
});
