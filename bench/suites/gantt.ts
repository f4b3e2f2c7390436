import { performance } from "node:perf_hooks";
import { apiAs, firstRun, launchBrowser, newPerson, startServer } from "../../test/e2e/helpers.js";
import { median } from "../support.js";

const TASKS = 2_000;
const RUNS = 5;

/**
 * The Gantt page with 2,000 tasks in Chromium: the built app (`npm run build` first) on a fresh
 * SQLite file, 2,000 tasks in chains of dependencies created through the API, then the time from
 * navigation until the chart is drawn, and until a scroll to the end has drawn the last rows.
 */
export async function gantt(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { context, page } = await newPerson(browser, server.url);
    const orgId = await firstRun(page);
    const api = await apiAs(context, server.url, "alice@acme.example");
    const ids: string[] = [];
    for (let i = 0; i < TASKS; i++) {
      const predecessors = i % 40 === 0 ? [] : [{ taskId: ids[i - 1] as string, lagDays: i % 7 === 0 ? 1 : 0 }];
      if (i >= 100 && i % 3 === 0) predecessors.push({ taskId: ids[i - 100] as string, lagDays: 0 });
      const task = await api.post(`/orgs/${orgId}/plan/tasks`, {
        title: `Task ${i}`,
        effortDays: 1 + (i % 5),
        milestone: i % 40 === 39,
        startDate: i % 40 === 0 ? "2027-02-01" : null,
        predecessors,
      });
      ids.push(task.id as string);
    }
    const drawn: number[] = [];
    const scrolled: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto("/");
      await page.waitForLoadState("networkidle");
      const start = performance.now();
      await page.goto(`/orgs/${orgId}/plan?view=gantt`);
      await page.locator("[data-gantt-drawn] g[data-task]").first().waitFor();
      drawn.push(performance.now() - start);
      const scroll = performance.now();
      await page.locator("[data-gantt-drawn]").evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await page.locator(`[data-gantt-drawn] g[data-task="T-${String(TASKS).padStart(4, "0")}"]`).waitFor();
      scrolled.push(performance.now() - scroll);
    }
    console.log(
      `gantt page, ${TASKS.toLocaleString("en-US")} tasks in Chromium: until the chart is drawn median ${median(drawn).toFixed(0)} ms, worst ${Math.max(...drawn).toFixed(0)} ms (target < 1500 ms); scroll to the last row drawn median ${median(scrolled).toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}
