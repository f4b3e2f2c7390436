import type { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { type FileFormat, importBodyLimit, importEndpoints } from "../../contracts/imports.js";
import { requireMember, writeMeta } from "../http/access.js";
import { serveEndpoint } from "../http/endpoint.js";
import { inputLimits } from "../http/limits.js";
import type { RouteModule } from "../http/routes.js";
import { readScale } from "../modules/assets/index.js";
import { CONTENT_TYPES } from "./file-format.js";
import { commitImport, exportRegister, importStatus, previewImport } from "./import.service.js";
import { importTemplate } from "./templates.js";

/** CSV and XLSX import (preview, then commit) of the scope, requirements, asset and gap registers, their templates, and export of those and of boundary interfaces and obligations. */
export const importRoutes: RouteModule = (app, { db, config }) => {
  const limits = inputLimits(config);
  // The file travels inside the JSON body; this route alone takes more than the API's 1 MiB.
  serveEndpoint(
    app,
    importEndpoints.preview,
    async (request, reply) => {
      const { orgId, principal } = requireMember(request);
      const { filename, format, contentBase64 } = request.body;
      const job = await previewImport(db, orgId, principal.userId, {
        register: request.params.register,
        filename,
        format,
        bytes: Buffer.from(contentBase64, "base64"),
        contentBase64,
        limits,
      });
      return reply.status(201).send(job);
    },
    { bodyLimit: importBodyLimit(limits.fileBytes) },
  );

  serveEndpoint(app, importEndpoints.commit, (request) =>
    commitImport(db, requireMember(request).orgId, request.params.importId, writeMeta(request), limits),
  );

  serveEndpoint(app, importEndpoints.status, (request) => importStatus(db, requireMember(request).orgId, request.params.importId));

  serveEndpoint(app, importEndpoints.export, async (request, reply) => {
    const { format } = request.query;
    return sendFile(reply, format, await exportRegister(db, requireMember(request).orgId, request.params.register, format));
  });

  serveEndpoint(app, importEndpoints.template, async (request, reply) => {
    const { format } = request.query;
    const scale = await readScale(db, requireMember(request).orgId);
    return sendFile(reply, format, await importTemplate(request.params.register, scale, format));
  });
};

/** A file as an attachment the browser saves, never cached. */
function sendFile(reply: FastifyReply, format: FileFormat, file: { filename: string; stream: Readable }) {
  return (
    reply
      .type(CONTENT_TYPES[format])
      .header("content-disposition", `attachment; filename="${file.filename}"`)
      .header("cache-control", "no-store")
      // The declared body is the file's bytes (for the OpenAPI document); Fastify streams it as it is.
      .send(file.stream as unknown as string)
  );
}
