import { addMonths } from "../work/recurrence.js";

/** Who a training record or role assignment is about: a member by user id, else a named person. */
export const personKey = (person: { userId: string | null; name: string | null }) =>
  person.userId ? `u:${person.userId}` : `n:${(person.name ?? "").trim().toLowerCase()}`;

export interface CoverageInput {
  roles: { id: string; title: string; people: { key: string; name: string }[] }[];
  courses: { id: string; title: string; refresherMonths: number | null; targetRoleIds: string[] }[];
  /** Competence requirements that name the course that gives the competence. */
  requirements: { roleId: string; courseId: string | null }[];
  records: { courseId: string; personKey: string; completedOn: string }[];
  today: string;
}

export interface RoleCoverage {
  roleId: string;
  title: string;
  /** Person × course pairs the role calls for, and those with a completion still valid. */
  required: number;
  covered: number;
  /** Percent, or null when the role calls for nothing (or has nobody in it). */
  percent: number | null;
  missing: { personKey: string; name: string; courseId: string; course: string; reason: "never" | "expired" }[];
}

export interface Coverage {
  roles: RoleCoverage[];
  required: number;
  covered: number;
  percent: number | null;
}

/** When a completion stops counting: never without a refresher interval. */
export const validUntil = (completedOn: string, refresherMonths: number | null) =>
  refresherMonths ? addMonths(completedOn, refresherMonths) : null;

/** The latest completion per person and course. */
export function latestCompletions(records: CoverageInput["records"]): Map<string, string> {
  const latest = new Map<string, string>();
  for (const r of records) {
    const key = `${r.personKey}|${r.courseId}`;
    const seen = latest.get(key);
    if (!seen || r.completedOn > seen) latest.set(key, r.completedOn);
  }
  return latest;
}

/** The courses a role calls for: those aimed at it and those its competence requirements name. */
export function coursesForRole(input: Pick<CoverageInput, "courses" | "requirements">, roleId: string): string[] {
  const ids = new Set(input.courses.filter((c) => c.targetRoleIds.includes(roleId)).map((c) => c.id));
  for (const r of input.requirements) if (r.roleId === roleId && r.courseId) ids.add(r.courseId);
  return [...ids].filter((id) => input.courses.some((c) => c.id === id)).sort();
}

export function trainingCoverage(input: CoverageInput): Coverage {
  const latest = latestCompletions(input.records);
  const course = new Map(input.courses.map((c) => [c.id, c]));
  const overall = new Map<string, boolean>();
  const roles = input.roles.map((role): RoleCoverage => {
    const needed = coursesForRole(input, role.id);
    const missing: RoleCoverage["missing"] = [];
    let covered = 0;
    let required = 0;
    for (const person of role.people) {
      for (const courseId of needed) {
        const c = course.get(courseId) as CoverageInput["courses"][number];
        required++;
        const done = latest.get(`${person.key}|${courseId}`);
        const until = done ? validUntil(done, c.refresherMonths) : null;
        const ok = done !== undefined && (until === null || until > input.today);
        if (ok) covered++;
        else missing.push({ personKey: person.key, name: person.name, courseId, course: c.title, reason: done ? "expired" : "never" });
        overall.set(`${person.key}|${courseId}`, ok);
      }
    }
    return { roleId: role.id, title: role.title, required, covered, percent: required ? (covered / required) * 100 : null, missing };
  });
  const covered = [...overall.values()].filter(Boolean).length;
  return { roles, required: overall.size, covered, percent: overall.size ? (covered / overall.size) * 100 : null };
}

/** Refreshers: for each person's latest completion of a course with an interval, when it runs out. */
export function refreshersDue(input: Pick<CoverageInput, "courses" | "records">, until: string) {
  const latest = latestCompletions(input.records);
  const out: { personKey: string; courseId: string; completedOn: string; due: string }[] = [];
  for (const [key, completedOn] of latest) {
    const [person, courseId] = key.split("|") as [string, string];
    const months = input.courses.find((c) => c.id === courseId)?.refresherMonths ?? null;
    const due = validUntil(completedOn, months);
    if (due && due <= until) out.push({ personKey: person, courseId, completedOn, due });
  }
  return out.sort((a, b) => a.due.localeCompare(b.due));
}
