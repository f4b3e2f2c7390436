import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { POLICY_TEMPLATE } from "../../src/core/documents/documents.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SCREENSHOT_DIR = join(ROOT, "test-results", "e2e");
export const PASSWORD = "correct horse battery staple";

export interface RunningServer {
  url: string;
  /** What the server printed: shown when something fails. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/**
 * The built server (`npm run build` first) as a child process on a fresh SQLite file and a
 * free port, exactly as an operator runs it; resolves once /readyz answers.
 */
export async function startServer(): Promise<RunningServer> {
  const main = join(ROOT, "dist", "server", "main.js");
  if (!existsSync(main) || !existsSync(join(ROOT, "dist", "web", "index.html"))) {
    throw new Error("the app is not built: run `npm run build` before the browser tests");
  }
  const dir = mkdtempSync(join(tmpdir(), "isms-e2e-"));
  const port = await freePort();
  // Nothing from the caller's environment may preconfigure the instance (e.g. ISMS_ADMIN_EMAIL would skip first-run setup).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("ISMS_") && name !== "DATABASE_URL"));
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: `sqlite:${join(dir, "e2e.sqlite")}`, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  // Should the test run die before afterAll, the server must not outlive it.
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited(child);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, output: () => output, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** One person of a scenario: a browser profile of their own, its page, and what went wrong on it. */
export interface Person {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
}

/** A browser profile of its own (cookies, storage): one per person in a scenario. */
export async function newPerson(browser: Browser, baseURL: string): Promise<Person> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 860 }, locale: "en-GB", timezoneId: "UTC" });
  // Reports every CSP violation through the console, whether or not Chromium logs one itself.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "an inline resource"}`);
    });
  });
  const page = await context.newPage();
  return { context, page, watch: watchPage(page) };
}

export interface ScenarioOptions {
  /** Every person's viewport, set once their page is open (instead of newPerson's 1366 × 860). */
  viewport?: { width: number; height: number };
  /** How long starting the server, the browser and the profiles may take, where the configured hook timeout is too short. */
  timeout?: number;
}

/** A scenario's server, its browser and its people by name. */
export type Scenario<Name extends string> = { readonly server: RunningServer; readonly browser: Browser } & {
  readonly [N in Name]: Person;
};

/**
 * The server, a browser and a profile per person named: started before the describe block's
 * tests and hooks declared after this call, stopped after them. Vitest runs hooks only after
 * it has collected the block, so what this returns stands in for the server and the people
 * until they exist (destructuring it at describe level is fine) and throws, naming what, if
 * used before.
 */
export function browserScenario<const Name extends string>(people: readonly Name[], options: ScenarioOptions = {}): Scenario<Name> {
  const reserved = people.filter((name: string) => name === "server" || name === "browser");
  if (reserved.length > 0) throw new Error(`"${reserved.join('", "')}" names part of the scenario, not a person`);
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const started = new Map<Name, Person>();
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it in a test, or in a hook declared after browserScenario`);
    return value;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    for (const name of people) {
      const person = await newPerson(browser, server.url);
      if (options.viewport) await person.page.setViewportSize(options.viewport);
      started.set(name, person);
    }
  }, options.timeout);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const personNamed = (name: Name): Person => {
    const get = () => ready(started.get(name), `the person "${name}"`);
    return {
      get context() {
        return get().context;
      },
      get page() {
        return get().page;
      },
      get watch() {
        return get().watch;
      },
    };
  };
  // Filled with a stand-in for every name just below.
  const persons = {} as Record<Name, Person>;
  for (const name of people) persons[name] = personNamed(name);
  return {
    ...persons,
    server: {
      get url() {
        return ready(server, "the server").url;
      },
      output: () => ready(server, "the server").output(),
      stop: () => ready(server, "the server").stop(),
    },
    get browser() {
      return ready(browser, "the browser");
    },
  };
}

export interface PageWatch {
  /** Console errors, page errors and CSP violations. */
  errors: string[];
  /** API responses with a status of 400 or more, as "401 GET /api/v1/…" (query strings left out). */
  failedApiCalls: string[];
}

/**
 * Collects what should stay empty on a healthy page. Chromium also logs each failed response as
 * a console error ("Failed to load resource: …"); those are left out of `errors` because
 * `failedApiCalls` records them precisely, so a test can expect, say, exactly one 401.
 */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { errors: [], failedApiCalls: [] };
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (message.text().startsWith("Failed to load resource: the server responded with a status of")) return;
    watch.errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => watch.errors.push(`page error: ${error.message}`));
  page.on("response", (response) => {
    const { pathname } = new URL(response.url());
    if (response.status() >= 400 && pathname.startsWith("/api/")) {
      watch.failedApiCalls.push(`${response.status()} ${response.request().method()} ${pathname}`);
    }
  });
  return watch;
}

/**
 * Numbered full-page screenshots of one scenario in test-results/e2e/<scenario>-NN-<step>.png,
 * so a run can be looked at step by step; the scenario's shots from an earlier run are removed.
 */
export function screenshots(scenario: string): (page: Page, step: string) => Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const file of readdirSync(SCREENSHOT_DIR)) {
    if (file.startsWith(`${scenario}-`) && file.endsWith(".png")) rmSync(join(SCREENSHOT_DIR, file));
  }
  let count = 0;
  return async (page, step) => {
    count += 1;
    const file = `${scenario}-${String(count).padStart(2, "0")}-${step}.png`;
    await page.screenshot({ path: join(SCREENSHOT_DIR, file), fullPage: true, animations: "disabled" });
  };
}

/**
 * Adds a member without clicking through the UI: the admin's browser profile creates the
 * invitation (its cookie, plus the session's CSRF token), and the invitee accepts over plain HTTP.
 */
export async function addMemberThroughApi(
  admin: BrowserContext,
  baseURL: string,
  orgId: string,
  member: { email: string; displayName: string; role: string },
): Promise<void> {
  const me = await admin.request.get(`${baseURL}/api/v1/auth/me`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const invite = await admin.request.post(`${baseURL}/api/v1/orgs/${orgId}/invites`, {
    headers: { "x-csrf-token": csrfToken },
    data: { email: member.email, role: member.role },
  });
  if (invite.status() !== 201) throw new Error(`invite failed: ${invite.status()} ${await invite.text()}`);
  const { token } = (await invite.json()) as { token: string };
  const accepted = await fetch(`${baseURL}/api/v1/invites/${token}/accept`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: PASSWORD, displayName: member.displayName }),
  });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`);
}

/** A page's own title, not a section heading that happens to contain the same words. */
export const pageTitle = (page: Page, name: string | RegExp) =>
  page.getByRole("heading", { level: 1, name, exact: typeof name === "string" });

/** A link of the main navigation, whether or not its section is open. */
export const navLink = (page: Page, link: string) =>
  page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: link, exact: true, includeHidden: true });

/**
 * Opens a page from the main navigation, unfolding its section first when it is closed as a
 * user would, and waits for its title (the link's text unless said otherwise).
 */
export async function navigate(page: Page, link: string, heading: string | RegExp = link): Promise<void> {
  await clickNavLink(page, link);
  try {
    await pageTitle(page, heading).waitFor();
  } catch (error) {
    throw new Error(`after clicking "${link}": ${await whereWeAre(page)}`, { cause: error });
  }
}

/**
 * What the page shows when a wait failed (its address, its titles, its alerts), with a
 * screenshot in test-results/e2e/failed-*.png: a failure on a loaded CI machine says what happened.
 */
export async function whereWeAre(page: Page): Promise<string> {
  const file = `failed-${Date.now()}.png`;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The viewport as it is: a full-page shot resizes it, which resets the navigation's scrolling.
  await page.screenshot({ path: join(SCREENSHOT_DIR, file) }).catch(() => undefined);
  const titles = await page
    .locator("h1")
    .allTextContents()
    .catch(() => []);
  const alerts = await page
    .getByRole("alert")
    .allTextContents()
    .catch(() => []);
  return `at ${page.url()}, titles ${JSON.stringify(titles)}, alerts ${JSON.stringify(alerts)}, screenshot ${file}`;
}

/** Clicks a link of the main navigation, unfolding its section first when it is closed. */
export async function clickNavLink(page: Page, link: string): Promise<void> {
  const target = navLink(page, link);
  if (!(await target.isVisible())) {
    const sameLink = page.getByRole("link", { name: link, exact: true, includeHidden: true });
    const section = page.getByRole("navigation", { name: "Main navigation" }).locator("[data-nav-section]").filter({ has: sameLink });
    const toggle = section.locator("[data-nav-toggle]");
    // A section already unfolding (its link not shown yet) would fold again on a click.
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  }
  const from = page.url();
  const href = await target.getAttribute("href");
  await target.click();
  if (!href || new URL(from).pathname === href) return;
  // Twice, on a loaded CI machine, a click on a navigation link left the page where it was, with
  // no error (see whereWeAre's screenshot). It is said in the log, and the link followed by
  // keyboard. Any new address counts: a signed-out person is sent on to the sign-in page.
  const moved = await page
    .waitForURL((url) => url.href !== from, { timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (moved) return;
  console.warn(`the navigation link "${link}" did not answer a click: ${await whereWeAre(page)}; following it by keyboard`);
  await target.focus();
  await page.keyboard.press("Enter");
}

/** An activity's card on the roadmap, named by its id and title. */
export const activityCard = (page: Page, activityId: string) =>
  page.getByRole("article", { name: new RegExp(`^${activityId.replaceAll(".", "\\.")} `) });

/** First run through the screens: the administrator Alice creates herself and "Acme Corporation"; returns its id. */
export async function firstRun(page: Page): Promise<string> {
  await page.goto("/");
  await pageTitle(page, "Create the first administrator").waitFor();
  await page.getByLabel("Your name").fill("Alice Admin");
  await page.getByLabel("Email").fill("alice@acme.example");
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await page.getByLabel("Organization name").fill("Acme Corporation");
  await page.getByRole("button", { name: "Create organization" }).click();
  await pageTitle(page, "Roadmap").waitFor();
  const orgId = /\/orgs\/([0-9a-f-]{36})\/roadmap$/.exec(page.url())?.[1];
  if (!orgId) throw new Error(`no organization in ${page.url()}`);
  return orgId;
}

type Json = Record<string, unknown>;

/** The API as a signed-in person: their browser profile's cookie and the session's CSRF token. */
export async function apiAs(context: BrowserContext, baseURL: string, email: string) {
  const login = await context.request.post(`${baseURL}/api/v1/auth/login`, { data: { email, password: PASSWORD } });
  if (login.status() !== 200) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
  const { csrfToken } = (await (await context.request.get(`${baseURL}/api/v1/auth/me`)).json()) as { csrfToken: string };
  const call = async (method: "POST" | "PUT" | "PATCH", path: string, data: unknown = {}) => {
    const response = await context.request.fetch(`${baseURL}/api/v1${path}`, { method, data, headers: { "x-csrf-token": csrfToken } });
    if (response.status() >= 300) throw new Error(`${method} ${path} failed: ${response.status()} ${await response.text()}`);
    return (await response.json()) as Json;
  };
  return {
    get: async (path: string) => (await (await context.request.get(`${baseURL}/api/v1${path}`)).json()) as Json,
    post: (path: string, data?: unknown) => call("POST", path, data),
    put: (path: string, data: unknown) => call("PUT", path, data),
    patch: (path: string, data: unknown) => call("PATCH", path, data),
  };
}
export type Api = Awaited<ReturnType<typeof apiAs>>;

/** Every register of phase 1 through the API, so that 5.2 to 5.4 are complete and G1 can be requested. */
export async function fillPhase1(orgId: string, asManager: Api): Promise<void> {
  const base = `/orgs/${orgId}`;
  await asManager.post(`${base}/objectives`, { title: "Win regulated enterprise customers" });
  await asManager.post(`${base}/obligations`, {
    title: "GDPR",
    kind: "legal",
    source: "Regulation (EU) 2016/679",
    owner: "Data protection officer",
  });
  await asManager.patch(`${base}/priorities`, { statement: "Confidentiality of customer data first", existingSystems: null, version: 0 });
  await asManager.patch(`${base}/preliminary-scope`, {
    statement: "The SaaS platform",
    units: ["Engineering"],
    sites: ["Berlin"],
    version: 0,
  });
  await asManager.patch(`${base}/project-roles/sponsor`, { personName: "Chief Executive", version: 0 });
  await asManager.patch(`${base}/project-roles/project_lead`, { personName: "Priya Raman", version: 0 });
  await asManager.patch(`${base}/business-case`, {
    objectives: "Certify the SaaS platform",
    benefits: "Qualify for regulated tenders",
    resources: "ISMS manager 0.8 FTE",
    timeline: "12 months",
    risksOfNotImplementing: "Losing enterprise deals",
    version: 0,
  });
  await asManager.post(`${base}/business-case/costs`, { title: "Certification audit", amount: 18000, currency: "EUR" });
  await asManager.post(`${base}/milestones`, { title: "Stage 1 audit", dueDate: "2027-06-30", owner: "Priya Raman" });
}

/**
 * Phases 1 and 2 through the API, gates G1 and G2 requested by the manager and approved by
 * top management, so that a browser test can start at phase 3.
 */
export async function completePhases1And2(orgId: string, asManager: Api, asApprover: Api): Promise<void> {
  const base = `/orgs/${orgId}`;
  const approve = async (gate: string) => {
    const requested = await asManager.post(`${base}/gates/${gate}/approvals`, {});
    await asApprover.post(`${base}/approvals/${requested.id}/approve`, { version: 1 });
  };
  await fillPhase1(orgId, asManager);
  await approve("G1");

  await asManager.post(`${base}/scope/elements`, { kind: "org_unit", name: "Engineering", owner: "CTO" });
  await asManager.post(`${base}/scope/elements`, { kind: "information_system", name: "Analytics platform", owner: "CTO" });
  await asManager.post(`${base}/scope/elements`, { kind: "site", name: "Berlin office", owner: "Facilities" });
  await asManager.patch(`${base}/scope/narrative`, { narrative: "The SaaS platform, its team and its office.", version: 0 });
  const policy = await asManager.post(`${base}/documents`, {
    identifier: "POL-001",
    title: "Information security policy",
    type: "isms_policy",
    owner: "Priya Raman",
    nextReviewDate: "2027-06-30",
  });
  const draft = await asManager.patch(`${base}/documents/${policy.id}/versions/1`, {
    sections: POLICY_TEMPLATE.map(({ key, title }) => ({ key, title, markdown: `Our ${title.toLowerCase()}.` })),
    version: 1,
  });
  await asManager.post(`${base}/documents/${policy.id}/versions/1/submit`, { version: draft.version });
  await approve("G2");
}

const AXE_SCRIPT = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * The WCAG 2.x A and AA problems axe-core finds on the page as it is now (or within one part
 * of it), as "rule: target, target" lines, so that a failing test names each offending element.
 */
export async function accessibilityProblems(page: Page, within?: string): Promise<string[]> {
  // Evaluated through the DevTools protocol rather than a script tag, which the app's CSP (rightly) refuses.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SCRIPT);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    // Every WCAG 2.1 A and AA rule, colour contrast and label-content-name-mismatch included (issue 15, item 9).
    const result = await axe.run(selector ?? document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      rules: { "label-content-name-mismatch": { enabled: true } },
    });
    return result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  }, within ?? null);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Badges whose text does not fit them: cut off with an ellipsis or clipped. */
export async function truncatedBadges(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".mantine-Badge-label, .mantine-Badge-root")]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent ?? ""),
  );
}
