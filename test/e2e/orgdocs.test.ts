import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type Api,
  accessibilityProblems,
  addMemberThroughApi,
  apiAs,
  browserScenario,
  firstRun,
  navigate,
  pageTitle,
  screenshots,
} from "./helpers.js";

const screenshot = screenshots("orgdocs");

/** A tiny valid PNG (1×1, white). */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fea7d6a00000000049454e44ae426082",
  "hex",
);
/** The first bytes of a Linux program (an ELF header), under an innocent name. */
const ELF = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
  Buffer.alloc(8),
  Buffer.from([2, 0, 0x3e, 0, 1, 0, 0, 0]),
  Buffer.alloc(4096),
]);
const LIMIT = 25 * 1024 * 1024;

/**
 * Security organization, document register and evidence in a real browser: filling a role makes
 * a segregation-of-duties conflict appear with the person and the rule; a policy made from a
 * template is approved by a second member who is its approver; evidence shows its SHA-256, and an
 * executable and an oversized file are refused with the server's reason.
 */
describe("security organization, document register and evidence", () => {
  const { server, admin, manager, approver } = browserScenario(["admin", "manager", "approver"]);
  let asManager: Api;
  let orgId = "";
  let documentUrl = "";

  it("set-up: members and a control owned by Olivia, through the API", async () => {
    orgId = await firstRun(admin.page);
    for (const person of [
      { email: "priya@acme.example", displayName: "Priya Raman", role: "isms_manager" },
      { email: "carl@acme.example", displayName: "Carl Chief", role: "approver" },
      { email: "olivia@acme.example", displayName: "Olivia Owner", role: "contributor" },
    ])
      await addMemberThroughApi(admin.context, server.url, orgId, person);
    asManager = await apiAs(manager.context, server.url, "priya@acme.example");
    await apiAs(approver.context, server.url, "carl@acme.example");
    await asManager.put(`/orgs/${orgId}/soa/controls/A.5.15`, {
      decision: "include",
      justification: "Needed",
      implementation: "implemented",
      owner: "Olivia Owner",
      requirementIds: [],
      version: 0,
    });
  });

  it("the manager makes Olivia an internal auditor: the conflict names her and the rule", async () => {
    const { page, watch } = manager;
    await page.goto(`/orgs/${orgId}/roadmap`);
    await pageTitle(page, "Roadmap").waitFor();
    await navigate(page, "Security organization");
    const conflicts = page.getByRole("table", { name: "Segregation-of-duties conflicts" });
    await page.getByText("No conflict: the enabled rules").waitFor();
    expect(await accessibilityProblems(page, "main")).toEqual([]);
    await screenshot(page, "organization-before");
    await page.getByLabel("Member to add to Internal auditor").selectOption({ label: "Olivia Owner" });
    await page.getByRole("button", { name: "Add to Internal auditor" }).click();
    const row = conflicts.getByRole("row").filter({ hasText: "Olivia Owner" });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("An internal auditor does not audit a control, process or area they own");
    await expect(row.textContent()).resolves.toContain("A.5.15");
    await expect(
      page
        .getByRole("region", { name: /Checklist of 9\.2\.1/ })
        .or(page.locator("#checks"))
        .textContent(),
    ).resolves.toContain("Segregation of duties: Olivia Owner is an internal auditor");
    expect(await accessibilityProblems(page, "main")).toEqual([]);
    await screenshot(page, "organization-conflict");
    expect(watch.errors).toEqual([]);
  });

  it("the manager creates the access control policy from its template and submits it", async () => {
    const { page, watch } = manager;
    const templates = (await asManager.get(`/orgs/${orgId}/policy-templates`)).items as { key: string; title: string }[];
    const template = templates.find((t) => /access control/i.test(t.title)) ?? templates[0];
    await navigate(page, "Document register");
    expect(await accessibilityProblems(page, "main")).toEqual([]);
    await page.getByRole("button", { name: "Create policy from a template" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a policy from a template" });
    await dialog.getByRole("combobox", { name: /^Template/ }).selectOption(template?.key ?? "");
    await dialog.getByLabel("Owner", { exact: true }).selectOption({ label: "Priya Raman" });
    await dialog.getByLabel("Approver", { exact: true }).selectOption({ label: "Carl Chief" });
    expect(await accessibilityProblems(page, "main")).toEqual([]);
    await screenshot(page, "from-template");
    await dialog.getByRole("button", { name: "Create draft" }).click();
    await pageTitle(page, new RegExp(template?.title ?? "")).waitFor();
    documentUrl = new URL(page.url()).pathname;
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByText("In review", { exact: true }).first().waitFor();
    // The author is not the approver: no approve button for her.
    await expect(page.getByRole("button", { name: /^Approve version/ }).count()).resolves.toBe(0);
    expect(await accessibilityProblems(page, "main")).toEqual([]);
    await screenshot(page, "submitted");
    expect(watch.errors).toEqual([]);
  });

  it("Carl, the named approver, approves it: the approval holds", async () => {
    const { page, watch } = approver;
    await page.goto(documentUrl);
    await page.getByRole("button", { name: "Approve version 1" }).click();
    await page.getByText("Version 1 is approved and in force").waitFor();
    expect(await accessibilityProblems(page, "main")).toEqual([]);
    await screenshot(page, "approved");
    expect(watch.errors).toEqual([]);
  });

  it("the manager attaches evidence and sees its SHA-256; a program and an oversized file are refused with the reason", async () => {
    const { page, watch } = manager;
    await page.goto(documentUrl);
    await page.getByRole("button", { name: "Start a new draft" }).waitFor();
    const input = page.getByLabel("File to attach");
    await input.setInputFiles({ name: "access-review.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    const sha = createHash("sha256").update(PNG).digest("hex");
    await page.getByLabel("SHA-256 of access-review.png").waitFor();
    await expect(page.getByLabel("SHA-256 of access-review.png").textContent()).resolves.toBe(sha);
    await expect(page.getByRole("table", { name: /^Evidence for/ }).textContent()).resolves.toContain("image/png");

    await input.setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: ELF });
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "This type of file is not accepted" });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/executable/);
    await screenshot(page, "executable-refused");

    await input.setInputFiles({
      name: "huge.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(LIMIT)]),
    });
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    const tooLarge = page.getByRole("alert").filter({ hasText: "The file is too large" });
    await tooLarge.waitFor({ timeout: 30_000 });
    await expect(tooLarge.textContent()).resolves.toContain(`${LIMIT.toLocaleString("en-US")} bytes`);
    // The Upload button's label fades back in after its loading state: check once it has settled.
    await page.locator('button[type="submit"]:not([data-loading])').first().waitFor();
    await page.waitForTimeout(500);
    expect(await accessibilityProblems(page, "main")).toEqual([]);
    await screenshot(page, "oversized-refused");
    // Only the two refusals failed; the list still holds the one good file.
    expect(watch.failedApiCalls.filter((c) => c.includes("/evidence"))).toEqual([
      `415 POST /api/v1/orgs/${orgId}/evidence`,
      `413 POST /api/v1/orgs/${orgId}/evidence`,
    ]);
    expect(watch.errors).toEqual([]);
  });

  it("the SoA's edit drawer has the same evidence panel for the control", async () => {
    const { page, watch } = manager;
    await navigate(page, "Statement of Applicability");
    await page.getByRole("button", { name: "Edit A.5.15", exact: true }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByRole("heading", { name: "Evidence for A.5.15" }).waitFor();
    await drawer
      .getByLabel("File to attach")
      .setInputFiles({ name: "review.csv", mimeType: "text/csv", buffer: Buffer.from("user,decision\nann,keep\n") });
    await drawer.getByRole("button", { name: "Upload", exact: true }).click();
    await drawer.getByLabel("SHA-256 of review.csv").waitFor();
    // The panel itself (the SoA's own form is the SoA's test's concern).
    expect(await accessibilityProblems(page, "[role=dialog] section")).toEqual([]);
    await screenshot(page, "soa-evidence");
    expect(watch.errors).toEqual([]);
  });
});
