import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { formatProblems, loadCatalogText } from "../../src/core/process/catalog.js";
import type { ProcessData } from "../../src/core/process/data.js";
import { evaluate } from "../../src/core/process/engine.js";
import { completeScope } from "../../src/core/scope/examples.js";
import { areaRules } from "../../src/server/modules/process/area-rules.js";

const ITEMS = 10_000;
const WARMUP = 50;
const RUNS = 500;

/**
 * 10,000 register items over the phase-1 registers. Every tenth milestone lacks an owner so the
 * rules also build their lists of missing items, as they would for a real project mid-way.
 */
function largeData(): ProcessData {
  const share = (part: number) => Math.floor((ITEMS * part) / 10);
  const range = (count: number) => Array.from({ length: count }, (_, i) => i);
  return {
    notApplicable: { "9.4c": { justification: "Training is run by the group; covered by its programme." } },
    gates: { G1: "approved", G2: "pending" },
    scope: completeScope(),
    phase1: {
      objectives: range(share(2)).map((i) => ({ id: `obj-${i}`, title: `Business objective ${i}` })),
      obligations: range(share(2)).map((i) => ({
        id: `obl-${i}`,
        title: `Obligation ${i}`,
        kind: "contractual",
        source: `Contract ${i}`,
        owner: "Legal",
      })),
      priorities: { statement: "Customer data first.", existingSystems: "ISO 9001" },
      preliminaryScope: {
        statement: "The whole company.",
        units: range(share(1)).map((i) => `Unit ${i}`),
        sites: range(share(1)).map((i) => `Site ${i}`),
      },
      projectRoles: [
        { key: "sponsor", title: "Sponsor", personName: "Dana Chief", required: true },
        { key: "project_lead", title: "ISMS project lead", personName: "Sam Lead", required: true },
      ],
      businessCase: {
        objectives: "Certification.",
        benefits: "New markets.",
        costs: range(share(2)).map((i) => ({ id: `cost-${i}`, label: `Cost ${i}`, amount: 100 + i, currency: "EUR" })),
        resources: "A team.",
        timeline: "One year.",
        risksOfNotImplementing: "Lost tenders.",
      },
      milestones: range(share(2)).map((i) => ({
        id: `ms-${i}`,
        title: `Milestone ${i}`,
        dueDate: "2026-06-30",
        owner: i % 10 === 0 ? null : "Sam Lead",
      })),
    },
  };
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Evaluating the roadmap runs on every roadmap request, so it must stay well under a request's budget. */
export async function processEngine(): Promise<void> {
  // Every area's rules, as the server evaluates them.
  const { rules, names } = await areaRules();
  const result = loadCatalogText(readFileSync(join(import.meta.dirname, "../../catalogs/iso27003-2010.yaml"), "utf8"), "yaml", names);
  if (!result.ok) throw new Error(formatProblems(result.problems));
  const data = largeData();
  for (let i = 0; i < WARMUP; i++) evaluate(result.catalog, data, rules);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    evaluate(result.catalog, data, rules);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `process-engine: evaluate full catalog with ${ITEMS.toLocaleString("en-US")} register items: median ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (target < 50 ms)`,
  );
}
