import { performance } from "node:perf_hooks";
import { type CpmLink, type CpmTask, criticalPath } from "../../src/core/schedule/cpm.js";
import { type PlanLink, type PlanTask, schedulePlan } from "../../src/core/schedule/plan.js";
import { median } from "../support.js";

const TASKS = 5_000;
const LINKS = 10_000;
const RUNS = 30;

/** A deterministic pseudo-random sequence, so every run plans the same project. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** 5,000 tasks and 10,000 finish-to-start links, each from an earlier task to a later one (no cycle), some with a lag. */
function project() {
  const next = random(42);
  const ids = Array.from({ length: TASKS }, (_, i) => `t${i}`);
  const tasks: CpmTask[] = ids.map((id, i) => ({
    id,
    duration: i % 50 === 0 ? 0 : 1 + Math.floor(next() * 10),
    notBefore: i < 20 ? 0 : null,
  }));
  const seen = new Set<string>();
  const links: CpmLink[] = [];
  while (links.length < LINKS) {
    const b = 1 + Math.floor(next() * (TASKS - 1));
    const a = Math.max(0, b - 1 - Math.floor(next() * 200));
    const key = `${a}>${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ from: ids[a] as string, to: ids[b] as string, lag: next() < 0.2 ? 2 : 0 });
  }
  return { tasks, links };
}

/** The schedule engine: the critical path of 5,000 tasks with 10,000 dependencies, and the same plan in calendar dates. */
export async function schedule(): Promise<void> {
  const { tasks, links } = project();
  const engine: number[] = [];
  let critical = 0;
  for (let i = 0; i < RUNS + 5; i++) {
    const start = performance.now();
    const result = criticalPath(tasks, links);
    const took = performance.now() - start;
    if (!result.ok) throw new Error("the benchmark project has a cycle");
    critical = result.order.filter((id) => result.tasks.get(id)?.critical).length;
    if (i >= 5) engine.push(took);
  }
  console.log(
    `schedule critical path, ${TASKS.toLocaleString("en-US")} tasks and ${LINKS.toLocaleString("en-US")} dependencies (engine): median ${median(engine).toFixed(1)} ms, worst ${Math.max(...engine).toFixed(1)} ms (target < 50 ms); ${critical} tasks critical`,
  );
  const planTasks: PlanTask[] = tasks.map((t, i) => ({
    id: t.id,
    ref: `T-${i}`,
    title: `Task ${i}`,
    ownerId: null,
    effortDays: t.duration,
    start: i < 20 ? "2027-02-01" : null,
    due: null,
    milestone: t.duration === 0,
  }));
  const planLinks: PlanLink[] = links.map((l) => ({ predecessorId: l.from, successorId: l.to, lagDays: l.lag }));
  const dated: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    schedulePlan(planTasks, planLinks, { weekends: [0, 6], holidays: ["2027-04-02", "2027-12-25"] }, "2027-02-01");
    if (i >= 3) dated.push(performance.now() - start);
  }
  console.log(
    `schedule in working-day dates (calendar, holidays), same plan: median ${median(dated).toFixed(1)} ms, worst ${Math.max(...dated).toFixed(1)} ms (no target: the engine's figure above is the one the issue sets)`,
  );
}
