// The qualitative risk method: scales, risk matrix and acceptance criteria (risk.md, "Method").
// Pure functions only; the server stores a method version and scores risks against it.

export interface ScaleLevel {
  name: string;
  description: string;
  /** "#rrggbb" */
  colour: string;
  /** Optional numeric bounds so people can calibrate a score (events per year, money); null = open. */
  lower: number | null;
  upper: number | null;
}

export interface RiskLevelDef {
  name: string;
  colour: string;
}

export type AcceptanceAuthority = "risk_owner" | "isms_manager" | "top_management";
export const ACCEPTANCE_AUTHORITIES: readonly AcceptanceAuthority[] = ["risk_owner", "isms_manager", "top_management"];

/** Who may accept a residual risk at a level, and for how many months at most (null = no limit). */
export interface AcceptanceRule {
  authority: AcceptanceAuthority;
  maxMonths: number | null;
}

export interface RiskMethod {
  /** Ordered low→high, 2..10 entries; a score is its 1-based position. */
  likelihood: ScaleLevel[];
  /** Ordered low→high, 2..10 entries; a score is its 1-based position. */
  impact: ScaleLevel[];
  /** Ordered low→high, 2..10 entries; a level is its 0-based index. */
  levels: RiskLevelDef[];
  /** grid[likelihood - 1][impact - 1] = level index */
  grid: number[][];
  /** Highest level index that may be retained without treatment or explicit acceptance. */
  threshold: number;
  /** One per level index. */
  acceptance: AcceptanceRule[];
}

export interface MethodIssue {
  path: string;
  message: string;
}

export const MIN_SCALE_SIZE = 2;
export const MAX_SCALE_SIZE = 10;

/**
 * The shipped 5 × 5 method. The numeric bounds are examples for a mid-sized organization; each
 * organization is expected to adjust them when it approves its own method.
 */
export const DEFAULT_RISK_METHOD: RiskMethod = {
  likelihood: [
    { name: "Rare", description: "Could happen, but we would not expect it within ten years.", colour: "#2e7d32", lower: 0, upper: 0.1 },
    { name: "Unlikely", description: "Might happen once in the next two to ten years.", colour: "#9e9d24", lower: 0.1, upper: 0.5 },
    { name: "Possible", description: "About once every year or two.", colour: "#f9a825", lower: 0.5, upper: 2 },
    { name: "Likely", description: "Several times a year, up to monthly.", colour: "#ef6c00", lower: 2, upper: 12 },
    {
      name: "Almost certain",
      description: "More than once a month; it is happening or will happen.",
      colour: "#c62828",
      lower: 12,
      upper: null,
    },
  ],
  impact: [
    {
      name: "Negligible",
      description: "Absorbed in normal work; no customer, legal or reputational effect.",
      colour: "#2e7d32",
      lower: 0,
      upper: 10_000,
    },
    {
      name: "Minor",
      description: "Short disruption or small cost; a few people or customers notice.",
      colour: "#9e9d24",
      lower: 10_000,
      upper: 100_000,
    },
    {
      name: "Moderate",
      description: "Noticeable disruption, some customers affected, possible contractual claims.",
      colour: "#f9a825",
      lower: 100_000,
      upper: 500_000,
    },
    {
      name: "Major",
      description: "Serious disruption, regulator or press involvement, lasting harm to trust.",
      colour: "#ef6c00",
      lower: 500_000,
      upper: 2_000_000,
    },
    {
      name: "Severe",
      description: "Threatens the organization's survival, its licence to operate or people's safety.",
      colour: "#c62828",
      lower: 2_000_000,
      upper: null,
    },
  ],
  levels: [
    { name: "Very low", colour: "#2e7d32" },
    { name: "Low", colour: "#9e9d24" },
    { name: "Medium", colour: "#f9a825" },
    { name: "High", colour: "#ef6c00" },
    { name: "Very high", colour: "#c62828" },
  ],
  grid: [
    [0, 0, 1, 1, 1],
    [0, 1, 1, 2, 2],
    [1, 1, 2, 3, 3],
    [1, 2, 3, 3, 4],
    [2, 3, 3, 4, 4],
  ],
  threshold: 1,
  acceptance: [
    { authority: "risk_owner", maxMonths: null },
    { authority: "risk_owner", maxMonths: null },
    { authority: "isms_manager", maxMonths: 12 },
    { authority: "top_management", maxMonths: 12 },
    { authority: "top_management", maxMonths: 12 },
  ],
};

const COLOUR = /^#[0-9a-fA-F]{6}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function sizeProblem(path: string, label: string, value: unknown): MethodIssue | null {
  if (!Array.isArray(value)) return { path, message: `The ${label} must be a list.` };
  if (value.length < MIN_SCALE_SIZE || value.length > MAX_SCALE_SIZE) {
    return { path, message: `The ${label} needs between ${MIN_SCALE_SIZE} and ${MAX_SCALE_SIZE} entries; it has ${value.length}.` };
  }
  return null;
}

function nameAndColourProblems(path: string, label: string, entries: unknown[], out: MethodIssue[]): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(entry)) {
      out.push({ path: at, message: `Entry ${i + 1} of the ${label} is not an object.` });
      return;
    }
    const name = typeof entry.name === "string" ? entry.name.trim() : "";
    if (name === "") out.push({ path: `${at}.name`, message: `Entry ${i + 1} of the ${label} needs a name.` });
    else {
      const key = name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        out.push({ path: `${at}.name`, message: `"${name}" is used twice in the ${label} (entries ${first + 1} and ${i + 1}).` });
      } else seen.set(key, i);
    }
    if (typeof entry.colour !== "string" || !COLOUR.test(entry.colour)) {
      out.push({ path: `${at}.colour`, message: `The colour of ${label} entry ${i + 1} must look like "#1a2b3c".` });
    }
  });
}

function boundsProblems(path: string, label: string, entries: unknown[], out: MethodIssue[]): void {
  entries.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const at = `${path}[${i}]`;
    for (const key of ["lower", "upper"] as const) {
      const v = entry[key];
      if (v !== null && v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) {
        out.push({ path: `${at}.${key}`, message: `The ${key} bound of ${label} entry ${i + 1} must be a number or empty.` });
      }
    }
    const { lower, upper } = entry;
    if (typeof lower === "number" && typeof upper === "number" && lower > upper) {
      out.push({ path: at, message: `${label} entry ${i + 1} has a lower bound (${lower}) above its upper bound (${upper}).` });
    }
  });
}

/** Every structural error in a method, so an editor can show them all at once. An empty list means usable. */
export function methodProblems(m: RiskMethod): MethodIssue[] {
  const out: MethodIssue[] = [];
  const scales = [
    ["likelihood", "likelihood scale", m.likelihood],
    ["impact", "impact scale", m.impact],
  ] as const;
  for (const [path, label, scale] of scales) {
    const size = sizeProblem(path, label, scale);
    if (size) out.push(size);
    if (Array.isArray(scale)) {
      nameAndColourProblems(path, label, scale, out);
      boundsProblems(path, label, scale, out);
    }
  }
  const levelsSize = sizeProblem("levels", "list of risk levels", m.levels);
  if (levelsSize) out.push(levelsSize);
  const levels = Array.isArray(m.levels) ? m.levels : [];
  nameAndColourProblems("levels", "list of risk levels", levels, out);

  const rows = Array.isArray(m.likelihood) ? m.likelihood.length : 0;
  const cols = Array.isArray(m.impact) ? m.impact.length : 0;
  if (!Array.isArray(m.grid)) out.push({ path: "grid", message: "The risk matrix must be a list of rows." });
  else {
    if (m.grid.length !== rows) {
      out.push({ path: "grid", message: `The risk matrix has ${m.grid.length} rows but the likelihood scale has ${rows} levels.` });
    }
    m.grid.forEach((row, i) => {
      if (!Array.isArray(row)) {
        out.push({ path: `grid[${i}]`, message: `Row ${i + 1} of the risk matrix must be a list.` });
        return;
      }
      if (row.length !== cols) {
        out.push({
          path: `grid[${i}]`,
          message: `Row ${i + 1} of the risk matrix has ${row.length} cells but the impact scale has ${cols} levels.`,
        });
      }
      row.forEach((cell, j) => {
        if (!Number.isInteger(cell) || cell < 0 || cell >= levels.length) {
          out.push({
            path: `grid[${i}][${j}]`,
            message: `Cell (likelihood ${i + 1}, impact ${j + 1}) must name a risk level from 0 to ${levels.length - 1}; it is ${JSON.stringify(cell)}.`,
          });
        }
      });
    });
  }

  if (!Number.isInteger(m.threshold) || m.threshold < 0 || m.threshold >= levels.length) {
    out.push({
      path: "threshold",
      message: `The acceptance threshold must be a risk level from 0 to ${levels.length - 1}; it is ${JSON.stringify(m.threshold)}.`,
    });
  }

  if (!Array.isArray(m.acceptance)) out.push({ path: "acceptance", message: "The acceptance rules must be a list." });
  else {
    if (m.acceptance.length !== levels.length) {
      out.push({
        path: "acceptance",
        message: `There must be one acceptance rule per risk level: ${levels.length} levels but ${m.acceptance.length} rules.`,
      });
    }
    m.acceptance.forEach((rule, i) => {
      const at = `acceptance[${i}]`;
      if (!isObject(rule)) {
        out.push({ path: at, message: `Acceptance rule ${i + 1} is not an object.` });
        return;
      }
      if (!ACCEPTANCE_AUTHORITIES.includes(rule.authority as AcceptanceAuthority)) {
        out.push({ path: `${at}.authority`, message: `Acceptance rule ${i + 1} must name one of: ${ACCEPTANCE_AUTHORITIES.join(", ")}.` });
      }
      const months = rule.maxMonths;
      if (months !== null && (typeof months !== "number" || !Number.isInteger(months) || months <= 0)) {
        out.push({
          path: `${at}.maxMonths`,
          message: `The longest acceptance for rule ${i + 1} must be a whole number of months above zero, or empty for no limit.`,
        });
      }
    });
  }
  return out;
}

/**
 * Things that are legal but probably mistakes. Only meaningful for a method without problems;
 * cells that are not valid level indexes are skipped rather than reported twice.
 */
export function methodWarnings(m: RiskMethod): MethodIssue[] {
  const out: MethodIssue[] = [];
  const grid = Array.isArray(m.grid) ? m.grid : [];
  const cellAt = (i: number, j: number): number | undefined => {
    const row = grid[i];
    const v = Array.isArray(row) ? row[j] : undefined;
    return Number.isInteger(v) ? v : undefined;
  };
  const cellName = (i: number, j: number) => `(likelihood ${i + 1}, impact ${j + 1})`;
  const used = new Set<number>();
  grid.forEach((row, i) => {
    if (!Array.isArray(row)) return;
    row.forEach((_, j) => {
      const v = cellAt(i, j);
      if (v === undefined) return;
      used.add(v);
      const left = j > 0 ? cellAt(i, j - 1) : undefined;
      if (left !== undefined && v < left) {
        out.push({
          path: `grid[${i}][${j}]`,
          message: `Cell ${cellName(i, j)} gives a lower level than ${cellName(i, j - 1)}, although its impact is higher.`,
        });
      }
      const up = i > 0 ? cellAt(i - 1, j) : undefined;
      if (up !== undefined && v < up) {
        out.push({
          path: `grid[${i}][${j}]`,
          message: `Cell ${cellName(i, j)} gives a lower level than ${cellName(i - 1, j)}, although its likelihood is higher.`,
        });
      }
    });
  });
  const levels = Array.isArray(m.levels) ? m.levels : [];
  levels.forEach((level, k) => {
    if (!used.has(k)) {
      out.push({ path: `levels[${k}]`, message: `Risk level "${level?.name ?? k}" is never reached by any cell of the risk matrix.` });
    }
  });
  return out;
}

export function isValidScore(m: RiskMethod, axis: "likelihood" | "impact", score: number): boolean {
  return Number.isInteger(score) && score >= 1 && score <= m[axis].length;
}

/** Level index for 1-based scores. */
export function riskLevel(m: RiskMethod, likelihood: number, impact: number): number {
  if (!isValidScore(m, "likelihood", likelihood)) {
    throw new RangeError(`Likelihood ${likelihood} is outside the scale 1..${m.likelihood.length}.`);
  }
  if (!isValidScore(m, "impact", impact)) throw new RangeError(`Impact ${impact} is outside the scale 1..${m.impact.length}.`);
  const level = m.grid[likelihood - 1]?.[impact - 1];
  if (level === undefined) throw new RangeError(`The risk matrix has no cell for likelihood ${likelihood}, impact ${impact}.`);
  return level;
}

/** Above the threshold a risk must be treated or its residual level explicitly accepted. */
export function needsAcceptance(m: RiskMethod, level: number): boolean {
  return level > m.threshold;
}

export function acceptanceRule(m: RiskMethod, level: number): AcceptanceRule {
  const rule = Number.isInteger(level) ? m.acceptance[level] : undefined;
  if (!rule) throw new RangeError(`Risk level ${level} has no acceptance rule (levels 0..${m.acceptance.length - 1}).`);
  return rule;
}
