import { schemaResolver } from "@mantine/form";
import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { sentence } from "./api-client";

/**
 * Forms checked with the contract's own schema, the one the server uses: on submit, then on
 * leaving a field once the form has been submitted, and nothing is sent while it refuses.
 * The schema's problems come from @mantine/form's Standard Schema resolver; the form state is
 * kept here because a field's problems include those of its items ("units" shows "units.2").
 */

/** Problems by field path ("title", "units.2"), worded as sentences like the server's field errors. */
export type FormErrors = Record<string, string>;

/** The schema's problems with `input`, the first one of each field (@mantine/form's Standard Schema resolver). */
export function schemaErrors(schema: z.ZodType, input: unknown): FormErrors {
  const errors = schemaResolver(schema, { sync: true })(input as Record<string, unknown>);
  return Object.fromEntries(Object.entries(errors).map(([path, message]) => [path, sentence(String(message), false)]));
}

/** A field's problems: its own and those of its items ("units" has "units.2"). */
const belongsTo = (name: string) => (path: string) => path === name || path.startsWith(`${name}.`);

export interface SchemaForm<V> {
  values: V;
  errors: FormErrors;
  /** Changes one field and clears its problem until it is checked again. */
  setValue: <K extends keyof V & string>(name: K, value: V[K]) => void;
  /** Checks the field left, once the form has been submitted. */
  blur: (name: string) => void;
  /** The form's submit handler: checks every field and calls `send` only when none is refused. */
  onSubmit: (send: (values: V) => void) => (event: FormEvent) => void;
}

/** A form over `initialValues` (or a function giving them once), checked by `validate`: usually `schemaErrors` of what the form would send. */
export function useSchemaForm<V extends object>(initialValues: V | (() => V), validate: (values: V) => FormErrors): SchemaForm<V> {
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const without = (name: string) => (current: FormErrors) =>
    Object.fromEntries(Object.entries(current).filter(([path]) => !belongsTo(name)(path)));
  return {
    values,
    errors,
    setValue: (name, value) => {
      setValues((v) => ({ ...v, [name]: value }));
      setErrors(without(name));
    },
    blur: (name) => {
      if (!submitted) return;
      const own = Object.entries(validate(values)).filter(([path]) => belongsTo(name)(path));
      setErrors((current) => ({ ...without(name)(current), ...Object.fromEntries(own) }));
    },
    onSubmit: (send) => (event) => {
      event.preventDefault();
      setSubmitted(true);
      const found = validate(values);
      setErrors(found);
      if (Object.keys(found).length === 0) send(values);
    },
  };
}
