import type { z } from "zod";
import type { FieldKind, FieldSpec } from "./fields";

/** The parts of a zod schema read here: its definition, and the bounds zod 4 exposes on strings, numbers and lists of choices. */
interface Inspected {
  _zod: { def: { type: string; innerType?: Inspected; in?: Inspected; out?: Inspected } };
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  options?: readonly unknown[];
  safeParse(value: unknown): { success: boolean };
}

/** The schema under optional, nullable, default and the like; a pipe is judged by the side that holds the value's type. */
function inner(schema: Inspected): Inspected {
  const def = schema._zod.def;
  if (def.innerType) return inner(def.innerType);
  if (def.type === "pipe" && def.in && def.out) return inner(def.in._zod.def.type === "transform" ? def.out : def.in);
  return schema;
}

/** What a blank field of each widget may be sent as, in the order tried: null (cleared) first, so a PATCH clears it too. */
const BLANKS: Partial<Record<FieldKind, readonly unknown[]>> = {
  number: [null, undefined],
  money: [null, undefined],
  checkbox: [],
  tags: [[]],
  multiselect: [[]],
  links: [[]],
};
const TEXT_BLANKS = [null, "", undefined] as const;

/** A value of a list of choices as its label when the page gives none: "business_process" → "Business process". */
const labelOf = (value: string) => `${value.charAt(0).toUpperCase()}${value.slice(1)}`.replaceAll("_", " ");

/** A finite bound, leaving out the safe-integer limits zod puts on every integer. */
const bound = (n: number | null | undefined) => (n != null && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);

/**
 * The fields as the schema says they are: required when it refuses every blank, its longest
 * text, its number bounds and its list of choices (when the page names none), and what a blank
 * is sent as. Fields the schema does not have (mapped by the page's `fromForm`) stay as declared.
 */
export function bindFields(schema: z.ZodObject, fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.map((field) => {
    const own = schema.shape[field.name] as unknown as Inspected | undefined;
    if (!own) return field;
    const core = inner(own);
    const choices = core._zod.def.type === "enum" ? (core.options ?? []).map(String) : null;
    const kind = field.kind ?? (choices ? "select" : "text");
    const blanks = BLANKS[kind] ?? TEXT_BLANKS;
    const taken = blanks.findIndex((blank) => own.safeParse(blank).success);
    const required = blanks.length > 0 && taken < 0;
    const numeric = kind === "number" || kind === "money";
    const bound_: Partial<FieldSpec> = {
      kind,
      required,
      // A required field left blank is sent so that the schema refuses it by name.
      blank: taken < 0 ? (numeric ? undefined : "") : (blanks[taken] as FieldSpec["blank"]),
      maxLength: bound(core.maxLength),
      min: bound(core.minValue),
      max: bound(core.maxValue),
    };
    if (!field.options && choices) {
      const listed = choices.map((value) => ({ value, label: labelOf(value) }));
      // A blank choice only where the schema takes null: a list with a default starts at its first choice.
      bound_.options = own.safeParse(null).success ? [{ value: "", label: "—" }, ...listed] : listed;
    }
    return { ...field, ...bound_ };
  });
}
