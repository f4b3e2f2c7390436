import type { ComponentType } from "react";
import type { CurrentUser } from "../../contracts/auth";
import {
  approvalPolicy,
  auditPolicy,
  deliverablePolicy,
  internalAuditPolicy,
  invitePolicy,
  managementReviewPolicy,
  memberPolicy,
  nonconformityPolicy,
  processPolicy,
  registerPolicy,
  tokenPolicy,
} from "../../core/access/policies";
import type { Role } from "../../core/access/roles";
import { AccountPage } from "../features/account/account-page";
import { BackupPage } from "../features/admin/backup-page";
import { AssetDetailPage } from "../features/assets/asset-detail-page";
import { AssetsPage } from "../features/assets/assets-page";
import { AuditPage } from "../features/audit/audit-page";
import { AuditDetailPage } from "../features/audit-programme/audit-detail-page";
import { InternalAuditPage } from "../features/audit-programme/internal-audit-page";
import { DeliverablesPage } from "../features/deliverables/deliverables-page";
import { DocumentPage } from "../features/documents/document-page";
import { DocumentRegisterPage } from "../features/documents/document-register-page";
import { GapPage } from "../features/gap/gap-page";
import { GlossaryPage } from "../features/help/glossary-page";
import { HELP_PATHS } from "../features/help/help-paths";
import { InvitesPage } from "../features/invites/invites-page";
import { ManagementReviewPage } from "../features/management-review/management-review-page";
import { ManagementReviewsPage } from "../features/management-review/management-reviews-page";
import { MeasurePage } from "../features/measures/measure-page";
import { MeasuresPage } from "../features/measures/measures-page";
import { MembersPage } from "../features/members/members-page";
import { NonconformitiesPage } from "../features/nonconformities/nonconformities-page";
import { NonconformityPage } from "../features/nonconformities/nonconformity-page";
import { SecurityOrganizationPage } from "../features/organization/security-organization-page";
import { BusinessCasePage } from "../features/phase1/business-case-page";
import { PreliminaryScopePage } from "../features/phase1/preliminary-scope-page";
import { PrioritiesPage } from "../features/phase1/priorities-page";
import { ProjectRolesPage } from "../features/phase1/project-roles-page";
import { PolicyPage } from "../features/phase2/policy-page";
import { ScopePage } from "../features/phase2/scope-page";
import { ScopeStatementPage } from "../features/phase2/scope-statement-page";
import { PlanPage } from "../features/plan/plan-page";
import { RolesRaciPage } from "../features/raci/roles-raci-page";
import { RequirementsPage } from "../features/requirements/requirements-page";
import { RiskCatalogPage } from "../features/risk-catalog/risk-catalog-page";
import { RiskMethodPage } from "../features/risk-method/risk-method-page";
import { RiskCoveragePage } from "../features/risks/risk-coverage-page";
import { RiskPage } from "../features/risks/risk-page";
import { RisksPage } from "../features/risks/risks-page";
import { ActivityPage } from "../features/roadmap/activity-page";
import { ChecklistPage } from "../features/roadmap/checklist-page";
import { ProcessSettingsPage } from "../features/roadmap/process-settings-page";
import { RoadmapPage } from "../features/roadmap/roadmap-page";
import { SoaPage } from "../features/soa/soa-page";
import { TreatmentPlanPage } from "../features/soa/treatment-plan-page";
import { TokensPage } from "../features/tokens/tokens-page";
import { TrainingPage } from "../features/training/training-page";
import { UsersPage } from "../features/users/users-page";
import { MyWorkPage } from "../features/work/my-work-page";
import { ORG_PATHS } from "./org-paths";

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

export interface NavSection {
  id: string;
  title: string;
  /** Organization sections need a current organization; their pages live under /orgs/:orgId/. */
  scope: "org" | "user";
  pages: NavPage[];
}

const canReadRegisters = ({ role }: NavViewer) => registerPolicy.can({ role }, "read");

/**
 * The whole app's navigation and its pages, in one place. The roadmap comes first; then the
 * sections follow ISO/IEC 27003's five implementation phases, a phase getting pages as its
 * registers are built, and a section with no page a viewer may see is not shown at all. The
 * router is built from this list too.
 */
export const NAVIGATION: readonly NavSection[] = [
  {
    id: "implementation",
    title: "Implementation",
    scope: "org",
    pages: [
      {
        path: ORG_PATHS.roadmap,
        label: "Roadmap",
        visible: ({ role }) => processPolicy.can({ role }, "read"),
        Page: RoadmapPage,
        subpages: [
          { path: ORG_PATHS.checklist, Page: ChecklistPage },
          { path: ORG_PATHS.activity, Page: ActivityPage },
        ],
      },
      {
        path: ORG_PATHS.deliverables,
        label: "Documents",
        visible: ({ role }) => deliverablePolicy.can({ role }, "read"),
        Page: DeliverablesPage,
      },
      { path: ORG_PATHS.myWork, label: "My work", visible: canReadRegisters, Page: MyWorkPage },
    ],
  },
  {
    id: "p1",
    title: "P1 Management approval",
    scope: "org",
    pages: [
      { path: ORG_PATHS.priorities, label: "Priorities & obligations", visible: canReadRegisters, Page: PrioritiesPage },
      { path: ORG_PATHS.preliminaryScope, label: "Preliminary scope", visible: canReadRegisters, Page: PreliminaryScopePage },
      { path: ORG_PATHS.projectRoles, label: "Project roles", visible: canReadRegisters, Page: ProjectRolesPage },
      { path: ORG_PATHS.businessCase, label: "Business case & plan", visible: canReadRegisters, Page: BusinessCasePage },
    ],
  },
  {
    id: "p2",
    title: "P2 Scope and policy",
    scope: "org",
    pages: [
      { path: ORG_PATHS.scope, label: "Scope", visible: canReadRegisters, Page: ScopePage },
      { path: ORG_PATHS.scopeStatement, label: "Scope statement", visible: canReadRegisters, Page: ScopeStatementPage },
      { path: ORG_PATHS.ismsPolicy, label: "ISMS policy", visible: canReadRegisters, Page: PolicyPage },
    ],
  },
  {
    id: "p3",
    title: "P3 Requirements and assets",
    scope: "org",
    pages: [
      { path: ORG_PATHS.requirements, label: "Requirements", visible: canReadRegisters, Page: RequirementsPage },
      {
        path: ORG_PATHS.assets,
        label: "Assets",
        visible: canReadRegisters,
        Page: AssetsPage,
        subpages: [{ path: ORG_PATHS.asset, Page: AssetDetailPage }],
      },
      { path: ORG_PATHS.gapAssessment, label: "Gap assessment", visible: canReadRegisters, Page: GapPage },
    ],
  },
  {
    id: "p4",
    title: "P4 Risk assessment and treatment",
    scope: "org",
    pages: [
      {
        path: ORG_PATHS.riskMethod,
        label: "Risk method",
        visible: ({ role }) => processPolicy.can({ role }, "read"),
        Page: RiskMethodPage,
      },
      {
        path: ORG_PATHS.risks,
        label: "Risk register",
        visible: canReadRegisters,
        Page: RisksPage,
        subpages: [{ path: ORG_PATHS.risk, Page: RiskPage }],
      },
      { path: ORG_PATHS.riskCoverage, label: "Risk coverage", visible: canReadRegisters, Page: RiskCoveragePage },
      { path: ORG_PATHS.riskCatalog, label: "Threats & controls", visible: canReadRegisters, Page: RiskCatalogPage },
      { path: ORG_PATHS.soa, label: "Statement of Applicability", visible: canReadRegisters, Page: SoaPage },
      { path: ORG_PATHS.treatmentPlan, label: "Treatment plan", visible: canReadRegisters, Page: TreatmentPlanPage },
    ],
  },
  {
    id: "p5",
    title: "P5 ISMS design",
    scope: "org",
    pages: [
      { path: ORG_PATHS.ismsRoles, label: "Roles & RACI", visible: ({ role }) => processPolicy.can({ role }, "read"), Page: RolesRaciPage },
      { path: ORG_PATHS.plan, label: "Implementation plan", visible: canReadRegisters, Page: PlanPage },
      { path: ORG_PATHS.securityOrganization, label: "Security organization", visible: canReadRegisters, Page: SecurityOrganizationPage },
      {
        path: ORG_PATHS.documentRegister,
        label: "Document register",
        visible: canReadRegisters,
        Page: DocumentRegisterPage,
        subpages: [{ path: ORG_PATHS.document, Page: DocumentPage }],
      },
      {
        path: ORG_PATHS.measures,
        label: "Measurement",
        visible: canReadRegisters,
        Page: MeasuresPage,
        subpages: [{ path: ORG_PATHS.measure, Page: MeasurePage }],
      },
      { path: ORG_PATHS.training, label: "Training & awareness", visible: canReadRegisters, Page: TrainingPage },
      {
        path: ORG_PATHS.internalAudit,
        label: "Internal audit",
        visible: ({ role }) => internalAuditPolicy.can({ role }, "read"),
        Page: InternalAuditPage,
        subpages: [{ path: ORG_PATHS.audit, Page: AuditDetailPage }],
      },
      {
        path: ORG_PATHS.nonconformities,
        label: "Nonconformities",
        visible: ({ role }) => nonconformityPolicy.can({ role }, "read"),
        Page: NonconformitiesPage,
        subpages: [{ path: ORG_PATHS.nonconformity, Page: NonconformityPage }],
      },
      {
        path: ORG_PATHS.managementReviews,
        label: "Management review",
        visible: ({ role }) => managementReviewPolicy.can({ role }, "read"),
        Page: ManagementReviewsPage,
        subpages: [{ path: ORG_PATHS.managementReview, Page: ManagementReviewPage }],
      },
    ],
  },
  {
    id: "organization",
    title: "Organization",
    scope: "org",
    pages: [
      { path: "members", label: "Members", visible: ({ role }) => memberPolicy.can({ role }, "read"), Page: MembersPage },
      { path: "invites", label: "Invitations", visible: ({ role }) => invitePolicy.can({ role }, "read"), Page: InvitesPage },
      { path: "tokens", label: "API tokens", visible: ({ role }) => tokenPolicy.can({ role }, "read"), Page: TokensPage },
      { path: "audit", label: "Audit log", visible: ({ role }) => auditPolicy.can({ role }, "read"), Page: AuditPage },
      {
        path: ORG_PATHS.processSettings,
        label: "Process settings",
        // Approvers decide proposed changes of separation of duties here.
        visible: ({ role }) => processPolicy.can({ role }, "manage") || approvalPolicy.can({ role }, "decide"),
        Page: ProcessSettingsPage,
      },
    ],
  },
  {
    id: "account",
    title: "Account",
    scope: "user",
    pages: [{ path: "account", label: "My account", visible: () => true, Page: AccountPage }],
  },
  {
    id: "help",
    title: "Help",
    scope: "user",
    pages: [{ path: HELP_PATHS.glossary, label: "Glossary", visible: () => true, Page: GlossaryPage }],
  },
  {
    id: "instance",
    title: "Instance",
    scope: "user",
    pages: [
      { path: "admin/users", label: "Users", visible: ({ user }) => user.isInstanceAdmin, Page: UsersPage },
      { path: "admin/backups", label: "Backups", visible: ({ user }) => user.isInstanceAdmin, Page: BackupPage },
    ],
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
