import type { NavPage, NavViewer, SectionId } from "./area";
import { AREA_PAGES } from "./areas";

export type { NavPage, NavViewer } from "./area";

export interface NavSection {
  id: SectionId;
  title: string;
  /** Organization sections need a current organization; their pages live under /orgs/:orgId/. */
  scope: "org" | "user";
  pages: NavPage[];
}

/**
 * The navigation's sections. The roadmap comes first; then the sections follow ISO/IEC 27003's
 * five implementation phases, a phase getting pages as its registers are built, and a section
 * with no page a viewer may see is not shown at all.
 */
const SECTIONS: readonly Omit<NavSection, "pages">[] = [
  { id: "implementation", title: "Implementation", scope: "org" },
  { id: "p1", title: "P1 Management approval", scope: "org" },
  { id: "p2", title: "P2 Scope and policy", scope: "org" },
  { id: "p3", title: "P3 Requirements and assets", scope: "org" },
  { id: "p4", title: "P4 Risk assessment and treatment", scope: "org" },
  { id: "p5", title: "P5 ISMS design", scope: "org" },
  { id: "organization", title: "Organization", scope: "org" },
  { id: "account", title: "Account", scope: "user" },
  { id: "help", title: "Help", scope: "user" },
  { id: "instance", title: "Instance", scope: "user" },
];

const pagesOf = (id: SectionId): NavPage[] => AREA_PAGES.flat().filter((page) => page.section === id);

/**
 * The whole app's navigation and its pages: each feature declares its pages (features/<area>/pages.ts)
 * and app/areas.ts lists them once; the router is built from this list too.
 */
export const NAVIGATION: readonly NavSection[] = SECTIONS.map((section) => ({ ...section, pages: pagesOf(section.id) }));

export function pageHref(section: NavSection, page: NavPage, orgId: string | null): string {
  return section.scope === "org" ? `/orgs/${orgId}/${page.path}` : `/${page.path}`;
}

/** The sections and pages this viewer sees; organization sections only when there is a current organization. */
export function visibleNavigation(viewer: NavViewer, hasOrg: boolean): { section: NavSection; pages: NavPage[] }[] {
  return NAVIGATION.filter((section) => section.scope === "user" || hasOrg)
    .map((section) => ({ section, pages: section.pages.filter((page) => page.visible(viewer)) }))
    .filter(({ pages }) => pages.length > 0);
}

/** Where an organization opens: its first page the viewer may see. */
export function firstOrgPage(viewer: NavViewer): NavPage | undefined {
  return NAVIGATION.filter((s) => s.scope === "org")
    .flatMap((s) => s.pages)
    .find((page) => page.visible(viewer));
}
