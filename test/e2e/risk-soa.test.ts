import { join } from "node:path";
import type { Page } from "playwright-core";
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
  ROOT,
  screenshots,
} from "./helpers.js";

const screenshot = screenshots("risk-soa");

const title = pageTitle;
const card = activityCard;

/** Picks options of a Mantine MultiSelect by typing part of each and choosing the match. */
async function pick(page: Page, label: string, options: RegExp[]) {
  const input = page.getByRole("combobox", { name: new RegExp(`^${label}( \\*)?$`) });
  for (const option of options) {
    await input.click();
    await input.fill(option.source.replace(/^\^/, "").replaceAll("\\", "").split(" ")[0] ?? "");
    await page.getByRole("option", { name: option }).click();
  }
  await page.keyboard.press("Escape");
}

/**
 * Phase 4 in a real browser. With phases 1 to 3 done through the API, the ISMS manager prepares
 * the risk method and top management approves it; the manager identifies an asset-based and a
 * scenario risk, records that one primary asset has no risk, and treats a risk with Annex A
 * controls, which the SoA then shows as justified by the risk. The risk owner approves the plan,
 * top management accepts the residual risk, a later change of score makes both decisions stale
 * with the change shown, and after new decisions the SoA is issued and gate G3 is approved.
 */
describe("risk method, risk register, treatment, SoA and gate G3", () => {
  const { server, admin, manager, approver, owner } = browserScenario(["admin", "manager", "approver", "owner"]);
  let orgId = "";
  let asManager: Api;
  let asOwner: Api;
  let riskId = "";

  it("set-up: phases 1 to 3 completed through the API, gates G1 and G2 approved", async () => {
    orgId = await firstRun(admin.page);
    const people = [
      { email: "priya@acme.example", displayName: "Priya Raman", role: "isms_manager" },
      { email: "tomas@acme.example", displayName: "Tomás Ortega", role: "approver" },
      { email: "rita@acme.example", displayName: "Rita Owner", role: "contributor" },
    ];
    for (const person of people) await addMemberThroughApi(admin.context, server.url, orgId, person);
    asManager = await apiAs(manager.context, server.url, "priya@acme.example");
    const asApprover = await apiAs(approver.context, server.url, "tomas@acme.example");
    asOwner = await apiAs(owner.context, server.url, "rita@acme.example");
    const base = `/orgs/${orgId}`;
    await completePhases1And2(orgId, asManager, asApprover);

    const party = await asManager.post(`${base}/interested-parties`, { name: "Enterprise customers", kind: "customer" });
    await asManager.post(`${base}/requirements`, {
      title: "Customer data is encrypted at rest",
      partyId: party.id,
      source: "Master services agreement, annex C",
      owner: "CTO",
    });
    const value = (c: number, i: number, a: number) => ({ confidentiality: c, integrity: i, availability: a });
    const customerData = await asManager.post(`${base}/assets`, {
      kind: "information",
      name: "Customer data",
      owner: "Head of Sales",
      valuation: value(4, 3, 2),
    });
    await asManager.post(`${base}/assets`, { kind: "business_process", name: "Order handling", owner: "COO", valuation: value(2, 3, 3) });
    await asManager.post(`${base}/assets`, { kind: "information", name: "Canteen menu", owner: "Facilities", valuation: value(1, 1, 1) });
    const crm = await asManager.post(`${base}/assets`, { kind: "software", name: "CRM", owner: "IT" });
    await asManager.post(`${base}/assets/${crm.id}/supports`, { primaryAssetId: customerData.id });
    const gap = (await asManager.get(`${base}/gap?limit=200`)) as { items: { itemId: string; version: number }[] };
    for (const item of gap.items) {
      await asManager.patch(`${base}/gap/${item.itemId}`, { status: "partially_implemented", maturity: 2, version: item.version });
    }

    const roadmap = (await asManager.get(`${base}/roadmap`)) as { activities: { id: string; status: string }[] };
    const status = Object.fromEntries(roadmap.activities.map((a) => [a.id, a.status]));
    expect(status).toMatchObject({ "7.2": "complete", "7.3": "complete", "7.4": "complete" });
  });

  it("the manager prepares the risk method: field errors in place, a warning for an odd matrix", async () => {
    const { page } = manager;
    await page.goto(`/orgs/${orgId}/roadmap`);
    await title(page, "Roadmap").waitFor();
    await navigate(page, "Risk method");
    await page.getByText("No risk method yet.").waitFor();
    await page.getByRole("button", { name: "Start from the shipped 5 × 5 method" }).click();
    const draft = page.getByRole("region", { name: "Draft version 1" });
    await draft.getByRole("table", { name: "Risk matrix of the draft" }).waitFor();
    // Only top management approves.
    expect(await page.getByRole("button", { name: /^Approve version/ }).count()).toBe(0);

    const name = draft.getByLabel("Likelihood 1 name");
    await name.fill("");
    await draft.getByRole("button", { name: "Save draft" }).click();
    await draft.getByText("Must not be empty.", { exact: true }).waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "method-field-errors");

    await name.fill("Rare");
    const corner = draft.getByLabel("Level for likelihood 5 Almost certain and impact 1 Negligible");
    await corner.selectOption({ label: "Very low" });
    await draft.getByRole("button", { name: "Save draft" }).click();
    await draft.getByRole("status").filter({ hasText: "Allowed, but check these" }).waitFor();
    await screenshot(page, "method-warning");

    await draft.getByLabel("Level for likelihood 5 Almost certain and impact 1 Negligible").selectOption({ label: "Medium" });
    await draft.getByLabel("Note on this version").fill("The shipped method, as agreed with the steering committee");
    await draft.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => draft.getByRole("status").filter({ hasText: "Allowed, but check these" }).count()).toBe(0);
  });

  it("top management approves the method; it is in force", async () => {
    const { page } = approver;
    await page.goto(`/orgs/${orgId}/risk-method`);
    await title(page, "Risk method").waitFor();
    const approval = page.getByRole("region", { name: "Approve version 1" });
    await approval.getByLabel("Comment on your approval").fill("Approved by the board");
    await approval.getByRole("button", { name: "Approve version 1" }).click();
    const inForce = page.getByRole("region", { name: "Method in force" });
    await inForce.getByText(/Version 1 · approved by Tomás Ortega/).waitFor();
    await inForce.getByRole("table", { name: "In force: risk matrix" }).waitFor();
    await screenshot(page, "method-approved");
  });

  it("the manager identifies an asset-based risk, loading the starter threats first", async () => {
    const { page } = manager;
    await navigate(page, "Risk register");
    await page.getByText(/No risks yet/).waitFor();
    await page.getByRole("link", { name: "New risk" }).click();
    await title(page, "New risk").waitFor();
    await page.getByRole("button", { name: "Load the starter threats and vulnerabilities" }).click();
    await page
      .getByLabel(/^Threat( \*)?$/)
      .locator("option", { hasText: "Phishing and credential theft" })
      .waitFor({ state: "attached" });

    await page.getByLabel("Title").fill("Customer data stolen from the CRM");
    await page.getByLabel(/^Asset( \*)?$/).selectOption({ label: "CRM" });
    await page.getByLabel(/^Threat( \*)?$/).selectOption({ label: "Phishing and credential theft" });
    await page.getByLabel("Consequence").fill("Customer data published; contractual claims");
    await page.getByLabel("Risk owner").selectOption({ label: "Rita Owner" });
    await page.getByLabel("Inherent likelihood").selectOption({ label: "4 Likely" });
    await page.getByLabel("Inherent impact").selectOption({ label: "5 Severe" });
    await page.getByLabel("Inherent rationale").fill("Internet-facing, phished before");
    await page.getByRole("button", { name: "Create risk" }).click();
    await title(page, "R-0001 Customer data stolen from the CRM").waitFor();
    riskId = /\/risks\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? "";
    expect(riskId).not.toBe("");
    await page.getByRole("group", { name: "Inherent level" }).getByText("Very high", { exact: true }).waitFor();
    await screenshot(page, "asset-risk");
  });

  it("a scenario risk affects primary assets; the register lists both and a heat-map cell filters it", async () => {
    const { page } = manager;
    await page.getByRole("link", { name: "Back to the register" }).click();
    await title(page, "Risk register").waitFor();
    await page.getByRole("link", { name: "New risk" }).click();
    await title(page, "New risk").waitFor();
    await page.getByText("Scenario (risk source and event)").click();
    await page.getByLabel("Title").fill("Ransomware stops order handling");
    await page.getByLabel("Risk source", { exact: true }).fill("Criminal group");
    await page.getByLabel(/^Event( \*)?$/).fill("Encrypts the file servers");
    await pick(page, "Affected primary assets", [/^Order handling$/]);
    await page.getByLabel("Risk owner").selectOption({ label: "Rita Owner" });
    await page.getByLabel("Inherent likelihood").selectOption({ label: "2 Unlikely" });
    await page.getByLabel("Inherent impact").selectOption({ label: "2 Minor" });
    await page.getByRole("button", { name: "Create risk" }).click();
    await title(page, "R-0002 Ransomware stops order handling").waitFor();
    await page.getByRole("group", { name: "Inherent level" }).getByText("Low", { exact: true }).waitFor();

    await navigate(page, "Risk register");
    const risks = page.getByRole("table", { name: "Risks", exact: true });
    await risks.getByRole("row", { name: /R-0001/ }).waitFor();
    await risks.getByRole("row", { name: /R-0002.*Scenario.*Order handling/ }).waitFor();
    await page.getByRole("button", { name: /^Inherent: likelihood Likely, impact Severe, Very high: 1 risk$/ }).click();
    await page.getByText("Inherent cell: likelihood 4, impact 5").waitFor();
    await expect.poll(() => risks.getByRole("row").count()).toBe(2);
    await risks.getByRole("row", { name: /R-0001/ }).waitFor();
    await screenshot(page, "register-heatmap-filter");
    // The README's screenshot: the register's dashboard and heat maps, at a laptop's size.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole("heading", { name: "Risk register", level: 1 }).scrollIntoViewIfNeeded();
    await page.mouse.move(1300, 880);
    await page.screenshot({ path: join(ROOT, "docs", "screenshot.png"), animations: "disabled" });
    await page.getByRole("button", { name: "Clear the cell filter" }).click();
    await risks.getByRole("row", { name: /R-0002/ }).waitFor();
  });

  it("the threat catalog is searchable, and a threat a risk uses cannot be deleted", async () => {
    const { page } = manager;
    await navigate(page, "Threats & controls", "Threats, vulnerabilities and controls");
    const threats = page.getByRole("region", { name: "Threats" });
    await threats.getByLabel("Search").fill("phishing");
    await threats.getByText(/^1 of \d+ shown$/).waitFor();
    await threats.getByRole("button", { name: "Delete threat “Phishing and credential theft”" }).click();
    await page
      .getByRole("dialog", { name: /^Delete threat/ })
      .getByRole("button", { name: "Delete", exact: true })
      .click();
    await page
      .getByRole("alert")
      .filter({ hasText: "Could not delete “Phishing and credential theft”" })
      .getByText(/R-0001/)
      .waitFor();
    await threats.getByRole("row", { name: /Phishing and credential theft/ }).waitFor();
    await screenshot(page, "threat-catalog");
  });

  it("risk coverage: a primary asset without risk gets a justified 'no risk identified' decision", async () => {
    const { page } = manager;
    await navigate(page, "Risk coverage");
    await page.getByText("1 of 3 primary assets are covered by no risk and have no decision.").waitFor();
    const table = page.getByRole("table", { name: "Coverage of primary assets" });
    await table.getByRole("row", { name: /Customer data.*R-0001.*Covered/ }).waitFor();
    await table.getByRole("button", { name: "No risk identified for Canteen menu" }).click();
    const dialog = page.getByRole("dialog", { name: "No risk identified for Canteen menu" });
    await dialog.getByLabel("Justification").fill("Public information with no security need");
    await dialog.getByRole("button", { name: "Record decision" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("All 3 primary assets are covered.").waitFor();
    await screenshot(page, "coverage");
  });

  it("the manager treats R-0001 with Annex A controls and the expected residual risk", async () => {
    const { page } = manager;
    await page.goto(`/orgs/${orgId}/risks/${riskId}`);
    await title(page, "R-0001 Customer data stolen from the CRM").waitFor();
    await page.getByLabel("Treatment option").selectOption("modify");
    await page.getByLabel("Treatment plan", { exact: true }).fill("MFA for every CRM account and quarterly access reviews");
    await pick(page, "Controls", [/^A\.8\.5 /, /^A\.5\.15 /]);
    await page.getByLabel("Residual likelihood").selectOption({ label: "3 Possible" });
    await page.getByLabel("Residual impact").selectOption({ label: "5 Severe" });
    await page.getByLabel("Residual rationale").fill("MFA blocks most phishing");
    await page.getByRole("button", { name: "Save risk" }).click();
    await page.getByRole("group", { name: "Residual level" }).getByText("High", { exact: true }).waitFor();
    const acceptance = page.getByRole("region", { name: "Residual risk acceptance" });
    await acceptance.getByText(/accepted by top management \(the approver role\), for at most 12 months/).waitFor();
    await page.getByRole("group", { name: "Controls treating this risk" }).getByText("A.8.5").waitFor();
    await screenshot(page, "treated");
  });

  it("the risk owner approves the treatment plan", async () => {
    const { page } = owner;
    await page.goto(`/orgs/${orgId}/risks/${riskId}`);
    await title(page, "R-0001 Customer data stolen from the CRM").waitFor();
    const plan = page.getByRole("region", { name: "Treatment plan approval" });
    await plan.getByLabel("Why you approve the treatment plan").fill("Budget agreed with IT");
    await plan.getByRole("button", { name: "Approve treatment plan" }).click();
    await plan.getByRole("article", { name: "Treatment plan approval: valid" }).waitFor();
  });

  it("the SoA shows the control justified by the risk; an exclusion needs a justification", async () => {
    const { page } = manager;
    await navigate(page, "Statement of Applicability");
    const row = page.locator('[id="soa-A.8.5"]');
    await row.getByText(/R-0001/).waitFor();
    await row.getByText("Yes", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Edit A.7.4" }).click();
    const drawer = page.getByRole("dialog", { name: /^A\.7\.4 / });
    await drawer.getByLabel("Decision").selectOption("exclude");
    await drawer.getByRole("button", { name: "Save" }).click();
    const justification = drawer.getByRole("textbox", { name: "Justification" });
    await expect.poll(() => justification.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "soa-exclusion-refused");
    await justification.fill("No premises of our own: the office is a serviced co-working space");
    await drawer.getByRole("button", { name: "Save" }).click();
    await drawer.waitFor({ state: "hidden" });
    await page
      .locator('[id="soa-A.7.4"]')
      .getByText(/No premises of our own/)
      .waitFor();
    await screenshot(page, "soa");
  });

  it("top management accepts the residual risk; a change of score makes the decisions stale, with the change shown", async () => {
    const accept = async () => {
      const { page } = approver;
      await page.goto(`/orgs/${orgId}/risks/${riskId}`);
      await title(page, "R-0001 Customer data stolen from the CRM").waitFor();
      const acceptance = page.getByRole("region", { name: "Residual risk acceptance" });
      await acceptance.getByLabel("Acceptance justification").fill("Accepted until the MFA roll-out is audited");
      await acceptance.getByRole("button", { name: "Accept residual risk" }).click();
      await acceptance.getByRole("article", { name: "Residual risk acceptance: valid" }).waitFor();
      return page;
    };
    await screenshot(await accept(), "accepted");

    const { page } = manager;
    await page.goto(`/orgs/${orgId}/risks/${riskId}`);
    await title(page, "R-0001 Customer data stolen from the CRM").waitFor();
    await page.getByLabel("Residual impact").selectOption({ label: "4 Major" });
    await page.getByRole("button", { name: "Save risk" }).click();
    const acceptance = page.getByRole("region", { name: "Residual risk acceptance" });
    const stale = acceptance.getByRole("article", { name: "Residual risk acceptance: stale" });
    await stale.waitFor();
    const changes = stale.getByRole("table", { name: "Changes since the residual risk acceptance" });
    await expect
      .poll(() =>
        changes
          .getByRole("row", { name: /residual\.impact/ })
          .getByRole("cell")
          .allInnerTexts(),
      )
      .toEqual(["residual.impact", "5", "4"]);
    await page.getByRole("region", { name: "Treatment plan approval" }).getByRole("article", { name: /stale/ }).waitFor();
    await screenshot(page, "decision-stale");

    // New decisions on the risk as it is now.
    await accept();
    await asOwner.post(`/orgs/${orgId}/risks/${riskId}/decisions`, { kind: "treatment", justification: "Still agreed" });
  });

  it("the SoA is issued and gate G3 is requested by the manager and approved by top management", async () => {
    // The controls no risk or requirement calls for are decided in one go.
    const { page } = manager;
    await navigate(page, "Statement of Applicability");
    const several = page.getByRole("button", { name: /^Decide the \d+ undecided controls shown$/ });
    await several.click();
    const dialog = page.getByRole("dialog", { name: /^Decide \d+ undecided controls$/ });
    await dialog.getByLabel("Note on the inclusion").fill("Good practice for a SaaS provider");
    await dialog.getByRole("button", { name: /^Decide \d+$/ }).click();
    await dialog.waitFor({ state: "hidden" });
    await several.waitFor({ state: "detached" });
    const versions = page.getByRole("region", { name: "Issued versions" });
    await versions.getByLabel("Version note").fill("For G3 approval");
    await versions.getByRole("button", { name: "Issue SoA version" }).click();
    await versions.getByText("The SoA matches version 1").waitFor();

    await navigate(page, "Roadmap");
    await card(page, "8.4").getByRole("link").first().click();
    await title(page, /^8\.4 /).waitFor();
    const request = page.getByRole("region", { name: "Management approval (G3)" });
    await request.getByLabel("Note to the approvers").fill("Risks treated and accepted; SoA version 1");
    await request.getByRole("button", { name: "Request approval" }).click();
    await request.getByText("G3: pending").waitFor();
    await screenshot(page, "g3-requested");

    const top = approver.page;
    await top.goto(`/orgs/${orgId}/roadmap`);
    await title(top, "Roadmap").waitFor();
    await card(top, "8.4").getByRole("link").first().click();
    await title(top, /^8\.4 /).waitFor();
    const decision = top.getByRole("region", { name: "Management approval (G3)" });
    await decision.getByLabel("Comment on your decision").fill("The ISMS may run");
    await decision.getByRole("button", { name: "Approve" }).click();
    await decision.getByText("G3: approved").waitFor();
    await screenshot(top, "g3-approved");

    await navigate(page, "Roadmap");
    await card(page, "8.4").getByText("Approved", { exact: true }).waitFor();
  });

  it("nothing went wrong in any browser: no console errors, no CSP violations", () => {
    for (const person of [admin, manager, approver, owner]) expect(person.watch.errors).toEqual([]);
    // The method draft refused once with field errors, and the SoA exclusion without justification.
    expect(
      manager.watch.failedApiCalls.filter(
        (c) =>
          !/^400 (PUT|PATCH) \/api\/v1\/orgs\/[^/]+\/(risk-method\/versions|soa\/controls)\//.test(c) &&
          !/^409 DELETE \/api\/v1\/orgs\/[^/]+\/threats\//.test(c),
      ),
    ).toEqual([]);
    expect(approver.watch.failedApiCalls).toEqual([]);
    expect(owner.watch.failedApiCalls).toEqual([]);
  });
});
