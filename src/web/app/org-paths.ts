/**
 * Where each organization page lives below /orgs/:orgId/. The navigation mounts the pages
 * there and other pages link to them (the roadmap to where missing data is entered), so the
 * paths live apart from both and the navigation, which imports every page, stays free of cycles.
 */
export const ORG_PATHS = {
  roadmap: "roadmap",
  checklist: "roadmap/checklist",
  activity: "roadmap/:activityId",
  priorities: "priorities",
  preliminaryScope: "preliminary-scope",
  projectRoles: "project-roles",
  businessCase: "business-case",
  scope: "scope",
  scopeStatement: "scope-statement",
  ismsPolicy: "isms-policy",
  requirements: "requirements",
  assets: "assets",
  asset: "assets/:assetId",
  gapAssessment: "gap-assessment",
  riskMethod: "risk-method",
  risks: "risks",
  risk: "risks/:riskId",
  riskCoverage: "risk-coverage",
  riskCatalog: "risk-catalog",
  soa: "soa",
  treatmentPlan: "treatment-plan",
  ismsRoles: "isms-roles",
  processSettings: "process-settings",
  internalAudit: "internal-audit",
  audit: "internal-audit/:auditId",
  nonconformities: "nonconformities",
  nonconformity: "nonconformities/:ncId",
  managementReviews: "management-reviews",
  managementReview: "management-reviews/:reviewId",
  plan: "plan",
  deliverables: "deliverables",
  securityOrganization: "security-organization",
  documentRegister: "document-register",
  document: "document-register/:documentId",
  measures: "measures",
  measure: "measures/:measureId",
  training: "training",
  myWork: "my-work",
} as const;

export function orgHref(orgId: string, path: string, hash?: string): string {
  return `/orgs/${orgId}/${path}${hash ? `#${hash}` : ""}`;
}

export function activityHref(orgId: string, activityId: string): string {
  return orgHref(orgId, `${ORG_PATHS.roadmap}/${encodeURIComponent(activityId)}`);
}

/** A due item's web path (from …/my-work or the dashboard) as a link: areas name it with or without a leading slash. */
export function workHref(orgId: string, path: string): string {
  const relative = path.replace(/^\/+/, "");
  return orgHref(orgId, relative.startsWith("audits/") ? `${ORG_PATHS.internalAudit}/${relative.slice("audits/".length)}` : relative);
}
