import { Alert, Anchor, Button, Group, List, MultiSelect, NativeSelect, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { SoaRow } from "../../../contracts/soa";
import { fieldErrors } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { FormError } from "../../components/form-error";
import type { SoaEntryValues } from "./soa-api";
import { BASIS_LABELS, IMPLEMENTATION_LABELS } from "./soa-labels";
import { ApplicableBadge, LinkedJustification } from "./soa-table";

export interface RequirementOption {
  id: string;
  title: string;
  kind: "requirement" | "obligation";
}

const DECISIONS = [
  { value: "", label: "Automatic: from risks and requirements" },
  { value: "include", label: "Include" },
  { value: "exclude", label: "Exclude" },
];

const IMPLEMENTATIONS = (Object.keys(IMPLEMENTATION_LABELS) as SoaRow["implementation"][]).map((value) => ({
  value,
  label: IMPLEMENTATION_LABELS[value],
}));

type Decision = "" | "include" | "exclude";

interface SoaEntryFormProps {
  orgId: string;
  row: SoaRow;
  requirements: readonly RequirementOption[];
  pending: boolean;
  error: unknown;
  /** The row was reloaded because someone else saved it first. */
  reloaded: boolean;
  onCancel: () => void;
  onSubmit: (values: SoaEntryValues) => void;
}

/** A list item's error ("requirementIds.2") reports on its list. */
const errorFor = (errors: Record<string, string>, name: string) =>
  errors[name] ?? Object.entries(errors).find(([key]) => key.startsWith(`${name}.`))?.[1];

/**
 * One control's entry: the decision (left to the risks and requirements, included with a note,
 * or excluded with a justification), implementation, owner and the requirements that call for it.
 */
export function SoaEntryForm({ orgId, row, requirements, pending, error, reloaded, onCancel, onSubmit }: SoaEntryFormProps) {
  const [decision, setDecision] = useState<Decision>(row.decision ?? "");
  // An exclusion's justification and an inclusion's note say different things: switching the decision does not carry one into the other.
  const [texts, setTexts] = useState({ note: row.note ?? "", exclusion: row.decision === "exclude" ? row.justification : "" });
  const [implementation, setImplementation] = useState<SoaRow["implementation"]>(row.implementation);
  const [owner, setOwner] = useState(row.owner ?? "");
  const [requirementIds, setRequirementIds] = useState(row.requirements.map((r) => r.id));
  const errors = fieldErrors(error);
  const excluding = decision === "exclude";
  const justification = excluding ? texts.exclusion : texts.note;
  // A linked requirement that has since been deleted still shows, so it can be unlinked.
  const known = new Set(requirements.map((r) => r.id));
  const options = [...requirements, ...row.requirements.filter((r) => !known.has(r.id))];
  const group = (kind: RequirementOption["kind"]) => options.filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: o.title }));
  const data = [
    { group: "Requirements of interested parties", items: group("requirement") },
    { group: "Obligations", items: group("obligation") },
  ].filter((g) => g.items.length > 0);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({
          decision: decision === "" ? null : decision,
          justification: justification.trim() || null,
          implementation,
          owner: owner.trim() || null,
          requirementIds,
        });
      }}
    >
      <Stack>
        <Stack gap={6} p="sm" bg="var(--mantine-color-default-hover)" style={{ borderRadius: "var(--mantine-radius-sm)" }}>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              Applicable now:
            </Text>
            <ApplicableBadge applicable={row.applicable} />
            <Text size="sm" c="dimmed">
              {BASIS_LABELS[row.basis]}
            </Text>
          </Group>
          {row.riskCount > 0 && (
            <Text size="sm">
              Used by the treatment of {row.riskCount === 1 ? "risk" : `${row.riskCount} risks`}:{" "}
              {row.risks.map((r, i) => (
                <span key={r.id}>
                  {i > 0 && ", "}
                  <Anchor component={Link} to={orgHref(orgId, `${ORG_PATHS.risks}/${r.id}`)} inherit>
                    {r.ref}
                  </Anchor>{" "}
                  {r.title}
                </span>
              ))}
              {row.riskCount > row.risks.length && ` and ${row.riskCount - row.risks.length} more`}
            </Text>
          )}
          {row.justification && (
            <Text size="sm">
              Justification now: <LinkedJustification orgId={orgId} text={row.justification} risks={row.risks} />
            </Text>
          )}
          {row.problems.length > 0 && (
            <List size="sm" c="red.8">
              {row.problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          )}
        </Stack>
        <NativeSelect
          id="soa-entry-decision"
          label="Decision"
          description="Risks and requirements that call for a control include it on their own; otherwise include it with a note, or exclude it saying why."
          data={DECISIONS}
          value={decision}
          error={errors.decision}
          onChange={(e) => setDecision(e.currentTarget.value as Decision)}
        />
        {excluding && row.riskCount > 0 && (
          <Alert color="orange" variant="light" title="A risk treatment uses this control">
            It cannot be excluded while the treatment of {row.riskCount === 1 ? "a risk" : `${row.riskCount} risks`} uses it: take it out of
            those treatments first.
          </Alert>
        )}
        <Textarea
          id="soa-entry-justification"
          label="Justification"
          description={
            excluding
              ? "Required to exclude: why the organization does not need this control."
              : "A note added to the justification computed from risks and requirements; needed to include a control nothing else calls for."
          }
          required={excluding}
          autosize
          minRows={3}
          maxRows={10}
          value={justification}
          error={errors.justification}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setTexts((t) => (excluding ? { ...t, exclusion: value } : { ...t, note: value }));
          }}
        />
        <NativeSelect
          id="soa-entry-implementation"
          label="Implementation"
          data={IMPLEMENTATIONS}
          value={implementation}
          error={errors.implementation}
          onChange={(e) => setImplementation(e.currentTarget.value as SoaRow["implementation"])}
        />
        <TextInput
          id="soa-entry-owner"
          label="Owner"
          description="Who is responsible for the control"
          value={owner}
          error={errors.owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
        />
        <MultiSelect
          id="soa-entry-requirements"
          label="Requirements and obligations"
          description={
            data.length > 0 ? (
              "Those that call for this control: linking one makes the control applicable."
            ) : (
              <>
                None recorded yet: add them on the{" "}
                <Anchor component={Link} to={orgHref(orgId, ORG_PATHS.requirements)} inherit>
                  Requirements
                </Anchor>{" "}
                page.
              </>
            )
          }
          data={data}
          value={requirementIds}
          onChange={setRequirementIds}
          searchable
          clearable
          nothingFoundMessage="No requirement or obligation with that title"
          error={errorFor(errors, "requirementIds")}
          disabled={data.length === 0}
        />
        {reloaded ? (
          <Alert color="orange" variant="light" title="Someone else changed this in the meantime" role="alert">
            Your changes were not saved. The form now shows the entry as it is stored: check it, make your changes again and save.
          </Alert>
        ) : (
          <FormError error={error} title={`Could not save ${row.control.ref}`} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
