import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { POLICY_TEMPLATE } from "../../src/core/documents/documents.js";
import { completePhase1 } from "../helpers/mandate.js";
import { ApiClient } from "../helpers/server.js";
import { activityCard, browserScenario, navigate, PASSWORD, type Person, pageTitle, screenshots } from "./helpers.js";

const screenshot = screenshots("scope-policy");

const title = pageTitle;
const card = activityCard;
const notification = (page: Page, text: string) => page.locator(".mantine-Notification-root").filter({ hasText: text }).first();

async function must<T>(response: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await response;
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A signed-in person in the browser, through the sign-in form. */
async function signIn(person: Person, email: string) {
  const { page } = person;
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("textbox", { name: "Password" }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await title(page, "Roadmap").waitFor();
}

/**
 * Phase 2 in a real browser against the real server: with phase 1 done and G1 approved through
 * the API, the ISMS manager records the scope (an exclusion refused until justified), writes the
 * scope narrative and the ISMS policy (a submission refused while a section is blank), asks for
 * gate G2, and an approver approves it.
 */
describe("phase 2: scope, scope statement and the ISMS policy up to gate G2", () => {
  const { server, manager, approver } = browserScenario(["manager", "approver"]);
  let orgId = "";

  beforeAll(async () => {
    const admin = new ApiClient(server.url);
    await must(admin.post("/api/v1/setup", { email: "alice@acme.example", displayName: "Alice Admin", password: PASSWORD }), "setup");
    orgId = (await must(admin.post<{ id: string }>("/api/v1/orgs", { name: "Acme Corporation" }), "organization")).id;
    const clients: Record<string, ApiClient> = {};
    for (const [email, role, displayName] of [
      ["priya@acme.example", "isms_manager", "Priya Raman"],
      ["tomas@acme.example", "approver", "Tomás Ortega"],
    ] as const) {
      const invite = await must(admin.post<{ token: string }>(`/api/v1/orgs/${orgId}/invites`, { email, role }), "invite");
      clients[role] = new ApiClient(server.url);
      await must(clients[role].post(`/api/v1/invites/${invite.token}/accept`, { password: PASSWORD, displayName }), "accept");
    }
    const [managerApi, approverApi] = [clients.isms_manager, clients.approver];
    if (!managerApi || !approverApi) throw new Error("members missing");
    await completePhase1(managerApi, orgId);
    const request = await must(managerApi.post<{ id: string }>(`/api/v1/orgs/${orgId}/gates/G1/approvals`, {}), "G1 request");
    await must(approverApi.post(`/api/v1/orgs/${orgId}/approvals/${request.id}/approve`, { version: 1 }), "G1 approval");

    await signIn(manager, "priya@acme.example");
    await signIn(approver, "tomas@acme.example");
  });

  it("the roadmap's next step for 6.2 leads to the Scope page", async () => {
    const { page } = manager;
    await card(page, "6.2").getByText("Ready").waitFor();
    await screenshot(page, "roadmap-g1-approved");
    await page.getByRole("region", { name: "Next steps" }).getByRole("link", { name: "Enter it in Scope" }).first().click();
    await title(page, "Scope").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("scope-units");
    await page.getByRole("heading", { name: "Organizational units & processes" }).waitFor();
    await screenshot(page, "scope-empty");
  });

  it("the manager adds an organizational unit inside the scope", async () => {
    const { page } = manager;
    await page.getByRole("button", { name: "Add element" }).click();
    const dialog = page.getByRole("dialog", { name: "Add element" });
    await dialog.getByLabel("Kind").selectOption("org_unit");
    await dialog.getByLabel("Name").fill("Engineering");
    await dialog.getByLabel("Owner").fill("CTO");
    await dialog.getByRole("button", { name: "Save element" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page
      .getByRole("table", { name: "Organizational units & processes" })
      .getByRole("row", { name: /Engineering.*In scope/ })
      .waitFor();
  });

  it("an excluded unit without a justification is refused on the field, and saved once justified", async () => {
    const { page } = manager;
    await page.getByRole("button", { name: "Add element" }).click();
    const dialog = page.getByRole("dialog", { name: "Add element" });
    await dialog.getByLabel("Name").fill("Facilities");
    await dialog.getByLabel("Part of").selectOption({ label: "Engineering" });
    await dialog.getByRole("switch", { name: "In scope" }).uncheck({ force: true });
    const justification = dialog.getByRole("textbox", { name: "Exclusion justification" });
    await justification.waitFor();
    await dialog.getByRole("button", { name: "Save element" }).click();
    await dialog.getByText("Is required when the element is excluded from the scope").waitFor();
    expect(await justification.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "exclusion-needs-justification");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    const table = page.getByRole("table", { name: "Organizational units & processes" });
    expect(await table.getByRole("row", { name: /Facilities/ }).count()).toBe(0);

    await page.getByRole("button", { name: "Add element" }).click();
    await dialog.getByLabel("Name").fill("Facilities");
    await dialog.getByRole("switch", { name: "In scope" }).uncheck({ force: true });
    await dialog.getByRole("textbox", { name: "Exclusion justification" }).fill("Building services hold no customer data");
    await dialog.getByRole("button", { name: "Save element" }).click();
    await dialog.waitFor({ state: "hidden" });
    await table.getByRole("row", { name: /Facilities.*Excluded.*no customer data/ }).waitFor();
  });

  it("the manager adds an information system with its owner and a site", async () => {
    const { page } = manager;
    await page.getByRole("tab", { name: "ICT" }).click();
    await page.getByRole("button", { name: "Add element" }).click();
    const dialog = page.getByRole("dialog", { name: "Add element" });
    await dialog.getByLabel("Kind").selectOption("information_system");
    await dialog.getByLabel("Name").fill("Customer portal");
    await dialog.getByLabel("Owner").fill("Head of Engineering");
    await dialog.getByRole("button", { name: "Save element" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page
      .getByRole("table", { name: "Systems, networks, platforms & cloud services" })
      .getByRole("row", { name: /Customer portal/ })
      .waitFor();

    await page.getByRole("tab", { name: "Physical" }).click();
    await page.getByRole("button", { name: "Add element" }).click();
    await dialog.getByLabel("Kind").selectOption("site");
    await dialog.getByLabel("Name").fill("Berlin office");
    await dialog.getByRole("button", { name: "Save element" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page
      .getByRole("table", { name: "Sites, buildings & rooms" })
      .getByRole("row", { name: /Berlin office.*In scope/ })
      .waitFor();
    await screenshot(page, "scope-recorded");
  });

  it("a unit that contains another cannot be deleted, and the server says why", async () => {
    const { page } = manager;
    await page.getByRole("tab", { name: "Organization" }).click();
    await page.getByRole("button", { name: "Add element" }).click();
    const dialog = page.getByRole("dialog", { name: "Add element" });
    await dialog.getByLabel("Kind").selectOption("business_process");
    await dialog.getByLabel("Part of").selectOption({ label: "Engineering" });
    await dialog.getByLabel("Name").fill("Software delivery");
    await dialog.getByRole("button", { name: "Save element" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Delete “Engineering”" }).click();
    await page
      .getByRole("dialog", { name: /Delete organizational unit/ })
      .getByRole("button", { name: "Delete" })
      .click();
    await notification(page, "Could not delete “Engineering”").waitFor();
    await page
      .getByRole("table", { name: "Organizational units & processes" })
      .getByRole("row", { name: /Engineering/ })
      .first()
      .waitFor();
  });

  it("the manager writes the scope narrative and sees the assembled statement", async () => {
    const { page } = manager;
    await navigate(page, "Scope statement");
    await page.getByRole("textbox", { name: "Narrative" }).fill("The ISMS covers the **customer portal** and the teams that build it.");
    await page.getByRole("button", { name: "Save scope narrative" }).click();
    await notification(page, "Scope narrative: saved.").waitFor();
    const statement = page.getByRole("article", { name: "Scope statement" });
    await statement.locator("strong", { hasText: /^customer portal$/ }).waitFor();
    await statement.getByText("Berlin office").first().waitFor();
    await page.getByLabel("Version note").fill("First issue");
    await page.getByRole("button", { name: "Freeze as version" }).click();
    await page
      .getByRole("table", { name: "Frozen versions" })
      .getByRole("row", { name: /1.*First issue.*Priya Raman/ })
      .waitFor();
    await screenshot(page, "scope-statement");
  });

  it("the manager changes the narrative, freezes it again and sees what changed between two versions", async () => {
    const { page } = manager;
    await page
      .getByRole("textbox", { name: "Narrative" })
      .fill("The ISMS covers the **customer portal**, its hosting and the teams that run it.");
    await page.getByRole("button", { name: "Save scope narrative" }).click();
    // With one frozen version, it is compared with the document as it reads now.
    const now = page.getByRole("region", { name: "Changes from version 1 to the document as it reads now" });
    await now.locator('[data-op="added"]', { hasText: "its hosting and the teams that run it" }).waitFor();
    await now.locator('[data-op="removed"]', { hasText: "the teams that build it" }).waitFor();
    await page.getByLabel("Version note").fill("Hosting added");
    await page.getByRole("button", { name: "Freeze as version" }).click();
    await page
      .getByRole("table", { name: "Frozen versions" })
      .getByRole("row", { name: /2.*Hosting added/ })
      .waitFor();
    // Then the two newest versions are compared; any two can be picked.
    const frozen = page.getByRole("region", { name: "Changes from version 1 to version 2" });
    await frozen.locator('[data-op="added"]', { hasText: "its hosting" }).waitFor();
    await frozen.locator('[data-op="removed"]', { hasText: "the teams that build it" }).waitFor();
    await screenshot(page, "scope-statement-diff");
    await page.getByLabel("With").selectOption("1");
    await page.getByText("Pick two different versions to compare.").waitFor();
    await page.getByLabel("With").selectOption("2");
    await frozen.waitFor();
  });

  it("the roadmap shows 6.2 to 6.5 complete", async () => {
    const { page } = manager;
    await navigate(page, "Roadmap");
    for (const id of ["6.2", "6.3", "6.4", "6.5"]) await card(page, id).getByText("Complete", { exact: true }).waitFor();
    await screenshot(page, "scope-complete");
  });

  it("the manager creates the ISMS policy; submitting with a blank section names it, and filling it in lets it through", async () => {
    const { page } = manager;
    await navigate(page, "ISMS policy");
    await page.getByLabel("Owner").fill("Priya Raman");
    await page.getByLabel("Next review").fill("2027-11-30");
    await page.getByRole("button", { name: "Create policy" }).click();
    await notification(page, "ISMS policy created.").waitFor();
    const required = POLICY_TEMPLATE.filter((s) => s.required);
    for (const section of required.slice(0, -1)) {
      await page.getByRole("textbox", { name: section.title, exact: true }).fill(`Our ${section.title.toLowerCase()}.`);
    }
    const last = required.at(-1);
    if (!last) throw new Error("the template has no required section");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByRole("alert").filter({ hasText: "Not submitted" }).getByText(last.title).waitFor();
    await page.getByText(`"${last.title}" must be written`).waitFor();
    await screenshot(page, "policy-missing-section");

    await page.getByRole("textbox", { name: last.title, exact: true }).fill("Compliance is reviewed every year by internal audit.");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await notification(page, "Submitted for review.").waitFor();
    await page.getByRole("alert").filter({ hasText: "In review" }).waitFor();
    await page.getByRole("table", { name: "Versions" }).getByText("In review").waitFor();
    await screenshot(page, "policy-submitted");
  });

  it("the manager requests G2 on activity 6.6", async () => {
    const { page } = manager;
    await page.getByRole("link", { name: "Request or decide approval (gate G2) on activity 6.6" }).click();
    await title(page, /^6\.6 /).waitFor();
    const approval = page.getByRole("region", { name: "Management approval (G2)" });
    await approval.getByLabel("Note to the approvers").fill("The ISMS policy, ready for the board");
    await approval.getByRole("button", { name: "Request approval" }).click();
    await approval.getByText("G2: pending").waitFor();
    await screenshot(page, "g2-requested");
  });

  it("the approver approves G2, and the roadmap shows 6.6 approved", async () => {
    const { page } = approver;
    await navigate(page, "Roadmap");
    await card(page, "6.6").getByRole("link").first().click();
    await title(page, /^6\.6 /).waitFor();
    const approval = page.getByRole("region", { name: "Management approval (G2)" });
    await approval.getByLabel("Comment on your decision").fill("Approved by the board");
    await approval.getByRole("button", { name: "Approve" }).click();
    await approval.getByText("G2: approved").waitFor();
    await navigate(page, "Roadmap");
    await card(page, "6.6").getByText("Approved", { exact: true }).waitFor();
    await screenshot(page, "g2-approved");
  });

  it("the manager edits the policy's document control data, then retires the policy", async () => {
    const { page } = manager;
    await navigate(page, "ISMS policy");
    await page.getByRole("button", { name: "Edit details" }).click();
    const form = page.getByRole("form", { name: "Document control data" });
    await form.getByLabel("Identifier").fill("pol-isms-01");
    await form.getByLabel("Owner").fill("Chief Information Security Officer");
    await form.getByLabel("Classification").selectOption("confidential");
    await form.getByLabel("Next review").fill("2028-01-31");
    await form.getByRole("button", { name: "Save details" }).click();
    await notification(page, "Document control data saved.").waitFor();
    const control = page.getByRole("table", { name: "Document control" });
    await control.getByRole("row", { name: /Owner.*Chief Information Security Officer/ }).waitFor();
    await control.getByRole("row", { name: /Classification.*Confidential/ }).waitFor();
    // Identifiers are kept in capitals.
    await page.getByRole("heading", { name: /^POL-ISMS-01 / }).waitFor();
    await screenshot(page, "policy-control-edited");

    await page.getByRole("button", { name: "Retire policy" }).click();
    const retire = page.getByRole("form", { name: "Retire the policy" });
    await retire.getByLabel("Reason").fill("Replaced by the group policy");
    await retire.getByRole("button", { name: "Retire", exact: true }).click();
    await notification(page, "The policy is retired.").waitFor();
    await page.getByRole("alert").filter({ hasText: "Replaced by the group policy" }).waitFor();
    await expect(page.getByRole("button", { name: "Edit details" }).count()).resolves.toBe(0);
    await screenshot(page, "policy-retired");
  });

  it("no page logged an error or a CSP violation, and the only refused requests were the expected ones", () => {
    expect({ manager: manager.watch.errors, approver: approver.watch.errors }).toEqual({ manager: [], approver: [] });
    expect({ manager: manager.watch.failedApiCalls, approver: approver.watch.failedApiCalls }).toEqual({
      // The sign-in page first asks whether a session exists.
      manager: [
        "401 GET /api/v1/auth/me",
        expect.stringMatching(/^409 DELETE \/api\/v1\/orgs\/.+\/scope\/elements\//),
        expect.stringMatching(/^409 POST \/api\/v1\/orgs\/.+\/documents\/.+\/versions\/1\/submit$/),
      ],
      approver: ["401 GET /api/v1/auth/me"],
    });
  });
});
