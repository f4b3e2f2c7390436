import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems, apiAs, browserScenario, firstRun, pageTitle, SCREENSHOT_DIR, screenshots } from "./helpers.js";

const screenshot = screenshots("deliverables");

/**
 * The Documents page of the demo organization in a real browser: the certification pack generated
 * from the page (progress to 100 %, the ZIP downloaded and its entries checked), the SoA's and the
 * risk report's PDFs downloaded from their register pages and their first pages rendered to PNG.
 */
describe("deliverables: the Documents page and the certification pack", () => {
  const { server, alice } = browserScenario(["alice"]);
  let demoId = "";

  beforeAll(async () => {
    await firstRun(alice.page);
    const asAlice = await apiAs(alice.context, server.url, "alice@acme.example");
    demoId = ((await asAlice.post("/demo", {})) as { orgId: string }).orgId;
  }, 120_000);

  it("lists every deliverable with its freshness and format buttons; no WCAG 2.1 AA violation", async () => {
    const { page } = alice;
    await page.goto(`/orgs/${demoId}/roadmap`);
    await pageTitle(page, "Roadmap").waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Documents", exact: true }).click();
    await pageTitle(page, "Documents").waitFor();
    const table = page.getByRole("table", { name: "Deliverables" });
    await table.getByText("Management review minutes").waitFor();
    expect(await table.locator("tbody tr").count()).toBe(15);
    await table.getByRole("link", { name: "Download Statement of Applicability as XLSX" }).waitFor();
    expect(await table.getByText("Never issued").count()).toBe(15);
    await page.waitForLoadState("networkidle");
    // The page itself (the navigation is checked on every page by first-use-2).
    expect(await accessibilityProblems(page, "main")).toEqual([]);
    await screenshot(page, "documents-page");
  }, 60_000);

  it("generates the demo's certification pack from the page: progress to 100 %, the ZIP downloaded with every deliverable", async () => {
    const { page } = alice;
    const pdf = page.getByRole("checkbox", { name: "PDF" }).last();
    await expect(pdf.isChecked()).resolves.toBe(true);
    await page.getByRole("group", { name: "Formats in the pack" }).getByRole("checkbox", { name: "XLSX" }).check();
    await page.getByRole("button", { name: "Generate the certification pack" }).click();
    const status = page.getByTestId("pack-status");
    await status.getByText(/^100 % — done/).waitFor({ timeout: 120_000 });
    expect(await page.getByRole("progressbar", { name: "Certification pack progress" }).getAttribute("aria-valuenow")).toBe("100");
    await screenshot(page, "pack-done");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the certification pack (ZIP)" }).click(),
    ]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const zip = join(SCREENSHOT_DIR, "deliverables-pack.zip");
    await download.saveAs(zip);
    const listing = execFileSync("python3", ["-c", "import sys,zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", zip], {
      encoding: "utf8",
    });
    for (const entry of [
      "INDEX.md",
      "index.json",
      "soa/NA-SOA-vdraft.pdf",
      "soa/NA-SOA-vdraft.xlsx",
      "risk-report/NA-RAR-vdraft.pdf",
      "project-plan/NA-PLAN-vdraft.pdf",
      "measurement-report/NA-MEAS-vdraft.xlsx",
      "internal-audit-report/NA-IAR-vdraft.pdf",
      "management-review/NA-MRM-vdraft.pdf",
    ])
      expect(listing, entry).toContain(entry);
    const index = JSON.parse(
      execFileSync("python3", ["-c", "import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read('index.json').decode())", zip], {
        encoding: "utf8",
      }),
    ) as { deliverables: unknown[]; notAvailable: string[] };
    expect(index.deliverables).toHaveLength(15);
    expect(index.notAvailable).toEqual([]);
  }, 180_000);

  for (const [name, path, button, heading, text] of [
    ["soa", "soa", "Download Statement of Applicability as PDF", "Statement of Applicability", "A.5.1"],
    ["risk-report", "risks", "Download Risk assessment report as PDF", "Risk register", "Risk assessment report"],
  ] as const)
    it(`downloads the ${name} PDF from its page and renders its first page`, async () => {
      const { page } = alice;
      await page.goto(`/orgs/${demoId}/${path}`);
      await pageTitle(page, heading).waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: button }).click()]);
      const file = join(SCREENSHOT_DIR, `deliverables-${name}.pdf`);
      await download.saveAs(file);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
      expect(execFileSync("pdftotext", ["-l", "3", file, "-"], { encoding: "utf8" })).toContain(text);
      const png = join(SCREENSHOT_DIR, `deliverables-${name}-page1`);
      execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, png]);
      expect(readFileSync(`${png}.png`).length).toBeGreaterThan(5_000);
    }, 120_000);
});
