import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { accessibilityProblems, browserScenario, firstRun, navigate, screenshots } from "./helpers.js";

const screenshot = screenshots("admin");

/**
 * The instance administrator's Backups page in a real browser: downloads the organization's
 * backup, uploads it back (a second organization, new ids, members linked), and sees a file that
 * is not a backup refused with the reason.
 */
describe("administration: backups", () => {
  const { admin } = browserScenario(["admin"]);

  it("downloads an organization's backup, restores it as a second organization, and refuses a file that is not a backup", async () => {
    const { page } = admin;
    await firstRun(page);
    await navigate(page, "Backups");
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
    await screenshot(page, "backups");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download this organization" }).click();
    const file = join(tmpdir(), `isms-e2e-${Date.now()}.isms-backup`);
    await (await download).saveAs(file);

    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole("button", { name: "Restore", exact: true }).click();
    const done = page.getByRole("status").filter({ hasText: "Restored" });
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toMatch(
      /Acme Corporation \(restored .*new ids.*audit chain verifies.*Members linked: alice@acme\.example/s,
    );
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
    await screenshot(page, "restored");

    const junk = join(tmpdir(), `isms-e2e-junk-${Date.now()}.isms-backup`);
    writeFileSync(junk, "not a backup at all");
    await page.locator('input[type="file"]').setInputFiles(junk);
    await page.getByRole("button", { name: "Restore", exact: true }).click();
    const refused = page.getByRole("alert").filter({ hasText: "The backup was not restored" });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/not an ISMS Workbench backup/);
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
    await screenshot(page, "refused");
  }, 120_000);

  it("lets the organization's administrator download its backup from the organization's settings (issue 11)", async () => {
    const { page } = admin;
    await navigate(page, "Process settings");
    const settings = page.getByRole("region", { name: "Organization" });
    const link = settings.getByRole("link", { name: "Download backup" });
    expect(await link.getAttribute("href")).toMatch(/^\/api\/v1\/orgs\/[^/]+\/backup$/);
    expect(await accessibilityProblems(page, "#main")).toEqual([]);
    await link.scrollIntoViewIfNeeded();
    await screenshot(page, "org-settings-backup");

    const download = page.waitForEvent("download");
    // By keyboard, as every action must work.
    await link.focus();
    await page.keyboard.press("Enter");
    const file = join(tmpdir(), `isms-e2e-org-${Date.now()}.isms-backup`);
    await (await download).saveAs(file);
    const lines = gunzipSync(readFileSync(file)).toString("utf8");
    expect(lines).toContain("Acme Corporation");
  }, 60_000);
});
