import type { ProcessData } from "../process/data.js";
import type { Check, MissingItem, Rule, RuleResult } from "../process/rules.js";

export const TRAINING_REGISTER = "training";

export interface TrainingData {
  roles: { id: string; title: string; topics: number }[];
  courses: number;
  records: number;
}

declare module "../process/data.js" {
  interface ProcessData {
    training?: TrainingData;
  }
}

const check = (id: string, label: string, missing: MissingItem[]): Check => ({ id, label, ok: missing.length === 0, missing });

/** 9.4c: a course or campaign exists, and every ISMS role has its training topics (competence requirements or courses aimed at it). */
function trainingProgrammeDesigned(data: ProcessData): RuleResult {
  const t = data.training ?? { roles: [], courses: 0, records: 0 };
  const link = { register: TRAINING_REGISTER };
  return {
    started: t.courses > 0 || t.roles.some((r) => r.topics > 0),
    checks: [
      check(
        "courses-defined",
        "At least one course or awareness campaign is planned",
        t.courses > 0 ? [] : [{ message: "Plan at least one training course or awareness campaign.", link }],
      ),
      check(
        "roles-have-topics",
        "Every ISMS role has its training topics",
        t.roles
          .filter((r) => r.topics === 0)
          .map((r) => ({
            message: `Give the role "${r.title}" its competence requirements or a course aimed at it.`,
            link: { ...link, id: r.id },
          })),
      ),
    ],
  };
}

export const TRAINING_RULES: Readonly<Record<string, Rule>> = {
  "training-programme-designed": trainingProgrammeDesigned,
};
