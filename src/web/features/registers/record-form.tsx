import { Button, Group, Stack } from "@mantine/core";
import { useState } from "react";
import { fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { SaveError } from "../../components/form-error";
import { changedFields, StaleApprovalWarning } from "./approval-warning";
import { type FieldSpec, Fields, initialState, moneyProblems, toInput } from "./fields";

interface RecordFormProps {
  /** The record being edited, or null for a new one. */
  record: object | null;
  /** The stored record's id, when `record` (as the form edits it) does not carry it: a valid approval that covers it is warned about. */
  recordId?: string;
  fields: readonly FieldSpec[];
  /** One record, in lower case: "objective", "role". */
  noun: string;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (values: Record<string, unknown>) => void;
}

/**
 * The add or edit form of one record, as used in a dialog. The caller remounts it with the
 * stored record when a save is refused as stale, so it starts again from what is there now.
 */
export function RecordForm({ record, recordId, fields, noun, pending, error, onCancel, onSubmit }: RecordFormProps) {
  const { org } = useCurrentOrg();
  const money = { currency: org.currency, locale: org.locale };
  const [initial] = useState(() => initialState(fields, record, money));
  const [values, setValues] = useState(initial);
  const [ownErrors, setOwnErrors] = useState<Record<string, string>>({});
  const id = recordId ?? (record && "id" in record && typeof record.id === "string" ? record.id : null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const problems = moneyProblems(fields, values, money);
        setOwnErrors(problems);
        if (Object.keys(problems).length === 0) onSubmit(toInput(fields, values, money));
      }}
    >
      <Stack>
        <Fields
          fields={fields}
          values={values}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
          errors={{ ...fieldErrors(error), ...ownErrors }}
          idPrefix={`${noun.replaceAll(" ", "-")}-form`}
        />
        <StaleApprovalWarning orgId={org.id} target={id ? { recordId: id } : null} changed={changedFields(initial, values)} />
        <SaveError error={error} what={`the ${noun}`} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Save {noun}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
