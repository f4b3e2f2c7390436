import { customControlEndpoints, soaEndpoints } from "../../../contracts/soa.js";
import { requireMember } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { conflict } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { registerRoutes } from "../../registers/register-routes.js";
import { customControlIdWithRef, listControls, riskRefsTreatedWith } from "./controls.repo.js";

/** Controls the organization defines beyond Annex A (group policies, sector requirements, …). */
const customControlRoutes = registerRoutes({
  endpoints: customControlEndpoints,
  table: "custom_controls",
  toRow: (input) => ({ ref: input.ref, title: input.title, description: input.description, category: input.category }),
  present: (r) => ({
    id: r.id,
    ref: r.ref,
    title: r.title,
    description: r.description,
    category: r.category,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }),
  check: async (db, orgId, input, id) => {
    const clash = await customControlIdWithRef(db, orgId, input.ref);
    if (clash && clash !== id) throw conflict(`another custom control already has the identifier ${input.ref}`);
  },
  inUse: async (db, orgId, id) => {
    const risks = await riskRefsTreatedWith(db, orgId, id, 6);
    if (risks.length === 0) return null;
    return `the treatment of ${risks.slice(0, 5).join(", ")}${risks.length > 5 ? " and more" : ""} uses it; take it out of those treatments first`;
  },
});

export const controlRoutes: RouteModule = (app, deps) => {
  serveEndpoint(app, soaEndpoints.controls, async (request) => ({ items: await listControls(deps.db, requireMember(request).orgId) }));
  customControlRoutes(app, deps);
};
