import { describe, expect, it } from "vitest";
import { addMemberThroughApi, browserScenario, clickNavLink, PASSWORD, pageTitle, screenshots } from "./helpers.js";

const screenshot = screenshots("foundation");

/** A page's own title, not a section heading that happens to contain the same words. */
const title = pageTitle;

/**
 * The foundation end to end, in a real browser against the real server: first-run setup, an
 * organization, an invitation accepted in a second browser, and an account disabled by the
 * instance administrator, which ends that person's session at their next request.
 */
describe("foundation: setup, organization, invitation, disabling a user", () => {
  const { server, admin, invitee } = browserScenario(["admin", "invitee"]);
  let orgId = "";
  let inviteLink = "";

  it("first run: only setup is reachable; it creates the administrator, who creates an organization", async () => {
    const { page } = admin;
    await page.goto("/login");
    await expect.poll(() => page.url()).toBe(`${server.url}/setup`);
    await title(page, "Create the first administrator").waitFor();
    await screenshot(page, "setup");

    await page.getByLabel("Your name").fill("Alice Admin");
    await page.getByLabel("Email").fill("alice@acme.example");
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByLabel("Confirm password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create administrator" }).click();

    await title(page, "Start with your organization").waitFor();
    await screenshot(page, "no-organization-yet");

    await page.getByLabel("Organization name").fill("Acme Corporation");
    await page.getByRole("button", { name: "Create organization" }).click();
    // An organization opens on its implementation roadmap.
    await title(page, "Roadmap").waitFor();
    orgId = /\/orgs\/([0-9a-f-]{36})\/roadmap$/.exec(page.url())?.[1] ?? "";
    expect(orgId).not.toBe("");
    await expect.poll(() => page.getByRole("button", { name: /Organization: Acme Corporation/ }).textContent()).toContain("Administrator");
    await clickNavLink(page, "Members");
    await title(page, "Members").waitFor();
    await page.getByRole("row", { name: /Alice Admin/ }).waitFor();
    await screenshot(page, "organization-created");
  });

  it("the administrator invites a contributor and reads the one-time link from the page", async () => {
    const { page } = admin;
    await clickNavLink(page, "Invitations");
    await title(page, "Invitations").waitFor();
    await page.getByLabel("Email").fill("casey@acme.example");
    await page.getByLabel("Role").selectOption("contributor");
    await page.getByRole("button", { name: "Create invitation" }).click();

    const linkField = page.getByRole("textbox", { name: "Invitation link" });
    await linkField.waitFor();
    inviteLink = await linkField.inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{20,}$`));
    await page
      .getByRole("row", { name: /casey@acme\.example/ })
      .getByText("Pending")
      .waitFor();
    await screenshot(page, "invitation-created");
  });

  it("in a second browser, the invitee accepts, chooses a name and password, and lands in the organization with their role", async () => {
    const { page } = invitee;
    await page.goto(inviteLink);
    await title(page, "Join Acme Corporation").waitFor();
    await page.getByText("Contributor", { exact: true }).waitFor();
    await screenshot(page, "invitation-opened");

    await page.getByLabel("Your name").fill("Casey Contributor");
    await page.getByLabel("Choose a password").fill(PASSWORD);
    await page.getByLabel("Confirm password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account and join" }).click();

    await title(page, "Roadmap").waitFor();
    expect(page.url()).toBe(`${server.url}/orgs/${orgId}/roadmap`);
    const orgButton = page.getByRole("button", { name: /Organization: Acme Corporation/ });
    await expect.poll(() => orgButton.textContent()).toContain("Contributor");

    // A contributor sees only what the contributor role may do.
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    // The phase pages grow with every area; what matters here is what the role may and may not reach.
    const links = await nav.getByRole("link", { includeHidden: true }).allTextContents();
    expect(links).toEqual(expect.arrayContaining(["Roadmap", "Business case & plan", "Members", "API tokens", "My account"]));
    for (const adminOnly of ["Invitations", "Audit log", "Users"]) expect(links).not.toContain(adminOnly);
    await clickNavLink(page, "Members");
    await title(page, "Members").waitFor();
    await page.getByRole("row", { name: /Casey Contributor/ }).waitFor();
    expect(await page.getByRole("button", { name: /^Remove / }).count()).toBe(0);
    await screenshot(page, "invitee-joined");
  });

  it("the members page lists the team; a role change on stale data is refused and reloaded", async () => {
    const team = [
      { email: "priya@acme.example", displayName: "Priya Raman", role: "isms_manager" },
      { email: "tomas@acme.example", displayName: "Tomás Ortega", role: "approver" },
      { email: "grace@acme.example", displayName: "Grace Okafor", role: "auditor" },
      { email: "jonas@acme.example", displayName: "Jonas Weber", role: "viewer" },
    ];
    for (const member of team) await addMemberThroughApi(admin.context, server.url, orgId, member);

    const { page } = admin;
    await clickNavLink(page, "Members");
    await title(page, "Members").waitFor();
    for (const name of ["Alice Admin", "Casey Contributor", "Grace Okafor", "Jonas Weber", "Priya Raman", "Tomás Ortega"]) {
      await page.getByRole("row", { name: new RegExp(name) }).waitFor();
    }
    await screenshot(page, "members");

    // Someone else changes Jonas's role after this page loaded it; the page still holds the old version.
    const { csrfToken } = (await (await admin.context.request.get(`${server.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
    const listed = await admin.context.request.get(`${server.url}/api/v1/orgs/${orgId}/members?q=jonas`);
    const [jonas] = ((await listed.json()) as { items: { userId: string; version: number }[] }).items;
    const changed = await admin.context.request.patch(`${server.url}/api/v1/orgs/${orgId}/members/${jonas?.userId}`, {
      headers: { "x-csrf-token": csrfToken },
      data: { role: "auditor", version: jonas?.version },
    });
    expect(changed.status()).toBe(200);

    const jonasRole = page.getByRole("combobox", { name: "Role of Jonas Weber" });
    expect(await jonasRole.inputValue()).toBe("viewer");
    await jonasRole.selectOption("approver");
    await page.getByText("Jonas Weber was changed by someone else").waitFor();
    await expect.poll(() => jonasRole.inputValue()).toBe("auditor");
    await screenshot(page, "members-stale-role-change");
  });

  it("the instance administrator disables the invitee, whose next request lands on the sign-in screen", async () => {
    await clickNavLink(admin.page, "Users");
    await title(admin.page, "Users").waitFor();
    await admin.page.getByRole("button", { name: "Disable Casey Contributor" }).click();
    const dialog = admin.page.getByRole("dialog", { name: "Disable Casey Contributor?" });
    await dialog.getByRole("button", { name: "Disable" }).click();
    await admin.page
      .getByRole("row", { name: /Casey Contributor/ })
      .getByText("Disabled")
      .waitFor();
    await admin.page.getByRole("button", { name: "Enable Casey Contributor" }).waitFor();
    await screenshot(admin.page, "user-disabled");

    const { page } = invitee;
    await clickNavLink(page, "API tokens");
    await title(page, "Sign in").waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByText("You have been signed out").waitFor();
    await screenshot(page, "invitee-signed-out");

    // Signing in again is refused, and the form says why.
    await page.getByLabel("Email").fill("casey@acme.example");
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "The email or password is wrong, or the account is disabled." }).waitFor();
    await screenshot(page, "invitee-sign-in-refused");
  });

  it("no page logged an error or a CSP violation, and the only refused requests were the expected ones", () => {
    expect(admin.watch.errors).toEqual([]);
    expect(invitee.watch.errors).toEqual([]);
    expect(admin.watch.failedApiCalls).toEqual([
      expect.stringMatching(new RegExp(`^409 PATCH /api/v1/orgs/${orgId}/members/[0-9a-f-]{36}$`)),
    ]);
    expect(invitee.watch.failedApiCalls).toEqual([`401 GET /api/v1/orgs/${orgId}/tokens`, "401 POST /api/v1/auth/login"]);
  });
});
