/**
 * The audit trail is a hash chain per organization: each event's hash covers its own content
 * and the previous event's hash, so altering, removing or reordering a stored event breaks the
 * chain from that point on. Hashing is injected so this stays pure (Node and browser alike).
 */
export type HashFn = (text: string) => string;

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedEvent {
  id: string;
  chainKey: string;
  seq: number;
  at: string;
  orgId: string | null;
  actorType: string;
  actorId: string | null;
  actorTokenId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: string;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function eventHash(event: Omit<ChainedEvent, "hash">, hash: HashFn): string {
  const { id, chainKey, seq, at, orgId, actorType, actorId, actorTokenId, action, entityType, entityId, changes, requestId, ip, prevHash } =
    event;
  return hash(
    canonicalJson({
      id,
      chainKey,
      seq,
      at,
      orgId,
      actorType,
      actorId,
      actorTokenId,
      action,
      entityType,
      entityId,
      changes,
      requestId,
      ip,
      prevHash,
    }),
  );
}

export type ChainVerdict =
  | { intact: true; events: number; headHash: string }
  | { intact: false; events: number; brokenAt: { id: string; seq: number; reason: string } };

/**
 * A point of a chain known from outside the database (an exported checkpoint): the event with
 * this sequence number must still be there with this hash.
 */
export interface ChainAnchor {
  seq: number;
  hash: string;
  /** How the anchor is named in a verdict, e.g. "the checkpoint of 2026-12-05T09:00:00Z". */
  label: string;
}

/** Verifies events of one chain, given in ascending seq order. */
export function verifyChain(
  events: Iterable<ChainedEvent>,
  hash: HashFn,
  expectedHead?: { seq: number; hash: string },
  anchor?: ChainAnchor,
): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const event of events) {
    count++;
    const broken = (reason: string): ChainVerdict => ({ intact: false, events: count, brokenAt: { id: event.id, seq: event.seq, reason } });
    if (event.seq !== expectedSeq) return broken(`expected sequence number ${expectedSeq}, found ${event.seq} (an event is missing)`);
    if (event.prevHash !== prev) return broken("the link to the previous event does not match");
    if (eventHash(event, hash) !== event.hash) return broken("the event's content does not match its hash (it was altered)");
    if (anchor && event.seq === anchor.seq && event.hash !== anchor.hash) {
      return broken(
        `the event differs from ${anchor.label} (this event or an earlier one was rewritten, with the hashes after it recomputed)`,
      );
    }
    prev = event.hash;
    expectedSeq++;
  }
  if (anchor && count < anchor.seq) {
    return {
      intact: false,
      events: count,
      brokenAt: {
        id: "",
        seq: count + 1,
        reason: `${anchor.label} recorded ${anchor.seq} events but ${count} are stored (events were removed and the head rolled back)`,
      },
    };
  }
  if (expectedHead && (expectedHead.seq !== count || expectedHead.hash !== prev)) {
    return {
      intact: false,
      events: count,
      brokenAt: {
        id: "",
        seq: count + 1,
        reason: `the chain head records ${expectedHead.seq} events but ${count} are stored (events were removed)`,
      },
    };
  }
  return { intact: true, events: count, headHash: prev };
}

/** Field-level before/after of a change, keeping only fields whose value differs. */
export function diffFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  redact: readonly string[] = [],
): Record<string, { before: unknown; after: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of [...keys].sort()) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (canonicalJson(b) === canonicalJson(a)) continue;
    out[key] = redact.includes(key)
      ? { before: b === null ? null : "[redacted]", after: a === null ? null : "[redacted]" }
      : { before: b, after: a };
  }
  return out;
}

/**
 * What the audit key signs for a chain head: the chain, how many events it holds and the hash
 * of the last. Whoever can write the database but lacks the key cannot sign a head of their own.
 */
export function headStatement(chainKey: string, seq: number, hash: string): string {
  return canonicalJson({ kind: "isms-audit-head", chain: chainKey, seq, hash });
}

/** What the audit key signs for one chain in an exported checkpoint. */
export function checkpointStatement(entry: { chain: string; seq: number; headHash: string; at: string }): string {
  return canonicalJson({ kind: "isms-audit-checkpoint", chain: entry.chain, seq: entry.seq, headHash: entry.headHash, at: entry.at });
}
