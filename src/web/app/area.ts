import type { ComponentType } from "react";
import type { CurrentUser } from "../../contracts/auth";
import { registerPolicy } from "../../core/access/policies";
import type { Role } from "../../core/access/roles";

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
  /** Pages reached from this one rather than from the navigation, seen by whoever sees it; it stays highlighted on them. */
  subpages?: { path: string; Page: ComponentType }[];
}

/** The navigation's sections, in order (see SECTIONS in navigation.ts). */
export type SectionId = "implementation" | "p1" | "p2" | "p3" | "p4" | "p5" | "organization" | "account" | "help" | "instance";

/** A page a feature declares in its pages.ts: a navigation entry and its route. */
export interface AreaPage extends NavPage {
  section: SectionId;
}

export const canReadRegisters = ({ role }: NavViewer) => registerPolicy.can({ role }, "read");
