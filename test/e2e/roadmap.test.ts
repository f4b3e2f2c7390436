import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  accessibilityProblems,
  activityCard,
  addMemberThroughApi,
  browserScenario,
  firstRun,
  navigate,
  PASSWORD,
  pageTitle,
  screenshots,
} from "./helpers.js";

const screenshot = screenshots("roadmap");

const title = pageTitle;
const card = activityCard;
const notification = (page: Page, text: string) => page.locator(".mantine-Notification-root").filter({ hasText: text }).first();

const BENEFITS = "Qualify for regulated tenders; fewer customer questionnaires";
const NEW_BENEFITS = "Qualify for regulated tenders and shorten every sales cycle";

/**
 * The roadmap end to end, in a real browser against the real server: an ISMS manager completes
 * phase 1 through the forms, asks for gate G1, an approver approves it in another browser, and a
 * later change to the business case makes the approval stale, with the change shown field by field.
 */
describe("roadmap: phase 1 through the forms, gate G1 approved, then stale after a change", () => {
  const { server, admin, manager, approver, newcomer } = browserScenario(["admin", "manager", "approver", "newcomer"]);
  let orgId = "";
  const links: Record<"manager" | "approver", string> = { manager: "", approver: "" };

  it("first run: the administrator creates an organization, which opens on its roadmap, and invites a manager and an approver", async () => {
    const { page } = admin;
    orgId = await firstRun(page);
    await card(page, "5.2").getByText("Ready").waitFor();
    await card(page, "5.4")
      .getByText(/^(Not started|Started early|Recorded)$/)
      .waitFor();
    await card(page, "5.4").getByText("G1: not requested").waitFor();
    await page.getByRole("region", { name: "Next steps" }).getByRole("link", { name: "Enter it in Priorities & obligations" }).waitFor();
    await screenshot(page, "new-organization");

    await navigate(page, "Invitations");
    for (const [who, email, role] of [
      ["manager", "priya@acme.example", "isms_manager"],
      ["approver", "tomas@acme.example", "approver"],
    ] as const) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Role").selectOption(role);
      await page.getByRole("button", { name: "Create invitation" }).click();
      const link = page.getByRole("textbox", { name: "Invitation link" });
      await expect.poll(() => link.inputValue()).not.toBe(links.manager);
      links[who] = await link.inputValue();
    }
    expect(links.manager).toMatch(/\/invite\//);
    expect(links.approver).toMatch(/\/invite\//);
  });

  it("the manager and the approver accept their invitations, each in their own browser", async () => {
    for (const [person, name] of [
      [manager, "Priya Raman"],
      [approver, "Tomás Ortega"],
    ] as const) {
      const { page } = person;
      await page.goto(person === manager ? links.manager : links.approver);
      await page.getByLabel("Your name").fill(name);
      await page.getByLabel("Choose a password").fill(PASSWORD);
      await page.getByLabel("Confirm password").fill(PASSWORD);
      await page.getByRole("button", { name: "Create account and join" }).click();
      await title(page, "Roadmap").waitFor();
    }
  });

  it("the manager records the priorities, an objective and an obligation (5.2)", async () => {
    const { page } = manager;
    // The roadmap's next step leads to the very section where the missing data goes.
    await page.getByRole("region", { name: "Next steps" }).getByRole("link", { name: "Enter it in Priorities & obligations" }).click();
    await title(page, "Priorities & obligations").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("objectives");
    await page.getByRole("textbox", { name: "Statement of security priorities" }).fill("Confidentiality of customer data first");
    await page.getByRole("textbox", { name: "Existing management systems" }).fill("ISO 9001 quality management");
    await page.getByRole("button", { name: "Save security priorities" }).click();
    await notification(page, "Security priorities: saved.").waitFor();

    // The form is checked with the contract's schema: a title left empty is refused on its field, and nothing is sent.
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/objectives")) sent.push(request.url());
    });
    await page.getByRole("button", { name: "Add objective" }).click();
    const objective = page.getByRole("dialog", { name: "Add objective" });
    const objectiveTitle = objective.getByRole("textbox", { name: "Objective" });
    expect(await objectiveTitle.getAttribute("required")).not.toBeNull();
    expect(await objectiveTitle.getAttribute("maxlength")).toBe("300");
    await objective.getByRole("button", { name: "Save objective" }).click();
    const refusal = objective.getByText("Must not be empty", { exact: true });
    await refusal.waitFor();
    expect(await objectiveTitle.getAttribute("aria-invalid")).toBe("true");
    expect((await objectiveTitle.getAttribute("aria-describedby"))?.split(" ")).toContain(await refusal.getAttribute("id"));
    expect(await accessibilityProblems(page, '[role="dialog"]')).toEqual([]);
    await screenshot(page, "objective-refused-by-schema");
    // Once submitted, leaving a field checks it again.
    await objectiveTitle.fill("Win");
    await refusal.waitFor({ state: "detached" });
    await objectiveTitle.fill("");
    await objective.getByRole("textbox", { name: "Description" }).focus();
    await refusal.waitFor();
    expect(sent).toEqual([]);
    await objectiveTitle.fill("Win regulated enterprise customers");
    await objective.getByRole("button", { name: "Save objective" }).click();
    await objective.waitFor({ state: "hidden" });
    expect(sent).toHaveLength(1);
    await page
      .getByRole("table", { name: "Business objectives" })
      .getByRole("row", { name: /Win regulated enterprise customers/ })
      .waitFor();

    await page.getByRole("button", { name: "Add obligation" }).click();
    const obligation = page.getByRole("dialog", { name: "Add obligation" });
    await obligation.getByLabel("Obligation").fill("GDPR");
    await obligation.getByLabel("Kind").selectOption("legal");
    await obligation.getByLabel("Source").fill("Regulation (EU) 2016/679");
    await obligation.getByLabel("Jurisdiction").fill("EU");
    await obligation.getByLabel("Reference").fill("Art. 32");
    await obligation.getByLabel("Owner").fill("Data protection officer");
    await obligation.getByRole("button", { name: "Save obligation" }).click();
    await page
      .getByRole("table", { name: "Obligations" })
      .getByRole("row", { name: /GDPR.*Legal.*Art\. 32/ })
      .waitFor();
    await screenshot(page, "priorities");
  });

  it("the manager drafts the preliminary scope with a unit (5.3.1) and names the sponsor and project lead (5.3.2)", async () => {
    const { page } = manager;
    await navigate(page, "Preliminary scope");
    await page.getByRole("textbox", { name: "Preliminary scope statement" }).fill("The SaaS platform and the teams that run it");
    const units = page.getByRole("combobox", { name: "Organizational units" });
    await units.fill("Engineering");
    await units.press("Enter");
    await page.getByRole("button", { name: "Save scope statement" }).click();
    await notification(page, "Scope statement: saved.").waitFor();
    await screenshot(page, "preliminary-scope");

    await navigate(page, "Project roles");
    await page.getByLabel("Sponsor: name").fill("Chief Executive");
    await page.getByRole("button", { name: "Save Sponsor" }).click();
    await notification(page, "Sponsor: saved.").waitFor();
    await page.getByLabel("ISMS project lead: member").selectOption({ label: "Priya Raman (priya@acme.example)" });
    expect(await page.getByLabel("ISMS project lead: name").inputValue()).toBe("Priya Raman");
    await page.getByRole("button", { name: "Save ISMS project lead" }).click();
    await notification(page, "ISMS project lead: saved.").waitFor();
    await screenshot(page, "project-roles");
  });

  it("the manager writes the business case, a cost line and a milestone (5.4); the plan's timeline is drawn", async () => {
    const { page } = manager;
    await navigate(page, "Business case & plan");
    const fields: [string, string][] = [
      ["Objectives", "Certify the SaaS platform against ISO/IEC 27001 by Q4 2027"],
      ["Expected benefits", BENEFITS],
      ["Resources needed", "ISMS manager 0.8 FTE, planning team of four part-time"],
      ["Timeline", "12 months from kick-off to the stage 2 audit"],
      ["Risks of not implementing the ISMS", "Losing enterprise deals; uncontrolled security incidents"],
    ];
    for (const [label, value] of fields) await page.getByRole("textbox", { name: label }).fill(value);
    await page.getByRole("button", { name: "Save business case" }).click();
    await notification(page, "Business case: saved.").waitFor();

    await page.getByRole("button", { name: "Add cost line" }).click();
    const cost = page.getByRole("dialog", { name: "Add cost line" });
    await cost.getByLabel("What it is for").fill("Certification audit");
    await cost.getByLabel("Amount").fill("18000");
    await cost.getByLabel("Currency").fill("eur");
    await cost.getByRole("button", { name: "Save cost line" }).click();
    await page
      .getByRole("table", { name: "Costs" })
      .getByRole("row", { name: /Certification audit.*18,000\.00/ })
      .waitFor();
    await page.getByLabel("Totals").getByText("€18,000.00").waitFor();

    await page.getByRole("button", { name: "Add milestone" }).click();
    const milestone = page.getByRole("dialog", { name: "Add milestone" });
    await milestone.getByLabel("Milestone").fill("Stage 1 audit");
    await milestone.getByLabel("Due date").fill("2027-06-30");
    await milestone.getByLabel("Owner").fill("Priya Raman");
    await milestone.getByRole("button", { name: "Save milestone" }).click();
    await page
      .getByRole("table", { name: "Project plan: milestones" })
      .getByRole("row", { name: /Stage 1 audit.*30 Jun 2027.*Priya Raman/ })
      .waitFor();
    const timeline = page.getByRole("img", { name: /Milestones by due date\. Stage 1 audit: due 30 Jun 2027/ });
    await timeline.locator("canvas").first().waitFor();
    await screenshot(page, "business-case");
  });

  it("the roadmap shows 5.2 to 5.4 complete and points at gate G1", async () => {
    const { page } = manager;
    await navigate(page, "Roadmap");
    for (const id of ["5.2", "5.3.1", "5.3.2", "5.4"]) await card(page, id).getByText("Complete", { exact: true }).waitFor();
    await card(page, "5.4").getByText("Gate G1 (Management approves the business case and project plan) has not been submitted").waitFor();
    await card(page, "6.2")
      .getByText(/^(Not started|Started early|Recorded)$/)
      .waitFor();
    // Complete is not done while the gate waits: phase 1 reads 3 of 4.
    await page.getByRole("region", { name: /^P1 / }).getByText("3 of 4 done (75%)").waitFor();
    await screenshot(page, "phase-1-complete");
  });

  it("the manager requests approval of G1 on the page of activity 5.4", async () => {
    const { page } = manager;
    await card(page, "5.4").getByRole("link").click();
    await title(page, "5.4 Make the case and plan the project").waitFor();
    const checklist = page.getByRole("region", { name: "Completion checklist" });
    await checklist.getByText("Business case written").waitFor();
    expect(await checklist.getByText("Missing").count()).toBe(0);
    const approval = page.getByRole("region", { name: "Management approval (G1)" });
    // The gate badges (the page header's and the panel's) show the roadmap's state of the gate.
    await page.getByText("G1: not requested").first().waitFor();
    expect(await page.getByText("G1: not requested").count()).toBe(2);
    // A mark on the page that a reload would wipe: the badges must move on with the write alone.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await approval.getByLabel("Note to the approvers").fill("Business case and first plan, ready for the board");
    await approval.getByRole("button", { name: "Request approval" }).click();
    await approval.getByRole("heading", { name: "Awaiting a decision" }).waitFor();
    await approval.getByText("G1: pending").waitFor();
    // Every write refreshes the roadmap (useOrgWrite): both badges say pending, without a reload.
    expect(await page.getByText("G1: pending").count()).toBe(2);
    expect(await page.getByText("G1: not requested").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await approval.getByRole("table", { name: "Approval history of gate G1" }).getByText("pending").waitFor();
    // The manager asked; only an approver decides.
    expect(await approval.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await screenshot(page, "approval-requested");
  });

  it("the approver sees the forms without any button to change them", async () => {
    const { page } = approver;
    await navigate(page, "Business case & plan");
    await page.getByRole("row", { name: /Stage 1 audit/ }).waitFor();
    expect(await page.getByRole("textbox", { name: "Expected benefits" }).inputValue()).toBe(BENEFITS);
    expect(await page.getByRole("textbox", { name: "Expected benefits" }).getAttribute("readonly")).not.toBeNull();
    expect(
      await page
        .getByRole("main")
        .getByRole("button", { name: /^(Add|Edit|Delete|Save)\b/ })
        .count(),
    ).toBe(0);
    await navigate(page, "Priorities & obligations");
    await page.getByRole("row", { name: /GDPR/ }).waitFor();
    expect(
      await page
        .getByRole("main")
        .getByRole("button", { name: /^(Add|Edit|Delete|Save)\b/ })
        .count(),
    ).toBe(0);
    await navigate(page, "Project roles");
    await page.getByRole("row", { name: /Sponsor.*Chief Executive/ }).waitFor();
    expect(await page.getByRole("main").getByRole("button").count()).toBe(0);
    await screenshot(page, "approver-read-only");
  });

  it("the approver opens 5.4 and approves with a comment", async () => {
    const { page } = approver;
    await navigate(page, "Roadmap");
    await card(page, "5.4").getByRole("link").click();
    await title(page, "5.4 Make the case and plan the project").waitFor();
    const approval = page.getByRole("region", { name: "Management approval (G1)" });
    await approval
      .getByRole("region", { name: "Awaiting a decision" })
      .getByText(/ready for the board/)
      .waitFor();
    await approval.getByLabel("Comment on your decision").fill("Approved by the board on 3 March");
    await approval.getByRole("button", { name: "Approve" }).click();
    await approval.getByText("G1: approved").waitFor();
    await approval.getByRole("table", { name: "Approval history of gate G1" }).getByText("Approved by the board on 3 March").waitFor();
    await screenshot(page, "approved");
  });

  it("the roadmap shows 5.4 approved, which unblocks 6.2 (the organizational scope)", async () => {
    const { page } = manager;
    await navigate(page, "Roadmap");
    await card(page, "5.4").getByText("Approved", { exact: true }).waitFor();
    await card(page, "5.4").getByText("G1: approved").waitFor();
    await card(page, "6.2").getByText("Ready").waitFor();
    await card(page, "6.2")
      .getByText(/^Record at least one .* inside the ISMS scope\.$/)
      .waitFor();
    await screenshot(page, "g1-approved");
  });

  it("the manager changes the benefits: the approval turns stale, 5.4's page shows what changed, and 6.2 is blocked again", async () => {
    const { page } = manager;
    await navigate(page, "Business case & plan");
    const businessCase = page.getByRole("region", { name: "Business case", exact: true });
    await page.getByRole("textbox", { name: "Expected benefits" }).fill(NEW_BENEFITS);
    // Before saving, the form says what the save will do to the approval.
    await businessCase.getByRole("status").getByText("Saving will make the approval of G1 stale.").waitFor();
    await page.getByRole("button", { name: "Save business case" }).click();
    await notification(page, "Business case: saved.").waitFor();

    // The approval is stale now: editing the cost line warns of nothing more.
    await page.getByRole("button", { name: "Edit cost line “Certification audit”" }).click();
    const cost = page.getByRole("dialog", { name: "Edit cost line" });
    await cost.getByLabel("Amount").fill("21000");
    await expect.poll(() => cost.getByRole("status").count()).toBe(0);
    await cost.getByRole("button", { name: "Save cost line" }).click();
    await page
      .getByRole("table", { name: "Costs" })
      .getByRole("row", { name: /Certification audit.*21,000\.00/ })
      .waitFor();

    await navigate(page, "Roadmap");
    await card(page, "5.4").getByText("G1: stale").waitFor();
    await card(page, "5.4")
      .getByText(/The approval at gate G1 is stale/)
      .waitFor();
    await card(page, "6.2")
      .getByText(/^(Not started|Started early|Recorded)$/)
      .waitFor();
    await card(page, "6.2")
      .getByText(/has a stale approval at gate G1/)
      .waitFor();
    await screenshot(page, "g1-stale");

    await card(page, "5.4").getByRole("link").click();
    const stale = page.getByRole("alert").filter({ hasText: "Approval is stale" });
    await stale.waitFor();
    const diff = stale.getByRole("table", { name: "Changes since gate G1 was approved" });
    const row = diff.getByRole("row", { name: /businessCase\.benefits/ });
    await row.waitFor();
    expect(await row.getByRole("cell").allTextContents()).toEqual(["", "businessCase.benefits", BENEFITS, NEW_BENEFITS]);
    // A list item is named by its title, and only the field that changed is listed.
    const costRow = diff.getByRole("row", { name: /Certification audit/ });
    expect(await costRow.getByRole("cell").allTextContents()).toEqual(["cost line 'Certification audit'", "amount", "18000", "21000"]);
    expect(await diff.getByRole("row").count()).toBe(3);
    await screenshot(page, "stale-diff");
  });

  it("the manager puts the approver into Top management, and the RACI matrix insists on exactly one accountable role", async () => {
    const { page } = manager;
    await navigate(page, "Roles & RACI");
    const topManagement = page.getByRole("article", { name: "Top management" });
    await topManagement.getByRole("combobox", { name: "Member to add to Top management" }).selectOption({ label: "Tomás Ortega" });
    await topManagement.getByRole("button", { name: "Add person to Top management" }).click();
    await topManagement.getByRole("list", { name: "People in Top management" }).getByText("Tomás Ortega").waitFor();

    await page.getByRole("button", { name: "Edit RACI of 5.2" }).click();
    const dialog = page.getByRole("dialog", { name: /^RACI of 5\.2 / });
    await dialog.getByRole("checkbox", { name: "ISMS manager (project lead): Accountable" }).check();
    await dialog.getByRole("button", { name: "Save RACI" }).click();
    await dialog.getByRole("alert").getByText("Accountable: Needs exactly one role; 2 are marked A").waitFor();
    await screenshot(page, "raci-two-accountable");
    await dialog.getByRole("checkbox", { name: "Top management: Accountable" }).uncheck();
    await dialog.getByRole("button", { name: "Save RACI" }).click();
    await notification(page, "RACI of 5.2 saved.").waitFor();

    const matrix = page.getByRole("table", { name: "RACI matrix" });
    const roles = await matrix.getByRole("columnheader").allTextContents();
    const cells = await matrix
      .getByRole("row", { name: /^5\.2 / })
      .getByRole("cell")
      .allTextContents();
    // The first column holds the row headers, which are not cells.
    expect(cells[roles.indexOf("ISMS manager (project lead)") - 1]).toBe("R A");
    expect(cells[roles.indexOf("Top management") - 1]).toBe("");
    await screenshot(page, "roles-and-raci");
  });

  it("the printable checklist lists every activity and prints without the navigation", async () => {
    const { page } = manager;
    await navigate(page, "Roadmap");
    await page.getByRole("link", { name: "Printable checklist" }).click();
    await title(page, "Implementation checklist").waitFor();
    const table = page.getByRole("table", { name: "Implementation checklist" });
    await table.getByRole("row", { name: /^9\.5 / }).waitFor();
    expect(await table.getByRole("row").count()).toBe(26);
    await table
      .getByRole("row", { name: /^5\.4 / })
      .getByText("G1: stale")
      .waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Main navigation" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    await screenshot(page, "checklist-print");
    await page.emulateMedia({ media: "screen" });
  });

  it("the administrator uploads a broken catalog file: every problem is listed, and the roadmap keeps the shipped catalog", async () => {
    const { page } = admin;
    await navigate(page, "Process settings");
    // Separation of duties is on: the administrator may only propose turning it off.
    await page.getByRole("button", { name: "Propose turning it off" }).waitFor();
    const broken = { id: "broken", version: "1", title: "Broken", phases: [], gates: [], roles: [], projectRoles: [], activities: [] };
    await page.locator('input[type="file"]').setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await page.getByRole("button", { name: "Upload catalog" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: /The catalog was refused: \d+ problems/ });
    await refusal.waitFor();
    expect(await refusal.getByRole("listitem").count()).toBeGreaterThan(1);
    await page.getByText("the catalog shipped with ISMS Workbench").waitFor();
    await screenshot(page, "catalog-refused");
  });

  it("someone with no organization yet explores the demo organization", async () => {
    await addMemberThroughApi(admin.context, server.url, orgId, {
      email: "dana@acme.example",
      displayName: "Dana Newcomer",
      role: "viewer",
    });
    // Dana leaves the organization again, so she is a user without any.
    const { csrfToken } = (await (await admin.context.request.get(`${server.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
    const listed = await admin.context.request.get(`${server.url}/api/v1/orgs/${orgId}/members?q=dana`);
    const [dana] = ((await listed.json()) as { items: { userId: string }[] }).items;
    const removed = await admin.context.request.delete(`${server.url}/api/v1/orgs/${orgId}/members/${dana?.userId}`, {
      headers: { "x-csrf-token": csrfToken },
    });
    expect(removed.status()).toBe(200);

    const { page } = newcomer;
    await page.goto("/login");
    await page.getByLabel("Email").fill("dana@acme.example");
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await title(page, "Start with your organization").waitFor();
    await page.getByRole("button", { name: "Explore a demo organization" }).click();
    await title(page, "Roadmap").waitFor();
    await expect
      .poll(() => page.getByRole("button", { name: /Organization: Demo: Northwind Analytics/ }).textContent())
      .toContain("Administrator");
    await card(page, "5.4").getByText("Approved", { exact: true }).waitFor();
    await screenshot(page, "demo");
  });

  it("no page logged an error or a CSP violation, and the only refused requests were the expected ones", () => {
    const people = { admin, manager, approver, newcomer };
    expect(Object.fromEntries(Object.entries(people).map(([who, person]) => [who, person.watch.errors]))).toEqual({
      admin: [],
      manager: [],
      approver: [],
      newcomer: [],
    });
    expect(Object.fromEntries(Object.entries(people).map(([who, person]) => [who, person.watch.failedApiCalls]))).toEqual({
      admin: [`400 PUT /api/v1/orgs/${orgId}/process/catalog`],
      manager: [],
      approver: [],
      // The sign-in page first asks whether a session exists; nobody was signed in yet.
      newcomer: ["401 GET /api/v1/auth/me"],
    });
  });
});
