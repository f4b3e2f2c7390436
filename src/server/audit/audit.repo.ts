import type { AuditEvent } from "../../contracts/audit.js";
import { type AuditCheckpoint, CHECKPOINT_FORMAT } from "../../contracts/audit.js";
import {
  type ChainAnchor,
  type ChainedEvent,
  type ChainVerdict,
  checkpointStatement,
  headStatement,
  verifyChain,
} from "../../core/audit/chain.js";
import { type Changes, nameLabel, recordName } from "../../core/audit/names.js";
import { SYSTEM_CHAIN } from "../db/audited.js";
import type { Db } from "../db/database.js";
import { type ListParams, paginate } from "../db/paginate.js";
import type { AuditEventsTable, AuditHeadsTable } from "../db/schema.js";
import { iso27001Reference } from "../modules/gap/index.js";
import { sha256 } from "../security/hashing.js";
import type { AuditKey } from "./audit-key.js";

export interface AuditFilter {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const present = (r: AuditEventsTable & { actor_label: string | null }): Omit<AuditEvent, "entityLabel"> => ({
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
  const found = await paginate(query, { column: "e.seq", idColumn: "e.id" }, { ...page, sort: "seq" }, present, "desc");
  const names = await entityNames(
    db,
    orgId,
    found.items.flatMap((e) => (e.entityId ? [e.entityId] : [])),
  );
  return { ...found, items: found.items.map((e) => ({ ...e, entityLabel: (e.entityId && names.get(e.entityId)) || null })) };
}

/**
 * The records' names ("R-0003 Payroll data leaked"), read from their own events in the trail
 * (one indexed query for a page), so that a record is named even after it was deleted; a
 * control or clause is named by the standard's short title when its events give only its id.
 */
export async function entityNames(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return names;
  const rows = await db.kysely
    .selectFrom("audit_events")
    .select(["entity_id", "changes"])
    .where("chain_key", "=", orgId)
    .where("entity_id", "in", unique)
    .orderBy("seq")
    .execute();
  const byId = new Map<string, Changes[]>();
  for (const r of rows) {
    if (!r.entity_id) continue;
    const list = byId.get(r.entity_id) ?? [];
    list.push(JSON.parse(r.changes) as Changes);
    byId.set(r.entity_id, list);
  }
  const reference = iso27001Reference();
  for (const [id, events] of byId) {
    const name = recordName(events);
    const item = name.reference && !name.title ? reference.items[reference.position.get(name.reference) ?? -1] : undefined;
    const label = nameLabel(item ? { reference: name.reference, title: item.title } : name);
    if (label) names.set(id, label);
  }
  return names;
}

/** The actions the organization's trail holds, for the log's filter. */
export async function auditActions(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom("audit_events")
    .select("action")
    .distinct()
    .where("chain_key", "=", orgId)
    .orderBy("action")
    .execute();
  return rows.map((r) => r.action);
}

const BATCH = 1000;

/** A chain's verdict, plus whether its head carries a valid signature of this instance's audit key. */
export type AuditVerdict = ChainVerdict & { signed: boolean };

/**
 * Reads one chain from the database in batches and checks every link, the recorded head and,
 * with an audit key, the head's signature; with an anchor (a checkpoint's entry), also that the
 * event it names is still there unchanged.
 */
export async function verifyAuditChain(db: Db, orgId: string | null, anchor?: ChainAnchor): Promise<AuditVerdict> {
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
  const verdict = verifyChain(events, sha256, head ? { seq: Number(head.seq), hash: head.hash } : undefined, anchor);
  const problem = headSignatureProblem(db.auditKey, chainKey, head);
  if (!verdict.intact) return { ...verdict, signed: problem === null && db.auditKey !== null };
  if (!db.auditKey || (!head && events.length === 0)) return { ...verdict, signed: false };
  if (problem)
    return { intact: false, events: verdict.events, brokenAt: { id: "", seq: Number(head?.seq ?? 0), reason: problem }, signed: false };
  return { ...verdict, signed: true };
}

/** Why a chain head's signature does not hold with this key, or null when it does. */
function headSignatureProblem(key: AuditKey | null, chainKey: string, head: AuditHeadsTable | undefined): string | null {
  if (!key) return null;
  if (!head) return "the chain head is missing";
  if (head.signature === null) {
    return "the chain head is not signed: it was written without the audit key, or the head it extended did not carry a valid signature (was it rewritten?)";
  }
  if (head.key_id !== key.id)
    return `the chain head is signed with another audit key (${head.key_id ?? "unknown"}, this instance has ${key.id})`;
  if (!key.verify(headStatement(chainKey, Number(head.seq), head.hash), head.signature)) {
    return "the chain head's signature does not match it: the head or the events before it were rewritten outside the application";
  }
  return null;
}

/** Every chain in the database: one per organization plus the instance-level one. */
export async function listChains(db: Db): Promise<string[]> {
  const rows = await db.kysely.selectFrom("audit_heads").select("chain_key").orderBy("chain_key").execute();
  return rows.map((r) => r.chain_key);
}

export class AuditIntegrityError extends Error {}

const requireKey = (db: Db): AuditKey => {
  if (!db.auditKey) {
    throw new AuditIntegrityError("no audit key is configured: set ISMS_AUDIT_KEY_FILE (create one with `isms audit keygen -o <file>`)");
  }
  return db.auditKey;
};

/**
 * A signed checkpoint of every chain as it is now, to keep outside the database. Only chains
 * that verify are checkpointed (signing a broken chain would vouch for the break); the others
 * are returned apart.
 */
export async function makeCheckpoint(
  db: Db,
  at = new Date().toISOString(),
): Promise<{ checkpoint: AuditCheckpoint; broken: { chain: string; seq: number; reason: string }[] }> {
  const key = requireKey(db);
  const chains: AuditCheckpoint["chains"] = [];
  const broken: { chain: string; seq: number; reason: string }[] = [];
  for (const chain of await listChains(db)) {
    const verdict = await verifyAuditChain(db, chain === SYSTEM_CHAIN ? null : chain);
    if (!verdict.intact) {
      broken.push({ chain, seq: verdict.brokenAt.seq, reason: verdict.brokenAt.reason });
      continue;
    }
    const entry = { chain, seq: verdict.events, headHash: verdict.headHash, at };
    chains.push({ ...entry, signature: key.sign(checkpointStatement(entry)) });
  }
  return { checkpoint: { format: CHECKPOINT_FORMAT, keyId: key.id, publicKey: key.publicKey, createdAt: at, chains }, broken };
}

export interface CheckpointReport {
  chain: string;
  verdict: AuditVerdict;
}

/**
 * Checks every chain a checkpoint names against the database: the checkpoint must be signed by
 * this instance's key, and each chain must still hold the checkpointed events unchanged, plus
 * whatever was appended since, up to a validly signed head. Chains the checkpoint does not name
 * are verified as usual.
 */
export async function verifyAgainstCheckpoint(db: Db, checkpoint: AuditCheckpoint): Promise<CheckpointReport[]> {
  const key = requireKey(db);
  if (checkpoint.keyId !== key.id) {
    throw new AuditIntegrityError(`the checkpoint was signed with audit key ${checkpoint.keyId}, but this instance's key is ${key.id}`);
  }
  const reports: CheckpointReport[] = [];
  for (const entry of checkpoint.chains) {
    const broken = (reason: string): CheckpointReport => ({
      chain: entry.chain,
      verdict: { intact: false, events: 0, brokenAt: { id: "", seq: 0, reason }, signed: false },
    });
    if (!key.verify(checkpointStatement(entry), entry.signature)) {
      reports.push(broken("the checkpoint's entry for this chain is not signed by this instance's audit key (the file was altered)"));
      continue;
    }
    const verdict = await verifyAuditChain(db, entry.chain === SYSTEM_CHAIN ? null : entry.chain, {
      seq: entry.seq,
      hash: entry.headHash,
      label: `the checkpoint of ${entry.at}`,
    });
    reports.push({ chain: entry.chain, verdict });
  }
  // Chains begun after the checkpoint are checked as usual.
  const named = new Set(checkpoint.chains.map((c) => c.chain));
  for (const chain of await listChains(db)) {
    if (!named.has(chain)) reports.push({ chain, verdict: await verifyAuditChain(db, chain === SYSTEM_CHAIN ? null : chain) });
  }
  return reports;
}

/**
 * Signs the heads of chains whose links verify but whose head is unsigned or signed with another
 * key: after a key is first set up, or, once investigated, after a reported break. Returns the
 * chains signed. A chain whose links are broken is never signed.
 */
export async function signHeads(db: Db, options: { onlyUnsigned?: boolean } = {}): Promise<{ signed: string[]; broken: string[] }> {
  const key = requireKey(db);
  const signed: string[] = [];
  const broken: string[] = [];
  for (const chain of await listChains(db)) {
    const verdict = await verifyAuditChain(db, chain === SYSTEM_CHAIN ? null : chain);
    if (verdict.intact) continue;
    if (options.onlyUnsigned) {
      const head = await db.kysely.selectFrom("audit_heads").select("signature").where("chain_key", "=", chain).executeTakeFirst();
      if (head?.signature !== null) continue;
    }
    // Links first: only the head's signature may be what is wrong.
    const unsigned = await verifyAuditChain({ ...db, auditKey: null }, chain === SYSTEM_CHAIN ? null : chain);
    if (!unsigned.intact) {
      broken.push(chain);
      continue;
    }
    const result = await db.kysely
      .updateTable("audit_heads")
      .set({ signature: key.sign(headStatement(chain, unsigned.events, unsigned.headHash)), key_id: key.id })
      .where("chain_key", "=", chain)
      .where("seq", "=", unsigned.events)
      .where("hash", "=", unsigned.headHash)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) signed.push(chain);
  }
  return { signed, broken };
}
