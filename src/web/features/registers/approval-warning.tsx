import { Alert } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { approvalEndpoints } from "../../../contracts/approvals";
import { call } from "../../app/api-client";
import { GATES_KEY } from "../../app/org-write";

/** A register item by its id, or a document the organization has one of by its path. */
export type CoverageTarget = { recordId: string } | { document: string };

/**
 * The approvals valid now that cover a record, with the fields they cover. Kept under the
 * gates' key, which every register write refreshes, so it follows a save that makes one stale.
 */
export function useCoveringApprovals(orgId: string, target: CoverageTarget | null) {
  return useQuery({
    queryKey: [GATES_KEY, orgId, "covering", target],
    queryFn: () => call(approvalEndpoints.covering, { params: { orgId }, query: target ?? {} }),
    enabled: target !== null,
  });
}

/** The names of the fields whose values differ between two states of a form (or two inputs). */
export function changedFields(initial: Record<string, unknown>, values: Record<string, unknown>): string[] {
  return Object.keys(values).filter((name) => JSON.stringify(initial[name]) !== JSON.stringify(values[name]));
}

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/**
 * Warns, before saving, that the change in a form will make an approval stale: shown as soon as
 * a field that a valid approval covers (a gate's, or a risk decision's) differs from what is stored.
 */
export function StaleApprovalWarning({ orgId, target, changed }: { orgId: string; target: CoverageTarget | null; changed: string[] }) {
  const coverage = useCoveringApprovals(orgId, target);
  const hit = (coverage.data?.approvals ?? []).filter((a) => a.fields.some((f) => changed.includes(f)));
  if (hit.length === 0) return null;
  return (
    <Alert color="orange" variant="light" role="status" title={`Saving will make ${list(hit.map((a) => a.label))} stale.`}>
      {hit.length === 1 ? "It" : "They"} covered what you changed (
      {list([...new Set(hit.flatMap((a) => a.fields.filter((f) => changed.includes(f))))])}): after saving,{" "}
      {hit.length === 1 ? "it has" : "they have"} to be given again.
    </Alert>
  );
}
