import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DB, type TestDatabase } from "../../test/helpers/db.js";
import { buildApp } from "../server/app.js";
import { createSession } from "../server/auth/sessions.repo.js";
import { testConfig } from "../server/config.js";
import { withWrite } from "../server/db/audited.js";
import { openDatabase } from "../server/db/database.js";
import { migrationNames } from "../server/db/migrate.js";
import { verifyPassword } from "../server/security/hashing.js";
import { run } from "./main.js";

const PASSWORD = "correct horse battery staple";
const PROJECT_ROOT = join(import.meta.dirname, "..", "..");

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function isms(argv: string, options: { env?: Record<string, string | undefined>; stdin?: string } = {}): Promise<Result> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(argv.split(" ").filter(Boolean), {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: { DATABASE_URL: database.url, ISMS_DB_SCHEMA: database.schema, ...options.env },
  });
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

/**
 * A database nothing has migrated yet, reached the way an operator reaches a fresh one: on
 * PostgreSQL a new database with the default search_path rather than a test schema.
 */
async function emptyDatabase(): Promise<{ env: { DATABASE_URL: string; ISMS_DB_SCHEMA: undefined }; drop(): Promise<void> }> {
  if (TEST_DB === "postgres") {
    const url = process.env.ISMS_TEST_POSTGRES_URL as string;
    const name = `isms_cli_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    await admin(`CREATE DATABASE ${name}`);
    const fresh = new URL(url);
    fresh.pathname = `/${name}`;
    return { env: { DATABASE_URL: fresh.href, ISMS_DB_SCHEMA: undefined }, drop: () => admin(`DROP DATABASE ${name} WITH (FORCE)`) };
  }
  const dir = mkdtempSync(join(tmpdir(), "isms-cli-"));
  return {
    env: { DATABASE_URL: `sqlite:${join(dir, "fresh.sqlite")}`, ISMS_DB_SCHEMA: undefined },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

const userRow = (email: string) => database.db.kysely.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe("usage and configuration errors", () => {
  it("exits 2 on an unknown command, with one isms: line on stderr", async () => {
    const result = await isms("frobnicate");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("isms: unknown command 'frobnicate'\n");
  });

  it("exits 2 with one line naming the variable when DATABASE_URL is not a database URL", async () => {
    const result = await isms("user list", { env: { DATABASE_URL: "mysql://localhost/isms" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^isms: invalid configuration: DATABASE_URL must be sqlite:<path> or postgres:\/\/[^\n]*\n$/);
    expect(result.stdout).toBe("");
  });

  it("refuses an ISMS_DB_SCHEMA that is not a plain identifier, since it goes into the search_path", async () => {
    const result = await isms("org list", { env: { DATABASE_URL: "postgres://nobody@127.0.0.1:1/x", ISMS_DB_SCHEMA: "public;drop" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^isms: invalid configuration: ISMS_DB_SCHEMA must be a plain SQL identifier\n$/);
  });

  it("prints help on stdout with exit 0", async () => {
    const result = await isms("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: isms \[options\] \[command\]/);
    expect(result.stdout).toContain("audit");
  });

  it("says in the demo's help how far the demo goes: through gate G4", async () => {
    const result = await isms("demo --help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/through\s+gate\s+G4/);
    expect(result.stdout).not.toMatch(/G1\s+approved/);
  });
});

describe("db migrate", () => {
  it("applies the migrations to a fresh database once, then reports it up to date", async () => {
    const fresh = await emptyDatabase();
    try {
      expect(await isms("db migrate", { env: fresh.env })).toEqual({
        code: 0,
        stdout: migrationNames()
          .map((name) => `applied ${name}\n`)
          .join(""),
        stderr: "",
      });
      expect(await isms("db migrate", { env: fresh.env })).toEqual({ code: 0, stdout: "the database is up to date\n", stderr: "" });
    } finally {
      await fresh.drop();
    }
  });

  it("migrates a fresh database before any other command", async () => {
    const fresh = await emptyDatabase();
    try {
      expect(await isms("user list", { env: fresh.env })).toEqual({ code: 0, stdout: "no users\n", stderr: "" });
    } finally {
      await fresh.drop();
    }
  });
});

describe("user", () => {
  it("creates a user with the password from stdin, as the system actor, and audits it", async () => {
    const result = await isms("user create --email Alice@Example.com --name Alice --password-stdin --instance-admin", {
      stdin: `${PASSWORD}\n`,
    });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^created user alice@example\.com \([0-9a-f-]{36}\) as instance administrator\n$/);
    const alice = await userRow("alice@example.com");
    expect(alice).toMatchObject({ display_name: "Alice", is_instance_admin: 1 });
    expect(await verifyPassword(alice.password_hash, PASSWORD)).toBe(true);
    const event = await database.db.kysely
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", alice.id)
      .where("action", "=", "user.created")
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_type: "system", actor_id: null, request_id: "cli:user create" });
  });

  it("takes the password from ISMS_USER_PASSWORD when --password-stdin is not given", async () => {
    const result = await isms("user create --email bob@example.com --name Bob", { env: { ISMS_USER_PASSWORD: PASSWORD } });
    expect(result.code).toBe(0);
    const bob = await userRow("bob@example.com");
    expect(bob.is_instance_admin).toBe(0);
    expect(await verifyPassword(bob.password_hash, PASSWORD)).toBe(true);
  });

  it("exits 2 without a password, with a short one, or with a bad email, and 1 for a duplicate", async () => {
    const none = await isms("user create --email carol@example.com --name Carol");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^isms: give the password with --password-stdin or in the ISMS_USER_PASSWORD/);
    const short = await isms("user create --email carol@example.com --name Carol --password-stdin", { stdin: "short\n" });
    expect(short).toMatchObject({ code: 2, stderr: "isms: the password read from stdin must be at least 12 characters\n" });
    const weak = await isms("user create --email carol@example.com --name Carol", { env: { ISMS_USER_PASSWORD: "aaaaaaaaaaaaaaaa" } });
    expect(weak).toMatchObject({ code: 2, stderr: "isms: ISMS_USER_PASSWORD is too easy to guess: it repeats characters\n" });
    const ownEmail = await isms("user create --email carol@example.com --name Carol --password-stdin", {
      stdin: "carol@example.com 2026\n",
    });
    expect(ownEmail).toMatchObject({ code: 2, stderr: "isms: the password read from stdin must not contain your email address\n" });
    const badEmail = await isms("user create --email carol --name Carol", { env: { ISMS_USER_PASSWORD: PASSWORD } });
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toMatch(/^isms: option '--email <email>' argument 'carol' is invalid\. must be an email address\n$/);
    const duplicate = await isms("user create --email BOB@example.com --name Bob", { env: { ISMS_USER_PASSWORD: PASSWORD } });
    expect(duplicate).toMatchObject({ code: 1, stderr: "isms: a user with the email bob@example.com already exists\n" });
    expect(await database.db.kysely.selectFrom("users").select("email").where("email", "like", "carol%").execute()).toEqual([]);
  });

  it("lists users as a table and as JSON", async () => {
    const table = await isms("user list");
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+INSTANCE ADMIN\s+DISABLED\s+CREATED\s+ID$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([
      ["alice@example.com", "Alice", "yes", "no"],
      ["bob@example.com", "Bob", "no", "no"],
    ]);
    const json = await isms("user list --json");
    expect(JSON.parse(json.stdout)).toMatchObject([
      { email: "alice@example.com", displayName: "Alice", isInstanceAdmin: true, disabled: false },
      { email: "bob@example.com", displayName: "Bob", isInstanceAdmin: false, disabled: false },
    ]);
  });

  it("disabling a user revokes their live sessions", async () => {
    const bob = await userRow("bob@example.com");
    const { session } = await withWrite(database.db, { actor: { type: "user", id: bob.id }, requestId: null, ip: null }, (ctx) =>
      createSession(ctx, bob.id, { idleMinutes: 60, absoluteHours: 12 }, { ip: null, userAgent: null }),
    );
    expect(await isms("user disable bob@example.com")).toEqual({
      code: 0,
      stdout: "disabled bob@example.com; ended 1 session\n",
      stderr: "",
    });
    const after = await database.db.kysely.selectFrom("sessions").selectAll().where("id", "=", session.id).executeTakeFirstOrThrow();
    expect(after.revoked_at).not.toBeNull();
    expect((await userRow("bob@example.com")).disabled_at).not.toBeNull();
    expect(JSON.parse((await isms("user list --json")).stdout)[1]).toMatchObject({ email: "bob@example.com", disabled: true });
  });

  it("exits 1 when disabling an unknown user and 2 for a malformed email", async () => {
    expect(await isms("user disable nobody@example.com")).toMatchObject({
      code: 1,
      stderr: "isms: no user has the email nobody@example.com\n",
    });
    expect((await isms("user disable nobody")).code).toBe(2);
  });

  it("refuses to disable the last instance administrator", async () => {
    const result = await isms("user disable alice@example.com");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/last enabled instance administrator/);
    expect((await userRow("alice@example.com")).disabled_at).toBeNull();
  });
});

describe("org and member", () => {
  it("creates an organization with the given user as its administrator, and lists it", async () => {
    const created = await isms("org create Acme --admin alice@example.com");
    expect(created.code).toBe(0);
    const orgId = /\(([0-9a-f-]{36})\)/.exec(created.stdout)?.[1] as string;
    const alice = await userRow("alice@example.com");
    const membership = await database.db.kysely.selectFrom("memberships").selectAll().where("org_id", "=", orgId).executeTakeFirstOrThrow();
    expect(membership).toMatchObject({ user_id: alice.id, role: "admin" });

    const table = await isms("org list");
    expect(table.stdout).toMatch(new RegExp(`^NAME\\s+MEMBERS\\s+CREATED\\s+ID\\nAcme\\s+1\\s+\\S+\\s+${orgId}\\n$`));
    expect(JSON.parse((await isms("org list --json")).stdout)).toEqual([
      { id: orgId, name: "Acme", members: 1, createdAt: expect.any(String) },
    ]);
  });

  it("refuses an unknown or disabled administrator with exit 1", async () => {
    expect(await isms("org create Other --admin nobody@example.com")).toMatchObject({
      code: 1,
      stderr: "isms: no user has the email nobody@example.com\n",
    });
    expect((await isms("org create Other --admin bob@example.com")).stderr).toMatch(/^isms: bob@example.com is disabled/);
    expect(JSON.parse((await isms("org list --json")).stdout)).toHaveLength(1);
  });

  it("exits 2 naming --role for a role that does not exist, and changes nothing", async () => {
    await isms("user create --email dave@example.com --name Dave", { env: { ISMS_USER_PASSWORD: PASSWORD } });
    const result = await isms("member add --org Acme --email dave@example.com --role boss");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "isms: option '--role <role>' argument 'boss' is invalid. must be one of admin, isms_manager, contributor, approver, auditor, viewer\n",
    );
    expect(JSON.parse((await isms("org list --json")).stdout)[0].members).toBe(1);
  });

  it("adds a member by organization name or id, and refuses a second membership or an unknown organization", async () => {
    expect(await isms("member add --org Acme --email dave@example.com --role contributor")).toEqual({
      code: 0,
      stdout: 'added dave@example.com to "Acme" as contributor\n',
      stderr: "",
    });
    const [acme] = JSON.parse((await isms("org list --json")).stdout);
    const again = await isms(`member add --org ${acme.id} --email dave@example.com --role viewer`);
    expect(again).toMatchObject({ code: 1, stderr: 'isms: dave@example.com is already a member of "Acme" (role contributor)\n' });
    expect((await isms("member add --org Nowhere --email dave@example.com --role viewer")).code).toBe(1);
    const dave = await userRow("dave@example.com");
    const role = await database.db.kysely
      .selectFrom("memberships")
      .select("role")
      .where("org_id", "=", acme.id)
      .where("user_id", "=", dave.id)
      .executeTakeFirstOrThrow();
    expect(role.role).toBe("contributor");
  });

  it("refuses an organization name two organizations share", async () => {
    await isms("org create Twin --admin alice@example.com");
    await isms("org create Twin --admin alice@example.com");
    const result = await isms("member add --org Twin --email dave@example.com --role viewer");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^isms: 2 organizations are named "Twin"; give the id instead/);
  });
});

describe("token", () => {
  it("prints a secret once that authenticates against the real API, until it is revoked", async () => {
    const result = await isms("token create --org Acme --email dave@example.com --name ci --expires-days 7");
    expect(result.code).toBe(0);
    const secret = result.stdout.trimEnd().split("\n").at(-1) as string;
    const tokenId = /\(([0-9a-f-]{36})\)/.exec(result.stdout)?.[1] as string;
    expect(secret).toMatch(/^isms_pat_\S{20,}$/);
    const row = await database.db.kysely.selectFrom("api_tokens").selectAll().where("id", "=", tokenId).executeTakeFirstOrThrow();
    expect(Date.parse(row.expires_at as string) - Date.parse(row.created_at)).toBe(7 * 86_400_000);

    const app = await buildApp({ db: database.db, config: testConfig(), logger: false });
    try {
      const asToken = () => app.inject({ method: "GET", url: "/api/v1/orgs", headers: { authorization: `Bearer ${secret}` } });
      const before = await asToken();
      expect(before.statusCode).toBe(200);
      expect(before.json().items).toMatchObject([{ name: "Acme", role: "contributor" }]);

      expect(await isms(`token revoke ${tokenId}`)).toEqual({ code: 0, stdout: `revoked API token "ci" (${tokenId})\n`, stderr: "" });
      expect((await asToken()).statusCode).toBe(401);
    } finally {
      await app.close();
    }
    expect(await isms(`token revoke ${tokenId}`)).toMatchObject({ code: 1, stderr: "isms: the token is already revoked\n" });
  });

  it("creates a token that never expires, as JSON for scripts", async () => {
    const result = await isms("token create --org Acme --email alice@example.com --name backup --no-expiry --json");
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(created).toMatchObject({ name: "backup", expiresAt: null, revokedAt: null, token: expect.stringMatching(/^isms_pat_/) });
  });

  it("refuses a non-member, a disabled user, conflicting expiry options and an unknown token id", async () => {
    await isms("user create --email erin@example.com --name Erin", { env: { ISMS_USER_PASSWORD: PASSWORD } });
    expect(await isms("token create --org Acme --email erin@example.com --name x")).toMatchObject({
      code: 1,
      stderr: 'isms: erin@example.com is not a member of "Acme"\n',
    });
    expect((await isms("token create --org Acme --email bob@example.com --name x")).code).toBe(1);
    const conflicting = await isms("token create --org Acme --email dave@example.com --name x --expires-days 3 --no-expiry");
    expect(conflicting.code).toBe(2);
    expect(conflicting.stderr).toMatch(/--expires-days.*--no-expiry/);
    const badDays = await isms("token create --org Acme --email dave@example.com --name x --expires-days soon");
    expect(badDays).toMatchObject({ code: 2, stderr: expect.stringMatching(/'--expires-days <days>'.*must be a whole number of days/) });
    expect((await isms("token revoke 01900000-0000-7000-8000-000000000000")).code).toBe(1);
    expect((await isms("token revoke not-a-uuid")).code).toBe(2);
  });
});

describe("audit verify", () => {
  it("reports every chain intact and exits 0", async () => {
    const result = await isms("audit verify");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^organization "Acme" \([0-9a-f-]{36}\): intact \(\d+ events\)$/m);
    expect(result.stdout).toMatch(/^instance: intact \(\d+ events\)$/m);
    const json = JSON.parse((await isms("audit verify --org Acme --json")).stdout);
    expect(json).toEqual([
      {
        chain: expect.any(String),
        org: { id: json[0].chain, name: "Acme" },
        intact: true,
        events: expect.any(Number),
        brokenAt: null,
        // A SQLite file gets an audit key beside it; PostgreSQL has none unless configured.
        signed: TEST_DB === "sqlite",
      },
    ]);
  });

  it("exits 1 and names the first broken event after an event was altered", async () => {
    const fresh = await emptyDatabase();
    const own = (argv: string) => isms(argv, { env: { ...fresh.env, ISMS_USER_PASSWORD: PASSWORD } });
    const db = openDatabase(fresh.env.DATABASE_URL);
    try {
      await own("user create --email root@example.com --name Root");
      await own("org create Victim --admin root@example.com");
      await own("org create Bystander --admin root@example.com");
      expect((await own("audit verify")).code).toBe(0);

      // An attacker with direct database access: the append-only trigger stops everyone else.
      if (TEST_DB === "postgres") await sql`DROP TRIGGER audit_events_no_change ON audit_events`.execute(db.kysely);
      else await sql`DROP TRIGGER audit_events_no_update`.execute(db.kysely);
      const victim = await db.kysely
        .selectFrom("audit_events as e")
        .innerJoin("organizations as o", "o.id", "e.org_id")
        .select(["e.id", "e.seq"])
        .where("o.name", "=", "Victim")
        .where("e.action", "=", "member.added")
        .executeTakeFirstOrThrow();
      await db.kysely
        .updateTable("audit_events")
        .set({ changes: '{"role":{"before":null,"after":"viewer"}}' })
        .where("id", "=", victim.id)
        .execute();

      const all = await own("audit verify");
      expect(all.code).toBe(1);
      expect(all.stdout).toMatch(
        new RegExp(
          `^organization "Victim" \\(\\S+\\): broken at seq ${Number(victim.seq)}, event ${victim.id}: the event's content does not match its hash \\(it was altered\\)$`,
          "m",
        ),
      );
      expect(all.stdout).toMatch(/^organization "Bystander" .*: intact \(2 events\)$/m);
      expect(all.stdout).toMatch(/^instance: intact \(1 event\)$/m);
      expect(all.stderr).toBe("isms: 1 of 3 audit chains are broken\n");

      const one = await own("audit verify --org Victim --json");
      expect(one.code).toBe(1);
      expect(JSON.parse(one.stdout)[0]).toMatchObject({ intact: false, brokenAt: { id: victim.id, seq: Number(victim.seq) } });
      expect((await own("audit verify --org Bystander")).code).toBe(0);
    } finally {
      await db.close();
      await fresh.drop();
    }
  });

  it("exits 1 for an organization that does not exist", async () => {
    expect(await isms("audit verify --org Nowhere")).toMatchObject({
      code: 1,
      stderr: 'isms: no organization has the id or name "Nowhere"\n',
    });
  });
});

describe("the isms executable", () => {
  const exec = promisify(execFile);
  const cli = (args: string[], env: Record<string, string> = {}) =>
    exec(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });

  it("ends quietly when the reader of its output stops early", async () => {
    const { stdout, stderr } = await exec("sh", ["-c", `"${process.execPath}" --import tsx src/cli/main.ts --help | head -n 1`], {
      cwd: PROJECT_ROOT,
    });
    expect(stdout).toMatch(/^Usage: isms/);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });

  it("runs as a process and prints its help", async () => {
    const { stdout } = await cli(["--help"]);
    expect(stdout).toMatch(/^Usage: isms \[options\] \[command\]/);
  });

  it("exits the process with the command's exit code", async () => {
    const failed = cli(["org", "list"], { DATABASE_URL: "nonsense" });
    await expect(failed).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^isms: invalid configuration: DATABASE_URL [^\n]+\n$/),
    });
  });
});

describe("user enable", () => {
  it("re-enables a disabled account so it can sign in again", async () => {
    expect((await isms("user create --email carol@example.com --name Carol", { env: { ISMS_USER_PASSWORD: PASSWORD } })).code).toBe(0);
    expect((await isms("user disable carol@example.com")).code).toBe(0);
    expect(await isms("user enable carol@example.com")).toEqual({ code: 0, stdout: "enabled carol@example.com\n", stderr: "" });
    expect(await isms("user enable carol@example.com")).toMatchObject({ code: 0, stdout: "already enabled carol@example.com\n" });
    const row = await database.db.kysely
      .selectFrom("users")
      .select("disabled_at")
      .where("email", "=", "carol@example.com")
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
  });
});

describe("roadmap commands, against a server", () => {
  it("creates the demo once, then prints its roadmap, approvals, risks and SoA through the API with only ISMS_URL and ISMS_TOKEN", async () => {
    const fresh = await emptyDatabase();
    const config = mkdtempSync(join(tmpdir(), "isms-config-"));
    let server: Awaited<ReturnType<typeof buildApp>> | null = null;
    let serverDb: ReturnType<typeof openDatabase> | null = null;
    try {
      const env = fresh.env;
      expect(await isms("demo", { env })).toMatchObject({ code: 1, stderr: expect.stringMatching(/there is no user yet/) });
      expect(
        (await isms("user create --email root@example.com --name Root --instance-admin", { env: { ...env, ISMS_USER_PASSWORD: PASSWORD } }))
          .code,
      ).toBe(0);
      const demo = await isms("demo", { env });
      expect(demo.stdout).toMatch(/^created "Demo: Northwind Analytics"/);
      expect((await isms("demo", { env })).stdout).toMatch(/^already there:/);
      const orgId = (demo.stdout.match(/\(([0-9a-f-]{36})\)/) as RegExpMatchArray)[1] as string;
      const token = JSON.parse(
        (await isms(`token create --org ${orgId} --email root@example.com --name cli --json`, { env })).stdout,
      ).token;

      serverDb = openDatabase(env.DATABASE_URL);
      server = await buildApp({ db: serverDb, config: testConfig(), logger: false });
      await server.listen({ port: 0, host: "127.0.0.1" });
      const address = server.server.address() as { port: number };
      const url = `http://127.0.0.1:${address.port}`;
      // Only the server and the token: no database at all.
      const remote = { DATABASE_URL: undefined, ISMS_DB_SCHEMA: undefined, XDG_CONFIG_HOME: config, ISMS_URL: url, ISMS_TOKEN: token };

      expect(await isms("status", { env: { ...remote, ISMS_URL: undefined } })).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/talks to a running server/),
      });
      const table = await isms("status", { env: remote });
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toMatch(/^Demo: Northwind Analytics: 100% of the ISMS implementation done \(25 of 25 activities\)/);
      expect(table.stdout).toMatch(/5\.4\s+P1\s+approved\s+G1 approved/);
      expect(table.stdout).toMatch(/6\.2\s+P2\s+complete/);

      const json = JSON.parse((await isms("status --json", { env: remote })).stdout);
      const byId = Object.fromEntries(json.activities.map((a: { id: string; status: string }) => [a.id, a.status]));
      expect(byId).toMatchObject({ "5.2": "complete", "5.4": "approved", "6.2": "complete", "9.4a": "complete", "9.5": "approved" });
      expect(json.activities).toHaveLength(25);
      expect(json.organization).toEqual({ id: orgId, name: "Demo: Northwind Analytics" });

      const approvals = await isms("approvals list", { env: remote });
      expect(approvals.stdout).toMatch(/G1\s+approved\s+/);
      expect(approvals.stdout).toMatch(/G3\s+approved\s+/);
      expect((await isms("approvals changes --gate G3", { env: remote })).stdout).toBe("nothing changed since gate G3 was approved\n");
      expect(await isms("approvals changes --gate G7", { env: remote })).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/not approved/),
      });

      const risks = await isms("risks list", { env: remote });
      expect(risks.stdout).toMatch(/R-0001\s+Very high \(4×5\)\s+Medium \(2×4\)\s+modify/);
      expect(
        JSON.parse((await isms("risks list --json --min-level 2", { env: remote })).stdout).map((r: { ref: string }) => r.ref),
      ).toEqual(["R-0001", "R-0003"]);
      const quant = await isms("risks quant --seed 5 --iterations 2000", { env: remote });
      expect(quant.stdout).toMatch(/^1 quantified risk\(s\), 2,000 iterations, seed 5, EUR\ncurrent\s+ALE [\d,]+/);
      expect((await isms("risks quant --seed 5 --iterations 2000", { env: remote })).stdout).toBe(quant.stdout);
      const soa = await isms("soa", { env: remote });
      expect(soa.stdout).toMatch(/^93 controls: \d+ applicable, \d+ excluded, 0 undecided; version 1 issued\n/);
      expect(soa.stdout).toMatch(/A\.8\.5\s+yes\s+\w+\s+Selected to treat risk R-0001/);
      expect(JSON.parse((await isms("approvals list --json --status pending", { env: remote })).stdout)).toEqual([]);
      expect((await isms("approvals list --status maybe", { env: remote })).code).toBe(2);
      const assets = await isms("export assets", { env: remote });
      expect(assets.code, assets.stderr).toBe(0);
      expect(assets.stdout).toMatch(/^\uFEFF?External reference,Name,Kind/);

      // An API token opens its own organization only.
      expect((await isms("org create Second --admin root@example.com", { env })).code).toBe(0);
      expect(await isms("status --org Second", { env: remote })).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/no organization this token opens/),
      });
      expect((await isms(`status --org ${orgId} --json`, { env: remote })).code).toBe(0);
      expect(await isms("status", { env: { ...remote, ISMS_TOKEN: "isms_pat_wrong" } })).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/refused the token/),
      });

      // `isms login` checks the token, then keeps server and token in a file only its owner reads.
      const login = await isms(`login ${url}`, { env: remote });
      expect(login.code, login.stderr).toBe(0);
      const file = join(config, "isms", "config.json");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const saved = { DATABASE_URL: undefined, ISMS_DB_SCHEMA: undefined, XDG_CONFIG_HOME: config };
      expect((await isms("status --json", { env: saved })).code).toBe(0);
      expect((await isms("logout", { env: saved })).stdout).toMatch(/^removed /);
      expect((await isms("status", { env: saved })).code).toBe(2);
      expect((await isms(`status --server ${url}`, { env: { ...saved, ISMS_TOKEN: token } })).code).toBe(0);
    } finally {
      await server?.close();
      await serverDb?.close();
      rmSync(config, { recursive: true, force: true });
      await fresh.drop();
    }
  });
});
