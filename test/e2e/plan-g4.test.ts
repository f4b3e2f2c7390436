import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { accessibilityProblems, addMemberThroughApi, apiAs, browserScenario, firstRun, pageTitle, screenshots } from "./helpers.js";

const screenshot = screenshots("plan-g4");

type Task = { id: string; ref: string; title: string; version: number; effortDays: number | null };

/**
 * Gate G4 passed in the browser by two people: the ISMS manager requests approval of the final
 * plan with the ISMS design, top management (another person, in another browser profile)
 * approves it; then a change to a task makes the approval stale, with the change listed.
 */
describe("gate G4 requested and approved in the browser", () => {
  const { server, admin, manager, approver } = browserScenario(["admin", "manager", "approver"], { timeout: 120_000 });
  let orgId = "";
  let tasks: Task[] = [];

  const gateOf = (page: Page) => page.getByRole("region", { name: "Management approval (G4)" });

  /** Changes a task's effort through the API, as someone editing the plan would. */
  async function changeEffort(api: Awaited<ReturnType<typeof apiAs>>, task: Task, effortDays: number) {
    const current = (await api.get(`/orgs/${orgId}/plan/tasks/${task.id}`)) as unknown as Task;
    await api.patch(`/orgs/${orgId}/plan/tasks/${task.id}`, { effortDays, version: current.version });
  }

  it("set-up: the demo organization (G4 ready), an ISMS manager and a top-management approver", async () => {
    await firstRun(admin.page);
    const asAdmin = await apiAs(admin.context, server.url, "alice@acme.example");
    orgId = ((await asAdmin.post("/demo", {})) as { orgId: string }).orgId;
    for (const person of [
      { email: "ivan@acme.example", displayName: "Ivan Ismsmanager", role: "isms_manager" },
      { email: "tina@acme.example", displayName: "Tina Topmanagement", role: "approver" },
    ])
      await addMemberThroughApi(admin.context, server.url, orgId, person);
    tasks = ((await asAdmin.get(`/orgs/${orgId}/plan/tasks?limit=200`)) as { items: Task[] }).items;
    // The demo's G4 approval is made stale first, so the plan is up for a new approval.
    const asManager = await apiAs(manager.context, server.url, "ivan@acme.example");
    await changeEffort(asManager, tasks[0] as Task, 6);
    await apiAs(approver.context, server.url, "tina@acme.example");
  }, 180_000);

  it("the ISMS manager requests G4 approval", async () => {
    const { page } = manager;
    await page.goto(`/orgs/${orgId}/roadmap/9.5`);
    await pageTitle(page, /^9\.5 /).waitFor();
    const gate = gateOf(page);
    await gate.getByLabel("Note to the approvers").fill("Final ISMS plan with the design: organization, documents, policy set");
    await gate.getByRole("button", { name: "Request approval" }).click();
    await gate.getByText("G4: pending").first().waitFor();
    await screenshot(page, "g4-requested");
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 120_000);

  it("top management approves it in its own browser", async () => {
    const { page } = approver;
    await page.goto(`/orgs/${orgId}/roadmap/9.5`);
    await pageTitle(page, /^9\.5 /).waitFor();
    const gate = gateOf(page);
    await gate.getByLabel("Comment on your decision").fill("The plan and the design are approved");
    await gate.getByRole("button", { name: "Approve" }).click();
    await gate.getByText("G4: approved").first().waitFor();
    await gate
      .getByText(/Ivan Ismsmanager/)
      .first()
      .waitFor();
    await gate
      .getByText(/Tina Topmanagement/)
      .first()
      .waitFor();
    await screenshot(page, "g4-approved");
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 120_000);

  it("a task changed afterwards makes G4 stale, with the change listed", async () => {
    const { page } = manager;
    const task = tasks[1] as Task;
    await page.goto(`/orgs/${orgId}/plan`);
    await pageTitle(page, "Implementation plan").waitFor();
    const register = page.getByRole("region", { name: "Tasks and milestones" });
    await register.getByRole("textbox", { name: "Search" }).fill(task.ref);
    await register.getByRole("button", { name: `Edit task “${task.title}”` }).click();
    const edit = page.getByRole("dialog", { name: "Edit task" });
    await edit.getByLabel("Effort (person-days)").fill("11");
    await edit.getByRole("button", { name: "Save task" }).click();
    await edit.waitFor({ state: "detached" });
    await page.waitForTimeout(300);

    await page.goto(`/orgs/${orgId}/roadmap/9.5`);
    const stale = gateOf(page).getByRole("alert").filter({ hasText: "Approval is stale" });
    await stale.waitFor();
    const changes = stale.getByRole("table", { name: "Changes since gate G4 was approved" });
    await changes.getByRole("row").filter({ hasText: task.ref }).filter({ hasText: "effortDays" }).first().waitFor();
    await screenshot(page, "g4-stale");
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 120_000);

  it("the ISMS manager imports tasks from a CSV: a cycle is refused naming it, a good file adds the tasks", async () => {
    const { page } = manager;
    await page.goto(`/orgs/${orgId}/plan`);
    await pageTitle(page, "Implementation plan").waitFor();
    const csv = (rows: string[][]) => ({
      name: "tasks.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${rows.map((r) => r.join(",")).join("\n")}\n`),
    });
    const header = ["Ref", "Title", "Owner", "Effort (person-days)", "Predecessors"];
    await page.getByRole("button", { name: "Import tasks" }).click();
    const dialog = page.getByRole("dialog", { name: "Import tasks" });
    const fileInput = dialog.locator('input[type="file"]');
    await fileInput.setInputFiles(
      csv([
        header,
        ["", "Pilot the new VPN", "ivan@acme.example", "2", "Roll out the new VPN"],
        ["", "Roll out the new VPN", "", "5", "Pilot the new VPN+1d"],
      ]),
    );
    const problems = dialog.getByRole("table", { name: "Problems in the file" });
    await problems.getByRole("row").filter({ hasText: "would form a cycle" }).first().waitFor();
    expect(await problems.textContent()).toContain('"Pilot the new VPN" (row 2)');
    expect(await dialog.getByRole("button", { name: "Import" }).isDisabled()).toBe(true);
    await screenshot(page, "import-cycle-refused");
    expect(await accessibilityProblems(page, '[role="dialog"]')).toEqual([]);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });

    await page.getByRole("button", { name: "Import tasks" }).click();
    await fileInput.setInputFiles(
      csv([header, ["", "Pilot the new VPN", "ivan@acme.example", "2", ""], ["", "Roll out the new VPN", "", "5", "Pilot the new VPN+1d"]]),
    );
    await dialog.getByText("2 to create").waitFor();
    await dialog.getByRole("button", { name: "Import" }).click();
    await dialog.waitFor({ state: "hidden" });
    const register = page.getByRole("region", { name: "Tasks and milestones" });
    await register.getByRole("textbox", { name: "Search" }).fill("Roll out the new VPN");
    await register
      .getByRole("row")
      .filter({ hasText: "Roll out the new VPN" })
      .getByText(/^T-\d{4} \+1d$/)
      .waitFor();
    await screenshot(page, "tasks-imported");
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 120_000);

  it("nothing went wrong in any browser", () => {
    for (const person of [admin, manager, approver]) expect(person.watch.errors).toEqual([]);
  });
});
