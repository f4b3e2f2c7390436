import { ORGANIZATION_RULES } from "../../../core/organization/rules.js";
import * as m0012 from "../../db/migrations/0012-orgdocs.js";
import type { AreaManifest } from "../area.js";
import { loadOrganization } from "./organization.repo.js";
import { organizationRoutes } from "./organization.routes.js";

/** The organization area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "organization",
  migrations: { "0012-orgdocs": m0012 },
  routes: organizationRoutes,
  rules: ORGANIZATION_RULES,
  processFacts: { key: "organization", load: (db, orgId) => loadOrganization(db, orgId).then((o) => o.data) },
};
