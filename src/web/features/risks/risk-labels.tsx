import { Badge, type BadgeProps } from "@mantine/core";
import type { RiskDecision } from "../../../contracts/risks";

export const TREATMENT_LABELS: Record<string, string> = {
  modify: "Modify (apply controls)",
  retain: "Retain",
  avoid: "Avoid",
  share: "Share (transfer)",
};
export const TREATMENT_OPTIONS = Object.entries(TREATMENT_LABELS).map(([value, label]) => ({ value, label }));

export const KIND_LABELS: Record<string, string> = { asset: "Asset-based", scenario: "Scenario" };

export const CASE_LABELS = { inherent: "Inherent", current: "Current", residual: "Residual" } as const;

export const AUTHORITY_WORDS: Record<string, string> = {
  risk_owner: "the risk owner",
  isms_manager: "the ISMS manager",
  top_management: "top management (the approver role)",
};

export const DECISION_STATE: Record<RiskDecision["state"], { label: string; color: string }> = {
  valid: { label: "Valid", color: "teal" },
  stale: { label: "Stale", color: "orange" },
  expired: { label: "Expired", color: "red" },
  revoked: { label: "Revoked", color: "gray" },
};

/** A risk level in the colour the method gives it; "Not scored" when there is none. */
export function LevelBadge({
  name,
  colour,
  ...props
}: { name: string | null | undefined; colour: string | null | undefined } & BadgeProps) {
  if (!name) {
    return (
      <Badge variant="outline" color="gray" size="sm" {...props}>
        Not scored
      </Badge>
    );
  }
  return (
    <Badge color={colour ?? "gray"} autoContrast size="sm" {...props}>
      {name}
    </Badge>
  );
}
