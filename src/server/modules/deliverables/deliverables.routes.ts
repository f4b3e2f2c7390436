import { z } from "zod";
import { OkSchema, OrgParamsSchema } from "../../../contracts/common.js";
import {
  BrandingInputSchema,
  BrandingSchema,
  DeliverableParamsSchema,
  DeliverableSchema,
  IssueInputSchema,
  IssueParamsSchema,
  IssueSchema,
  JobParamsSchema,
  JobSchema,
  LogoInputSchema,
  PackInputSchema,
  RenderQuerySchema,
  TemplateInputSchema,
} from "../../../contracts/deliverables.js";
import { deliverablePolicy, orgPolicy } from "../../../core/access/policies.js";
import { type Format, MEDIA_TYPES } from "../../../core/deliverables/freshness.js";
import { withWrite } from "../../db/audited.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import { badRequest, HttpProblem } from "../../http/errors.js";
import { inputLimits, limitExceeded } from "../../http/limits.js";
import type { RouteModule } from "../../http/routes.js";
import { readDirectory } from "../../imports/xlsx.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { personLabel } from "../risks/people.js";
import { findEntry } from "./catalogue.js";
import {
  findIssue,
  findJob,
  listIssues,
  listJobs,
  presentBranding,
  presentIssue,
  presentJob,
  putTemplate,
  readFile,
  removeTemplate,
  storeFile,
  writeBranding,
} from "./deliverables.repo.js";
import { issueDeliverable, listDeliverables, readDeliverable, renderStream, startPack } from "./deliverables.service.js";

const tags = ["deliverables"];
const LOGO_MAX_BYTES = 256 * 1024;
const attachment = (name: string) => `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`;
const FileResponse = z.any().describe("the file");

/** The ISMS deliverables as documents (DOCX, PDF, XLSX, Markdown), their issued versions, templates and the certification pack. */
export const deliverableRoutes: RouteModule = (app, { db, config }) => {
  const limits = inputLimits(config);
  const decode = (base64: string, max: number, field: string) => {
    if (base64.length > Math.ceil(max / 3) * 4 + 8)
      throw limitExceeded({ ...limits, fileBytes: max }, "fileBytes", `the file is larger than ${max} bytes`, field);
    return Buffer.from(base64, "base64");
  };

  app.get("/orgs/:orgId/deliverables", {
    config: { access: access.org(deliverablePolicy, "read") },
    schema: {
      tags,
      summary:
        "Every deliverable of the process with its availability and freshness (stale: the data changed since the last issued version)",
      params: OrgParamsSchema,
      response: { 200: z.object({ items: z.array(DeliverableSchema) }) },
    },
    handler: async (request) => ({ items: await listDeliverables(db, requireMember(request).orgId) }),
  });

  app.get("/orgs/:orgId/deliverables/:deliverableId", {
    config: { access: access.org(deliverablePolicy, "read") },
    schema: { tags, summary: "One deliverable", params: DeliverableParamsSchema, response: { 200: DeliverableSchema } },
    handler: async (request) => readDeliverable(db, requireMember(request).orgId, request.params.deliverableId),
  });

  app.get("/orgs/:orgId/deliverables/:deliverableId/render", {
    config: { access: access.org(deliverablePolicy, "read") },
    schema: {
      tags,
      summary: "The deliverable generated now from the live data (a draft), as docx, pdf, xlsx or md",
      params: DeliverableParamsSchema,
      querystring: RenderQuerySchema,
      response: { 200: FileResponse },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const file = await renderStream(db, orgId, request.params.deliverableId, request.query.format);
      return reply
        .type(file.mediaType)
        .header("content-disposition", attachment(file.filename))
        .header("x-content-hash", file.contentHash)
        .send(file.stream);
    },
  });

  app.get("/orgs/:orgId/deliverables/:deliverableId/issues", {
    config: { access: access.org(deliverablePolicy, "read") },
    schema: {
      tags,
      summary: "Issued versions of a deliverable, newest first",
      params: DeliverableParamsSchema,
      response: { 200: z.object({ items: z.array(IssueSchema) }) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      if (!findEntry(request.params.deliverableId)) throw new HttpProblem(404, "not-found", "Not found", "deliverable not found");
      return { items: (await listIssues(db, orgId, request.params.deliverableId)).map(presentIssue) };
    },
  });

  app.post("/orgs/:orgId/deliverables/:deliverableId/issues", {
    config: { access: access.org(deliverablePolicy, "issue") },
    schema: {
      tags,
      summary:
        "Issue the deliverable as it stands as its next version: each format's file is stored with its SHA-256, the content hash and who issued it",
      params: DeliverableParamsSchema,
      body: IssueInputSchema,
      response: { 201: z.object({ items: z.array(IssueSchema) }) },
    },
    handler: async (request, reply) => {
      const { orgId, principal } = requireMember(request);
      const label = await personLabel(db, principal.userId);
      const items = await issueDeliverable(db, writeMeta(request), orgId, request.params.deliverableId, {
        formats: request.body.formats,
        note: request.body.note,
        userId: principal.userId,
        label,
      });
      return reply.status(201).send({ items });
    },
  });

  app.get("/orgs/:orgId/deliverables/:deliverableId/issues/:issueId/file", {
    config: { access: access.org(deliverablePolicy, "read") },
    schema: { tags, summary: "The stored file of an issued version", params: IssueParamsSchema, response: { 200: FileResponse } },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const issue = await findIssue(db, orgId, request.params.deliverableId, request.params.issueId);
      const bytes = await readFile(db, orgId, issue.file_id);
      return reply
        .type(MEDIA_TYPES[issue.format as Format])
        .header("content-disposition", attachment(`${issue.deliverable_id}-v${issue.number}.${issue.format}`))
        .header("x-sha256", issue.file_sha256)
        .send(bytes);
    },
  });

  app.post("/orgs/:orgId/deliverables/:deliverableId/template", {
    config: { access: access.org(deliverablePolicy, "manage") },
    bodyLimit: Math.ceil(limits.fileBytes / 3) * 4 + 4096,
    schema: {
      tags,
      summary:
        "Upload the organization's own DOCX template for the deliverable: {{title}}, {{identifier}}, {{version}}, {{status}}, {{owner}}, {{classification}}, {{organization}}, {{generated}}, {{content_hash}}, {{approved_by}}, {{approved_on}}, {{approved_hash}} and {{body}} are replaced",
      params: DeliverableParamsSchema,
      body: TemplateInputSchema,
      response: { 200: OkSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const entry = findEntry(request.params.deliverableId);
      if (!entry) throw new HttpProblem(404, "not-found", "Not found", "deliverable not found");
      if (!entry.formats.includes("docx"))
        throw badRequest(`${entry.title} is not made as DOCX`, [{ field: "deliverableId", message: "has no DOCX edition" }]);
      const bytes = decode(request.body.contentBase64, limits.fileBytes, "contentBase64");
      let entries: Map<string, unknown>;
      try {
        entries = readDirectory(bytes, limits);
      } catch (error) {
        if (error instanceof HttpProblem) throw error;
        throw badRequest("the file is not a DOCX document", [{ field: "contentBase64", message: "is not a DOCX (ZIP) file" }]);
      }
      if (!entries.has("word/document.xml"))
        throw badRequest("the file is not a DOCX document", [{ field: "contentBase64", message: "has no word/document.xml" }]);
      await withWrite(db, writeMeta(request), (ctx) => putTemplate(ctx, orgId, entry.id, request.body.filename, bytes));
      return { ok: true as const };
    },
  });

  app.delete("/orgs/:orgId/deliverables/:deliverableId/template", {
    config: { access: access.org(deliverablePolicy, "manage") },
    schema: { tags, summary: "Go back to the built-in layout", params: DeliverableParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => removeTemplate(ctx, orgId, request.params.deliverableId));
      return { ok: true as const };
    },
  });

  app.post("/orgs/:orgId/deliverables/packs", {
    config: { access: access.org(deliverablePolicy, "read") },
    schema: {
      tags,
      summary:
        "Start generating the certification pack: one ZIP with every available deliverable in the chosen formats and an index; poll the job",
      params: OrgParamsSchema,
      body: PackInputSchema,
      response: { 202: JobSchema },
    },
    handler: async (request, reply) => {
      const { orgId, principal } = requireMember(request);
      const { job } = await startPack(db, orgId, [...new Set(request.body.formats)], principal.userId);
      return reply.status(202).send(await presentJob(db, job));
    },
  });

  app.get("/orgs/:orgId/deliverables/packs", {
    config: { access: access.org(deliverablePolicy, "read") },
    schema: { tags, summary: "The latest pack jobs", params: OrgParamsSchema, response: { 200: z.object({ items: z.array(JobSchema) }) } },
    handler: async (request) => {
      const rows = await listJobs(db, requireMember(request).orgId);
      return { items: await Promise.all(rows.map((r) => presentJob(db, r))) };
    },
  });

  app.get("/orgs/:orgId/deliverables/packs/:jobId", {
    config: { access: access.org(deliverablePolicy, "read") },
    schema: { tags, summary: "A pack job's progress", params: JobParamsSchema, response: { 200: JobSchema } },
    handler: async (request) => presentJob(db, await findJob(db, requireMember(request).orgId, request.params.jobId)),
  });

  app.get("/orgs/:orgId/deliverables/packs/:jobId/file", {
    config: { access: access.org(deliverablePolicy, "read") },
    schema: { tags, summary: "The finished certification pack (ZIP)", params: JobParamsSchema, response: { 200: FileResponse } },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const job = await findJob(db, orgId, request.params.jobId);
      if (job.status !== "done" || !job.result_file_id)
        throw new HttpProblem(409, "not-ready", "Not ready", "the pack is not finished yet; poll the job until its status is done");
      const bytes = await readFile(db, orgId, job.result_file_id);
      return reply
        .type("application/zip")
        .header("content-disposition", attachment(`certification-pack-${job.created_at.slice(0, 10)}.zip`))
        .send(bytes);
    },
  });

  // --- branding: name, logo and colour set once for every document ------------------------------
  app.get("/orgs/:orgId/branding", {
    config: { access: access.org(orgPolicy, "read") },
    schema: {
      tags,
      summary: "How documents are branded: colour, classification marking, logo",
      params: OrgParamsSchema,
      response: { 200: BrandingSchema },
    },
    handler: async (request) => presentBranding(db, requireMember(request).orgId),
  });

  updateRoutes(app, {
    url: "/orgs/:orgId/branding",
    access: access.org(orgPolicy, "update"),
    tags,
    summary: "the documents' colour and classification marking",
    params: OrgParamsSchema,
    body: BrandingInputSchema,
    response: BrandingSchema,
    current: (request) => presentBranding(db, requireMember(request).orgId),
    write: async (request, _params, body) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) =>
        writeBranding(ctx, orgId, { colour: body.colour, classification: body.classification }, body.version),
      );
      return presentBranding(db, orgId);
    },
  });

  app.post("/orgs/:orgId/branding/logo", {
    config: { access: access.org(orgPolicy, "update") },
    bodyLimit: Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4096,
    schema: {
      tags,
      summary: "Set the logo printed in every document's header (PNG or JPEG, at most 256 KiB)",
      params: OrgParamsSchema,
      body: LogoInputSchema,
      response: { 200: BrandingSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const bytes = decode(request.body.contentBase64, LOGO_MAX_BYTES, "contentBase64");
      const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
      if ((request.body.type === "image/png" && !png) || (request.body.type === "image/jpeg" && !jpeg))
        throw badRequest("the file is not the image it says", [{ field: "contentBase64", message: `is not a ${request.body.type} image` }]);
      await withWrite(db, writeMeta(request), async (ctx) => {
        const file = await storeFile(ctx, orgId, bytes, ctx.now);
        await writeBranding(ctx, orgId, { logo: { fileId: file.id, type: request.body.type } }, null);
      });
      return presentBranding(db, orgId);
    },
  });

  app.delete("/orgs/:orgId/branding/logo", {
    config: { access: access.org(orgPolicy, "update") },
    schema: { tags, summary: "Remove the logo", params: OrgParamsSchema, response: { 200: BrandingSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => writeBranding(ctx, orgId, { logo: null }, null));
      return presentBranding(db, orgId);
    },
  });
};
