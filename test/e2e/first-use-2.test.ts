import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { accessibilityProblems, apiAs, browserScenario, fillPhase1, firstRun, screenshots } from "./helpers.js";

const screenshot = screenshots("first-use-2");

/** Every page link of the main navigation, as the signed-in person sees it. */
async function navigationPaths(page: Page, orgId: string): Promise<{ label: string; path: string }[]> {
  return page.evaluate((id) => {
    const nav = document.querySelector('nav[aria-label="Main navigation"]');
    return [...(nav?.querySelectorAll("a[href]") ?? [])]
      .map((a) => ({ label: (a.textContent ?? "").trim(), path: new URL((a as HTMLAnchorElement).href).pathname }))
      .filter((l) => l.path.startsWith(`/orgs/${id}`));
  }, orgId);
}

describe("first use, continued (issue 11) and accessibility on every page (issue 15, item 9)", () => {
  const { server, alice } = browserScenario(["alice"], { viewport: { width: 1440, height: 900 } });
  let orgId = "";
  let demoId = "";

  it("a new organization's roadmap, for the docs", async () => {
    const { page } = alice;
    orgId = await firstRun(page);
    await page.getByText("Work in any order").waitFor();
    await page.screenshot({ path: "docs/roadmap-new-org.png", animations: "disabled" });
    await screenshot(page, "new-org-roadmap");
  });

  it("item 1: a manager alone at gate G1 sees who can decide, why not they, and invites an approver with a link to copy", async () => {
    const { page, context } = alice;
    const asAlice = await apiAs(context, server.url, "alice@acme.example");
    await fillPhase1(orgId, asAlice);
    await asAlice.post(`/orgs/${orgId}/gates/G1/approvals`, {});
    await page.goto(`/orgs/${orgId}/roadmap/5.4`);
    const approval = page.getByRole("region", { name: "Management approval (G1)" });
    await approval.getByText("Nobody can decide it yet: no other member holds the approver role.").waitFor();
    await approval.getByText(/You asked for this approval, so you cannot decide it yourself: separation of duties is on/).waitFor();
    expect(await approval.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);
    await approval.getByLabel("Approver's email").fill("ceo@acme.example");
    await approval.getByRole("button", { name: "Invite an approver" }).click();
    const link = approval.getByRole("textbox", { name: "Invitation link" });
    await link.waitFor();
    expect(await link.inputValue()).toMatch(/\/invite\/|\/invites\//);
    await approval.getByRole("button", { name: "Copy invitation link" }).waitFor();
    await screenshot(page, "g1-invite-approver");
  });

  it("item 10: an ambiguous amount is refused naming both readings, and read by the organization's locale once it is set", async () => {
    const { page } = alice;
    await page.goto(`/orgs/${orgId}/business-case`);
    await page.getByRole("button", { name: /^Add cost line/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("What it is for").fill("Consultancy");
    await dialog.getByLabel(/^Amount/).fill("18.000");
    expect(await dialog.getByLabel(/^Currency/).inputValue()).toBe("EUR");
    await dialog.getByRole("button", { name: "Save cost line" }).click();
    await dialog.getByText(/"18\.000" is ambiguous: it could mean 18 or 18,000/).waitFor();
    await screenshot(page, "money-ambiguous");
    await dialog.getByLabel(/^Amount/).fill("12.500,00");
    await dialog.getByRole("button", { name: "Save cost line" }).click();
    await page.getByRole("cell", { name: "€12,500.00" }).waitFor();

    await page.goto(`/orgs/${orgId}/process-settings`);
    await page.getByLabel("Number format").selectOption("de-DE");
    await page.getByRole("button", { name: "Save organization settings" }).click();
    await page.getByText("The organization's settings are saved.").waitFor();
    await page.goto(`/orgs/${orgId}/business-case`);
    await page.getByRole("cell", { name: "12.500,00 €" }).waitFor();
    await page.getByRole("button", { name: /^Add cost line/ }).click();
    await dialog.getByLabel("What it is for").fill("Tooling");
    await dialog.getByLabel(/^Amount/).fill("18.000");
    await dialog.getByRole("button", { name: "Save cost line" }).click();
    // The demo's certification audit costs 18.000,00 € too: the new line is found by its row.
    await page
      .getByRole("row", { name: /^Tooling / })
      .getByRole("cell", { name: "18.000,00 €" })
      .waitFor();
    await screenshot(page, "money-by-locale");
  });

  it("item 6: the audit log names records and offers the actions as a labelled choice", async () => {
    const { page } = alice;
    await page.goto(`/orgs/${orgId}/audit`);
    const log = page.getByRole("table", { name: "Audit log" });
    await log.getByText("Stage 1 audit", { exact: true }).first().waitFor();
    expect(await log.getByText(/^[0-9a-f]{8}-[0-9a-f]{4}-/).count()).toBe(0);
    await page.getByLabel("Action", { exact: true }).first().click();
    await page.getByRole("option", { name: "Milestone created" }).click();
    await expect.poll(() => log.locator("tbody tr").count()).toBe(1);
    await screenshot(page, "audit-names");
  });

  it("item 12: the printed SoA carries the organization's name, and the demo is offered on Create an organization", async () => {
    const { page } = alice;
    await page.goto(`/orgs/${orgId}/soa`);
    await page.getByRole("heading", { level: 1, name: "Statement of Applicability" }).waitFor();
    const printed = page.getByTestId("soa-print-org");
    expect(await printed.isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });
    expect(await printed.isVisible()).toBe(true);
    expect(await printed.textContent()).toContain("Acme Corporation");
    await page.emulateMedia({ media: "screen" });
    await page.goto("/orgs/new");
    await page.getByRole("button", { name: "Explore a demo organization" }).waitFor();
    await page.getByText(/taken through gate G4: gates G1 to G4 approved/).waitFor();
  });

  it("every page of the demo organization has no WCAG 2.1 AA violation, colour contrast included", async () => {
    const { page, context } = alice;
    const asAlice = await apiAs(context, server.url, "alice@acme.example");
    demoId = ((await asAlice.post("/demo", {})) as { orgId: string }).orgId;
    await page.goto(`/orgs/${demoId}/roadmap`);
    await page.getByRole("heading", { level: 1, name: "Roadmap" }).waitFor();
    const paths = await navigationPaths(page, demoId);
    expect(paths.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const { label, path } of paths) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      for (const p of await accessibilityProblems(page)) problems.push(`${label} (${path.replace(`/orgs/${demoId}`, "")}): ${p}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
