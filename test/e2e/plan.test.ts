import { describe, expect, it } from "vitest";
import { accessibilityProblems, apiAs, browserScenario, firstRun, pageTitle, screenshots } from "./helpers.js";

const screenshot = screenshots("plan");

type Task = { id: string; ref: string; title: string; version: number };

/**
 * The implementation plan (9.3, 9.5) and gate G4 in a real browser, on the demo organization,
 * which the ISMS manager took through G4 (top management approved it). Alice plans a task, is
 * refused a dependency that closes a cycle with the cycle named, sees the critical path on the
 * Gantt chart and its text alternative, changes a task and sees G4 stale with the change listed.
 */
describe("the implementation plan, the Gantt chart and gate G4", () => {
  const { server, alice } = browserScenario(["alice"], { timeout: 120_000 });
  let orgId = "";
  let tasks: Task[] = [];

  it("set-up: the demo organization, taken through G4 by its ISMS manager and top management", async () => {
    await firstRun(alice.page);
    const api = await apiAs(alice.context, server.url, "alice@acme.example");
    orgId = ((await api.post("/demo", {})) as { orgId: string }).orgId;
    tasks = ((await api.get(`/orgs/${orgId}/plan/tasks?limit=200`)) as { items: Task[] }).items;
    expect(tasks.length).toBeGreaterThan(60);
    const { page } = alice;
    await page.goto(`/orgs/${orgId}/roadmap/9.5`);
    const gate = page.getByRole("region", { name: "Management approval (G4)" });
    await gate.getByText("G4: approved").first().waitFor();
    // The history names both people: requested by the ISMS manager, decided by top management.
    await gate
      .getByText(/Maya Manager \(demo\)/)
      .first()
      .waitFor();
    await gate
      .getByText(/Carl CEO \(demo\)/)
      .first()
      .waitFor();
    await screenshot(page, "g4-approved");
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 180_000);

  it("plans a task, and a dependency that closes a cycle is refused with the cycle named", async () => {
    const { page } = alice;
    await page.goto(`/orgs/${orgId}/plan`);
    await pageTitle(page, "Implementation plan").waitFor();
    const register = page.getByRole("region", { name: "Tasks and milestones" });
    await register.getByRole("button", { name: "Add task" }).click();
    const dialog = page.getByRole("dialog", { name: "Add task" });
    await dialog.getByLabel("Title").fill("Roll out multi-factor authentication");
    await dialog.getByLabel("Effort (person-days)").fill("4");
    await dialog.getByRole("button", { name: "Add predecessor" }).click();
    const [a, b] = tasks as [Task, Task];
    await dialog.getByLabel("Predecessor 1", { exact: true }).selectOption({ label: `${a.ref} ${a.title}` });
    await dialog.getByLabel("Lag (working days)").fill("2");
    await screenshot(page, "task-form");
    await dialog.getByRole("button", { name: "Save task" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = register.getByRole("row").filter({ hasText: "Roll out multi-factor authentication" });
    await row.getByText(`${a.ref} +2d`).waitFor();

    // b after a is fine; then a after b closes the cycle a → b → a.
    await register.getByRole("textbox", { name: "Search" }).fill(b.ref);
    await register.getByRole("button", { name: `Edit task “${b.title}”` }).click();
    let edit = page.getByRole("dialog", { name: "Edit task" });
    await edit.getByRole("button", { name: "Add predecessor" }).click();
    const slot = await edit.getByLabel(/^Predecessor \d+$/).count();
    await edit.getByLabel(`Predecessor ${slot}`, { exact: true }).selectOption({ label: `${a.ref} ${a.title}` });
    await edit.getByRole("button", { name: "Save task" }).click();
    await edit.waitFor({ state: "detached" });
    await page.waitForTimeout(300);
    await register.getByRole("textbox", { name: "Search" }).fill(a.ref);
    await register.getByRole("button", { name: `Edit task “${a.title}”` }).click();
    edit = page.getByRole("dialog", { name: "Edit task" });
    await edit.getByRole("button", { name: "Add predecessor" }).click();
    const next = await edit.getByLabel(/^Predecessor \d+$/).count();
    await edit.getByLabel(`Predecessor ${next}`, { exact: true }).selectOption({ label: `${b.ref} ${b.title}` });
    await edit.getByRole("button", { name: "Save task" }).click();
    const refusal = edit.getByRole("alert").filter({ hasText: "would form the cycle" });
    await refusal.first().waitFor();
    const text = (await refusal.first().textContent()) ?? "";
    expect(text).toContain(`${a.ref} "${a.title}"`);
    expect(text).toContain(`${b.ref} "${b.title}"`);
    await screenshot(page, "cycle-refused");
    expect(await accessibilityProblems(page, '[role="dialog"]')).toEqual([]);
    await edit.getByRole("button", { name: "Cancel" }).click();
    // Checked once the dialog has gone (a fading dialog's title is mid-transition).
    await edit.waitFor({ state: "detached" });
    await page.waitForTimeout(300);
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 120_000);

  it("the Gantt chart shows the critical path, milestones and today's line; the schedule table says the same in text", async () => {
    const { page } = alice;
    await page.getByRole("tab", { name: "Gantt chart" }).click();
    const chart = page.getByRole("region", { name: /^Gantt chart, \d+ tasks/ });
    await chart.waitFor();
    await page.locator("[data-gantt-drawn]").waitFor();
    expect(await chart.locator('g[data-critical="true"]').count()).toBeGreaterThan(0);
    expect(await chart.locator('path[data-link="critical"]').count()).toBeGreaterThan(0);
    expect(
      (await chart.locator('g[data-milestone="true"]').count()) + (await chart.locator('g[data-critical="false"]').count()),
    ).toBeGreaterThan(0);
    // Keyboard: the chart's region takes focus and scrolls.
    await chart.focus();
    await page.keyboard.press("PageDown");
    await page.waitForFunction(() => (document.querySelector("[data-gantt-drawn]") as HTMLElement).scrollTop > 0);
    await screenshot(page, "gantt");
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole("tab", { name: "Schedule table" }).click();
    const table = page.getByRole("table", { name: /^Schedule: earliest and latest/ });
    await table.waitFor();
    expect(await table.locator('tr[data-critical="true"]').count()).toBeGreaterThan(0);
    await table.getByRole("columnheader", { name: "Slack" }).waitFor();
    await screenshot(page, "schedule-table");
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole("tab", { name: "Load per person" }).click();
    await page.getByRole("table", { name: "Load of Maya Manager (demo) per week" }).waitFor();
    await screenshot(page, "load");
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole("tab", { name: "Working calendar" }).click();
    await page.getByRole("button", { name: "Save calendar" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole("tab", { name: "Baselines" }).click();
    await page.getByRole("table", { name: "Frozen baselines" }).waitFor();
    await page.getByText(/^Baseline 1 finishes/).waitFor();
    await screenshot(page, "baselines");
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 120_000);

  it("a task changed after G4: the gate is stale and the change names the task and the field", async () => {
    const { page } = alice;
    await page.getByRole("tab", { name: "Tasks" }).click();
    const register = page.getByRole("region", { name: "Tasks and milestones" });
    const c = tasks[2] as Task;
    await register.getByRole("textbox", { name: "Search" }).fill(c.ref);
    await register.getByRole("button", { name: `Edit task “${c.title}”` }).click();
    const edit = page.getByRole("dialog", { name: "Edit task" });
    await edit.getByLabel("Effort (person-days)").fill("9");
    await edit.getByRole("button", { name: "Save task" }).click();
    await edit.waitFor({ state: "detached" });
    await page.waitForTimeout(300);

    await page.goto(`/orgs/${orgId}/roadmap/9.5`);
    const gate = page.getByRole("region", { name: "Management approval (G4)" });
    const stale = gate.getByRole("alert").filter({ hasText: "Approval is stale" });
    await stale.waitFor();
    const changes = stale.getByRole("table", { name: "Changes since gate G4 was approved" });
    await changes.getByRole("row").filter({ hasText: c.ref }).filter({ hasText: "effortDays" }).first().waitFor();
    await screenshot(page, "g4-stale");
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(alice.watch.errors).toEqual([]);
  }, 120_000);
});
