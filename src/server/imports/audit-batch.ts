import { chainedEventRow, type EventInput, moveHead, settleHead, type WriteContext } from "../db/audited.js";
import type { AuditEventsTable } from "../db/schema.js";

export interface ChainWriter {
  /** The next events of the chain as rows to insert, in order; hashed here, so the inserts need not wait for each other. */
  events(inputs: readonly Omit<EventInput, "orgId">[]): AuditEventsTable[];
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
  const head = await moveHead(ctx, orgId, count, false);
  if (!head) throw new Error(`the audit chain of ${orgId} has no head`);
  const last = head.seq;
  let seq = last - count;
  let prevHash = head.hash;
  return {
    events(inputs) {
      return inputs.map((input) => {
        seq++;
        const row = chainedEventRow(ctx, orgId, seq, prevHash, { ...input, orgId });
        prevHash = row.hash;
        return row;
      });
    },
    async close() {
      if (seq !== last) throw new Error(`reserved ${count} audit events but made ${count - (last - seq)}`);
      await settleHead(ctx, orgId, head, prevHash);
    },
  };
}
