import type { Kysely, Transaction } from "kysely";
import { type ChainedEvent, diffFields, eventHash, GENESIS_HASH, headStatement } from "../../core/audit/chain.js";
import { uuidv7 } from "../../core/ids.js";
import type { AuditKey } from "../audit/audit-key.js";
import { conflict, notFound } from "../http/errors.js";
import { sha256 } from "../security/hashing.js";
import type { Db } from "./database.js";
import type { AuditEventsTable, AuditedTable, Database } from "./schema.js";

/** The user who acts (null for the system) and, when they act through an API token, which one. */
export type ActorRef = { type: "user" | "token" | "system"; id: string | null; tokenId?: string | null };

/** Who is writing and on behalf of which request: every write helper needs it. */
export interface WriteMeta {
  actor: ActorRef;
  requestId: string | null;
  ip: string | null;
}

export interface WriteContext extends WriteMeta {
  trx: Transaction<Database>;
  now: string;
  /** Signs chain heads (the database's audit key); null writes them unsigned. */
  auditKey: AuditKey | null;
}

/** Columns whose values never enter the audit trail. */
const SECRET_COLUMNS = ["password_hash", "token_hash", "csrf_token"];

export const SYSTEM_CHAIN = "_system";

/**
 * The query handle for a read that may run inside a write: inside `withWrite` only the
 * transaction may be used (on SQLite a query on the database handle would wait for it forever).
 */
export const reader = (db: Db | WriteContext): Kysely<Database> => ("trx" in db ? db.trx : db.kysely);

/**
 * Runs `work` in one transaction with a write context. The audited helpers below are the only
 * way repositories change data, so the audit event is written in the same transaction as the
 * change it records and no route can forget it.
 */
export function withWrite<T>(db: Db, meta: WriteMeta, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work({ ...meta, trx, now: new Date().toISOString(), auditKey: db.auditKey }));
}

export interface EventInput {
  orgId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes?: Record<string, { before: unknown; after: unknown }>;
}

/** Appends one event to the organization's hash chain (or the system chain for instance-level events). */
/**
 * The stored row of one event at a given place in a chain, hashed over its content and the
 * previous event's hash. The one way events are made, one at a time or in batches.
 */
export function chainedEventRow(ctx: WriteContext, chainKey: string, seq: number, prevHash: string, input: EventInput): AuditEventsTable {
  const event: Omit<ChainedEvent, "hash"> = {
    id: uuidv7(),
    chainKey,
    seq,
    at: ctx.now,
    orgId: input.orgId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorTokenId: ctx.actor.tokenId ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    changes: JSON.stringify(input.changes ?? {}),
    requestId: ctx.requestId,
    ip: ctx.ip,
    prevHash,
  };
  return {
    id: event.id,
    chain_key: chainKey,
    seq,
    at: event.at,
    org_id: event.orgId,
    actor_type: event.actorType,
    actor_id: event.actorId,
    actor_token_id: event.actorTokenId,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId,
    changes: event.changes,
    request_id: event.requestId,
    ip: event.ip,
    prev_hash: prevHash,
    hash: eventHash(event, sha256),
  };
}

/** The chain head after moving it on: where the new events go, and whether the head they extend was genuine. */
export interface MovedHead {
  /** The sequence number of the last event reserved. */
  seq: number;
  /** The hash of the last event before the move. */
  hash: string;
  /** The head before the move was signed with the audit key (always true without a key). */
  trusted: boolean;
}

/**
 * Reserves `count` sequence numbers on a chain. The UPDATE takes the chain head's row lock, so
 * concurrent writers to one chain queue up here and sequence numbers stay gap-free across app
 * instances. With an audit key, the head being extended must carry a valid signature: a head
 * rewritten in the database is not signed over by the next write.
 */
export async function moveHead(ctx: WriteContext, chainKey: string, count: number, create: boolean): Promise<MovedHead | null> {
  const move = () =>
    ctx.trx
      .updateTable("audit_heads")
      .set((eb) => ({ seq: eb("seq", "+", count) }))
      .where("chain_key", "=", chainKey)
      .returning(["seq", "hash", "signature", "key_id"])
      .executeTakeFirst();
  let head = await move();
  if (!head && create) {
    const genesis = signHead(ctx, chainKey, 0, GENESIS_HASH, true);
    await ctx.trx
      .insertInto("audit_heads")
      .values({ chain_key: chainKey, seq: 0, hash: GENESIS_HASH, ...genesis })
      .onConflict((oc) => oc.column("chain_key").doNothing())
      .execute();
    head = await move();
  }
  if (!head) return null;
  const seq = Number(head.seq);
  const key = ctx.auditKey;
  const trusted =
    !key ||
    (head.signature !== null && head.key_id === key.id && key.verify(headStatement(chainKey, seq - count, head.hash), head.signature));
  return { seq, hash: head.hash, trusted };
}

function signHead(ctx: WriteContext, chainKey: string, seq: number, hash: string, trusted: boolean) {
  const key = ctx.auditKey;
  if (!key || !trusted) return { signature: null, key_id: null };
  return { signature: key.sign(headStatement(chainKey, seq, hash)), key_id: key.id };
}

/**
 * Points the head at the last event written, signed when the head it extended was genuine;
 * otherwise unsigned, so verification keeps reporting the break until someone investigates.
 */
export async function settleHead(ctx: WriteContext, chainKey: string, moved: MovedHead, hash: string): Promise<void> {
  await ctx.trx
    .updateTable("audit_heads")
    .set({ hash, ...signHead(ctx, chainKey, moved.seq, hash, moved.trusted) })
    .where("chain_key", "=", chainKey)
    .execute();
}

export async function recordEvent(ctx: WriteContext, input: EventInput): Promise<void> {
  const chainKey = input.orgId ?? SYSTEM_CHAIN;
  const head = (await moveHead(ctx, chainKey, 1, true)) as MovedHead;
  const row = chainedEventRow(ctx, chainKey, head.seq, head.hash, input);
  await ctx.trx.insertInto("audit_events").values(row).execute();
  await settleHead(ctx, chainKey, head, row.hash);
}

/** A row of an audited table as stored: the helpers take and return the table's own row type. */
export type AuditedRow<T extends AuditedTable> = Database[T];

/** What the helpers read of any audited row: its id, and the organization and version columns where the table has them. */
type Stored = { id: string; org_id?: unknown; version?: unknown; updated_at?: unknown };

/** Any row as the field record the audit trail diffs. */
const fields = (row: object): Record<string, unknown> => ({ ...row });

// The helpers work on any audited table by name; the table's row type comes back through `T`.
// biome-ignore lint/suspicious/noExplicitAny: dynamic table name
type AnyDb = Kysely<any>;

interface AuditOptions {
  /**
   * The organization the write acts for. On a table with an `org_id` column the helpers refuse a
   * row of another organization (404 on update/delete, an error on insert): the organization guard
   * holds by default. Writes outside any organization pass null and must say why in `unscoped`.
   */
  orgId: string | null;
  /** Why a write with `orgId: null` may touch organization rows (instance administration, restore). */
  unscoped?: string;
  /** Defaults to `<entity>.created|updated|deleted`. */
  action?: string;
  entityType: string;
}

/** The row as it is before a change, within the given scope (organization, owner); 404 when out of scope. */
export async function findScoped<T extends AuditedTable>(
  ctx: WriteContext,
  table: T,
  id: string,
  audit: { entityType: string; scope?: Record<string, string>; orgId: string | null; unscoped?: string },
): Promise<AuditedRow<T>> {
  let query = (ctx.trx as AnyDb)
    .selectFrom(table as string)
    .selectAll()
    .where("id", "=", id);
  for (const [column, value] of Object.entries(audit.scope ?? {})) query = query.where(column, "=", value);
  const row = (await query.executeTakeFirst()) as AuditedRow<T> | undefined;
  if (!row) throw notFound(audit.entityType);
  if (!inOrganization(row, audit)) throw notFound(audit.entityType);
  return row;
}

/**
 * The organization guard: a row that carries an organization belongs to the write's organization.
 * A system write (orgId null) may touch organization rows only when it says why (`unscoped`).
 */
function inOrganization(row: object, audit: { orgId?: string | null; unscoped?: string }): boolean {
  const orgId = (row as Stored).org_id;
  if (!("org_id" in row) || orgId === null || orgId === undefined) return true;
  if (audit.orgId === undefined || audit.orgId === null) return Boolean(audit.unscoped);
  return orgId === audit.orgId;
}

export async function insertAudited<T extends AuditedTable>(
  ctx: WriteContext,
  table: T,
  row: AuditedRow<T>,
  audit: AuditOptions,
): Promise<void> {
  if (!inOrganization(row, audit)) {
    throw new Error(`${audit.entityType}: refusing to insert a row of another organization (organization guard)`);
  }
  await (ctx.trx as AnyDb)
    .insertInto(table as string)
    .values(row)
    .execute();
  await recordEvent(ctx, {
    orgId: audit.orgId,
    action: audit.action ?? `${audit.entityType}.created`,
    entityType: audit.entityType,
    entityId: (row as Stored).id,
    changes: diffFields(null, fields(row), SECRET_COLUMNS),
  });
}

/**
 * Updates one row by id. With `expectedVersion`, a row whose version moved on is refused with
 * 409 carrying the current row; versioned tables get their version bumped and updated_at set.
 * Returns the row after the change.
 */
export async function updateAudited<T extends AuditedTable>(
  ctx: WriteContext,
  table: T,
  id: string,
  patch: Partial<AuditedRow<T>>,
  audit: AuditOptions & { expectedVersion?: number; scope?: Record<string, string>; present?: (row: AuditedRow<T>) => unknown },
): Promise<AuditedRow<T>> {
  const trx = ctx.trx as AnyDb;
  const before = await findScoped(ctx, table, id, audit);
  const stored = before as Stored;
  const versioned = typeof stored.version === "number";
  if (audit.expectedVersion !== undefined && stored.version !== audit.expectedVersion) {
    throw conflict(
      `${audit.entityType} was changed by someone else (you sent version ${audit.expectedVersion}, it is now at ${String(stored.version)}); reload and try again`,
      audit.present ? audit.present(before) : before,
    );
  }
  const changes: Record<string, unknown> = { ...patch };
  if (versioned) {
    changes.version = (stored.version as number) + 1;
    if ("updated_at" in stored) changes.updated_at = ctx.now;
  }
  let update = trx
    .updateTable(table as string)
    .set(changes)
    .where("id", "=", id);
  if (versioned) update = update.where("version", "=", stored.version);
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw conflict(`${audit.entityType} was changed concurrently; reload and try again`);
  const after: AuditedRow<T> = { ...before, ...changes };
  await recordEvent(ctx, {
    orgId: audit.orgId,
    action: audit.action ?? `${audit.entityType}.updated`,
    entityType: audit.entityType,
    entityId: id,
    changes: diffFields(fields(before), fields(after), SECRET_COLUMNS),
  });
  return after;
}

export async function deleteAudited<T extends AuditedTable>(
  ctx: WriteContext,
  table: T,
  id: string,
  audit: AuditOptions & { scope?: Record<string, string> },
): Promise<void> {
  const trx = ctx.trx as AnyDb;
  const before = await findScoped(ctx, table, id, audit);
  await trx
    .deleteFrom(table as string)
    .where("id", "=", id)
    .execute();
  await recordEvent(ctx, {
    orgId: audit.orgId,
    action: audit.action ?? `${audit.entityType}.deleted`,
    entityType: audit.entityType,
    entityId: id,
    changes: diffFields(fields(before), null, SECRET_COLUMNS),
  });
}
