import type { Roadmap } from "../../../contracts/process";
import { AREA_PAGES } from "../../app/areas";
import { ORG_PATHS, orgHref } from "../../app/org-paths";

export type RegisterLink = NonNullable<Roadmap["nextActions"][number]["link"]>;

export interface LinkTarget {
  href: string;
  /** The page's name, for the link's text: "Open Business case & plan". */
  page: string;
}

/**
 * The engine names logical registers (see src/core/process/rules.ts); each maps to the page
 * (by its path's name), and the field or section on it, where that data is entered. The hash is the id of the
 * element the page scrolls to and focuses; a subpath opens an item's own page below it (an asset's).
 */
const REGISTERS: Record<string, (id: string | undefined) => { page: keyof typeof ORG_PATHS; hash?: string; subpath?: string }> = {
  objectives: () => ({ page: "priorities", hash: "objectives" }),
  obligations: () => ({ page: "priorities", hash: "obligations" }),
  priorities: () => ({ page: "priorities", hash: "priorities-statement" }),
  "preliminary-scope": () => ({ page: "preliminaryScope", hash: "preliminary-scope" }),
  "project-roles": (id) => ({ page: "projectRoles", ...(id && { hash: `project-role-${id}` }) }),
  "business-case": (id) => ({ page: "businessCase", hash: id === "costs" ? "costs" : id ? `business-case-${id}` : "business-case" }),
  milestones: () => ({ page: "businessCase", hash: "milestones" }),
  "scope-units": () => ({ page: "scope", hash: "scope-units" }),
  "scope-systems": () => ({ page: "scope", hash: "scope-systems" }),
  "scope-sites": () => ({ page: "scope", hash: "scope-sites" }),
  "scope-interfaces": () => ({ page: "scope", hash: "scope-interfaces" }),
  "scope-document": () => ({ page: "scopeStatement", hash: "scope/narrative-narrative" }),
  policies: () => ({ page: "ismsPolicy", hash: "isms-policy" }),
  "interested-parties": () => ({ page: "requirements", hash: "interested-parties" }),
  requirements: () => ({ page: "requirements", hash: "requirements" }),
  assets: (id) => (id ? { page: "assets", subpath: id } : { page: "assets", hash: "assets" }),
  "gap-assessment": (id) => ({ page: "gapAssessment", hash: id ? `gap-${id}` : "gap-assessment" }),
  "risk-method": () => ({ page: "riskMethod", hash: "risk-method" }),
  risks: (id) => (id ? { page: "risks", subpath: id } : { page: "risks", hash: "risks" }),
  "risk-coverage": (id) => ({ page: "riskCoverage", hash: id ? `coverage-${id}` : "risk-coverage" }),
  "risk-catalog": () => ({ page: "riskCatalog" }),
  soa: (id) => ({ page: "soa", ...(id && { hash: `soa-${id}` }) }),
  roles: () => ({ page: "ismsRoles" }),
  catalog: () => ({ page: "processSettings" }),
  "audit-programme": () => ({ page: "internalAudit", hash: "audit-programme" }),
  audits: (id) => (id ? { page: "internalAudit", subpath: id } : { page: "internalAudit", hash: "audits" }),
  nonconformities: (id) => (id ? { page: "nonconformities", subpath: id } : { page: "nonconformities", hash: "nonconformities" }),
  plan: () => ({ page: "plan", hash: "plan-tasks" }),
  "security-organization": () => ({ page: "securityOrganization", hash: "roles" }),
  documents: (id) => (id ? { page: "documentRegister", subpath: id } : { page: "documentRegister", hash: "coverage" }),
  procedures: () => ({ page: "documentRegister", hash: "documents" }),
  "management-reviews": (id) =>
    id ? { page: "managementReviews", subpath: id } : { page: "managementReviews", hash: "management-reviews" },
  measures: (id) => (id ? { page: "measures", subpath: id } : { page: "measures", hash: "measures" }),
  // An id names a role that lacks competence requirements or coverage.
  training: (id) => ({ page: "training", hash: id ? "requirements" : "courses" }),
};

let labels: ReadonlyMap<string, string> | undefined;

/**
 * A page's label as the navigation shows it, by its path: written once, in the feature's pages.ts.
 * Read on first use, since the list of pages imports the pages that import this.
 */
function pageLabel(path: string): string | undefined {
  labels ??= new Map(AREA_PAGES.flat().map((page) => [page.path, page.label]));
  return labels.get(path);
}

/** Where to enter what a check misses; null for registers this version of the app does not have yet. */
export function linkTarget(orgId: string, link: RegisterLink | null): LinkTarget | null {
  const target = link ? REGISTERS[link.register]?.(link.id) : undefined;
  if (!target) return null;
  const path = ORG_PATHS[target.page];
  const page = pageLabel(path);
  if (page === undefined) return null;
  return { href: orgHref(orgId, target.subpath ? `${path}/${encodeURIComponent(target.subpath)}` : path, target.hash), page };
}
