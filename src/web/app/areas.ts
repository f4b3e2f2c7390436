import { accountPages } from "../features/account/pages";
import { adminPages } from "../features/admin/pages";
import { assetsPages } from "../features/assets/pages";
import { auditPages } from "../features/audit/pages";
import { auditProgrammePages } from "../features/audit-programme/pages";
import { deliverablesPages } from "../features/deliverables/pages";
import { documentsPages } from "../features/documents/pages";
import { gapPages } from "../features/gap/pages";
import { helpPages } from "../features/help/pages";
import { invitesPages } from "../features/invites/pages";
import { managementReviewPages } from "../features/management-review/pages";
import { mandatePages } from "../features/mandate/pages";
import { measuresPages } from "../features/measures/pages";
import { membersPages } from "../features/members/pages";
import { nonconformitiesPages } from "../features/nonconformities/pages";
import { organizationPages } from "../features/organization/pages";
import { planPages } from "../features/plan/pages";
import { raciPages } from "../features/raci/pages";
import { requirementsPages } from "../features/requirements/pages";
import { riskCatalogPages } from "../features/risk-catalog/pages";
import { riskMethodPages } from "../features/risk-method/pages";
import { risksPages } from "../features/risks/pages";
import { processSettingsPages, roadmapPages } from "../features/roadmap/pages";
import { scopePages } from "../features/scope/pages";
import { soaPages } from "../features/soa/pages";
import { tokensPages } from "../features/tokens/pages";
import { trainingPages } from "../features/training/pages";
import { usersPages } from "../features/users/pages";
import { workPages } from "../features/work/pages";
import type { AreaPage } from "./area";

/**
 * Every feature's pages, once, in the order the navigation shows them: a new area adds its
 * pages here and nowhere else. The navigation groups them by section; the router mounts them.
 */
export const AREA_PAGES: readonly (readonly AreaPage[])[] = [
  roadmapPages,
  deliverablesPages,
  workPages,
  mandatePages,
  scopePages,
  requirementsPages,
  assetsPages,
  gapPages,
  riskMethodPages,
  risksPages,
  riskCatalogPages,
  soaPages,
  raciPages,
  planPages,
  organizationPages,
  documentsPages,
  measuresPages,
  trainingPages,
  auditProgrammePages,
  nonconformitiesPages,
  managementReviewPages,
  membersPages,
  invitesPages,
  tokensPages,
  auditPages,
  processSettingsPages,
  accountPages,
  helpPages,
  usersPages,
  adminPages,
];
