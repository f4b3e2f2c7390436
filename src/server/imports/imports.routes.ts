import type { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { fileDownload } from "../../contracts/common.js";
import {
  ExportQuerySchema,
  ExportRegisterParamsSchema,
  FILE_MEDIA_TYPES,
  type FileFormat,
  ImportJobSchema,
  ImportParamsSchema,
  ImportPreviewInputSchema,
  ImportRegisterParamsSchema,
  importBodyLimit,
} from "../../contracts/imports.js";
import { registerPolicy } from "../../core/access/policies.js";
import { access, requireMember, writeMeta } from "../http/access.js";
import { inputLimits } from "../http/limits.js";
import type { RouteModule } from "../http/routes.js";
import { readScale } from "../modules/assets/assets.repo.js";
import { CONTENT_TYPES } from "./file-format.js";
import { commitImport, exportRegister, importStatus, previewImport } from "./import.service.js";
import { importTemplate } from "./templates.js";

const tags = ["imports and exports"];

/** CSV and XLSX import (preview, then commit) of the scope, requirements, asset and gap registers, their templates, and export of those and of boundary interfaces and obligations. */
export const importRoutes: RouteModule = (app, { db, config }) => {
  const limits = inputLimits(config);
  app.post("/orgs/:orgId/imports/:register/preview", {
    config: { access: access.org(registerPolicy, "write") },
    // The file travels inside the JSON body; this route alone takes more than the API's 1 MiB.
    bodyLimit: importBodyLimit(limits.fileBytes),
    schema: {
      tags,
      summary:
        "Read a CSV or XLSX file and show what importing it would do: rows to create, update (matched by external reference, else by name) and leave unchanged, and every problem by row and column. Changes nothing; commit the preview to apply it",
      params: ImportRegisterParamsSchema,
      body: ImportPreviewInputSchema,
      response: { 201: ImportJobSchema },
    },
    handler: async (request, reply) => {
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
  });

  app.post("/orgs/:orgId/imports/:importId/commit", {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary:
        "Apply a previewed import in one transaction: all rows or, when the file has problems or the register changed since the preview (409), none",
      params: ImportParamsSchema,
      response: { 200: ImportJobSchema },
    },
    handler: async (request) => commitImport(db, requireMember(request).orgId, request.params.importId, writeMeta(request), limits),
  });

  app.get("/orgs/:orgId/imports/:importId", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "An import's status, counts and problems; while it is being committed, how many records are written (PostgreSQL)",
      params: ImportParamsSchema,
      response: { 200: ImportJobSchema },
    },
    handler: async (request) => importStatus(db, requireMember(request).orgId, request.params.importId),
  });

  app.get("/orgs/:orgId/exports/:register", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary:
        "Download a register as a CSV or XLSX attachment: an importable register with the columns its import takes; boundary interfaces and obligations too",
      params: ExportRegisterParamsSchema,
      querystring: ExportQuerySchema,
      ...fileDownload(FILE_MEDIA_TYPES.csv, FILE_MEDIA_TYPES.xlsx),
    },
    handler: async (request, reply) => {
      const { format } = request.query;
      return sendFile(reply, format, await exportRegister(db, requireMember(request).orgId, request.params.register, format));
    },
  });

  app.get("/orgs/:orgId/imports/:register/template", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary:
        "Download an empty import file for a register: the header row its import reads, on the organization's valuation scale; an XLSX template describes each column (required, type, allowed values, example) on a second sheet",
      params: ImportRegisterParamsSchema,
      querystring: ExportQuerySchema,
      ...fileDownload(FILE_MEDIA_TYPES.csv, FILE_MEDIA_TYPES.xlsx),
    },
    handler: async (request, reply) => {
      const { format } = request.query;
      const scale = await readScale(db, requireMember(request).orgId);
      return sendFile(reply, format, await importTemplate(request.params.register, scale, format));
    },
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
