import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import type { ProcessSettingsTable } from "../../db/schema.js";
import { conflict } from "../../http/errors.js";

/** An organization's process settings; the defaults hold until someone changes them. */
export async function readSettings(db: Db | WriteContext, orgId: string): Promise<ProcessSettingsTable | null> {
  const k = reader(db);
  return (await k.selectFrom("process_settings").selectAll().where("id", "=", orgId).executeTakeFirst()) ?? null;
}

export const DEFAULT_SETTINGS = { separation_of_duties: 1, catalog_format: null, catalog_source: null, catalog_uploaded_at: null };

/** Writes settings, creating the row on first change; `expectedVersion` 0 means "never written". */
export async function writeSettings(
  ctx: WriteContext,
  orgId: string,
  patch: Partial<Pick<ProcessSettingsTable, "separation_of_duties" | "catalog_format" | "catalog_source" | "catalog_uploaded_at">>,
  expectedVersion?: number,
): Promise<ProcessSettingsTable> {
  const current = await readSettings(ctx, orgId);
  if (!current) {
    const row: ProcessSettingsTable = {
      id: orgId,
      org_id: orgId,
      ...DEFAULT_SETTINGS,
      ...patch,
      created_at: ctx.now,
      updated_at: ctx.now,
      version: 1,
    };
    if (expectedVersion !== undefined && expectedVersion !== 0) throw conflict("the process settings were never saved; send version 0");
    await insertAudited(ctx, "process_settings", row, { orgId, entityType: "process settings" });
    return row;
  }
  return await updateAudited(ctx, "process_settings", orgId, patch, {
    orgId,
    entityType: "process settings",
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    present: (r) => ({ separationOfDuties: r.separation_of_duties === 1, version: r.version }),
  });
}
