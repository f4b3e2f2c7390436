import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";

const dir = mkdtempSync(join(tmpdir(), "isms-ckpt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SQLite checkpoints in the background", () => {
  it("a large commit leaves the copy into the database file to the worker thread, which does it soon after", async () => {
    const file = join(dir, "big.sqlite");
    const db = openDatabase(`sqlite:${file}`, { auditKey: null });
    await sql`create table filler (id integer primary key, body text not null)`.execute(db.kysely);
    const body = "x".repeat(4000);
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < 3000; i++) await sql`insert into filler (body) values (${body})`.execute(trx);
    });
    // About 12 MB were committed into the log; the commit did not copy them into the file.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(10_000_000);
    expect(statSync(file).size).toBeLessThan(1_000_000);
    const deadline = Date.now() + 5000;
    while (statSync(file).size < 10_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(10_000_000);
    const count = await sql<{ n: number }>`select count(*) as n from filler`.execute(db.kysely);
    expect(Number(count.rows[0]?.n)).toBe(3000);
    await db.close();
  });
});
