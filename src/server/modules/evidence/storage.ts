import type { WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";

/**
 * Where the bytes of evidence files live. The default keeps them in the database, in chunks of
 * at most CHUNK_BYTES, so that every app instance on one PostgreSQL sees the same files and no
 * file is ever held whole in memory, on upload or download.
 */
export interface EvidenceStore {
  /** Stores one chunk of a file, in order from 0. */
  putChunk(ctx: WriteContext, fileId: string, seq: number, data: Buffer): Promise<void>;
  /** The file's chunks in order, read one at a time. */
  chunks(db: Db, fileId: string, count: number): AsyncIterable<Buffer>;
}

export const CHUNK_BYTES = 1024 * 1024;

export interface EvidenceChunksTable {
  file_id: string;
  seq: number;
  data: Buffer;
}

declare module "../../db/schema.js" {
  interface Database {
    evidence_chunks: EvidenceChunksTable;
  }
}

export const databaseStore: EvidenceStore = {
  async putChunk(ctx, fileId, seq, data) {
    await ctx.trx.insertInto("evidence_chunks").values({ file_id: fileId, seq, data }).execute();
  },
  async *chunks(db, fileId, count) {
    for (let seq = 0; seq < count; seq++) {
      const row = await db.kysely
        .selectFrom("evidence_chunks")
        .select("data")
        .where("file_id", "=", fileId)
        .where("seq", "=", seq)
        .executeTakeFirst();
      if (!row) throw new Error(`evidence file ${fileId} is missing chunk ${seq}`);
      yield Buffer.from(row.data);
    }
  },
};
