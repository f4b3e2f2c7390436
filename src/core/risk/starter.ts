// The starter threat and vulnerability catalog (catalogs/risk-starter.json) that seeds a new
// register's asset-based identification. Organizations edit their copy; this only validates it.
import { z } from "zod";

export const THREAT_CATEGORIES = ["deliberate", "accidental", "environmental", "technical failure"] as const;
export const VULNERABILITY_CATEGORIES = ["hardware", "software", "network", "people", "site", "organization", "supplier"] as const;
export const SECURITY_OBJECTIVES = ["confidentiality", "integrity", "availability"] as const;

export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];
export type VulnerabilityCategory = (typeof VULNERABILITY_CATEGORIES)[number];
export type SecurityObjective = (typeof SECURITY_OBJECTIVES)[number];

export interface StarterThreat {
  key: string;
  name: string;
  description: string;
  category: ThreatCategory;
  /** The objectives this threat mainly endangers, to suggest which asset values matter. */
  objectives: SecurityObjective[];
}

export interface StarterVulnerability {
  key: string;
  name: string;
  description: string;
  category: VulnerabilityCategory;
}

export interface StarterCatalog {
  threats: StarterThreat[];
  vulnerabilities: StarterVulnerability[];
}

const text = z.string().refine((s) => s.trim().length > 0, "must not be blank");

const ThreatSchema = z.strictObject({
  key: z.string().regex(/^T\d{2,}$/, "must look like T01"),
  name: text,
  description: text,
  category: z.enum(THREAT_CATEGORIES),
  objectives: z
    .array(z.enum(SECURITY_OBJECTIVES))
    .min(1, "must name at least one objective")
    .refine((list) => new Set(list).size === list.length, "must not repeat an objective"),
});

const VulnerabilitySchema = z.strictObject({
  key: z.string().regex(/^V\d{2,}$/, "must look like V01"),
  name: text,
  description: text,
  category: z.enum(VULNERABILITY_CATEGORIES),
});

export const StarterCatalogSchema = z.strictObject({
  threats: z.array(ThreatSchema),
  vulnerabilities: z.array(VulnerabilitySchema),
});

/**
 * Duplicate keys or names would make a pick-list ambiguous. Checked on the raw input rather than
 * as a zod refinement because zod skips refinements once any entry fails, and the author should
 * see every problem in one go.
 */
function duplicateProblems(json: unknown): string[] {
  const out: string[] = [];
  if (typeof json !== "object" || json === null) return out;
  for (const list of ["threats", "vulnerabilities"] as const) {
    const entries = (json as Record<string, unknown>)[list];
    if (!Array.isArray(entries)) continue;
    for (const field of ["key", "name"] as const) {
      const seen = new Map<string, number>();
      entries.forEach((entry: unknown, i) => {
        const raw = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>)[field] : undefined;
        if (typeof raw !== "string" || raw.trim() === "") return;
        const value = raw.trim().toLowerCase();
        const first = seen.get(value);
        if (first === undefined) seen.set(value, i);
        else out.push(`${list}.${i}.${field}: "${raw}" is already used by ${list}.${first}`);
      });
    }
  }
  return out;
}

/** Parses the catalog or throws one Error whose message lists every problem, one per line. */
export function parseStarterCatalog(json: unknown): StarterCatalog {
  const result = StarterCatalogSchema.safeParse(json);
  const lines = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
  lines.push(...duplicateProblems(json));
  if (result.success && lines.length === 0) return result.data;
  throw new Error(`The starter risk catalog has ${lines.length} problem(s):\n${lines.join("\n")}`);
}
