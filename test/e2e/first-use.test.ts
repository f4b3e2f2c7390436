import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  accessibilityProblems,
  activityCard,
  addMemberThroughApi,
  apiAs,
  browserScenario,
  fillPhase1,
  firstRun,
  navigate,
  navLink,
  PASSWORD,
  pageTitle,
  screenshots,
  truncatedBadges,
} from "./helpers.js";

const screenshot = screenshots("first-use");

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const sectionToggle = (page: Page, title: string) => nav(page).getByRole("button", { name: new RegExp(`^${title}`) });

/** Whether an element's top edge lies within the visible part of the page. */
const inViewport = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const box = document.querySelector(s)?.getBoundingClientRect();
    return box !== undefined && box.top >= 0 && box.top < window.innerHeight;
  }, selector);

/**
 * A new ISMS manager's first hour, and the approver's first visit, as issue 11 describes them:
 * a roadmap that invites work instead of reading "blocked", a navigation that fits a laptop
 * screen, a search across the registers, an inbox, help, a dark scheme, and no dead ends.
 */
describe("first use and daily use", () => {
  // The laptop screen of the report: 1440 × 900.
  const { server, alice, tomas } = browserScenario(["alice", "tomas"], { viewport: { width: 1440, height: 900 } });
  let orgId = "";

  it("a new organization's roadmap says that work may start anywhere, with each card's checklist progress", async () => {
    const { page } = alice;
    orgId = await firstRun(page);
    await page.getByText("Work in any order").waitFor();
    // No card reads as "you cannot work here".
    expect(await page.getByText("Blocked", { exact: true }).count()).toBe(0);
    await activityCard(page, "5.2").getByText("Ready to start", { exact: true }).waitFor();
    await activityCard(page, "5.2")
      .getByText(/^Checklist: 0 of \d+ done$/)
      .waitFor();
    const assets = activityCard(page, "5.4");
    // Waiting for 5.2, it invites work rather than refusing it.
    await assets.getByText(/^(Not started|Started early)$/).waitFor();
    await assets.getByText(/^You can (start now|carry on)\.$/).waitFor();
    await assets.getByText(/^Checklist: \d+ of \d+ done$/).waitFor();
    // Every card shows its checklist progress.
    const cards = await page.getByRole("article").count();
    expect(cards).toBeGreaterThan(20);
    expect(
      await page
        .getByRole("article")
        .filter({ hasText: /Checklist: \d+ of \d+ done/ })
        .count(),
    ).toBe(cards);
    await screenshot(page, "new-organization-roadmap");
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
    expect(await truncatedBadges(page)).toEqual([]);
  });

  it("an activity that waits for an earlier one says so, and keeps what is recorded meanwhile", async () => {
    const { page } = alice;
    await navigate(page, "Preliminary scope");
    await page.getByRole("textbox", { name: "Preliminary scope statement" }).fill("The SaaS platform and its team");
    await page.getByRole("button", { name: "Save scope statement" }).click();
    await page.getByText("Scope statement: saved.").waitFor();
    await navigate(page, "Roadmap");
    // 5.3.1 waits for 5.2, yet part of its checklist is recorded: it is "Started early", not blocked.
    const scope = activityCard(page, "5.3.1");
    await scope.getByText("Started early", { exact: true }).waitFor();
    await scope.getByText("You can carry on.").waitFor();
    await scope.getByRole("link").click();
    await page.getByText("Started early: you can work on this now").waitFor();
    await page.getByText(/It counts as done once 5\.2 is done\./).waitFor();
    await page.getByRole("heading", { name: "What a good result looks like" }).waitFor();
    await screenshot(page, "activity-waiting");
  });

  it("the navigation groups its pages by phase in sections that fit the screen, remember their state and open on the active page", async () => {
    const { page } = alice;
    await navigate(page, "Roadmap");
    expect(await sectionToggle(page, "Implementation").getAttribute("aria-expanded")).toBe("true");
    const p3 = sectionToggle(page, "P3 Requirements and assets");
    expect(await p3.getAttribute("aria-expanded")).toBe("false");
    // Every section's heading is on screen at 900 px: nothing hides below the fold without a cue.
    const toggles = nav(page).locator("[data-nav-toggle]");
    for (let i = 0; i < (await toggles.count()); i++) {
      const box = await toggles.nth(i).boundingBox();
      expect(box && box.y + box.height).toBeLessThanOrEqual(900);
    }
    await screenshot(page, "navigation-folded");

    await p3.click();
    await navLink(page, "Assets").waitFor();
    await page.reload();
    await pageTitle(page, "Roadmap").waitFor();
    expect(await sectionToggle(page, "P3 Requirements and assets").getAttribute("aria-expanded")).toBe("true");
    await sectionToggle(page, "P3 Requirements and assets").click();
    expect(await sectionToggle(page, "P3 Requirements and assets").getAttribute("aria-expanded")).toBe("false");

    // Going to a page of a closed section opens it and marks the page.
    await page.goto(`/orgs/${orgId}/risks`);
    await pageTitle(page, "Risk register").waitFor();
    expect(await sectionToggle(page, "P4 Risk assessment and treatment").getAttribute("aria-expanded")).toBe("true");
    expect(await navLink(page, "Risk register").getAttribute("aria-current")).toBe("page");
    await screenshot(page, "navigation-active-section");
  });

  it("an empty asset inventory says there are no assets yet and how to add them", async () => {
    const { page } = alice;
    await navigate(page, "Assets");
    await page.getByText("No assets yet", { exact: true }).waitFor();
    expect(await page.getByText("No assets match").count()).toBe(0);
    await page.getByRole("button", { name: "Add the first asset" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Customer database");
    await dialog.getByLabel("Owner").fill("CTO");
    await dialog.getByRole("button", { name: "Save asset" }).click();
    await page.getByRole("link", { name: "Customer database" }).waitFor();
    // A filter that matches nothing is said differently, with a way back.
    await page.getByRole("textbox", { name: "Search" }).fill("no such asset");
    await page.getByText("No assets match these filters.").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("link", { name: "Customer database" }).waitFor();
  });

  it("Ctrl-K opens a search across pages and registers; the keyboard picks a result and opens its page", async () => {
    const { page } = alice;
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Search" });
    await dialog.waitFor();
    const input = dialog.getByRole("combobox", { name: "Find a page or a record" });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill("a.5.1");
    const options = dialog.getByRole("option");
    await options.filter({ hasText: "A.5.1" }).first().waitFor();
    await screenshot(page, "search-control");
    expect(await accessibilityProblems(page, "[role=dialog]")).toEqual([]);
    await input.press("Enter");
    await pageTitle(page, "Statement of Applicability").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("soa-A.5.1");

    // The header's button opens it too; a record is found by part of its title.
    await page.getByRole("button", { name: /^Search/ }).click();
    await dialog.getByRole("combobox").fill("customer data");
    await options.filter({ hasText: "Customer database" }).waitFor();
    await input.press("ArrowDown");
    await input.press("ArrowUp");
    expect(await options.filter({ hasText: "Customer database" }).getAttribute("aria-selected")).toBe("true");
    await options.filter({ hasText: "Customer database" }).click();
    await pageTitle(page, "Customer database").waitFor();

    // Pages are found by name, and a miss says so.
    await page.keyboard.press("Control+k");
    await dialog.getByRole("combobox").fill("glossary");
    await options.filter({ hasText: "Glossary" }).waitFor();
    await dialog.getByRole("combobox").fill("zzzz nothing");
    await dialog.getByText("Nothing matches “zzzz nothing”.").waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  it("saving an empty project-role row does not report it saved", async () => {
    const { page } = alice;
    await navigate(page, "Project roles");
    await page.getByRole("button", { name: "Save Planning team member" }).click();
    await page.getByText("Nothing to save: write a name or pick a member").waitFor();
    expect(await page.getByText("Planning team member: saved.").count()).toBe(0);
    await page.getByRole("textbox", { name: "Planning team member: name" }).fill("Lena Fischer");
    await page.getByRole("button", { name: "Save Planning team member" }).click();
    await page.getByText("Planning team member: saved.").waitFor();
  });

  it("the approver lands on a roadmap that names the decision awaiting them, and the header counts it", async () => {
    // A second organization, whose phase 1 is complete and whose G1 awaits Tomás, its approver.
    const asAlice = await apiAs(alice.context, server.url, "alice@acme.example");
    const { id: betaId } = (await asAlice.post("/orgs", { name: "Beta Ltd" })) as { id: string };
    await addMemberThroughApi(alice.context, server.url, betaId, {
      email: "tomas@acme.example",
      displayName: "Tomás Ortega",
      role: "approver",
    });
    await fillPhase1(betaId, asAlice);
    await asAlice.post(`/orgs/${betaId}/gates/G1/approvals`, {});

    const { page } = tomas;
    await page.goto("/login");
    await page.getByLabel("Email").fill("tomas@acme.example");
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await pageTitle(page, "Roadmap").waitFor();
    await page.getByRole("link", { name: /^Inbox\b.*\b1 item waiting for you/ }).waitFor();
    const inbox = page.getByRole("region", { name: "Waiting for you" });
    await inbox.getByText("Approval to decide").waitFor();
    await inbox.getByRole("link", { name: /^Gate G1: 5\.4 / }).waitFor();
    const next = page.getByRole("region", { name: "Next steps" });
    await next.getByText("Awaits your decision at gate G1: review it, then approve or reject.").waitFor();
    expect(await page.getByText(/Nothing can be worked on right now/).count()).toBe(0);
    await screenshot(page, "approver-landing");
    expect(await accessibilityProblems(page, "#inbox")).toEqual([]);

    await inbox.getByRole("link", { name: /^Gate G1/ }).click();
    await pageTitle(page, /^5\.4 /).waitFor();
    await page
      .getByRole("button", { name: /^Approve/ })
      .first()
      .waitFor();
  });

  it("help: each activity page says what a good result looks like, and a glossary explains the words", async () => {
    const { page } = alice;
    await navigate(page, "Roadmap");
    await activityCard(page, "7.3").getByRole("link").click();
    const help = page.getByRole("region", { name: "What a good result looks like" });
    await help
      .getByText(/primary assets/)
      .first()
      .waitFor();
    await help.getByText("Tip:").waitFor();

    await page.getByRole("button", { name: /^Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Glossary" }).click();
    await pageTitle(page, "Glossary").waitFor();
    await page.getByRole("textbox", { name: "Filter the glossary" }).fill("stale");
    await page.getByText("Stale", { exact: true }).waitFor();
    await screenshot(page, "glossary");
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
  });

  it("a dark colour scheme is chosen in the account menu and kept after a reload", async () => {
    const { page } = alice;
    await navigate(page, "Roadmap");
    await page.getByRole("button", { name: /^Account menu/ }).click();
    await page.getByRole("menu").getByText("Dark", { exact: true }).click();
    const scheme = () => page.evaluate(() => document.documentElement.getAttribute("data-mantine-color-scheme"));
    await expect.poll(scheme).toBe("dark");
    await page.reload();
    await pageTitle(page, "Roadmap").waitFor();
    expect(await scheme()).toBe("dark");
    await screenshot(page, "roadmap-dark");
    await page.getByRole("button", { name: /^Account menu/ }).click();
    await page.getByRole("menu").getByText("Light", { exact: true }).click();
    await expect.poll(scheme).toBe("light");
  });

  it("in the demo, badges are never cut, chart axes keep their titles, and a heat-map cell brings its risks into view", async () => {
    const { page } = alice;
    const asAlice = await apiAs(alice.context, server.url, "alice@acme.example");
    const { orgId: demoId } = (await asAlice.post("/demo", {})) as { orgId: string };
    await page.goto(`/orgs/${demoId}/risks`);
    await pageTitle(page, "Risk register").waitFor();
    await page.getByRole("table", { name: "Risks", exact: true }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    const cell = page.getByRole("table", { name: "Inherent heat map" }).getByRole("button", { name: /: [1-9]\d* risks?$/ });
    await cell.first().click();
    await expect.poll(() => inViewport(page, "#risks")).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("risks");
    await page.getByText(/^Inherent cell: likelihood/).waitFor();
    await screenshot(page, "heat-map-cell");
    expect(await truncatedBadges(page)).toEqual([]);

    for (const [path, heading] of [
      ["soa", "Statement of Applicability"],
      ["gap-assessment", "Gap assessment"],
      ["assets", "Assets"],
      ["roadmap", "Roadmap"],
    ] as const) {
      await page.goto(`/orgs/${demoId}/${path}`);
      await pageTitle(page, heading).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await truncatedBadges(page), path).toEqual([]);
      if (path === "gap-assessment") await screenshot(page, "gap-charts");
    }

    const risks = (await asAlice.get(`/orgs/${demoId}/risks?limit=200`)) as { items: { id: string; quantified: boolean }[] };
    const quantified = risks.items.find((r) => r.quantified);
    expect(quantified).toBeDefined();
    await page.goto(`/orgs/${demoId}/risks/${quantified?.id}`);
    const curve = page.getByRole("img", { name: /^Loss exceedance curve/ });
    await curve.waitFor();
    await curve.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await curve.screenshot({ path: "test-results/e2e/first-use-loss-curve.png" });
    expect(await truncatedBadges(page)).toEqual([]);
  });

  it("nothing went wrong in either browser", () => {
    expect(alice.watch.errors).toEqual([]);
    expect(tomas.watch.errors).toEqual([]);
    // The sign-in page may ask who is signed in before anyone is: that 401 is expected.
    expect(tomas.watch.failedApiCalls.filter((call) => call !== "401 GET /api/v1/auth/me")).toEqual([]);
  });
});
