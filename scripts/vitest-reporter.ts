import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends the run with the line `N passed, N failed` that CI reads, and writes the counts to
 * $ISMS_TEST_SUMMARY (when set) so the test script can add up several runs.
 */
export default class CountingReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let failedInModule = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failedInModule++;
        else skipped++;
      }
      // A file that failed outside its tests (an import, a beforeAll) counts as a failure, even when its tests were skipped.
      failed += failedInModule > 0 ? failedInModule : module.state() === "failed" ? 1 : 0;
    }
    const label = process.env.ISMS_TEST_LABEL ? `${process.env.ISMS_TEST_LABEL}: ` : "";
    process.stdout.write(`\n${label}${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
    if (process.env.ISMS_TEST_SUMMARY) writeFileSync(process.env.ISMS_TEST_SUMMARY, JSON.stringify({ passed, failed, skipped }));
  }
}
