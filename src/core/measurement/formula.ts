import { CelScalar, celEnv, celFunc, isCelError, parse, plan } from "@bufbuild/cel";

/**
 * Derived measures are formulas over base measures in CEL (the Common Expression Language),
 * evaluated by @bufbuild/cel: a parser and interpreter, never `eval` or `new Function`.
 * The language is narrowed to arithmetic: numbers (every literal is a double, so `a / b * 100`
 * needs no `100.0`), the base measures' keys, + - * /, comparisons, `&&` `||` `!`, `c ? x : y`,
 * and min, max, abs. Anything else is refused with its position, before it is stored.
 */

export interface FormulaPosition {
  /** 0-based offset in the formula. */
  offset: number;
  /** 1-based line and column. */
  line: number;
  column: number;
}

export type FormulaCheck =
  | { ok: true; variables: string[]; formula: CompiledFormula }
  | { ok: false; position: FormulaPosition; reason: string };

/** The outcome of one evaluation: a finite number, or no value with the reason. */
export type FormulaValue = { value: number; reason: null } | { value: null; reason: string };

export interface CompiledFormula {
  source: string;
  /** The base measure keys it reads, in order of first use. */
  variables: string[];
  evaluate(values: Readonly<Record<string, number | null | undefined>>): FormulaValue;
}

export const MEASURE_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_FORMULA_LENGTH = 500;

const OPERATORS: Record<string, string> = {
  "_+_": "+",
  "_-_": "-",
  "_*_": "*",
  "_/_": "/",
  "-_": "-",
  "_<_": "<",
  "_<=_": "<=",
  "_>_": ">",
  "_>=_": ">=",
  "_==_": "==",
  "_!=_": "!=",
  "_?_:_": "?:",
  "_&&_": "&&",
  "_||_": "||",
  "!_": "!",
};
const FUNCTIONS: Record<string, number> = { min: 2, max: 2, abs: 1 };

class DivisionByZero extends Error {}

const D = CelScalar.DOUBLE;
const FUNCS = [
  celFunc("_/_", [D, D], D, (a, b) => {
    if (b === 0) throw new DivisionByZero("division by zero");
    return a / b;
  }),
  celFunc("min", [D, D], D, Math.min),
  celFunc("max", [D, D], D, Math.max),
  celFunc("abs", [D], D, Math.abs),
];

function positionAt(source: string, offset: number): FormulaPosition {
  const before = source.slice(0, offset);
  const lines = before.split("\n");
  return { offset, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

// The AST of @bufbuild/cel (cel.expr.Expr), read structurally.
interface Node {
  id: bigint;
  exprKind: { case: string | undefined; value: unknown };
}

/** Checks a formula against the keys it may use; on success, a formula that can be evaluated many times. */
export function compileFormula(source: string, keys: readonly string[]): FormulaCheck {
  const fail = (offset: number, reason: string): FormulaCheck => ({ ok: false, position: positionAt(source, offset), reason });
  if (source.trim() === "") return fail(0, "the formula is empty");
  if (source.length > MAX_FORMULA_LENGTH) return fail(MAX_FORMULA_LENGTH, `the formula is longer than ${MAX_FORMULA_LENGTH} characters`);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (error) {
    const e = error as { location?: { start?: { offset?: number } }; rawMessage?: string; message?: string };
    const reason = (e.rawMessage ?? e.message ?? "cannot be read").replace(/^<input>:\d+:\d+: /, "");
    return fail(e.location?.start?.offset ?? 0, `syntax error: ${reason}`);
  }
  const positions = (parsed.sourceInfo?.positions ?? {}) as Record<string, number>;
  const at = (node: Node) => positions[String(node.id)] ?? 0;
  const known = new Set(keys);
  const variables: string[] = [];
  let problem: FormulaCheck | null = null;

  const visit = (node: Node): void => {
    if (problem) return;
    const { case: kind, value } = node.exprKind;
    if (kind === "constExpr") {
      const constant = value as { constantKind: { case: string | undefined; value: unknown } };
      const c = constant.constantKind;
      if (c.case === "int64Value" || c.case === "uint64Value") {
        // Every number is a double, so int and double never meet in one operation.
        constant.constantKind = { case: "doubleValue", value: Number(c.value) };
      } else if (c.case !== "doubleValue" && c.case !== "boolValue") {
        problem = fail(at(node), "only numbers are allowed as constants (no text, bytes or null)");
      }
    } else if (kind === "identExpr") {
      const name = (value as { name: string }).name;
      if (!known.has(name)) {
        problem = fail(
          at(node),
          `"${name}" is not a base measure of this measure${keys.length ? ` (use ${keys.join(", ")})` : ": add base measures first"}`,
        );
      } else if (!variables.includes(name)) variables.push(name);
    } else if (kind === "callExpr") {
      const call = value as { function: string; target?: Node; args: Node[] };
      if (call.target) problem = fail(at(node), `"${call.function}" cannot be called on a value: only min, max and abs are functions`);
      else if (!(call.function in OPERATORS) && !(call.function in FUNCTIONS))
        problem = fail(at(node), `"${call.function}" is not allowed: use + - * / ( ), comparisons, ?:, min, max and abs`);
      else if (call.function in FUNCTIONS && call.args.length !== FUNCTIONS[call.function])
        problem = fail(at(node), `${call.function} takes ${FUNCTIONS[call.function]} argument(s), not ${call.args.length}`);
      for (const arg of call.args) visit(arg);
    } else {
      problem = fail(at(node), "only arithmetic on base measures is allowed (no lists, maps, fields or macros)");
    }
  };
  visit(parsed.expr as unknown as Node);
  if (problem) return problem;

  const env = celEnv({ variables: Object.fromEntries(variables.map((v) => [v, D])), funcs: FUNCS });
  const program = plan(env, parsed) as (ctx: Record<string, number>) => unknown;
  const evaluate = (values: Readonly<Record<string, number | null | undefined>>): FormulaValue => {
    const missing = variables.filter((v) => {
      const x = Object.hasOwn(values, v) ? values[v] : undefined;
      return x === null || x === undefined || !Number.isFinite(x);
    });
    if (missing.length) return { value: null, reason: `no value for ${missing.join(", ")} in this period` };
    const bindings = Object.fromEntries(variables.map((v) => [v, values[v] as number]));
    let result: unknown;
    try {
      result = program(bindings);
    } catch (error) {
      result = error;
    }
    if (isCelError(result) || result instanceof Error) {
      const message = (result as Error).message;
      if (
        result instanceof DivisionByZero ||
        /division by zero/.test(message) ||
        (result as { cause?: unknown }).cause instanceof DivisionByZero
      )
        return { value: null, reason: "the formula divides by zero in this period" };
      return { value: null, reason: `the formula cannot be evaluated: ${message}` };
    }
    if (typeof result === "boolean") return { value: null, reason: "the formula gives true or false, not a number" };
    if (typeof result !== "number") return { value: null, reason: "the formula does not give a number" };
    if (!Number.isFinite(result)) return { value: null, reason: "the result is not a finite number" };
    return { value: result, reason: null };
  };
  return { ok: true, variables, formula: { source, variables, evaluate } };
}
