/**
 * The facts the roadmap engine evaluates. The server assembles this from the registers of one
 * organization; the engine never reads anything else, so the same data gives the same roadmap
 * in the server, the browser and the CLI.
 */
export type GateState = "none" | "pending" | "approved" | "stale" | "rejected" | "revoked";

export const GATE_STATES: readonly GateState[] = ["none", "pending", "approved", "stale", "rejected", "revoked"];

export interface Phase1Data {
  /** Business objectives that security serves. */
  objectives: { id: string; title: string }[];
  /** Legal, regulatory, contractual or internal obligations. */
  obligations: { id: string; title: string; kind: string; source: string | null; owner: string | null }[];
  priorities: { statement: string | null; existingSystems: string | null };
  preliminaryScope: { statement: string | null; units: string[]; sites: string[] };
  projectRoles: { key: string; title: string; personName: string | null; required: boolean }[];
  businessCase: {
    objectives: string | null;
    benefits: string | null;
    costs: { id: string; label: string; amount: number; currency: string }[];
    resources: string | null;
    timeline: string | null;
    risksOfNotImplementing: string | null;
  };
  milestones: { id: string; title: string; dueDate: string | null; owner: string | null }[];
}

/**
 * Later phases add their facts by declaration merging, as optional fields (absent means nothing
 * recorded yet), next to their own types:
 *   declare module "../process/data.js" { interface ProcessData { scope?: ScopeData } }
 */
export interface ProcessData {
  /** Activity id -> recorded "not applicable" decision. */
  notApplicable: Record<string, { justification: string }>;
  /** Gate id -> state of its latest approval; a gate without an entry counts as "none". */
  gates: Record<string, GateState>;
  phase1: Phase1Data;
}

/** An organization that has recorded nothing yet. */
export function emptyProcessData(): ProcessData {
  return {
    notApplicable: {},
    gates: {},
    phase1: {
      objectives: [],
      obligations: [],
      priorities: { statement: null, existingSystems: null },
      preliminaryScope: { statement: null, units: [], sites: [] },
      projectRoles: [],
      businessCase: { objectives: null, benefits: null, costs: [], resources: null, timeline: null, risksOfNotImplementing: null },
      milestones: [],
    },
  };
}

/** Whitespace is not content: a field holding only spaces counts as not written. */
export function isBlank(text: string | null | undefined): boolean {
  return text == null || text.trim().length === 0;
}

/** Own-property lookup, so ids such as "constructor" never read Object.prototype. */
export function lookup<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
