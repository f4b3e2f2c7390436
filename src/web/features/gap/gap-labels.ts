import type { Theme } from "../../../core/gap/reference";
import type { GapStatus } from "../../../core/gap/summary";

export const STATUS_LABELS: Record<GapStatus, string> = {
  not_assessed: "Not assessed",
  not_implemented: "Not implemented",
  partially_implemented: "Partially implemented",
  implemented: "Implemented",
  not_applicable: "Not applicable",
};

export const STATUS_COLORS: Record<GapStatus, "gray" | "red" | "yellow" | "teal" | "blue"> = {
  not_assessed: "gray",
  not_implemented: "red",
  partially_implemented: "yellow",
  implemented: "teal",
  not_applicable: "blue",
};

export const THEME_LABELS: Record<Theme, string> = {
  organizational: "Organizational",
  people: "People",
  physical: "Physical",
  technological: "Technological",
};
