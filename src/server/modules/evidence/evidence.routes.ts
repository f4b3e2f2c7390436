import { Readable } from "node:stream";
import type { FastifyRequest } from "fastify";
import { fileTypeFromBuffer } from "file-type";
import type { z } from "zod";
import { type EvidenceUploadQuerySchema, evidenceEndpoints } from "../../../contracts/evidence.js";
import { contentDisposition, judgeContent, SNIFF_BYTES, safeFilename } from "../../../core/evidence/content.js";
import { withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { HttpProblem, notFound } from "../../http/errors.js";
import type { RouteModule, ZodApp } from "../../http/routes.js";
import { type EvidenceFileRow, evidenceFilesOf, findEvidenceFile, removeEvidenceFile, storeEvidenceFile } from "./evidence.repo.js";
import { CHUNK_BYTES, databaseStore, type EvidenceStore } from "./storage.js";

const count = (n: number) => n.toLocaleString("en-US");

function tooLarge(limit: number): HttpProblem {
  const message = `the file is larger than ${count(limit)} bytes (limit ISMS_EVIDENCE_MAX_BYTES = ${count(limit)})`;
  return new HttpProblem(413, "limit-exceeded", "Limit exceeded", message, { errors: [{ field: "body", message }] });
}

const refused = (reason: string) =>
  new HttpProblem(415, "file-type-refused", "File type not accepted", reason, { errors: [{ field: "body", message: reason }] });

const present = (r: EvidenceFileRow) => ({
  id: r.id,
  entityType: r.entity_type,
  entityId: r.entity_id,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedBy: { id: r.uploaded_by, name: r.uploader },
  createdAt: r.created_at,
  version: r.version,
});

/** Reads the request body as it arrives, in chunks, never past the limit. */
async function* bounded(request: FastifyRequest, limit: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const piece of request.raw as AsyncIterable<Buffer>) {
    total += piece.length;
    if (total > limit) throw tooLarge(limit);
    yield piece;
  }
}

/**
 * Stores an upload: the first bytes are judged (type from the bytes, executables refused) before
 * anything is written; then the file goes to the store chunk by chunk, hashed on the way.
 */
async function upload(
  db: Db,
  store: EvidenceStore,
  request: FastifyRequest,
  orgId: string,
  target: z.infer<typeof EvidenceUploadQuerySchema>,
  limit: number,
) {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const contentType = String(request.headers["content-type"] ?? "");
  if (/^multipart\//i.test(contentType) || /json/i.test(contentType))
    throw new HttpProblem(
      415,
      "raw-body-required",
      "Send the file as the body",
      "send the file's bytes as the request body (application/octet-stream)",
    );
  const filename = safeFilename(target.filename);
  const source = bounded(request, limit);
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  // Fill the first chunk: what the type is judged on.
  while (pendingBytes < CHUNK_BYTES) {
    const next = await source.next();
    if (next.done) break;
    pending.push(next.value);
    pendingBytes += next.value.length;
  }
  const first = Buffer.concat(pending);
  if (first.length === 0)
    throw new HttpProblem(400, "empty-file", "Empty file", "the file is empty", { errors: [{ field: "body", message: "is empty" }] });
  const head = first.subarray(0, SNIFF_BYTES);
  const judgement = judgeContent(await fileTypeFromBuffer(head), head, filename);
  if (!judgement.ok) throw refused(judgement.reason);

  return withWrite(db, writeMeta(request), (ctx) =>
    storeEvidenceFile(
      ctx,
      store,
      orgId,
      { entityType: target.entityType, entityId: target.entityId, filename, contentType: judgement.contentType },
      first,
      source,
    ),
  );
}

/** Evidence files attached to any record: documents, controls, tasks, findings. */
export const evidenceRoutes: RouteModule = (app, { db, config }) => {
  const store = databaseStore;
  const limit = config.ISMS_EVIDENCE_MAX_BYTES;

  serveEndpoint(app, evidenceEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const rows = await evidenceFilesOf(db, orgId, request.query.entityType, request.query.entityId);
    return { items: rows.map(present) };
  });

  // The upload reads the raw body as a stream, so it gets a scope whose only parser hands the stream over.
  app.register(async (scope: ZodApp) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    serveEndpoint(
      scope,
      evidenceEndpoints.upload,
      async (request, reply) => {
        const { orgId } = requireMember(request);
        try {
          const id = await upload(db, store, request, orgId, request.query, limit);
          const row = await findEvidenceFile(db, orgId, id);
          if (!row) throw notFound("evidence file");
          return reply.status(201).send(present(row));
        } catch (error) {
          // The rest of a refused body is not read: the connection closes after the answer.
          if (error instanceof HttpProblem && !request.raw.readableEnded) reply.header("connection", "close");
          throw error;
        }
      },
      { bodyLimit: limit + 1024 },
    );
  });

  serveEndpoint(app, evidenceEndpoints.content, async (request, reply) => {
    const { orgId } = requireMember(request);
    const row = await findEvidenceFile(db, orgId, request.params.fileId);
    if (!row) throw notFound("evidence file");
    // Markup a browser would run is sent as plain bytes: with the attachment and the sandbox, it can never run in our origin.
    const safeType = /^(text\/html|image\/svg\+xml|application\/xml)$/.test(row.content_type)
      ? "application/octet-stream"
      : row.content_type;
    reply
      .header("content-type", safeType)
      .header("content-length", String(row.size_bytes))
      .header("content-disposition", contentDisposition(row.filename))
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", "default-src 'none'; sandbox")
      .header("cache-control", "private, no-store")
      .header("x-evidence-sha256", row.sha256);
    return reply.send(Readable.from(store.chunks(db, row.id, row.chunks)));
  });

  serveEndpoint(app, evidenceEndpoints.remove, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => removeEvidenceFile(ctx, orgId, request.params.fileId));
    return { ok: true as const };
  });
};
