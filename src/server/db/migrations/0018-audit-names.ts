import type { Kysely } from "kysely";

/**
 * The audit log in words (issue 11, item 6): a page of events names its records from their own
 * events, found by entity id within the organization's chain; the action filter lists the
 * actions the chain holds. Both are indexed, so neither reads the whole trail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("audit_events_chain_entity").on("audit_events").columns(["chain_key", "entity_id", "seq"]).execute();
  await db.schema.createIndex("audit_events_chain_action").on("audit_events").columns(["chain_key", "action"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("audit_events_chain_action").execute();
  await db.schema.dropIndex("audit_events_chain_entity").execute();
}
