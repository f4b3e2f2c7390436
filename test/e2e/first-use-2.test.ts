import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessibilityProblems,
  apiAs,
  firstRun,
  launchBrowser,
  newPerson,
  type PageWatch,
  type RunningServer,
  screenshots,
  startServer,
} from "./helpers.js";

const screenshot = screenshots("first-use-2");

interface Person {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
}

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
  let server: RunningServer;
  let browser: Browser;
  let alice: Person;
  let orgId = "";
  let demoId = "";

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    alice = await newPerson(browser, server.url);
    await alice.page.setViewportSize({ width: 1440, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("every page of the demo organization has no WCAG 2.1 AA violation, colour contrast included", async () => {
    const { page, context } = alice;
    orgId = await firstRun(page);
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
    console.log(problems.join("\n"));
    expect(problems).toEqual([]);
  });
});
