import { combineRules, type Rule } from "../../../core/process/rules.js";

export interface AreaRules {
  rules: Readonly<Record<string, Rule>>;
  /** What a catalog may name: a customer catalog naming anything else is refused. */
  names: ReadonlySet<string>;
}

let combined: Promise<AreaRules> | undefined;

/** Every area's completion rules, gathered on first use: the list of areas imports this module's routes in turn. */
export function areaRules(): Promise<AreaRules> {
  combined ??= import("../areas.js").then(({ AREAS }) => {
    const rules = combineRules(AREAS.flatMap((area) => (area.rules ? [area.rules] : [])));
    return { rules, names: new Set(Object.keys(rules)) };
  });
  return combined;
}
