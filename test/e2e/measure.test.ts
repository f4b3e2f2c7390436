import { describe, expect, it } from "vitest";
import { type Api, accessibilityProblems, apiAs, browserScenario, firstRun, navigate, pageTitle, screenshots } from "./helpers.js";

const screenshot = screenshots("measure");

/** The first day of the month `n` months before this one (UTC), as the server stores monthly periods. */
function monthStart(n: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 10);
}

/**
 * The measurement programme, training and "my work" in a real browser. A derived measure is
 * defined through the form (an invalid formula refused with its line and column), a value entered
 * on a base measure's page pushes the indicator from "watch" into "act" in the chart and its
 * table; a completion record raises the training coverage; "My work" shows an overdue collection.
 */
describe("measurement, training and my work", () => {
  const { server, admin } = browserScenario(["admin"]);
  let api: Api;
  let orgId = "";
  let patchedId = "";
  let userId = "";

  it("set-up through the API: two base measures with three months of values, one never collected, a role and its course", async () => {
    orgId = await firstRun(admin.page);
    api = await apiAs(admin.context, server.url, "alice@acme.example");
    userId = ((await api.get("/auth/me")) as { user: { id: string } }).user.id;
    const base = `/orgs/${orgId}`;
    const measure = (title: string, key: string, extra: object = {}) =>
      api.post(`${base}/measures`, {
        title,
        kind: "base",
        key,
        informationNeed: "Are our systems patched in time?",
        frequency: "monthly",
        startDate: monthStart(3),
        ownerUserId: userId,
        ...extra,
      });
    patchedId = (await measure("Systems patched within 14 days", "patched")).id as string;
    const totalId = (await measure("Systems in scope", "total")).id as string;
    for (const [n, patched] of [
      [3, 96],
      [2, 93],
      [1, 85],
    ] as const) {
      await api.post(`${base}/measures/${patchedId}/values`, { period: monthStart(n), value: patched });
      await api.post(`${base}/measures/${totalId}/values`, { period: monthStart(n), value: 100 });
    }
    await api.post(`${base}/measures/${totalId}/values`, { period: monthStart(0), value: 100 });
    await measure("Phishing reports", "phish", { startDate: monthStart(2) });

    const role = await api.post(`${base}/isms-roles`, { title: "Security champion" });
    await api.post(`${base}/isms-roles/${role.id}/people`, { userId });
    const course = await api.post(`${base}/training/courses`, {
      title: "Secure development basics",
      targetRoleIds: [role.id],
      refresherMonths: 12,
    });
    await api.post(`${base}/training/requirements`, { roleId: role.id, title: "Knows the OWASP top ten", courseId: course.id });
  });

  it("defines a derived measure: an invalid formula is refused with its line and column", async () => {
    const { page } = admin;
    await page.goto(`/orgs/${orgId}/roadmap`);
    await pageTitle(page, "Roadmap").waitFor();
    await navigate(page, "Measurement");
    await page.getByRole("button", { name: "Add measure" }).click();
    const dialog = page.getByRole("dialog", { name: "Add measure" });
    await dialog.getByLabel(/^Measure( \*)?$/).fill("Patch rate");
    await dialog.getByLabel(/^Kind/).selectOption("derived");
    await dialog.getByLabel(/^Information need/).fill("Which share of our systems is patched in time?");
    await dialog.getByLabel("Formula (derived measures)").fill("patched / / total * 100");
    await dialog.getByLabel("Unit").fill("%");
    await dialog.getByLabel("On target at or beyond").fill("90");
    await dialog.getByLabel("Act beyond").fill("80");
    await dialog.getByLabel("Target", { exact: true }).fill("95");
    await dialog.getByRole("button", { name: "Save measure" }).click();
    const formula = dialog.getByLabel("Formula (derived measures)");
    // The server's reason, under the formula field, with the position in the formula.
    const refusal = dialog.locator("#measure-form-formula-error");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/^Syntax error: .* \(at line 1, column 9\)$/);
    expect(await formula.getAttribute("aria-invalid")).toBe("true");
    expect(await formula.getAttribute("aria-describedby")).toContain("measure-form-formula-error");
    await screenshot(page, "formula-refused");
    expect(await accessibilityProblems(page, "[role=dialog]")).toEqual([]);

    await formula.fill("patched / total * 100");
    await dialog.getByRole("button", { name: "Save measure" }).click();
    await dialog.waitFor({ state: "hidden" });
    const measures = page.getByRole("table", { name: "Measures" });
    await measures.getByRole("link", { name: "M-04 Patch rate" }).waitFor();
    // This month has no patched count yet: the latest point says so instead of giving NaN.
    expect(await measures.getByRole("row", { name: /M-04 Patch rate/ }).textContent()).toContain("no value");
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
  });

  it("a value entered on the base measure takes the trend across the act threshold, in the chart and its table", async () => {
    const { page } = admin;
    await page.getByRole("table", { name: "Measures" }).getByRole("link", { name: "M-01 Systems patched within 14 days" }).click();
    await pageTitle(page, "M-01 Systems patched within 14 days").waitFor();
    await page.getByRole("textbox", { name: "Value", exact: true }).fill("seventy");
    await page.getByRole("button", { name: "Save value" }).click();
    await page.getByText("must be a number").waitFor();
    await page.getByRole("textbox", { name: "Value", exact: true }).fill("70");
    await page.getByRole("textbox", { name: "Note", exact: true }).fill("Patch server down for two weeks");
    await page.getByRole("button", { name: "Save value" }).click();
    await page.getByRole("table", { name: "Values of M-01" }).getByRole("cell", { name: "Patch server down for two weeks" }).waitFor();

    await page.getByRole("link", { name: "Back to measurement" }).click();
    await pageTitle(page, "Measurement").waitFor();
    const dashboard = page.getByRole("table", { name: "Every indicator's latest status" });
    await dashboard
      .getByRole("row", { name: /M-04 Patch rate/ })
      .getByText("Act", { exact: true })
      .waitFor();
    expect(await page.getByTestId("count-act").textContent()).toContain("1");
    // The phishing reports were never collected: overdue on the dashboard.
    const overdue = page.getByRole("region", { name: /^Overdue data collection/ });
    expect(await overdue.textContent()).toContain("M-03");
    await screenshot(page, "dashboard");
    expect(await accessibilityProblems(page, "#main")).toEqual([]);

    await dashboard.getByRole("link", { name: "M-04 Patch rate" }).click();
    await pageTitle(page, "M-04 Patch rate").waitFor();
    const values = page.getByRole("table", { name: "Values of M-04" });
    expect(await values.getByRole("row", { name: new RegExp(`^${monthStart(0)}`) }).textContent()).toContain("70 %Act");
    expect(await values.getByRole("row", { name: new RegExp(`^${monthStart(1)}`) }).textContent()).toContain("85 %Watch");
    expect(await page.getByTestId("crossings").textContent()).toContain(`${monthStart(0)} Watch → Act`);
    const chart = page.getByTestId("trend-chart");
    expect(await chart.getAttribute("aria-label")).toContain(`latest 70 % for ${monthStart(0)}, Act`);
    expect(await chart.locator("circle[data-status=act]").count()).toBe(1);
    expect(await chart.locator("circle[data-status=watch]").count()).toBe(1);
    expect(await chart.locator("rect[data-band]").count()).toBe(3);
    await chart.getByTestId("target-line").waitFor();
    await screenshot(page, "trend-crosses-act");
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
  });

  it("a completion record raises the training coverage", async () => {
    const { page } = admin;
    await navigate(page, "Training & awareness", "Training and awareness");
    const overall = page.getByTestId("coverage-overall");
    await overall.getByText(/^Overall: 0 %/).waitFor();
    expect(await page.getByRole("table", { name: "Coverage per role" }).textContent()).toContain("never completed");
    await page.getByRole("button", { name: "Add completion record" }).click();
    const dialog = page.getByRole("dialog", { name: "Add completion record" });
    await dialog.getByLabel(/^Course or campaign/).selectOption({ label: "Secure development basics" });
    await dialog.getByLabel("Member", { exact: true }).selectOption({ label: "Alice Admin" });
    await dialog.getByLabel(/^Completed on/).fill(new Date().toISOString().slice(0, 10));
    await dialog.getByRole("button", { name: "Save completion record" }).click();
    await dialog.waitFor({ state: "hidden" });
    await overall.getByText(/^Overall: 100 %/).waitFor();
    await page.getByRole("table", { name: "Completion records" }).getByRole("cell", { name: "Alice Admin" }).waitFor();
    await screenshot(page, "training-covered");
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
  });

  it("My work lists the overdue collection with a link to it, and the calendar feed's address", async () => {
    const { page } = admin;
    await navigate(page, "My work");
    const table = page.getByRole("table", { name: "My work by due date" });
    const row = table.getByRole("row").filter({ hasText: "Phishing reports" }).first();
    await row.waitFor();
    expect(await table.textContent()).toContain("overdue");
    expect(await page.getByTestId("calendar-url").textContent()).toContain(`/api/v1/orgs/${orgId}/calendar.ics`);
    await screenshot(page, "my-work");
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
    await row.getByRole("link", { name: "M-03" }).click();
    await pageTitle(page, "M-03 Phishing reports").waitFor();
    expect(admin.watch.errors).toEqual([]);
  });
});
