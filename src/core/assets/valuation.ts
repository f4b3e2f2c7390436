import { lookup } from "../process/data.js";

/**
 * Asset valuation: each organization values its assets on security objectives it configures
 * (by default confidentiality, integrity and availability), each on a scale of levels 1..N with
 * labels. A supporting asset is worth as much as the most valuable thing it supports, unless
 * someone overrides that with a reason.
 */
export interface SecurityObjective {
  key: string;
  label: string;
  /** Labels of the levels, lowest first: level 1 is levels[0]. */
  levels: string[];
}

export interface ValuationScale {
  objectives: SecurityObjective[];
}

export const MAX_LEVELS = 10;

const FOUR_LEVELS = ["Low", "Medium", "High", "Very high"];

export const DEFAULT_VALUATION_SCALE: ValuationScale = {
  objectives: [
    { key: "confidentiality", label: "Confidentiality", levels: FOUR_LEVELS },
    { key: "integrity", label: "Integrity", levels: FOUR_LEVELS },
    { key: "availability", label: "Availability", levels: FOUR_LEVELS },
  ],
};

/** Level per objective key; an objective without an entry is not valued. */
export type Valuation = Readonly<Record<string, number>>;

export interface ValuedAsset {
  id: string;
  name: string;
  valuation: Valuation;
}

export interface ValuationSubject extends ValuedAsset {
  override: Valuation;
  overrideReason: string | null;
}

export type ValuationSource = "own" | "derived" | "override" | "none";

export interface ObjectiveValue {
  objective: string;
  label: string;
  value: number | null;
  levelLabel: string | null;
  source: ValuationSource;
  /** For a derived value: the supported assets that reach it. */
  from: { id: string; name: string }[];
  explanation: string;
}

function levelText(objective: SecurityObjective, value: number): string {
  const label = objective.levels[value - 1];
  return label ? `${value} (${label})` : String(value);
}

/**
 * The asset's value for each objective of the scale, in the scale's order, with where it comes
 * from: an override wins; otherwise the highest value among the supported assets that have one;
 * otherwise the asset's own value. Keys the scale does not have are ignored.
 */
export function deriveValuation(asset: ValuationSubject, supported: readonly ValuedAsset[], scale: ValuationScale): ObjectiveValue[] {
  return scale.objectives.map((objective) => {
    const { key, label } = objective;
    const result = (value: number | null, source: ValuationSource, explanation: string, from: ObjectiveValue["from"] = []) => ({
      objective: key,
      label,
      value,
      levelLabel: value === null ? null : (objective.levels[value - 1] ?? null),
      source,
      from,
      explanation,
    });

    const override = lookup(asset.override, key);
    if (override !== undefined) {
      const reason = asset.overrideReason?.trim() || "no reason recorded";
      return result(override, "override", `${label} ${levelText(objective, override)}, set by override: ${reason}`);
    }

    const valued = supported.flatMap((s) => {
      const value = lookup(s.valuation, key);
      return value === undefined ? [] : [{ id: s.id, name: s.name, value }];
    });
    if (valued.length > 0) {
      const highest = Math.max(...valued.map((v) => v.value));
      const listed = valued.map((v) => `${v.name}: ${v.value}`).join(", ");
      return result(
        highest,
        "derived",
        `${label} ${levelText(objective, highest)}, the highest among the assets it supports (${listed}).`,
        valued.filter((v) => v.value === highest).map(({ id, name }) => ({ id, name })),
      );
    }

    const own = lookup(asset.valuation, key);
    if (own !== undefined) return result(own, "own", `${label} ${levelText(objective, own)}, valued for this asset itself.`);
    return result(
      null,
      "none",
      supported.length > 0
        ? `${label} is not valued: none of the assets it supports has a value for it, and the asset has none of its own.`
        : `${label} is not valued.`,
    );
  });
}

/** Objective key -> value, null where not valued. */
export function effectiveValuation(values: readonly ObjectiveValue[]): Record<string, number | null> {
  return Object.fromEntries(values.map((v) => [v.objective, v.value]));
}

/**
 * What is wrong with a set of levels measured against the scale, by objective key. Asset
 * valuations may only use the scale's objectives; the fixed confidentiality / integrity /
 * availability needs of requirements are checked only where the scale has that objective.
 */
export function levelProblems(
  scale: ValuationScale,
  values: Valuation,
  unknownObjectives: "refuse" | "allow",
): { key: string; message: string }[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const objective = scale.objectives.find((o) => o.key === key);
    if (!objective) return unknownObjectives === "refuse" ? [{ key, message: "is not a security objective of the valuation scale" }] : [];
    const top = objective.levels.length;
    return Number.isInteger(value) && value >= 1 && value <= top ? [] : [{ key, message: `must be a level from 1 to ${top}` }];
  });
}

/** The confidentiality / integrity / availability a requirement calls for, as a valuation of the objectives with those keys. */
export function ciaNeeds(needs: { confidentiality: number | null; integrity: number | null; availability: number | null }): Valuation {
  const { confidentiality, integrity, availability } = needs;
  return Object.fromEntries(
    Object.entries({ confidentiality, integrity, availability }).filter((entry): entry is [string, number] => entry[1] !== null),
  );
}
