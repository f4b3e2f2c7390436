import { isBlank, type Phase1Data, type ProcessData } from "./data.js";

/** A logical place where the missing data is entered; the web maps it to a page. */
export interface RegisterLink {
  register: string;
  id?: string;
}

export interface MissingItem {
  message: string;
  link: RegisterLink;
}

export interface Check {
  id: string;
  label: string;
  ok: boolean;
  missing: MissingItem[];
}

export interface RuleResult {
  checks: Check[];
  /** Whether any data for the activity exists yet: separates "ready" from "in progress". */
  started: boolean;
}

export type Rule = (data: ProcessData) => RuleResult;

export const REGISTER_NOT_AVAILABLE = "register not available yet";

/** A check passes exactly when nothing is missing, so the two can never disagree. */
function check(id: string, label: string, missing: MissingItem[]): Check {
  return { id, label, ok: missing.length === 0, missing };
}

const written = (text: string | null) => !isBlank(text);

function prioritiesClarified({ phase1 }: ProcessData): RuleResult {
  const { objectives, obligations, priorities } = phase1;
  return {
    started: objectives.length > 0 || obligations.length > 0 || written(priorities.statement) || written(priorities.existingSystems),
    checks: [
      check(
        "objectives",
        "At least one business objective that security serves",
        objectives.length > 0
          ? []
          : [{ message: "Record at least one business objective that information security supports.", link: { register: "objectives" } }],
      ),
      check(
        "obligations",
        "At least one known obligation",
        obligations.length > 0
          ? []
          : [
              {
                message: "Record at least one legal, regulatory, contractual or internal obligation.",
                link: { register: "obligations" },
              },
            ],
      ),
      check(
        "priorities-statement",
        "Security priorities written down",
        written(priorities.statement)
          ? []
          : [{ message: "Write the statement of the organization's security priorities.", link: { register: "priorities" } }],
      ),
    ],
  };
}

function preliminaryScopeDefined({ phase1 }: ProcessData): RuleResult {
  const { statement, units, sites } = phase1.preliminaryScope;
  const named = units.some(written) || sites.some(written);
  return {
    started: written(statement) || named,
    checks: [
      check(
        "scope-statement",
        "Preliminary scope statement written",
        written(statement) ? [] : [{ message: "Write the preliminary scope statement.", link: { register: "preliminary-scope" } }],
      ),
      check(
        "scope-units-or-sites",
        "At least one organizational unit or site named",
        named
          ? []
          : [{ message: "Name at least one organizational unit or site the scope covers.", link: { register: "preliminary-scope" } }],
      ),
    ],
  };
}

/** Sponsor and project lead are always required, even if the data forgets to list them. */
const ALWAYS_REQUIRED_PROJECT_ROLES: readonly { key: string; title: string }[] = [
  { key: "sponsor", title: "Sponsor" },
  { key: "project_lead", title: "ISMS project lead" },
];

function projectRolesAssigned({ phase1 }: ProcessData): RuleResult {
  const roles = phase1.projectRoles;
  const required = new Map<string, string>();
  for (const role of ALWAYS_REQUIRED_PROJECT_ROLES) required.set(role.key, roles.find((r) => r.key === role.key)?.title ?? role.title);
  for (const role of roles) if (role.required && !required.has(role.key)) required.set(role.key, role.title);
  return {
    started: roles.some((r) => written(r.personName)),
    checks: [...required].map(([key, title]) =>
      check(
        `project-role:${key}`,
        `${title} named`,
        roles.some((r) => r.key === key && written(r.personName))
          ? []
          : [{ message: `Name the person who acts as ${title}.`, link: { register: "project-roles", id: key } }],
      ),
    ),
  };
}

const BUSINESS_CASE_TEXTS: readonly { field: keyof Omit<Phase1Data["businessCase"], "costs">; label: string }[] = [
  { field: "objectives", label: "objectives" },
  { field: "benefits", label: "expected benefits" },
  { field: "resources", label: "resources needed" },
  { field: "timeline", label: "timeline" },
  { field: "risksOfNotImplementing", label: "risks of not implementing the ISMS" },
];

function businessCaseComplete({ phase1 }: ProcessData): RuleResult {
  const bc = phase1.businessCase;
  return {
    started: bc.costs.length > 0 || BUSINESS_CASE_TEXTS.some(({ field }) => written(bc[field])),
    checks: [
      check(
        "business-case-text",
        "Business case written",
        BUSINESS_CASE_TEXTS.filter(({ field }) => !written(bc[field])).map(({ field, label }) => ({
          message: `Write the business case's ${label}.`,
          link: { register: "business-case", id: field },
        })),
      ),
      check(
        "business-case-costs",
        "Costs estimated",
        bc.costs.some((c) => c.amount > 0)
          ? []
          : [{ message: "Add at least one cost line with an amount above zero.", link: { register: "business-case", id: "costs" } }],
      ),
    ],
  };
}

/**
 * The fields of a register's records that a completion rule needs filled, by register (the
 * roadmap's register names): the rules below check exactly these, and the web marks the same
 * fields in the forms, so a form says what completion needs before the roadmap has to.
 */
export interface CompletionField {
  field: string;
  /** What the roadmap's check calls it: "a due date". */
  label: string;
  /** The rule's activity, for the mark in the form: "5.4". */
  activity: string;
}
export const COMPLETION_FIELDS: Readonly<Record<string, readonly CompletionField[]>> = {
  milestones: [
    { field: "dueDate", label: "a due date", activity: "5.4" },
    { field: "owner", label: "an owner", activity: "5.4" },
  ],
  "business-case": BUSINESS_CASE_TEXTS.map(({ field, label }) => ({ field, label, activity: "5.4" })),
  costs: [{ field: "amount", label: "an amount above zero", activity: "5.4" }],
  "project-roles": [{ field: "personName", label: "the person who acts in the role", activity: "5.3" }],
};

const completionFields = (register: string) => COMPLETION_FIELDS[register] ?? [];

function projectPlanDrafted({ phase1 }: ProcessData): RuleResult {
  const milestones = phase1.milestones;
  return {
    started: milestones.length > 0,
    checks: [
      check(
        "milestones",
        "At least one milestone planned",
        milestones.length > 0 ? [] : [{ message: "Add at least one milestone to the project plan.", link: { register: "milestones" } }],
      ),
      check(
        "milestones-scheduled",
        "Every milestone has a due date and an owner",
        milestones.flatMap((m) => {
          const needs = completionFields("milestones")
            .filter(({ field }) => isBlank((m as unknown as Record<string, string | null>)[field] ?? null))
            .map(({ label }) => label);
          return needs.length === 0
            ? []
            : [{ message: `Milestone "${m.title}" needs ${needs.join(" and ")}.`, link: { register: "milestones", id: m.id } }];
        }),
      ),
    ],
  };
}

/**
 * Placeholder for an activity whose register does not exist yet. It never passes, so nothing
 * looks done before it can be checked, and it reports the activity as in progress with the
 * reason, rather than as untouched work the user could finish in the app. It keeps the rule's
 * final name, so catalogs need no change when the real rule replaces it.
 */
function awaitingRegister(register: string, label: string): Rule {
  return () => ({
    started: true,
    checks: [check("register-available", label, [{ message: REGISTER_NOT_AVAILABLE, link: { register } }])],
  });
}

export const RULES: Readonly<Record<string, Rule>> = {
  "priorities-clarified": prioritiesClarified,
  "preliminary-scope-defined": preliminaryScopeDefined,
  "project-roles-assigned": projectRolesAssigned,
  "business-case-complete": businessCaseComplete,
  "project-plan-drafted": projectPlanDrafted,
  "organizational-scope-defined": awaitingRegister("scope-units", "Organizational scope recorded"),
  "ict-scope-defined": awaitingRegister("scope-systems", "Technology scope recorded"),
  "physical-scope-defined": awaitingRegister("scope-sites", "Physical scope recorded"),
  "scope-document-written": awaitingRegister("scope-document", "Scope document written"),
  "isms-policy-written": awaitingRegister("policies", "ISMS policy written"),
  "security-requirements-recorded": awaitingRegister("requirements", "Security requirements recorded"),
  "asset-inventory-complete": awaitingRegister("assets", "Asset inventory complete"),
  "gap-assessment-complete": awaitingRegister("gap-assessment", "Gap assessment complete"),
  "risk-assessment-complete": awaitingRegister("risks", "Risk assessment complete"),
  "risk-treatment-planned": awaitingRegister("risk-treatment", "Risk treatment planned"),
  "residual-risks-accepted": awaitingRegister("risk-acceptance", "Residual risks accepted"),
  "security-organization-designed": awaitingRegister("roles", "Security roles assigned"),
  "documentation-framework-designed": awaitingRegister("documents", "Documents registered"),
  "policy-set-designed": awaitingRegister("policies", "Topic-specific policies written"),
  "procedures-designed": awaitingRegister("procedures", "Procedures written"),
  "control-implementation-designed": awaitingRegister("implementation-tasks", "Control implementation planned"),
  "measurement-programme-designed": awaitingRegister("measures", "Measures defined"),
  "audit-programme-designed": awaitingRegister("audit-programme", "Audit programme defined"),
  "training-programme-designed": awaitingRegister("training", "Training programme defined"),
  "management-review-planned": awaitingRegister("management-review", "Management review planned"),
  "final-plan-scheduled": awaitingRegister("project-plan", "Final plan scheduled"),
};

export const RULE_NAMES: ReadonlySet<string> = new Set(Object.keys(RULES));

/**
 * The rules the roadmap evaluates: phase 1's and the placeholders above, each area's real rules
 * laid over the placeholder of the same name. The server passes every area's `rules`; a rule
 * two areas name is a mistake, so it throws.
 */
export function combineRules(areaRules: readonly Readonly<Record<string, Rule>>[]): Readonly<Record<string, Rule>> {
  const combined: Record<string, Rule> = { ...RULES };
  const declared = new Set<string>();
  for (const rules of areaRules)
    for (const [name, rule] of Object.entries(rules)) {
      if (declared.has(name)) throw new Error(`the completion rule "${name}" is declared by two areas`);
      declared.add(name);
      combined[name] = rule;
    }
  return combined;
}
