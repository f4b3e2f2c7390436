import type { ProcessData } from "../process/data.js";
import type { Check, MissingItem, Rule, RuleResult } from "../process/rules.js";

export const MEASURES_REGISTER = "measures";

/** One measure as the completion rule of 9.4a reads it. */
export interface MeasureFacts {
  id: string;
  reference: string;
  title: string;
  objectiveId: string | null;
  hasOwner: boolean;
  hasFrequency: boolean;
  hasTarget: boolean;
  /**
   * A base measure whose value only feeds other measures' formulas (ISO/IEC 27004: the indicator
   * built on it carries the target); it needs no target of its own.
   */
  feedsFormula?: boolean;
}

export interface MeasurementData {
  measures: MeasureFacts[];
}

declare module "../process/data.js" {
  interface ProcessData {
    measurement?: MeasurementData;
  }
}

const check = (id: string, label: string, missing: MissingItem[]): Check => ({ id, label, ok: missing.length === 0, missing });

/** 9.4a: at least one measure per ISMS objective; every measure has an owner, a frequency and a target. */
function measurementProgrammeDesigned(data: ProcessData): RuleResult {
  const measures = data.measurement?.measures ?? [];
  const link = { register: MEASURES_REGISTER };
  const objectives = data.phase1.objectives;
  return {
    started: measures.length > 0,
    checks: [
      check(
        "measures-defined",
        "At least one measure is defined",
        measures.length > 0 ? [] : [{ message: "Define at least one measure of the ISMS.", link }],
      ),
      check(
        "objectives-measured",
        "Every ISMS objective has a measure",
        objectives
          .filter((o) => !measures.some((m) => m.objectiveId === o.id))
          .map((o) => ({ message: `Define a measure for the objective "${o.title}".`, link })),
      ),
      check(
        "measures-complete",
        "Every measure has an owner, a collection frequency and a target (a base measure that only feeds a formula needs no target)",
        measures.flatMap((m) => {
          const lacks = [
            !m.hasOwner && "an owner",
            !m.hasFrequency && "a collection frequency",
            !m.hasTarget && !m.feedsFormula && "a target",
          ].filter(Boolean);
          return lacks.length ? [{ message: `${m.reference} "${m.title}" needs ${lacks.join(", ")}.`, link: { ...link, id: m.id } }] : [];
        }),
      ),
    ],
  };
}

export const MEASUREMENT_RULES: Readonly<Record<string, Rule>> = {
  "measurement-programme-designed": measurementProgrammeDesigned,
};
