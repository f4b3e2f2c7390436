import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { amountText, DEFAULT_CURRENCY, DEFAULT_LOCALE, parseAmount } from "../../../core/money/money";
import { COMPLETION_FIELDS } from "../../../core/process/rules";

/**
 * Register forms are described as data: each field says how it is edited, and one component
 * renders any of them, so every register and document form looks and behaves the same.
 */
/** "multiselect" picks several of `options` (e.g. members), its value the list of their values. */
export type FieldKind =
  | "text"
  | "textarea"
  | "number"
  | "money"
  | "currency"
  | "date"
  | "select"
  | "multiselect"
  | "checkbox"
  | "tags"
  | "links";

/**
 * The organization's way with money: a "money" field is typed and read in its locale (an
 * ambiguous "18.000" is refused, naming both readings), a "currency" field starts at its currency.
 */
export interface MoneyFormat {
  currency: string;
  locale: string;
}
const DEFAULT_MONEY: MoneyFormat = { currency: DEFAULT_CURRENCY, locale: DEFAULT_LOCALE };

/**
 * How one field is edited. A page declares what the contract's schema cannot say (label, widget,
 * help, option labels); `bindFields` (schema-fields.ts) adds what it does say, so a form bound to
 * its schema marks, bounds and sends each field as the server will judge it.
 */
export interface FieldSpec {
  /** The property's name in the API's input and output. */
  name: string;
  label: string;
  /** The widget; a field the schema gives a list of choices is a "select" when not said. */
  kind?: FieldKind;
  description?: string;
  /** Shown as required. From the schema in a bound form: declared only in forms without one. */
  required?: boolean;
  /** The choices; from the schema's list when not declared, each named by its value. */
  options?: readonly { value: string; label: string }[];
  /** From the schema: the longest text it takes. */
  maxLength?: number;
  /** From the schema: the bounds of a number. */
  min?: number;
  max?: number;
  /**
   * From the schema: what a blank field is sent as (null, "" or left out), the first of those
   * the schema takes. Without a schema, null for an optional field and "" for a required one.
   */
  blank?: null | "" | undefined;
  /** Set by `withCompletion`: the activity whose completion rule needs this field filled ("5.4"). */
  neededFor?: string;
  /**
   * For "links": a list of references to other records (picked from `options`), each with a
   * whole number, e.g. a task's predecessors with their lag. Names the properties of one item
   * in the API's input, and how the number and one item are called.
   */
  link?: { target: string; amount: string; amountLabel: string; noun: string };
}

/** One item of a "links" field as the form edits it. */
export interface LinkRow {
  target: string;
  amount: string;
}

/**
 * Marks the fields a completion rule needs, from the rule definitions the roadmap uses
 * (COMPLETION_FIELDS in src/core/process/rules.ts), so a form says what completion needs.
 */
export function withCompletion(register: string, fields: readonly FieldSpec[]): FieldSpec[] {
  const needed = new Map((COMPLETION_FIELDS[register] ?? []).map((c) => [c.field, c.activity]));
  return fields.map((f) => (needed.has(f.name) ? { ...f, neededFor: needed.get(f.name) } : f));
}

export type FieldValue = string | boolean | string[] | LinkRow[];
export type FormState = Record<string, FieldValue>;

const kindOf = (field: FieldSpec): FieldKind => field.kind ?? "text";

/** The form's starting values: the record's, or empty ones for a new record. */
export function initialState(fields: readonly FieldSpec[], source: object | null, money: MoneyFormat = DEFAULT_MONEY): FormState {
  const record = source as Record<string, unknown> | null;
  return Object.fromEntries(
    fields.map((field) => {
      const value = record?.[field.name];
      switch (kindOf(field)) {
        case "checkbox":
          return [field.name, value === true];
        case "tags":
        case "multiselect":
          return [field.name, Array.isArray(value) ? value.map(String) : []];
        case "links": {
          const link = field.link;
          const rows = Array.isArray(value) && link ? (value as Record<string, unknown>[]) : [];
          return [field.name, rows.map((r) => ({ target: String(r[link!.target] ?? ""), amount: String(r[link!.amount] ?? 0) }))];
        }
        case "select":
          return [field.name, value == null ? (field.options?.[0]?.value ?? "") : String(value)];
        case "money":
          return [field.name, typeof value === "number" ? amountText(value, money.locale) : ""];
        case "currency":
          return [field.name, value == null || value === "" ? money.currency : String(value)];
        default:
          return [field.name, value == null ? "" : String(value)];
      }
    }),
  );
}

/** What a blank field is sent as: the schema's choice when bound to one; else nothing for a number, "" for required text (refused by name), null for the rest. */
function blankOf(field: FieldSpec): null | "" | undefined {
  if ("blank" in field) return field.blank;
  if (kindOf(field) === "number" || kindOf(field) === "money") return undefined;
  return field.required ? "" : null;
}

/** The form's values as the API's input: numbers as numbers, blank optional fields as null; the contract schema judges the rest. */
export function toInput(fields: readonly FieldSpec[], state: FormState, money: MoneyFormat = DEFAULT_MONEY): Record<string, unknown> {
  return Object.fromEntries(
    fields.map((field) => {
      const value = state[field.name];
      if (kindOf(field) === "links" && field.link && Array.isArray(value)) {
        const { target, amount } = field.link;
        const rows = (value as LinkRow[]).filter((r) => r.target !== "");
        return [field.name, rows.map((r) => ({ [target]: r.target, [amount]: r.amount.trim() === "" ? 0 : Number(r.amount) }))];
      }
      if (typeof value !== "string") return [field.name, value];
      if (value.trim() === "") return [field.name, blankOf(field)];
      if (kindOf(field) === "number") return [field.name, Number(value)];
      if (kindOf(field) === "money") {
        const read = parseAmount(value, money.locale);
        return [field.name, read.ok ? read.value : value];
      }
      return [field.name, value];
    }),
  );
}

/** The money fields whose text is not an amount in the organization's locale, with why: checked before anything is sent. */
export function moneyProblems(fields: readonly FieldSpec[], state: FormState, money: MoneyFormat = DEFAULT_MONEY): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const value = state[field.name];
    if (kindOf(field) !== "money" || typeof value !== "string" || value.trim() === "") continue;
    const read = parseAmount(value, money.locale);
    if (!read.ok) problems[field.name] = read.message;
  }
  return problems;
}

/** A field's message from the server or the form's own check; list items ("units.2") report on their list. */
function errorFor(errors: Record<string, string | undefined>, name: string): string | undefined {
  return errors[name] ?? Object.entries(errors).find(([key]) => key.startsWith(`${name}.`))?.[1];
}

interface FieldsProps {
  fields: readonly FieldSpec[];
  values: FormState;
  onChange: (name: string, value: FieldValue) => void;
  /** Problems by field; one set to undefined is shown elsewhere by the form. */
  errors: Record<string, string | undefined>;
  /** Called when a field is left, so a form bound to its schema can check it again. */
  onBlur?: (name: string) => void;
  readOnly?: boolean;
  /** Each input's id is `<idPrefix>-<name>`, so links from the roadmap can point at one field. */
  idPrefix: string;
}

export function Fields({ fields, values, onChange, errors, onBlur, readOnly = false, idPrefix }: FieldsProps) {
  // Problems with no field of their own here (a property the page maps in `fromForm`) are still shown, by name.
  const unplaced = Object.entries(errors).filter(
    ([path, message]) => message !== undefined && !fields.some((f) => path === f.name || path.startsWith(`${f.name}.`)),
  );
  return (
    <Stack>
      {fields.map((field) => {
        const needed = field.neededFor ? `Needed to complete ${field.neededFor}` : null;
        const common = {
          id: `${idPrefix}-${field.name}`,
          label: field.label,
          description: needed && !field.required ? (field.description ? `${needed}. ${field.description}` : needed) : field.description,
          required: field.required,
          error: errorFor(errors, field.name),
          readOnly,
          onBlur: () => onBlur?.(field.name),
        };
        const value = values[field.name];
        const text = typeof value === "string" ? value : "";
        switch (kindOf(field)) {
          case "textarea":
            return (
              <Textarea
                key={field.name}
                {...common}
                maxLength={field.maxLength}
                autosize
                minRows={2}
                maxRows={12}
                value={text}
                onChange={(e) => onChange(field.name, e.currentTarget.value)}
              />
            );
          case "number":
            return (
              <NumberInput
                key={field.name}
                {...common}
                min={field.min ?? 0}
                max={field.max}
                decimalScale={2}
                value={text}
                onChange={(next) => onChange(field.name, String(next))}
              />
            );
          case "money":
            return (
              <TextInput
                key={field.name}
                {...common}
                inputMode="decimal"
                autoComplete="off"
                value={text}
                onChange={(e) => onChange(field.name, e.currentTarget.value)}
              />
            );
          case "currency":
            return (
              <TextInput
                key={field.name}
                {...common}
                maxLength={3}
                value={text}
                onChange={(e) => onChange(field.name, e.currentTarget.value.toUpperCase())}
              />
            );
          case "date":
            return (
              <TextInput
                key={field.name}
                {...common}
                type="date"
                value={text}
                onChange={(e) => onChange(field.name, e.currentTarget.value)}
              />
            );
          case "select":
            return (
              <NativeSelect
                key={field.name}
                {...common}
                disabled={readOnly}
                data={field.options ?? []}
                value={text}
                onChange={(e) => onChange(field.name, e.currentTarget.value)}
              />
            );
          case "checkbox":
            return (
              <Checkbox
                key={field.name}
                id={common.id}
                label={field.label}
                description={field.description}
                error={common.error}
                disabled={readOnly}
                onBlur={common.onBlur}
                checked={value === true}
                onChange={(e) => onChange(field.name, e.currentTarget.checked)}
              />
            );
          case "links":
            return (
              <LinksField
                key={field.name}
                field={field}
                id={common.id}
                rows={Array.isArray(value) ? (value as LinkRow[]) : []}
                error={common.error}
                readOnly={readOnly}
                onBlur={common.onBlur}
                onChange={(next) => onChange(field.name, next)}
              />
            );
          case "multiselect":
            return (
              <MultiSelect
                key={field.name}
                {...common}
                disabled={readOnly}
                data={field.options ?? []}
                value={Array.isArray(value) ? value.map(String) : []}
                onChange={(next) => onChange(field.name, next)}
                searchable
                clearable
              />
            );
          case "tags":
            return (
              <TagsInput
                key={field.name}
                {...common}
                value={Array.isArray(value) ? value.map(String) : []}
                onChange={(next) => onChange(field.name, next)}
                placeholder={readOnly ? undefined : "Type a name and press Enter"}
                splitChars={[]}
              />
            );
          default:
            return (
              <TextInput
                key={field.name}
                {...common}
                maxLength={field.maxLength}
                value={text}
                onChange={(e) => onChange(field.name, e.currentTarget.value)}
              />
            );
        }
      })}
      {unplaced.length > 0 && (
        <Text size="sm" c="red.8" role="alert">
          {unplaced.map(([path, message]) => (path ? `${path}: ${message}` : message)).join(" ")}
        </Text>
      )}
    </Stack>
  );
}

interface LinksFieldProps {
  field: FieldSpec;
  id: string;
  rows: LinkRow[];
  error: string | undefined;
  readOnly: boolean;
  onBlur: () => void;
  onChange: (rows: LinkRow[]) => void;
}

/** A list of references picked by name, each with a number (a dependency and its lag): add, change, remove, all by keyboard. */
function LinksField({ field, id, rows, error, readOnly, onBlur, onChange }: LinksFieldProps) {
  const link = field.link ?? { target: "id", amount: "amount", amountLabel: "Amount", noun: "link" };
  const options = [{ value: "", label: `Choose a ${link.noun}` }, ...(field.options ?? [])];
  const set = (index: number, patch: Partial<LinkRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Fieldset legend={field.label} id={id} aria-describedby={error ? `${id}-error` : undefined} onBlur={onBlur}>
      <Stack gap="xs">
        {field.description && (
          <Text size="xs" c="dimmed">
            {field.description}
          </Text>
        )}
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            None.
          </Text>
        )}
        {rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; the position is the row
          <Group key={index} align="flex-end" gap="xs" wrap="nowrap">
            <NativeSelect
              id={`${id}-${index}`}
              label={`${link.noun[0]?.toUpperCase()}${link.noun.slice(1)} ${index + 1}`}
              data={options}
              value={row.target}
              disabled={readOnly}
              onChange={(e) => set(index, { target: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <NumberInput
              id={`${id}-${index}-amount`}
              label={link.amountLabel}
              min={0}
              allowDecimal={false}
              w={140}
              readOnly={readOnly}
              value={row.amount}
              onChange={(next) => set(index, { amount: String(next) })}
            />
            {!readOnly && (
              <Button
                variant="subtle"
                color="red"
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
                aria-label={`Remove ${link.noun} ${index + 1}`}
              >
                Remove
              </Button>
            )}
          </Group>
        ))}
        {!readOnly && (
          <Button
            variant="light"
            size="xs"
            style={{ alignSelf: "flex-start" }}
            onClick={() => onChange([...rows, { target: "", amount: "0" }])}
          >
            Add {link.noun}
          </Button>
        )}
        {error && (
          <Text size="sm" c="red.8" id={`${id}-error`} role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
