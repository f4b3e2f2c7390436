import type { SoaRow } from "../../../contracts/soa";
import { THEMES } from "../../../core/gap/reference";
import { THEME_LABELS } from "../gap/gap-labels";

export const IMPLEMENTATION_LABELS: Record<SoaRow["implementation"], string> = {
  not_started: "Not started",
  planned: "Planned",
  partial: "Partially implemented",
  implemented: "Implemented",
};

export const IMPLEMENTATION_COLORS: Record<SoaRow["implementation"], string> = {
  not_started: "gray",
  planned: "blue",
  partial: "yellow",
  implemented: "teal",
};

export const BASIS_LABELS: Record<SoaRow["basis"], string> = {
  risks: "Risk treatment",
  requirements: "Requirement",
  decision: "Included by decision",
  excluded: "Excluded by decision",
  undecided: "Undecided",
};

export function applicability(applicable: boolean | null): { label: string; color: string } {
  if (applicable === true) return { label: "Yes", color: "teal" };
  if (applicable === false) return { label: "No", color: "gray" };
  return { label: "Undecided", color: "orange" };
}

/** The value a group filter uses: an Annex A theme, or one value for every custom control. */
export const CUSTOM_GROUP = "custom";

export function groupOf(control: SoaRow["control"]): string {
  return control.source === "custom" ? CUSTOM_GROUP : (control.group ?? "");
}

export function groupLabel(group: string): string {
  if (group === CUSTOM_GROUP) return "Custom controls";
  const theme = THEMES.find((t) => t === group);
  return theme ? `${THEME_LABELS[theme]} controls` : group;
}

export const GROUP_OPTIONS = [...THEMES, CUSTOM_GROUP].map((g) => ({ value: g, label: groupLabel(g) }));
