import { Button, Group, Stack } from "@mantine/core";
import { useState } from "react";
import type { z } from "zod";
import { fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { SaveError } from "../../components/form-error";
import { changedFields, StaleApprovalWarning } from "./approval-warning";
import { type FieldSpec, Fields } from "./fields";
import { useFieldsForm } from "./use-fields-form";

interface RecordFormProps {
  /** The record being edited, or null for a new one. */
  record: object | null;
  /** The stored record's id, when `record` (as the form edits it) does not carry it: a valid approval that covers it is warned about. */
  recordId?: string;
  /** The contract's input schema: the form is checked with it before anything is sent, and its fields marked from it. */
  schema?: z.ZodObject;
  fields: readonly FieldSpec[];
  /** The form's values as the API's input, when they differ (e.g. a list edited as check boxes): what is checked and sent. */
  fromForm?: (values: Record<string, unknown>) => Record<string, unknown>;
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
export function RecordForm({ record, recordId, schema, fields, fromForm, noun, pending, error, onCancel, onSubmit }: RecordFormProps) {
  const { org } = useCurrentOrg();
  const form = useFieldsForm({ schema, fields, source: record, fromForm, money: { currency: org.currency, locale: org.locale } });
  const [initial] = useState(form.values);
  const id = recordId ?? (record && "id" in record && typeof record.id === "string" ? record.id : null);
  return (
    <form noValidate onSubmit={form.onSubmit(onSubmit)}>
      <Stack>
        <Fields
          fields={form.fields}
          values={form.values}
          onChange={form.setValue}
          onBlur={form.blur}
          errors={{ ...fieldErrors(error), ...form.errors }}
          idPrefix={`${noun.replaceAll(" ", "-")}-form`}
        />
        <StaleApprovalWarning orgId={org.id} target={id ? { recordId: id } : null} changed={changedFields(initial, form.values)} />
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
