import type { ProcessCatalog } from "../../../core/process/catalog.js";
import { evaluate } from "../../../core/process/engine.js";
import type { Db } from "../../db/database.js";
import { areaRules } from "./area-rules.js";
import { type OrgCatalog, orgCatalog } from "./catalog.repo.js";
import { loadProcessData } from "./process-data.js";

export interface OrgRoadmap {
  org: OrgCatalog;
  roadmap: ReturnType<typeof evaluate>;
}

/** The organization's roadmap, derived from its data now. */
export async function computeRoadmap(db: Db, orgId: string): Promise<OrgRoadmap> {
  const org = await orgCatalog(db, orgId);
  const [data, { rules }] = await Promise.all([loadProcessData(db, orgId, org.catalog), areaRules()]);
  return { org, roadmap: evaluate(org.catalog, data, rules) };
}

export const catalogInfo = (catalog: ProcessCatalog, org: Pick<OrgCatalog, "custom" | "uploadedAt">) => ({
  id: catalog.id,
  version: catalog.version,
  title: catalog.title,
  custom: org.custom,
  uploadedAt: org.uploadedAt,
});
