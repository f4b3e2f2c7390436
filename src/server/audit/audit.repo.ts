import type { AuditEvent } from "../../contracts/audit.js";
import { type ChainedEvent, type ChainVerdict, verifyChain } from "../../core/audit/chain.js";
import { SYSTEM_CHAIN } from "../db/audited.js";
import type { Db } from "../db/database.js";
import { type ListParams, paginate } from "../db/paginate.js";
import type { AuditEventsTable } from "../db/schema.js";
import { sha256 } from "../security/hashing.js";

export interface AuditFilter {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const present = (r: AuditEventsTable & { actor_label: string | null }): AuditEvent => ({
  id: r.id,
  seq: Number(r.seq),
  at: r.at,
  actor: { type: r.actor_type as AuditEvent["actor"]["type"], id: r.actor_id, label: r.actor_label },
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  changes: JSON.parse(r.changes) as AuditEvent["changes"],
  requestId: r.request_id,
  ip: r.ip,
});

/** Newest first by default: the chain's sequence number orders an organization's events. */
export async function listAuditEvents(db: Db, orgId: string, filter: AuditFilter, page: Omit<ListParams<string>, "sort">) {
  let query = db.kysely
    .selectFrom("audit_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .selectAll("e")
    .select("u.email as actor_label")
    .where("e.chain_key", "=", orgId);
  if (filter.action) query = query.where("e.action", "=", filter.action);
  if (filter.entityType) query = query.where("e.entity_type", "=", filter.entityType);
  if (filter.entityId) query = query.where("e.entity_id", "=", filter.entityId);
  if (filter.actorId) query = query.where("e.actor_id", "=", filter.actorId);
  if (filter.from) query = query.where("e.at", ">=", new Date(filter.from).toISOString());
  if (filter.to) query = query.where("e.at", "<=", new Date(filter.to).toISOString());
  return paginate(query, { column: "e.seq", idColumn: "e.id" }, { ...page, sort: "seq" }, present, "desc");
}

const BATCH = 1000;

/** Reads one chain from the database in batches and checks every link and the recorded head. */
export async function verifyAuditChain(db: Db, orgId: string | null): Promise<ChainVerdict> {
  const chainKey = orgId ?? SYSTEM_CHAIN;
  const head = await db.kysely.selectFrom("audit_heads").selectAll().where("chain_key", "=", chainKey).executeTakeFirst();
  const events: ChainedEvent[] = [];
  let after = 0;
  for (;;) {
    const rows = await db.kysely
      .selectFrom("audit_events")
      .selectAll()
      .where("chain_key", "=", chainKey)
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(BATCH)
      .execute();
    for (const r of rows) {
      events.push({
        id: r.id,
        chainKey: r.chain_key,
        seq: Number(r.seq),
        at: r.at,
        orgId: r.org_id,
        actorType: r.actor_type,
        actorId: r.actor_id,
        actorTokenId: r.actor_token_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        changes: r.changes,
        requestId: r.request_id,
        ip: r.ip,
        prevHash: r.prev_hash,
        hash: r.hash,
      });
    }
    if (rows.length < BATCH) break;
    after = Number(rows.at(-1)?.seq);
  }
  return verifyChain(events, sha256, head ? { seq: Number(head.seq), hash: head.hash } : undefined);
}

/** Every chain in the database: one per organization plus the instance-level one. */
export async function listChains(db: Db): Promise<string[]> {
  const rows = await db.kysely.selectFrom("audit_heads").select("chain_key").orderBy("chain_key").execute();
  return rows.map((r) => r.chain_key);
}
