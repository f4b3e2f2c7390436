import { createHash } from "node:crypto";
import { uuidv7 } from "../../../core/ids.js";
import { reader, recordEvent, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { notFound } from "../../http/errors.js";
import { CHUNK_BYTES, type EvidenceStore } from "./storage.js";

export interface EvidenceFilesTable {
  id: string;
  org_id: string;
  entity_type: string;
  entity_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  chunks: number;
  uploaded_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

declare module "../../db/schema.js" {
  interface Database {
    evidence_files: EvidenceFilesTable;
  }
}

/** A stored evidence file with the name of who uploaded it. */
export type EvidenceFileRow = EvidenceFilesTable & { uploader: string | null };

/** The organization's evidence files whose bytes are all stored (an upload still running has no chunks yet). */
function storedFiles(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("evidence_files as f")
    .leftJoin("users as u", "u.id", "f.uploaded_by")
    .selectAll("f")
    .select("u.display_name as uploader")
    .where("f.org_id", "=", orgId)
    .where("f.chunks", ">", 0);
}

/** The files attached to a record, oldest first. */
export function evidenceFilesOf(db: Db | WriteContext, orgId: string, entityType: string, entityId: string): Promise<EvidenceFileRow[]> {
  return storedFiles(db, orgId)
    .where("f.entity_type", "=", entityType)
    .where("f.entity_id", "=", entityId)
    .orderBy("f.created_at")
    .execute();
}

/** One stored file, or undefined when the organization has no such file. */
export function findEvidenceFile(db: Db | WriteContext, orgId: string, fileId: string): Promise<EvidenceFileRow | undefined> {
  return storedFiles(db, orgId).where("f.id", "=", fileId).executeTakeFirst();
}

/**
 * Stores an upload already judged: `first` (the bytes read to judge it) then the rest of `source`,
 * chunk by chunk, hashed on the way; the row gets its size, hash and chunk count at the end.
 * Returns the file's id.
 */
export async function storeEvidenceFile(
  ctx: WriteContext,
  store: EvidenceStore,
  orgId: string,
  file: { entityType: string; entityId: string; filename: string; contentType: string },
  first: Buffer,
  source: AsyncIterable<Buffer>,
): Promise<string> {
  const id = uuidv7();
  const hash = createHash("sha256");
  await ctx.trx
    .insertInto("evidence_files")
    .values({
      id,
      org_id: orgId,
      entity_type: file.entityType,
      entity_id: file.entityId,
      filename: file.filename,
      content_type: file.contentType,
      size_bytes: 0,
      sha256: "",
      chunks: 0,
      uploaded_by: ctx.actor.id,
      created_at: ctx.now,
      updated_at: ctx.now,
      version: 1,
    })
    .execute();
  let seq = 0;
  let size = 0;
  const flush = async (data: Buffer) => {
    hash.update(data);
    size += data.length;
    await store.putChunk(ctx, id, seq++, data);
  };
  let buffer = first;
  while (buffer.length >= CHUNK_BYTES) {
    await flush(buffer.subarray(0, CHUNK_BYTES));
    buffer = buffer.subarray(CHUNK_BYTES);
  }
  const parts: Buffer[] = [buffer];
  let partBytes = buffer.length;
  for await (const piece of source) {
    parts.push(piece);
    partBytes += piece.length;
    if (partBytes >= CHUNK_BYTES) {
      let joined = Buffer.concat(parts);
      parts.length = 0;
      while (joined.length >= CHUNK_BYTES) {
        await flush(joined.subarray(0, CHUNK_BYTES));
        joined = joined.subarray(CHUNK_BYTES);
      }
      parts.push(joined);
      partBytes = joined.length;
    }
  }
  if (partBytes > 0) await flush(Buffer.concat(parts));
  const sha256 = hash.digest("hex");
  await ctx.trx
    .updateTable("evidence_files")
    .set({ size_bytes: size, sha256, chunks: seq })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
  await recordEvent(ctx, {
    orgId,
    action: "evidence file.uploaded",
    entityType: "evidence file",
    entityId: id,
    changes: {
      filename: { before: null, after: file.filename },
      attachedTo: { before: null, after: `${file.entityType} ${file.entityId}` },
      contentType: { before: null, after: file.contentType },
      sizeBytes: { before: null, after: size },
      sha256: { before: null, after: sha256 },
    },
  });
  return id;
}

/** Removes a file and its bytes. */
export async function removeEvidenceFile(ctx: WriteContext, orgId: string, fileId: string): Promise<void> {
  const row = await ctx.trx
    .selectFrom("evidence_files")
    .select(["id", "filename"])
    .where("org_id", "=", orgId)
    .where("id", "=", fileId)
    .executeTakeFirst();
  if (!row) throw notFound("evidence file");
  await ctx.trx.deleteFrom("evidence_chunks").where("file_id", "=", row.id).execute();
  await ctx.trx.deleteFrom("evidence_files").where("id", "=", row.id).execute();
  await recordEvent(ctx, {
    orgId,
    action: "evidence file.removed",
    entityType: "evidence file",
    entityId: row.id,
    changes: { filename: { before: row.filename, after: null } },
  });
}
