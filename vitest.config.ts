import { defineConfig } from "vitest/config";

/** Unit, API and CLI tests. ISMS_TEST_DB=postgres reruns the database-backed ones on PostgreSQL (see scripts/test.mjs). */
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/api/**/*.test.ts"],
    environment: "node",
    reporters: ["default", "./scripts/vitest-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    allowOnly: false,
  },
});
