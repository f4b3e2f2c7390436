import { ASSET_RULES } from "../assets/rules.js";
import { AUDIT_PROGRAMME_RULES } from "../audit-programme/rules.js";
import { DOCUMENT_RULES } from "../documents/rules.js";
import { GAP_RULES } from "../gap/rules.js";
import { MANAGEMENT_REVIEW_RULES } from "../management-review/rules.js";
import { MEASUREMENT_RULES } from "../measurement/rules.js";
import { ORGANIZATION_RULES } from "../organization/rules.js";
import { PLAN_RULES } from "../plan/rules.js";
import { REQUIREMENTS_RULES } from "../requirements/rules.js";
import { RISK_RULES } from "../risk/rules.js";
import { SCOPE_RULES } from "../scope/rules.js";
import { TRAINING_RULES } from "../training/rules.js";
import { RULES, type Rule } from "./rules.js";

/**
 * Every completion rule the product knows: phase 1 and the placeholders from rules.ts, replaced
 * by the real rule of each area as that area's registers arrive. Kept apart from rules.ts so
 * the areas can use its types without an import cycle.
 */
export const ALL_RULES: Readonly<Record<string, Rule>> = {
  ...RULES,
  ...SCOPE_RULES,
  ...REQUIREMENTS_RULES,
  ...ASSET_RULES,
  ...GAP_RULES,
  ...DOCUMENT_RULES,
  ...RISK_RULES,
  ...AUDIT_PROGRAMME_RULES,
  ...MANAGEMENT_REVIEW_RULES,
  ...MEASUREMENT_RULES,
  ...TRAINING_RULES,
  ...ORGANIZATION_RULES,
  ...PLAN_RULES,
};

export const ALL_RULE_NAMES: ReadonlySet<string> = new Set(Object.keys(ALL_RULES));
