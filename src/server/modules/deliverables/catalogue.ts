import { FORMATS, type Format } from "../../../core/deliverables/freshness.js";
import { STRINGS } from "../../../core/deliverables/strings.js";
import {
  approvalPackage,
  assetInventory,
  gapReport,
  ismsPolicy,
  type Loader,
  requirementsRegister,
  riskMethodology,
  riskReport,
  riskTreatmentPlan,
  scopeDocument,
  statementOfApplicability,
} from "./loaders.js";

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

const notYet = (id: string, title: string, activity: string, code: string): DeliverableEntry => ({
  id,
  title,
  activity,
  code,
  owner: "ISMS manager",
  formats: DOCUMENT,
  gate: null,
  path: null,
  load: null,
  renderer: "document-model",
});

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
  // Phase 5: their registers are being built; each becomes available by giving it a loader.
  notYet("topic-policies", "Topic-specific policies and procedures", "6.6", "TSP"),
  notYet("project-plan", "Final ISMS project plan", "9.5", "PLAN"),
  notYet("measurement-report", "Measurement report", "9.2", "MEAS"),
  notYet("internal-audit-report", "Internal audit report", "9.3", "IAR"),
  notYet("management-review", "Management review minutes", "9.4", "MRM"),
];

export const findEntry = (id: string): DeliverableEntry | undefined => CATALOGUE.find((e) => e.id === id);
export const DELIVERABLE_IDS = CATALOGUE.map((e) => e.id);
