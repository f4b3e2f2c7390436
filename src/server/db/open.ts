import { signHeads } from "../audit/audit.repo.js";
import { configuredAuditKey } from "../audit/audit-key.js";
import type { Config } from "../config.js";
import { type Db, type OpenOptions, openDatabase } from "./database.js";
import { migrateToLatest } from "./migrate.js";

/** The database as configured, with its audit key (ISMS_AUDIT_KEY / ISMS_AUDIT_KEY_FILE, or the database's default). */
export function openConfiguredDatabase(config: Config, options: Omit<OpenOptions, "auditKey"> = {}): Db {
  const auditKey = configuredAuditKey(config);
  return openDatabase(config.DATABASE_URL, auditKey === undefined ? options : { ...options, auditKey });
}

/**
 * Migrates, and when the audit key was made just now (first start of this version on a SQLite
 * file), signs the chain heads written before it, once each chain's links verify: from here on
 * a head rewritten in the database no longer verifies.
 */
export async function prepareDatabase(db: Db): Promise<{ applied: string[]; signed: string[] }> {
  const { applied } = await migrateToLatest(db);
  if (!db.auditKey?.createdFile) return { applied, signed: [] };
  return { applied, signed: (await signHeads(db, { onlyUnsigned: true })).signed };
}
