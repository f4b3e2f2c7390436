import { type ChainedEvent, eventHash } from "../../core/audit/chain.js";
import { uuidv7 } from "../../core/ids.js";
import type { EventInput, WriteContext } from "../db/audited.js";
import { sha256 } from "../security/hashing.js";

type EventRow = {
  id: string;
  chain_key: string;
  seq: number;
  at: string;
  org_id: string;
  actor_type: string;
  actor_id: string | null;
  actor_token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changes: string;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
};

export interface ChainWriter {
  /** The next events of the chain as rows to insert, in order; hashed here, so the inserts need not wait for each other. */
  events(inputs: readonly Omit<EventInput, "orgId">[]): EventRow[];
  /** Moves the chain head to the last event; every reserved event must have been made by then. */
  close(): Promise<void>;
}

/**
 * Reserves `count` events on an organization's hash chain with one move of the chain head, so an
 * import writes one audit event per record without locking the head once per record. The
 * events and hashes are those `recordEvent` would write one by one. The chain head must exist
 * (the import's summary event, recorded first, makes sure), and its row lock, taken here, is
 * held to the end of the transaction as recordEvent's is.
 */
export async function reserveEvents(ctx: WriteContext, orgId: string, count: number): Promise<ChainWriter> {
  const head = await ctx.trx
    .updateTable("audit_heads")
    .set((eb) => ({ seq: eb("seq", "+", count) }))
    .where("chain_key", "=", orgId)
    .returning(["seq", "hash"])
    .executeTakeFirstOrThrow();
  const last = Number(head.seq);
  let seq = last - count;
  let prevHash = head.hash;
  return {
    events(inputs) {
      return inputs.map((input) => {
        seq++;
        const event: Omit<ChainedEvent, "hash"> = {
          id: uuidv7(),
          chainKey: orgId,
          seq,
          at: ctx.now,
          orgId,
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
        prevHash = eventHash(event, sha256);
        return {
          id: event.id,
          chain_key: orgId,
          seq,
          at: event.at,
          org_id: orgId,
          actor_type: event.actorType,
          actor_id: event.actorId,
          actor_token_id: event.actorTokenId,
          action: event.action,
          entity_type: event.entityType,
          entity_id: event.entityId,
          changes: event.changes,
          request_id: event.requestId,
          ip: event.ip,
          prev_hash: event.prevHash,
          hash: prevHash,
        };
      });
    },
    async close() {
      if (seq !== last) throw new Error(`reserved ${count} audit events but made ${count - (last - seq)}`);
      await ctx.trx.updateTable("audit_heads").set({ hash: prevHash }).where("chain_key", "=", orgId).execute();
    },
  };
}
