import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Db, openDatabase } from "../../src/server/db/database.js";
import { TEST_DB } from "./db.js";

const MAIN = join(import.meta.dirname, "..", "..", "src", "server", "main.ts");

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output(): string;
}

/** The real server entry point as its own process (as `npm start`), on the given database; resolves once /readyz answers. */
export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  for (let attempt = 0; ; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, LOG_LEVEL: "warn", ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += String(d);
    });
    child.stderr?.on("data", (d) => {
      output += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300 && !gone; i++) {
      try {
        if ((await fetch(`${url}/readyz`)).ok) return { child, url, exited, output: () => output };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill("SIGKILL");
    // A port taken by someone else: try another.
    if (attempt < 3 && /EADDRINUSE/.test(output)) continue;
    throw new Error(`the server process did not become ready:\n${output}`);
  }
}

/** A database of its own for a server process: a SQLite file in a new directory, or a new PostgreSQL schema. */
export async function processDatabase(): Promise<{ url: string; open(): Db; drop(): Promise<void> }> {
  if (TEST_DB === "postgres") {
    const base = process.env.ISMS_TEST_POSTGRES_URL as string;
    const schema = `proc_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const separator = base.includes("?") ? "&" : "?";
    return {
      url: `${base}${separator}options=-c%20search_path%3D${schema}`,
      open: () => openDatabase(base, { schema }),
      async drop() {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "isms-proc-db-"));
  const url = `sqlite:${join(dir, "isms.sqlite")}`;
  return {
    url,
    open: () => openDatabase(url),
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
