import { readFileSync } from "node:fs";
import { join } from "node:path";
import { jsonNestingExceeds, yamlNestingExceeds } from "../../../core/input/nesting.js";
import { type CatalogResult, loadCatalogText, type ProcessCatalog } from "../../../core/process/catalog.js";
import type { Db } from "../../db/database.js";
import { type InputLimits, limitExceeded } from "../../http/limits.js";
import { projectRoot } from "../../paths.js";
import { areaRules } from "./area-rules.js";

export const DEFAULT_CATALOG_FILE = join(projectRoot(), "catalogs", "iso27003-2010.yaml");

let defaultCatalog: Promise<ProcessCatalog> | undefined;

/** The shipped catalog, parsed once. A broken shipped catalog is a build defect, so it throws. */
export function shippedCatalog(): Promise<ProcessCatalog> {
  defaultCatalog ??= areaRules().then(({ names }) => {
    const result = loadCatalogText(readFileSync(DEFAULT_CATALOG_FILE, "utf8"), "yaml", names);
    if (!result.ok) throw new Error(`the shipped process catalog is invalid: ${result.problems.join("; ")}`);
    return result.catalog;
  });
  return defaultCatalog;
}

/**
 * An uploaded catalog file, read within the limits: nesting past the limit is refused (400 naming
 * it) before the text is parsed; the reader bounds YAML alias expansion itself.
 */
export async function parseUploadedCatalog(source: string, format: "yaml" | "json", limits?: InputLimits): Promise<CatalogResult> {
  if (limits && (format === "json" ? jsonNestingExceeds : yamlNestingExceeds)(source, limits.depth))
    throw limitExceeded(limits, "depth", `the catalog file nests lists and mappings more than ${limits.depth} levels deep`, "source");
  return loadCatalogText(source, format, (await areaRules()).names, limits?.depth);
}

const parsedCustom = new Map<string, ProcessCatalog>();

export interface OrgCatalog {
  catalog: ProcessCatalog;
  custom: boolean;
  uploadedAt: string | null;
}

/** The catalog an organization runs: its own uploaded file, or the shipped one. */
export async function orgCatalog(db: Db, orgId: string): Promise<OrgCatalog> {
  const settings = await db.kysely
    .selectFrom("process_settings")
    .select(["catalog_source", "catalog_format", "catalog_uploaded_at"])
    .where("id", "=", orgId)
    .executeTakeFirst();
  if (!settings?.catalog_source || !settings.catalog_format) return { catalog: await shippedCatalog(), custom: false, uploadedAt: null };
  const key = `${orgId}:${settings.catalog_uploaded_at}`;
  let catalog = parsedCustom.get(key);
  if (!catalog) {
    const result = await parseUploadedCatalog(settings.catalog_source, settings.catalog_format as "yaml" | "json");
    // Uploads are validated before they are stored, so this only fails if the rules changed since.
    if (!result.ok) return { catalog: await shippedCatalog(), custom: false, uploadedAt: null };
    catalog = result.catalog;
    parsedCustom.set(key, catalog);
  }
  return { catalog, custom: true, uploadedAt: settings.catalog_uploaded_at };
}
