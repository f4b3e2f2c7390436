import type { ComponentType } from "react";
import type { CurrentUser } from "../../contracts/auth";
import { auditPolicy, invitePolicy, memberPolicy, tokenPolicy } from "../../core/access/policies";
import type { Role } from "../../core/access/roles";
import { AccountPage } from "../features/account/account-page";
import { AuditPage } from "../features/audit/audit-page";
import { InvitesPage } from "../features/invites/invites-page";
import { MembersPage } from "../features/members/members-page";
import { TokensPage } from "../features/tokens/tokens-page";
import { UsersPage } from "../features/users/users-page";

/** Who is looking: decides which pages exist for them. */
export interface NavViewer {
  user: CurrentUser;
  /** The role in the current organization; null outside one. */
  role: Role | null;
}

export interface NavPage {
  /** Relative path: below /orgs/:orgId/ in an organization section, below / otherwise. */
  path: string;
  label: string;
  visible: (viewer: NavViewer) => boolean;
  Page: ComponentType;
}

export interface NavSection {
  id: string;
  title: string;
  /** Organization sections need a current organization; their pages live under /orgs/:orgId/. */
  scope: "org" | "user";
  pages: NavPage[];
}

/**
 * The whole app's navigation and its pages, in one place. The sections follow ISO/IEC 27003's
 * five implementation phases; a phase gets pages as its registers are built, and a section
 * with no page a viewer may see is not shown at all. The router is built from this list too.
 */
export const NAVIGATION: readonly NavSection[] = [
  { id: "p1", title: "P1 Management approval", scope: "org", pages: [] },
  { id: "p2", title: "P2 Scope and policy", scope: "org", pages: [] },
  { id: "p3", title: "P3 Requirements and assets", scope: "org", pages: [] },
  { id: "p4", title: "P4 Risk assessment and treatment", scope: "org", pages: [] },
  { id: "p5", title: "P5 ISMS design", scope: "org", pages: [] },
  {
    id: "organization",
    title: "Organization",
    scope: "org",
    pages: [
      { path: "members", label: "Members", visible: ({ role }) => memberPolicy.can({ role }, "read"), Page: MembersPage },
      { path: "invites", label: "Invitations", visible: ({ role }) => invitePolicy.can({ role }, "read"), Page: InvitesPage },
      { path: "tokens", label: "API tokens", visible: ({ role }) => tokenPolicy.can({ role }, "read"), Page: TokensPage },
      { path: "audit", label: "Audit log", visible: ({ role }) => auditPolicy.can({ role }, "read"), Page: AuditPage },
    ],
  },
  {
    id: "account",
    title: "Account",
    scope: "user",
    pages: [{ path: "account", label: "My account", visible: () => true, Page: AccountPage }],
  },
  {
    id: "instance",
    title: "Instance",
    scope: "user",
    pages: [{ path: "admin/users", label: "Users", visible: ({ user }) => user.isInstanceAdmin, Page: UsersPage }],
  },
];

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
