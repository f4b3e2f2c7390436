import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyReply, FastifyRequest } from "fastify";
import { backupEndpoints } from "../../../contracts/backup.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { HttpProblem, notFound } from "../../http/errors.js";
import type { RouteModule, ZodApp } from "../../http/routes.js";
import { orgName } from "../orgs/index.js";
import { BackupRefused, backupTo } from "./backup.service.js";
import { backupOrganizationTo, restoreBackup } from "./organization-backup.js";

const count = (n: number) => n.toLocaleString("en-US");
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "organization";

/** Writes the backup to a temporary file, then streams it and removes the file once sent. */
async function sendBackup(reply: FastifyReply, filename: string, write: (file: string) => Promise<unknown>) {
  const dir = await mkdtemp(join(tmpdir(), "isms-backup-"));
  const file = join(dir, "backup.gz");
  try {
    await write(file);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (error instanceof BackupRefused) throw new HttpProblem(404, "not-found", "Not found", error.message);
    throw error;
  }
  const stream = createReadStream(file);
  stream.once("close", () => void rm(dir, { recursive: true, force: true }));
  return reply
    .type("application/gzip")
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "private, no-store")
    .send(stream);
}

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");

function tooLarge(limit: number): HttpProblem {
  const message = `the backup is larger than ${count(limit)} bytes (limit ISMS_RESTORE_MAX_BYTES = ${count(limit)})`;
  return new HttpProblem(413, "limit-exceeded", "Limit exceeded", message, { errors: [{ field: "body", message }] });
}

/** Saves the raw request body to a temporary file, refusing it as soon as it passes the limit. */
async function saveUpload(request: FastifyRequest, file: string, limit: number): Promise<number> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  let total = 0;
  async function* bounded() {
    for await (const piece of request.raw as AsyncIterable<Buffer>) {
      total += piece.length;
      if (total > limit) throw tooLarge(limit);
      yield piece;
    }
  }
  await pipeline(bounded, createWriteStream(file));
  if (total === 0)
    throw new HttpProblem(400, "empty-file", "Empty file", "the backup is empty", { errors: [{ field: "body", message: "is empty" }] });
  return total;
}

/**
 * Backups from the administration page: the instance administrator downloads the whole instance
 * or any organization and uploads a backup to restore; an organization's administrator
 * downloads their organization's.
 */
export const backupRoutes: RouteModule = (app, { db, config }) => {
  const sendOrganizationBackup = async (reply: FastifyReply, orgId: string) => {
    const name = await orgName(db, orgId);
    if (name === undefined) throw notFound("organization");
    return sendBackup(reply, `isms-${slug(name)}-${stamp()}.isms-backup.gz`, (file) => backupOrganizationTo(db, orgId, file));
  };

  serveEndpoint(app, backupEndpoints.instance, async (request, reply) => {
    const { orgId } = request.query;
    if (orgId) return sendOrganizationBackup(reply, orgId);
    return sendBackup(reply, `isms-instance-${stamp()}.isms-backup.gz`, (file) => backupTo(db, file));
  });

  serveEndpoint(app, backupEndpoints.organization, async (request, reply) => {
    const { orgId } = requireMember(request);
    return sendOrganizationBackup(reply, orgId);
  });

  const limit = config.ISMS_RESTORE_MAX_BYTES;
  // The upload reads the raw body as a stream, so it gets a scope whose only parser hands the stream over.
  app.register(async (scope: ZodApp) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    serveEndpoint(
      scope,
      backupEndpoints.restore,
      async (request, reply) => {
        const dir = await mkdtemp(join(tmpdir(), "isms-restore-"));
        try {
          const file = join(dir, "upload.gz");
          const size = await saveUpload(request, file, limit);
          return await restoreBackup(db, file, writeMeta(request), size * config.ISMS_UPLOAD_MAX_COMPRESSION_RATIO);
        } catch (error) {
          if (!request.raw.readableEnded) reply.header("connection", "close");
          if (error instanceof BackupRefused)
            throw new HttpProblem(422, "backup-refused", "Backup refused", error.message, {
              errors: [{ field: "body", message: error.message }],
            });
          throw error;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
      { bodyLimit: limit + 1024 },
    );
  });
};
