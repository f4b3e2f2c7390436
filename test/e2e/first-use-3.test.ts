import { beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems, apiAs, browserScenario, firstRun, screenshots } from "./helpers.js";

const screenshot = screenshots("first-use-3");

const MANDATORY: [string, string][] = [
  ["Top management", "Carl CEO (demo)"],
  ["ISMS manager (project lead)", "Maya Manager (demo)"],
  ["Risk owner", "Maya Manager (demo)"],
  ["Asset or process owner", "Maya Manager (demo)"],
  ["Internal auditor", "Ida Auditor (demo)"],
];

describe("one role model (issue 11, item 2)", () => {
  const { server, alice } = browserScenario(["alice"], { viewport: { width: 1440, height: 900 } });
  let orgId = "";
  let demoId = "";

  beforeAll(async () => {
    orgId = await firstRun(alice.page);
  });

  it("the demo's Roles & RACI shows every mandatory role held, the internal auditor apart from the owners", async () => {
    const { page, context } = alice;
    const asAlice = await apiAs(context, server.url, "alice@acme.example");
    demoId = ((await asAlice.post("/demo", {})) as { orgId: string }).orgId;
    await page.goto(`/orgs/${demoId}/isms-roles`);
    await page.getByRole("heading", { level: 1, name: "Roles & RACI" }).waitFor();
    await page.getByRole("list", { name: "People in Top management" }).waitFor();
    for (const [role, person] of MANDATORY) {
      const people = page.getByRole("list", { name: `People in ${role}` });
      expect(await people.getByRole("listitem").allTextContents(), role).toEqual([person]);
    }
    expect(await page.getByText("Nobody holds this mandatory role yet.").count()).toBe(0);
    await screenshot(page, "demo-roles-all-held");
    expect(await accessibilityProblems(page)).toEqual([]);
    // The project roles are the same people, and say which ISMS role they are.
    await page.goto(`/orgs/${demoId}/project-roles`);
    await page.getByRole("heading", { level: 1, name: "Project roles" }).waitFor();
    await page.getByRole("link", { name: "Top management" }).waitFor();
    expect(await page.getByLabel("Sponsor: name").inputValue()).toBe("Carl CEO (demo)");
    expect(await page.getByLabel("ISMS project lead: name").inputValue()).toBe("Maya Manager (demo)");
    await screenshot(page, "demo-project-roles");
  });

  it("a project role assigned on its page appears on Roles & RACI, and 5.3.2 counts what Roles & RACI holds", async () => {
    const { page } = alice;
    await page.goto(`/orgs/${orgId}/project-roles`);
    await page.getByRole("heading", { level: 1, name: "Project roles" }).waitFor();
    await page.getByLabel("Sponsor: name").fill("Dana Director");
    await page.getByRole("button", { name: "Save Sponsor" }).click();
    await page.getByText("Sponsor: saved.").waitFor();
    await screenshot(page, "project-role-saved");
    // The link under the role leads to Roles & RACI, where Dana now holds top management.
    await page.getByRole("link", { name: "Top management" }).click();
    await page.getByRole("heading", { level: 1, name: "Roles & RACI" }).waitFor();
    const top = page.getByRole("list", { name: "People in Top management" });
    await top.waitFor();
    expect(await top.getByRole("listitem").allTextContents()).toEqual(["Dana Director"]);
    await screenshot(page, "project-role-on-raci");
    expect(await accessibilityProblems(page)).toEqual([]);
    // Taken out there (by keyboard), the sponsor is vacant on the project roles too: one model, not two.
    await page.getByRole("button", { name: "Remove Dana Director from Top management" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("list", { name: "People in Top management" }).waitFor({ state: "detached" });
    await page.goto(`/orgs/${orgId}/project-roles`);
    await page.getByRole("heading", { level: 1, name: "Project roles" }).waitFor();
    await page.getByLabel("Sponsor: name").waitFor();
    expect(await page.getByLabel("Sponsor: name").inputValue()).toBe("");
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("nothing went wrong in the browser", () => {
    expect(alice.watch.errors).toEqual([]);
    expect(alice.watch.failedApiCalls).toEqual([]);
  });
});
