import { FORMATS, type Format } from "../../../core/deliverables/freshness.js";
import { STRINGS } from "../../../core/deliverables/strings.js";
import { approvalPackage } from "./loaders/approval-package.js";
import { assetInventory } from "./loaders/assets.js";
import { gapReport } from "./loaders/gap.js";
import { internalAuditReport } from "./loaders/internal-audit.js";
import { managementReviewMinutes } from "./loaders/management-review.js";
import { measurementReport } from "./loaders/measurement.js";
import { ismsPolicy, topicPolicies } from "./loaders/policies.js";
import { projectPlan } from "./loaders/project-plan.js";
import { requirementsRegister } from "./loaders/requirements.js";
import { riskMethodology, riskReport, riskTreatmentPlan } from "./loaders/risk.js";
import { scopeDocument } from "./loaders/scope.js";
import type { Loader } from "./loaders/shared.js";
import { statementOfApplicability } from "./loaders/soa.js";

/**
 * The deliverable catalogue: one declaration per deliverable of the 27003 process. Adding one is
 * adding an entry: its id, title, activity, formats, the gate whose approval it carries, a data
 * loader and the renderer (every deliverable renders its document model with the shared
 * renderers). A deliverable whose register does not exist yet has no loader: it is listed as
 * "not available yet", never faked.
 */
export interface DeliverableEntry {
  id: string;
  title: string;
  activity: string;
  /** Short code in the document identifier (NA-SOA). */
  code: string;
  owner: string;
  formats: readonly Format[];
  /** The gated activity whose approval is the document's approval block, if any. */
  gate: string | null;
  /** Web page under /orgs/:orgId the data comes from. */
  path: string | null;
  /** null: not available yet (its register is not part of the product yet). */
  load: Loader | null;
  renderer: "document-model";
}

const DOCUMENT: readonly Format[] = ["docx", "pdf", "md"];
const TABULAR: readonly Format[] = FORMATS;

export const CATALOGUE: readonly DeliverableEntry[] = [
  {
    id: "approval-package",
    title: STRINGS.approvalPackage.title,
    activity: "5.4",
    code: "MAP",
    owner: STRINGS.approvalPackage.owner,
    formats: DOCUMENT,
    gate: "5.4",
    path: "/phase1",
    load: approvalPackage,
    renderer: "document-model",
  },
  {
    id: "scope",
    title: STRINGS.scope.title,
    activity: "6.5",
    code: "SCOPE",
    owner: STRINGS.scope.owner,
    formats: TABULAR,
    gate: null,
    path: "/scope",
    load: scopeDocument,
    renderer: "document-model",
  },
  {
    id: "isms-policy",
    title: STRINGS.policy.title,
    activity: "6.6",
    code: "POL",
    owner: STRINGS.policy.owner,
    formats: DOCUMENT,
    gate: "6.6",
    path: "/documents",
    load: ismsPolicy,
    renderer: "document-model",
  },
  {
    id: "requirements",
    title: STRINGS.requirements.title,
    activity: "7.2",
    code: "REQ",
    owner: STRINGS.requirements.owner,
    formats: TABULAR,
    gate: null,
    path: "/requirements",
    load: requirementsRegister,
    renderer: "document-model",
  },
  {
    id: "asset-inventory",
    title: STRINGS.assets.title,
    activity: "7.3",
    code: "ASSET",
    owner: STRINGS.assets.owner,
    formats: TABULAR,
    gate: null,
    path: "/assets",
    load: assetInventory,
    renderer: "document-model",
  },
  {
    id: "gap-report",
    title: STRINGS.gap.title,
    activity: "7.4",
    code: "GAP",
    owner: STRINGS.gap.owner,
    formats: TABULAR,
    gate: null,
    path: "/gap",
    load: gapReport,
    renderer: "document-model",
  },
  {
    id: "risk-method",
    title: STRINGS.method.title,
    activity: "8.2",
    code: "RAM",
    owner: STRINGS.method.owner,
    formats: DOCUMENT,
    gate: "8.4",
    path: "/risk-method",
    load: riskMethodology,
    renderer: "document-model",
  },
  {
    id: "risk-report",
    title: STRINGS.riskReport.title,
    activity: "8.2",
    code: "RAR",
    owner: STRINGS.riskReport.owner,
    formats: TABULAR,
    gate: "8.4",
    path: "/risks",
    load: riskReport,
    renderer: "document-model",
  },
  {
    id: "soa",
    title: STRINGS.soa.title,
    activity: "8.3",
    code: "SOA",
    owner: STRINGS.soa.owner,
    formats: TABULAR,
    gate: "8.4",
    path: "/soa",
    load: statementOfApplicability,
    renderer: "document-model",
  },
  {
    id: "treatment-plan",
    title: STRINGS.treatmentPlan.title,
    activity: "8.3",
    code: "RTP",
    owner: STRINGS.treatmentPlan.owner,
    formats: TABULAR,
    gate: "8.4",
    path: "/treatment-plan",
    load: riskTreatmentPlan,
    renderer: "document-model",
  },
  {
    id: "topic-policies",
    title: STRINGS.topicPolicies.title,
    activity: "6.6",
    code: "TSP",
    owner: STRINGS.topicPolicies.owner,
    formats: DOCUMENT,
    gate: null,
    path: null,
    load: topicPolicies,
    renderer: "document-model",
  },
  {
    id: "project-plan",
    title: STRINGS.projectPlan.title,
    activity: "9.5",
    code: "PLAN",
    owner: STRINGS.projectPlan.owner,
    formats: TABULAR,
    gate: null,
    path: null,
    load: projectPlan,
    renderer: "document-model",
  },
  {
    id: "measurement-report",
    title: STRINGS.measurementReport.title,
    activity: "9.2",
    code: "MEAS",
    owner: STRINGS.measurementReport.owner,
    formats: TABULAR,
    gate: null,
    path: null,
    load: measurementReport,
    renderer: "document-model",
  },
  {
    id: "internal-audit-report",
    title: STRINGS.auditReport.title,
    activity: "9.3",
    code: "IAR",
    owner: STRINGS.auditReport.owner,
    formats: DOCUMENT,
    gate: null,
    path: "/internal-audit",
    load: internalAuditReport,
    renderer: "document-model",
  },
  {
    id: "management-review",
    title: STRINGS.managementReview.title,
    activity: "9.4",
    code: "MRM",
    owner: STRINGS.managementReview.owner,
    formats: DOCUMENT,
    gate: null,
    path: "/management-reviews",
    load: managementReviewMinutes,
    renderer: "document-model",
  },
];

export const findEntry = (id: string): DeliverableEntry | undefined => CATALOGUE.find((e) => e.id === id);
export const DELIVERABLE_IDS = CATALOGUE.map((e) => e.id);
