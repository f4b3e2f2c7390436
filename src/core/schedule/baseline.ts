/** A frozen plan and how the plan now compares with it. */

export interface BaselineItem {
  /** The task's id: stable across baselines, so comparisons match tasks, not positions. */
  id: string;
  ref: string;
  title: string;
  milestone: boolean;
  start: string;
  finish: string;
}

export interface Slip {
  id: string;
  ref: string;
  title: string;
  milestone: boolean;
  baselineFinish: string;
  currentFinish: string;
  /** Calendar days later than the baseline. */
  daysLate: number;
}

export interface BaselineComparison {
  slipped: Slip[];
  slippedMilestones: Slip[];
  added: { id: string; ref: string; title: string }[];
  removed: { id: string; ref: string; title: string }[];
  baselineFinish: string | null;
  currentFinish: string | null;
}

const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

const lastFinish = (items: readonly BaselineItem[]) =>
  items.reduce<string | null>((max, i) => (max === null || i.finish > max ? i.finish : max), null);

/** Tasks and milestones that now finish later than in the baseline, and what was added or removed since. */
export function compareBaseline(baseline: readonly BaselineItem[], current: readonly BaselineItem[]): BaselineComparison {
  const before = new Map(baseline.map((b) => [b.id, b]));
  const now = new Map(current.map((c) => [c.id, c]));
  const slips: Slip[] = [];
  for (const c of current) {
    const b = before.get(c.id);
    if (!b || c.finish <= b.finish) continue;
    slips.push({
      id: c.id,
      ref: c.ref,
      title: c.title,
      milestone: c.milestone,
      baselineFinish: b.finish,
      currentFinish: c.finish,
      daysLate: days(b.finish, c.finish),
    });
  }
  slips.sort((a, b) => b.daysLate - a.daysLate || (a.ref < b.ref ? -1 : 1));
  return {
    slipped: slips.filter((s) => !s.milestone),
    slippedMilestones: slips.filter((s) => s.milestone),
    added: current.filter((c) => !before.has(c.id)).map(({ id, ref, title }) => ({ id, ref, title })),
    removed: baseline.filter((b) => !now.has(b.id)).map(({ id, ref, title }) => ({ id, ref, title })),
    baselineFinish: lastFinish(baseline),
    currentFinish: lastFinish(current),
  };
}
