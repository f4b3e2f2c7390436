import type { Roadmap } from "../../../contracts/process";
import { ORG_PATHS, orgHref } from "../../app/org-paths";

export type RegisterLink = NonNullable<Roadmap["nextActions"][number]["link"]>;

export interface LinkTarget {
  href: string;
  /** The page's name, for the link's text: "Open Business case & plan". */
  page: string;
}

const PAGES = {
  priorities: { path: ORG_PATHS.priorities, page: "Priorities & obligations" },
  preliminaryScope: { path: ORG_PATHS.preliminaryScope, page: "Preliminary scope" },
  projectRoles: { path: ORG_PATHS.projectRoles, page: "Project roles" },
  businessCase: { path: ORG_PATHS.businessCase, page: "Business case & plan" },
  ismsRoles: { path: ORG_PATHS.ismsRoles, page: "Roles & RACI" },
  processSettings: { path: ORG_PATHS.processSettings, page: "Process settings" },
};

/**
 * The engine names logical registers (see src/core/process/rules.ts); each maps to the page,
 * and the field or section on it, where that data is entered. The hash is the id of the
 * element the page scrolls to and focuses.
 */
const REGISTERS: Record<string, (id: string | undefined) => { page: keyof typeof PAGES; hash?: string }> = {
  objectives: () => ({ page: "priorities", hash: "objectives" }),
  obligations: () => ({ page: "priorities", hash: "obligations" }),
  priorities: () => ({ page: "priorities", hash: "priorities-statement" }),
  "preliminary-scope": () => ({ page: "preliminaryScope", hash: "preliminary-scope" }),
  "project-roles": (id) => ({ page: "projectRoles", ...(id && { hash: `project-role-${id}` }) }),
  "business-case": (id) => ({ page: "businessCase", hash: id === "costs" ? "costs" : id ? `business-case-${id}` : "business-case" }),
  milestones: () => ({ page: "businessCase", hash: "milestones" }),
  roles: () => ({ page: "ismsRoles" }),
  catalog: () => ({ page: "processSettings" }),
};

/** Where to enter what a check misses; null for registers this version of the app does not have yet. */
export function linkTarget(orgId: string, link: RegisterLink | null): LinkTarget | null {
  const target = link ? REGISTERS[link.register]?.(link.id) : undefined;
  if (!target) return null;
  const { path, page } = PAGES[target.page];
  return { href: orgHref(orgId, path, target.hash), page };
}
