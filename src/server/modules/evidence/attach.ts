import { createHash } from "node:crypto";
import { uuidv7 } from "../../../core/ids.js";
import { recordEvent, type WriteContext } from "../../db/audited.js";
import { CHUNK_BYTES, databaseStore } from "./storage.js";

/**
 * Attaches a file held in memory to a record, as an upload would (chunks, SHA-256, audit event).
 * For small files made by the server itself (the demo's); uploads from people go through the route,
 * which judges the type from the bytes.
 */
export async function attachEvidence(
  ctx: WriteContext,
  orgId: string,
  file: { entityType: string; entityId: string; filename: string; contentType: string; data: Buffer },
) {
  const id = uuidv7();
  const sha256 = createHash("sha256").update(file.data).digest("hex");
  const chunks = Math.max(1, Math.ceil(file.data.length / CHUNK_BYTES));
  await ctx.trx
    .insertInto("evidence_files")
    .values({
      id,
      org_id: orgId,
      entity_type: file.entityType,
      entity_id: file.entityId,
      filename: file.filename,
      content_type: file.contentType,
      size_bytes: file.data.length,
      sha256,
      chunks,
      uploaded_by: ctx.actor.id,
      created_at: ctx.now,
      updated_at: ctx.now,
      version: 1,
    })
    .execute();
  for (let seq = 0; seq < chunks; seq++)
    await databaseStore.putChunk(ctx, id, seq, file.data.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES));
  await recordEvent(ctx, {
    orgId,
    action: "evidence file.uploaded",
    entityType: "evidence file",
    entityId: id,
    changes: {
      filename: { before: null, after: file.filename },
      attachedTo: { before: null, after: `${file.entityType} ${file.entityId}` },
      sha256: { before: null, after: sha256 },
    },
  });
  return { id, sha256 };
}
