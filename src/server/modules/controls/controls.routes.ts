import { customControlEndpoints, soaEndpoints } from "../../../contracts/soa.js";
import { requireMember } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { conflict } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { registerRoutes } from "../../registers/register-routes.js";
import { listControls } from "./controls.repo.js";

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
    const clash = await db.kysely
      .selectFrom("custom_controls")
      .select("id")
      .where("org_id", "=", orgId)
      .where("ref", "=", input.ref)
      .executeTakeFirst();
    if (clash && clash.id !== id) throw conflict(`another custom control already has the identifier ${input.ref}`);
  },
  inUse: async (db, orgId, id) => {
    const risks = await db.kysely
      .selectFrom("risk_controls as c")
      .innerJoin("risks as r", "r.id", "c.risk_id")
      .select("r.ref")
      .where("c.org_id", "=", orgId)
      .where("c.control_id", "=", id)
      .orderBy("r.number")
      .limit(6)
      .execute();
    if (risks.length === 0) return null;
    return `the treatment of ${risks
      .slice(0, 5)
      .map((r) => r.ref)
      .join(", ")}${risks.length > 5 ? " and more" : ""} uses it; take it out of those treatments first`;
  },
});

export const controlRoutes: RouteModule = (app, deps) => {
  serveEndpoint(app, soaEndpoints.controls, async (request) => ({ items: await listControls(deps.db, requireMember(request).orgId) }));
  customControlRoutes(app, deps);
};
