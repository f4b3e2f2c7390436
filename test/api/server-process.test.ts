import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { TEST_DB } from "../helpers/db.js";

const MAIN = join(import.meta.dirname, "..", "..", "src", "server", "main.ts");

/** Runs the real server entry point as its own process, as `npm start` does. */
function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += String(d);
  });
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not become ready");
}

const freePort = () => 20000 + Math.floor(Math.random() * 20000);

describe("the server process", () => {
  it("refuses a bad setting with one line naming it and exit code 2", async () => {
    const run = startProcess({ PORT: "not-a-port", DATABASE_URL: "sqlite::memory:" });
    expect(await run.exited).toBe(2);
    const { stderr } = run.output();
    expect(stderr.trim().split("\n")).toEqual(['isms: invalid configuration: PORT must be a port number (got "not-a-port")']);
  });

  it("migrates a fresh database, creates the first administrator from the environment, logs JSON with request ids and no secrets, and stops cleanly on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "isms-proc-"));
    const port = freePort();
    // The process always runs on a fresh SQLite file: this test is about the process, not the database.
    const run = startProcess({
      DATABASE_URL: `sqlite:${join(dir, "nested", "isms.sqlite")}`,
      PORT: String(port),
      ISMS_ADMIN_EMAIL: "boot@example.com",
      ISMS_ADMIN_PASSWORD: "first start passphrase 9",
    });
    await waitReady(port);
    const setup = await (await fetch(`http://127.0.0.1:${port}/api/v1/setup`)).json();
    expect(setup).toEqual({ needsSetup: false });
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "trace-me-123" },
      body: JSON.stringify({ email: "boot@example.com", password: "first start passphrase 9" }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get("x-request-id")).toBe("trace-me-123");
    await fetch(`http://127.0.0.1:${port}/api/v1/invites/${"s".repeat(43)}`);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    const { stdout } = run.output();
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.reqId === "trace-me-123")).toBe(true);
    expect(stdout).not.toContain("first start passphrase 9");
    expect(stdout).not.toContain("s".repeat(43));
    expect(stdout).not.toMatch(/isms_session=/);
    expect(lines.some((l) => String(l.msg).includes("shutting down"))).toBe(true);
  }, 30_000);

  // Registered only on the PostgreSQL run, so the SQLite run has nothing to skip.
  if (TEST_DB === "postgres") {
    it("starts against PostgreSQL, migrates its schema and answers /readyz", async () => {
      const base = process.env.ISMS_TEST_POSTGRES_URL as string;
      const schema = `proc_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const port = freePort();
      const run = startProcess({ DATABASE_URL: `${base}?options=-c%20search_path%3D${schema}`, PORT: String(port) });
      try {
        await waitReady(port);
        expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: "ready", database: "postgres" });
        const tables = await admin.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1", [schema]);
        expect(tables.rows[0].n).toBeGreaterThan(5);
      } finally {
        run.child.kill("SIGTERM");
        expect(await run.exited).toBe(0);
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      }
    });
  }
});
