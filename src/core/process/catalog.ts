/**
 * The process catalog is data: phases, activities with prerequisites and completion rules,
 * gates, roles. A customer may bring their own variant, so a catalog is checked for shape and
 * for consistency before the engine ever sees it, and every problem is reported at once.
 */
import { parseDocument } from "yaml";
import { z } from "zod";
import { jsonNestingExceeds, yamlNestingExceeds } from "../input/nesting.js";
import { findCycles } from "./graph.js";

const id = (what: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${what} is required`
          : typeof issue.input === "number"
            ? `${what} must be text: quote it in YAML, where 5.10 would otherwise be read as the number 5.1`
            : `${what} must be text`,
    })
    .regex(/^\S+$/, `${what} must be non-empty and contain no spaces`);

const text = z.string().refine((s) => s.trim().length > 0, "must not be blank");

/** Accepts a list too, only so that "two Accountable roles" gets its own clear message. */
const accountable = z
  .union([id("Accountable role"), z.array(id("Accountable role"))], { error: "must be one role key" })
  .transform((value, ctx) => {
    const keys = Array.isArray(value) ? value : [value];
    if (keys.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `names ${keys.length} Accountable roles${keys.length ? ` (${keys.join(", ")})` : ""}; the RACI needs exactly one`,
      });
      return z.NEVER;
    }
    return keys[0]!;
  });

export const RaciSchema = z.strictObject({
  R: z.array(id("Responsible role")),
  A: accountable,
  C: z.array(id("Consulted role")),
  I: z.array(id("Informed role")),
});

export const ActivitySchema = z.strictObject({
  id: id("activity id"),
  phase: id("phase"),
  title: text,
  objective: text,
  prerequisites: z.array(id("prerequisite")),
  outputs: z.array(z.strictObject({ id: id("output id"), title: text })),
  rules: z.array(id("rule name")).min(1, "needs at least one completion rule, otherwise nothing would be checked"),
  gate: id("gate").optional(),
  iso27001: z.array(z.string().regex(/^\d+(\.\d+)*$/, "must be an ISO/IEC 27001 clause id such as 6.1.2")),
  estimatedDays: z.number().positive().finite(),
  raci: RaciSchema,
});

export const PhaseSchema = z.strictObject({ id: id("phase id"), clause: id("clause"), title: text });
export const GateSchema = z.strictObject({ id: id("gate id"), activity: id("gate activity"), title: text });
export const RoleSchema = z.strictObject({ key: id("role key"), title: text, description: text, mandatory: z.boolean() });
/** A project role is an ISMS role held during the project: `ismsRole` names it, so one assignment serves both. */
export const ProjectRoleSchema = z.strictObject({
  key: id("project role key"),
  title: text,
  required: z.boolean(),
  ismsRole: id("ISMS role key").optional(),
});

export const ProcessCatalogSchema = z.strictObject({
  id: id("catalog id"),
  version: text,
  title: text,
  phases: z.array(PhaseSchema).min(1),
  gates: z.array(GateSchema),
  roles: z.array(RoleSchema).min(1),
  projectRoles: z.array(ProjectRoleSchema),
  activities: z.array(ActivitySchema).min(1),
});

export type ProcessCatalog = z.infer<typeof ProcessCatalogSchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type Gate = z.infer<typeof GateSchema>;
export type Phase = z.infer<typeof PhaseSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type ProjectRole = z.infer<typeof ProjectRoleSchema>;

export type CatalogResult = { ok: true; catalog: ProcessCatalog } | { ok: false; problems: string[] };

type Section = "activities" | "phases" | "gates" | "roles" | "projectRoles";

const SECTIONS: Record<Section, { noun: string; key: "id" | "key" }> = {
  activities: { noun: "Activity", key: "id" },
  phases: { noun: "Phase", key: "id" },
  gates: { noun: "Gate", key: "id" },
  roles: { noun: "Role", key: "key" },
  projectRoles: { noun: "Project role", key: "key" },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function rawEntries(raw: unknown, section: Section): unknown[] {
  const list = isRecord(raw) ? raw[section] : undefined;
  return Array.isArray(list) ? list : [];
}

/** The id of every entry of a section that has a textual one, malformed entries included. */
function rawIds(raw: unknown, section: Section): string[] {
  return rawEntries(raw, section).flatMap((entry) => {
    const value = isRecord(entry) ? entry[SECTIONS[section].key] : undefined;
    return typeof value === "string" ? [value] : [];
  });
}

function wellFormed<T>(raw: unknown, section: Section, schema: z.ZodType<T>): T[] {
  return rawEntries(raw, section).flatMap((entry) => {
    const result = schema.safeParse(entry);
    return result.success ? [result.data] : [];
  });
}

function subjectOf(raw: unknown, path: readonly PropertyKey[]): { subject: string; rest: readonly PropertyKey[] } {
  const [section, index, ...rest] = path;
  if (typeof section === "string" && section in SECTIONS && typeof index === "number") {
    const { noun, key } = SECTIONS[section as Section];
    const entry = rawEntries(raw, section as Section)[index];
    const name = isRecord(entry) ? entry[key] : undefined;
    return { subject: typeof name === "string" ? `${noun} ${name}` : `${noun} #${index + 1}`, rest };
  }
  return { subject: "The catalog", rest: path };
}

function shapeProblem(raw: unknown, issue: z.core.$ZodIssue): string {
  const { subject, rest } = subjectOf(raw, issue.path);
  const field = rest.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i > 0 ? "." : ""}${String(part)}`)).join("");
  const message = issue.message.replace(/\.$/, "");
  return field ? `${subject}, field "${field}": ${message}.` : `${subject}: ${message}.`;
}

const RACI_WORDS = { R: "Responsible", A: "Accountable", C: "Consulted", I: "Informed" } as const;

function consistencyProblems(raw: unknown, knownRules: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const section of Object.keys(SECTIONS) as Section[]) {
    const counts = new Map<string, number>();
    for (const value of rawIds(raw, section)) counts.set(value, (counts.get(value) ?? 0) + 1);
    const { noun, key } = SECTIONS[section];
    for (const [value, count] of counts) {
      if (count > 1) problems.push(`${noun} ${key} ${value} is used by ${count} entries; each must be unique.`);
    }
  }

  const activityIds = new Set(rawIds(raw, "activities"));
  const phaseIds = new Set(rawIds(raw, "phases"));
  const gateIds = new Set(rawIds(raw, "gates"));
  const roleKeys = new Set(rawIds(raw, "roles"));
  const activities = wellFormed(raw, "activities", ActivitySchema);
  const gates = wellFormed(raw, "gates", GateSchema);
  const gateById = new Map(gates.map((g) => [g.id, g] as const));

  for (const a of activities) {
    if (!phaseIds.has(a.phase)) problems.push(`Activity ${a.id} is in phase ${a.phase}, which the catalog does not define.`);
    const listed = new Set<string>();
    for (const p of a.prerequisites) {
      if (listed.has(p)) problems.push(`Activity ${a.id} lists prerequisite ${p} more than once.`);
      else if (!activityIds.has(p)) problems.push(`Activity ${a.id} needs ${p}, which is not an activity in the catalog.`);
      listed.add(p);
    }
    for (const rule of a.rules) {
      if (!knownRules.has(rule))
        problems.push(`Activity ${a.id} uses the completion rule "${rule}", which this version of the product does not know.`);
    }
    for (const letter of ["R", "A", "C", "I"] as const) {
      const keys = letter === "A" ? [a.raci.A] : a.raci[letter];
      for (const key of keys) {
        if (!roleKeys.has(key))
          problems.push(`Activity ${a.id} names "${key}" as ${RACI_WORDS[letter]} in its RACI, but the catalog has no such role.`);
      }
    }
    if (a.gate !== undefined) {
      const gate = gateById.get(a.gate);
      if (!gateIds.has(a.gate)) problems.push(`Activity ${a.id} ends in gate ${a.gate}, which the catalog does not define.`);
      else if (gate && gate.activity !== a.id)
        problems.push(`Activity ${a.id} ends in gate ${a.gate}, but gate ${a.gate} belongs to activity ${gate.activity}.`);
    }
  }

  for (const p of wellFormed(raw, "projectRoles", ProjectRoleSchema)) {
    if (p.ismsRole !== undefined && !roleKeys.has(p.ismsRole))
      problems.push(`Project role ${p.key} is the ISMS role "${p.ismsRole}", but the catalog has no such role.`);
  }

  for (const g of gates) {
    if (!activityIds.has(g.activity)) {
      problems.push(`Gate ${g.id} belongs to activity ${g.activity}, which is not in the catalog.`);
      continue;
    }
    const owner = activities.find((a) => a.id === g.activity);
    if (owner && owner.gate !== g.id) {
      problems.push(
        `Gate ${g.id} belongs to activity ${g.activity}, but activity ${g.activity} ${owner.gate ? `ends in gate ${owner.gate}` : "names no gate"}.`,
      );
    }
  }

  const firstOfEachId = activities.filter((a, i) => activities.findIndex((b) => b.id === a.id) === i);
  for (const cycle of findCycles(firstOfEachId)) {
    problems.push(`Activity ${cycle[0]} is in a prerequisite cycle: ${[...cycle, cycle[0]].join(" → ")} (each needs the next).`);
  }
  return problems;
}

/**
 * Checks a catalog's shape and its consistency. Consistency is checked on every well-formed part
 * even when other parts are malformed, so one typo does not hide a cycle elsewhere. Clause ids
 * are not checked against the ISO/IEC 27001 reference, which core does not load.
 */
export function parseCatalog(raw: unknown, knownRules: ReadonlySet<string>): CatalogResult {
  const shape = ProcessCatalogSchema.safeParse(raw);
  const problems = [
    ...(shape.success ? [] : shape.error.issues.map((issue) => shapeProblem(raw, issue))),
    ...consistencyProblems(raw, knownRules),
  ];
  return shape.success && problems.length === 0 ? { ok: true, catalog: shape.data } : { ok: false, problems };
}

/** All problems as one message, for an exception or a CLI error. */
export function formatProblems(problems: readonly string[]): string {
  return `The process catalog has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `- ${p}`).join("\n")}`;
}

/** How deep a catalog file may nest lists and mappings (the shipped one nests 5 deep), and how often YAML aliases may be expanded. */
export const CATALOG_MAX_DEPTH = 64;
export const CATALOG_MAX_ALIASES = 100;

/**
 * Reads a catalog file. Nesting is bounded before the text is parsed (the YAML composer recurses,
 * and a few thousand levels take the whole process down), and YAML aliases are expanded at most
 * CATALOG_MAX_ALIASES times, so that a small file cannot expand into a huge one ("billion laughs").
 */
export function loadCatalogText(
  source: string,
  format: "yaml" | "json",
  knownRules: ReadonlySet<string>,
  maxDepth = CATALOG_MAX_DEPTH,
): CatalogResult {
  const tooDeep = `The catalog nests lists and mappings more than ${maxDepth} levels deep.`;
  if (format === "json") {
    if (jsonNestingExceeds(source, maxDepth)) return { ok: false, problems: [tooDeep] };
    try {
      return parseCatalog(JSON.parse(source), knownRules);
    } catch (error) {
      return { ok: false, problems: [`The catalog is not valid JSON: ${(error as Error).message}.`] };
    }
  }
  if (yamlNestingExceeds(source, maxDepth)) return { ok: false, problems: [tooDeep] };
  const doc = parseDocument(source);
  if (doc.errors.length > 0)
    return { ok: false, problems: doc.errors.map((e) => `The catalog is not valid YAML: ${e.message.replace(/\s+/g, " ").trim()}`) };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: CATALOG_MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return {
      ok: false,
      problems: [`The catalog's YAML expands its aliases more than ${CATALOG_MAX_ALIASES} times; write the content out instead.`],
    };
  }
  return parseCatalog(raw, knownRules);
}

/** What the shipped catalog maps before `ismsRole` existed: catalogs stored by older releases lack the field. */
const EARLIER_PROJECT_ROLE_MAP: Readonly<Record<string, string>> = {
  sponsor: "top_management",
  project_lead: "isms_manager",
  planning_team: "planning_team",
  steering_committee: "steering_committee",
};

/** The ISMS role a project role is held as, or null when the catalog has none for it. */
export function ismsRoleOf(catalog: Pick<ProcessCatalog, "roles">, projectRole: ProjectRole): Role | null {
  const key = projectRole.ismsRole ?? EARLIER_PROJECT_ROLE_MAP[projectRole.key];
  return catalog.roles.find((r) => r.key === key) ?? null;
}
