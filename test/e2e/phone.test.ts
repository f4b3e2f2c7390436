import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems, apiAs, browserScenario, firstRun, screenshots } from "./helpers.js";

const screenshot = screenshots("phone");
const WIDTH = 390;

/** How wide the page is, against the viewport: anything over 390 means the whole page scrolls sideways. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Elements wider than the viewport that are not inside a box scrolling on its own: what makes the page scroll sideways. */
const overflowing = (page: Page) =>
  page.evaluate((width) => {
    const scrolls = (el: Element | null): boolean => {
      for (let e = el?.parentElement; e; e = e.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(e).overflowX)) return true;
      }
      return false;
    };
    return [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? "").slice(0, 40)}"`);
  }, WIDTH);

describe("phone width, 390 × 844 (issue 11, item 9)", () => {
  const { server, person } = browserScenario(["person"]);
  let orgId = "";
  let demoId = "";

  beforeAll(async () => {
    orgId = await firstRun(person.page);
    const asAlice = await apiAs(person.context, server.url, "alice@acme.example");
    demoId = ((await asAlice.post("/demo", {})) as { orgId: string }).orgId;
    await person.page.setViewportSize({ width: WIDTH, height: 844 });
  }, 120_000);

  it("the roadmap stacks its phases as cards, one under another, and the page never scrolls sideways", async () => {
    const { page } = person;
    await page.goto(`/orgs/${demoId}/roadmap`);
    await page.getByRole("heading", { level: 1, name: "Roadmap" }).waitFor();
    await page.getByRole("heading", { level: 2, name: /^P1 · / }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await overflowing(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
    // Stacked: each phase's heading sits below the one before it, at the same left edge.
    const boxes = await page.getByRole("heading", { level: 2, name: /^P\d · / }).evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { left: Math.round(r.left), top: r.top, right: r.right };
      }),
    );
    expect(boxes.length).toBeGreaterThan(3);
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]?.left).toBe(boxes[0]?.left);
      expect(boxes[i]?.top).toBeGreaterThan(boxes[i - 1]?.top ?? 0);
      expect(boxes[i]?.right).toBeLessThanOrEqual(WIDTH);
    }
    expect(await page.getByRole("region", { name: "Phases" }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "roadmap");
    await page.getByRole("heading", { level: 2, name: /^P1 · / }).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: "test-results/e2e/phone-01b-roadmap-phases.png", animations: "disabled" });
  });

  it("the heat maps scroll sideways inside their own labelled box, with a hint and a fade, and a keyboard can scroll them", async () => {
    const { page } = person;
    await page.goto(`/orgs/${demoId}/risks`);
    await page.getByRole("heading", { level: 1, name: "Risk register" }).waitFor();
    const inherent = page.getByRole("region", { name: "Inherent heat map (scrolls sideways)" });
    await inherent.waitFor();
    await page.getByRole("region", { name: "Residual heat map (scrolls sideways)" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
    expect(await overflowing(page)).toEqual([]);
    // The cue: a hint above each map, and the box itself within the screen.
    expect(await page.getByText("Scroll sideways to see it all →").count()).toBe(2);
    const box = await inherent.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(WIDTH);
    // The text alternative stays: the matrix is a table whose cells name likelihood, impact, level and count.
    const table = page.getByRole("table", { name: "Inherent heat map" });
    expect(await table.getByRole("button", { name: /^Inherent: likelihood .+, impact .+: \d+ risks?$/ }).count()).toBeGreaterThan(8);
    await screenshot(page, "heat-maps");
    await inherent.focus();
    expect(await inherent.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await inherent.evaluate((el) => el.scrollLeft)).toBe(0);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((el) => (el as HTMLElement).scrollLeft > 0, await inherent.elementHandle());
    await inherent.screenshot({ path: "test-results/e2e/phone-03-heat-map-scrolled.png", animations: "disabled" });
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("the risk register shows each risk as a card with its levels, owner, status and treatment, not only reference and title", async () => {
    const { page } = person;
    await page.goto(`/orgs/${demoId}/risks#risks`);
    const list = page.getByRole("list", { name: "Risks", exact: true });
    await list.waitFor();
    await page.waitForLoadState("networkidle");
    const cards = list.getByRole("listitem");
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole("table", { name: "Risks", exact: true }).count()).toBe(0);
    for (const text of await cards.allInnerTexts()) {
      expect(text).toMatch(/^R-\d+ /);
      expect(text).toMatch(/Inherent\s+(\S.*)\s+Residual\s+\S/);
      expect(text).toMatch(/Owner: \S/);
      expect(text).toMatch(/Status: (Open|Closed)/);
      expect(text).toMatch(/Treatment: \S/);
    }
    // At least one card carries real values, not only the placeholders.
    const texts = (await cards.allInnerTexts()).join("\n");
    expect(texts).toMatch(/Owner: (?!none)\S/);
    expect(texts).toMatch(/Treatment: (Modify|Retain|Avoid|Share)/);
    expect(await cards.first().locator(".mantine-Badge-root").count()).toBeGreaterThanOrEqual(2);
    for (const card of (await cards.all()).slice(0, 5)) {
      const b = await card.boundingBox();
      expect((b?.x ?? 0) + (b?.width ?? 0)).toBeLessThanOrEqual(WIDTH);
    }
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/e2e/phone-04-risk-cards.png", animations: "disabled" });
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("item 12: an organization without assets says 'No assets yet' even with a filter on", async () => {
    const { page } = person;
    await page.goto(`/orgs/${orgId}/assets`);
    await page.getByRole("heading", { level: 1, name: "Assets" }).waitFor();
    await page.getByText("No assets yet").waitFor();
    await page.getByRole("search", { name: "Filter assets" }).getByLabel("Search").fill("server");
    await page.waitForResponse((r) => r.url().includes("/assets?") && r.url().includes("q=server"));
    await page.waitForLoadState("networkidle");
    await page.getByText("No assets yet").waitFor();
    expect(await page.getByText("No assets match these filters.").count()).toBe(0);
    await screenshot(page, "assets-none-yet-filtered");
  });
});
