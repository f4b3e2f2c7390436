#!/usr/bin/env node
// npm test: every test but the browser tests, on SQLite, then the database-backed ones again,
// unchanged, on PostgreSQL when ISMS_TEST_POSTGRES_URL is set. Ends with the total line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const extra = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "isms-test-"));
const runs = [{ label: "sqlite", env: { ISMS_TEST_DB: "sqlite" }, args: [] }];
if (process.env.ISMS_TEST_POSTGRES_URL) {
  // Pure core logic does not touch a database; everything else runs again on PostgreSQL.
  runs.push({ label: "postgres", env: { ISMS_TEST_DB: "postgres" }, args: ["--exclude", "src/core/**", "--exclude", "node_modules/**"] });
}

let passed = 0;
let failed = 0;
for (const [i, run] of runs.entries()) {
  const summary = join(dir, `summary-${i}.json`);
  console.log(`\n=== tests on ${run.label} ===`);
  const result = spawnSync("npx", ["vitest", "run", ...run.args, ...extra], {
    stdio: "inherit",
    env: { ...process.env, ...run.env, ISMS_TEST_SUMMARY: summary, ISMS_TEST_LABEL: run.label },
  });
  if (existsSync(summary)) {
    const counts = JSON.parse(readFileSync(summary, "utf8"));
    passed += counts.passed;
    // A non-zero exit with no failed test (a crash, a collection error) still fails the run.
    failed += counts.failed || (result.status === 0 ? 0 : 1);
  } else {
    failed += 1;
  }
  if (result.status !== 0 && !existsSync(summary)) console.error(`vitest on ${run.label} exited with ${result.status}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
