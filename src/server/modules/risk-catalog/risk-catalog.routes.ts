import { riskEndpoints, threatEndpoints, vulnerabilityEndpoints } from "../../../contracts/risks.js";
import { withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import type { RouteModule } from "../../http/routes.js";
import { registerRoutes } from "../../registers/register-routes.js";
import type { CatalogEntriesTable } from "../risks/index.js";
import { loadStarter, riskRefsNaming } from "./risk-catalog.repo.js";

const present = (r: CatalogEntriesTable) => {
  return {
    id: r.id,
    // A created entry is presented from the values written, which leave the starter key to the column's default.
    starterKey: r.starter_key ?? null,
    title: r.title,
    description: r.description,
    category: r.category,
    objectives: JSON.parse(r.objectives) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
};

/** A threat or vulnerability that risks refer to cannot be removed from under them. */
const usedBy = (column: "threat_id" | "vulnerability_id") => async (db: Db, orgId: string, id: string) => {
  const risks = await riskRefsNaming(db, orgId, column, id, 6);
  if (risks.length === 0) return null;
  return `risk(s) ${risks.slice(0, 5).join(", ")}${risks.length > 5 ? " and more" : ""} refer to it`;
};

const catalogRegister = (path: "threats" | "vulnerabilities") =>
  registerRoutes({
    endpoints: path === "threats" ? threatEndpoints : vulnerabilityEndpoints,
    table: path,
    keep: ["starter_key"],
    toRow: (input) => ({
      title: input.title,
      description: input.description,
      category: input.category,
      objectives: JSON.stringify(path === "threats" ? input.objectives : []),
    }),
    present,
    inUse: usedBy(path === "threats" ? "threat_id" : "vulnerability_id"),
  });

export const riskCatalogRoutes: RouteModule = (app, deps) => {
  catalogRegister("threats")(app, deps);
  catalogRegister("vulnerabilities")(app, deps);
  serveEndpoint(app, riskEndpoints.loadStarterCatalog, (request) => {
    const { orgId } = requireMember(request);
    return withWrite(deps.db, writeMeta(request), (ctx) => loadStarter(ctx, orgId));
  });
};
