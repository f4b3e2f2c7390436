import { useMemo } from "react";
import type { z } from "zod";
import { schemaErrors, useSchemaForm } from "../../app/schema-form";
import { type FieldSpec, type FieldValue, type FormState, initialState, type MoneyFormat, moneyProblems, toInput } from "./fields";
import { bindFields } from "./schema-fields";

interface FieldsFormOptions {
  /** The contract's input schema; without one the fields are as declared and only money is checked here. */
  schema?: z.ZodObject;
  fields: readonly FieldSpec[];
  /** The record the form starts from, or null for a new one. */
  source: object | null;
  /** The form's values as the API's input, when they differ from the fields. */
  fromForm?: (values: Record<string, unknown>) => Record<string, unknown>;
  money?: MoneyFormat;
}

/**
 * A register form's state bound to its schema: the fields as the schema marks them, and a
 * check of what would be sent (money text the locale cannot read is named first, as the
 * schema would only say "must be a number"). `onSubmit` hands over the API's input.
 */
export function useFieldsForm({ schema, fields, source, fromForm, money }: FieldsFormOptions) {
  const bound = useMemo(() => (schema ? bindFields(schema, fields) : [...fields]), [schema, fields]);
  const input = (values: FormState) => {
    const sent = toInput(bound, values, money);
    return fromForm ? fromForm(sent) : sent;
  };
  const form = useSchemaForm<FormState>(
    () => initialState(bound, source, money),
    (values) => ({ ...(schema ? schemaErrors(schema, input(values)) : {}), ...moneyProblems(bound, values, money) }),
  );
  return {
    ...form,
    fields: bound,
    setValue: (name: string, value: FieldValue) => form.setValue(name, value),
    onSubmit: (send: (values: Record<string, unknown>) => void) => form.onSubmit((values) => send(input(values))),
  };
}
