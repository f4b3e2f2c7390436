import { auditRoutes } from "../audit/audit.routes.js";
import { authRoutes } from "../auth/auth.routes.js";
import * as m0006 from "../db/migrations/0006-imports.js";
import * as m0017 from "../db/migrations/0017-import-files.js";
import { importRoutes } from "../imports/imports.routes.js";
import { manifest as approvals } from "./approvals/manifest.js";
import type { AreaManifest } from "./area.js";
import { manifest as assets } from "./assets/manifest.js";
import { manifest as auditProgramme } from "./audit-programme/manifest.js";
import { manifest as backup } from "./backup/manifest.js";
import { manifest as controls } from "./controls/manifest.js";
import { manifest as deliverables } from "./deliverables/manifest.js";
import { manifest as demo } from "./demo/manifest.js";
import { manifest as documents } from "./documents/manifest.js";
import { manifest as evidence } from "./evidence/manifest.js";
import { manifest as gap } from "./gap/manifest.js";
import { manifest as inbox } from "./inbox/manifest.js";
import { manifest as invites } from "./invites/manifest.js";
import { manifest as managementReview } from "./management-review/manifest.js";
import { manifest as mandate } from "./mandate/manifest.js";
import { manifest as measures } from "./measures/manifest.js";
import { manifest as members } from "./members/manifest.js";
import { manifest as nonconformities } from "./nonconformities/manifest.js";
import { manifest as organization } from "./organization/manifest.js";
import { manifest as orgs } from "./orgs/manifest.js";
import { manifest as plan } from "./plan/manifest.js";
import { manifest as process } from "./process/manifest.js";
import { manifest as raci } from "./raci/manifest.js";
import { manifest as requirements } from "./requirements/manifest.js";
import { manifest as riskCatalog } from "./risk-catalog/manifest.js";
import { manifest as riskMethod } from "./risk-method/manifest.js";
import { manifest as risks } from "./risks/manifest.js";
import { manifest as scope } from "./scope/manifest.js";
import { manifest as search } from "./search/manifest.js";
import { manifest as soa } from "./soa/manifest.js";
import { manifest as tokens } from "./tokens/manifest.js";
import { manifest as training } from "./training/manifest.js";
import { manifest as users } from "./users/manifest.js";
import { manifest as work } from "./work/manifest.js";

/**
 * Every area of the server, once: a new area adds its manifest here and nowhere else. The app
 * registers the routes in this order; the roadmap reads every area's facts and the approvals
 * every area's gate artifacts from this list. Sign-in, the audit log and the imports live
 * outside src/server/modules and are declared here.
 */
export const AREAS: readonly AreaManifest[] = [
  { name: "auth", routes: [authRoutes] },
  users,
  orgs,
  members,
  invites,
  tokens,
  { name: "audit", routes: [auditRoutes] },
  mandate,
  process,
  approvals,
  raci,
  scope,
  requirements,
  assets,
  demo,
  gap,
  documents,
  { name: "imports", migrations: { "0006-imports": m0006, "0017-import-files": m0017 }, routes: [importRoutes] },
  riskMethod,
  riskCatalog,
  controls,
  risks,
  soa,
  search,
  inbox,
  auditProgramme,
  nonconformities,
  managementReview,
  measures,
  training,
  work,
  organization,
  evidence,
  deliverables,
  plan,
  backup,
];
