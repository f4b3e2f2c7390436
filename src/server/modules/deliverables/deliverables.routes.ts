import { deliverableEndpoints } from "../../../contracts/deliverables.js";
import { type Format, MEDIA_TYPES } from "../../../core/deliverables/freshness.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { badRequest, HttpProblem } from "../../http/errors.js";
import { inputLimits, limitExceeded } from "../../http/limits.js";
import type { RouteModule } from "../../http/routes.js";
import { readDirectory } from "../../imports/xlsx.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { personLabel } from "../risks/index.js";
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

const LOGO_MAX_BYTES = 256 * 1024;
const attachment = (name: string) => `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`;

/** The ISMS deliverables as documents (DOCX, PDF, XLSX, Markdown), their issued versions, templates and the certification pack. */
export const deliverableRoutes: RouteModule = (app, { db, config }) => {
  const limits = inputLimits(config);
  const decode = (base64: string, max: number, field: string) => {
    if (base64.length > Math.ceil(max / 3) * 4 + 8)
      throw limitExceeded({ ...limits, fileBytes: max }, "fileBytes", `the file is larger than ${max} bytes`, field);
    return Buffer.from(base64, "base64");
  };

  serveEndpoint(app, deliverableEndpoints.list, async (request) => ({ items: await listDeliverables(db, requireMember(request).orgId) }));

  serveEndpoint(app, deliverableEndpoints.get, async (request) =>
    readDeliverable(db, requireMember(request).orgId, request.params.deliverableId),
  );

  serveEndpoint(app, deliverableEndpoints.render, async (request, reply) => {
    const { orgId } = requireMember(request);
    const file = await renderStream(db, orgId, request.params.deliverableId, request.query.format);
    return reply
      .type(file.mediaType)
      .header("content-disposition", attachment(file.filename))
      .header("x-content-hash", file.contentHash)
      .send(file.stream);
  });

  serveEndpoint(app, deliverableEndpoints.issues, async (request) => {
    const { orgId } = requireMember(request);
    if (!findEntry(request.params.deliverableId)) throw new HttpProblem(404, "not-found", "Not found", "deliverable not found");
    return { items: (await listIssues(db, orgId, request.params.deliverableId)).map(presentIssue) };
  });

  serveEndpoint(app, deliverableEndpoints.issue, async (request, reply) => {
    const { orgId, principal } = requireMember(request);
    const label = await personLabel(db, principal.userId);
    const items = await issueDeliverable(db, writeMeta(request), orgId, request.params.deliverableId, {
      formats: request.body.formats,
      note: request.body.note,
      userId: principal.userId,
      label,
    });
    return reply.status(201).send({ items });
  });

  serveEndpoint(app, deliverableEndpoints.issueFile, async (request, reply) => {
    const { orgId } = requireMember(request);
    const issue = await findIssue(db, orgId, request.params.deliverableId, request.params.issueId);
    const bytes = await readFile(db, orgId, issue.file_id);
    return reply
      .type(MEDIA_TYPES[issue.format as Format])
      .header("content-disposition", attachment(`${issue.deliverable_id}-v${issue.number}.${issue.format}`))
      .header("x-sha256", issue.file_sha256)
      .send(bytes);
  });

  serveEndpoint(
    app,
    deliverableEndpoints.uploadTemplate,
    async (request) => {
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
    { bodyLimit: Math.ceil(limits.fileBytes / 3) * 4 + 4096 },
  );

  serveEndpoint(app, deliverableEndpoints.removeTemplate, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => removeTemplate(ctx, orgId, request.params.deliverableId));
    return { ok: true as const };
  });

  serveEndpoint(app, deliverableEndpoints.startPack, async (request, reply) => {
    const { orgId, principal } = requireMember(request);
    const { job } = await startPack(db, orgId, [...new Set(request.body.formats)], principal.userId);
    return reply.status(202).send(await presentJob(db, job));
  });

  serveEndpoint(app, deliverableEndpoints.packs, async (request) => {
    const rows = await listJobs(db, requireMember(request).orgId);
    return { items: await Promise.all(rows.map((r) => presentJob(db, r))) };
  });

  serveEndpoint(app, deliverableEndpoints.pack, async (request) =>
    presentJob(db, await findJob(db, requireMember(request).orgId, request.params.jobId)),
  );

  serveEndpoint(app, deliverableEndpoints.packFile, async (request, reply) => {
    const { orgId } = requireMember(request);
    const job = await findJob(db, orgId, request.params.jobId);
    if (job.status !== "done" || !job.result_file_id)
      throw new HttpProblem(409, "not-ready", "Not ready", "the pack is not finished yet; poll the job until its status is done");
    const bytes = await readFile(db, orgId, job.result_file_id);
    return reply
      .type("application/zip")
      .header("content-disposition", attachment(`certification-pack-${job.created_at.slice(0, 10)}.zip`))
      .send(bytes);
  });

  // --- branding: name, logo and colour set once for every document ------------------------------
  serveEndpoint(app, deliverableEndpoints.branding, async (request) => presentBranding(db, requireMember(request).orgId));

  updateRoutes(app, {
    endpoints: deliverableEndpoints.updateBranding,
    current: (request) => presentBranding(db, requireMember(request).orgId),
    write: async (request, _params, body) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) =>
        writeBranding(ctx, orgId, { colour: body.colour, classification: body.classification }, body.version),
      );
      return presentBranding(db, orgId);
    },
  });

  serveEndpoint(
    app,
    deliverableEndpoints.uploadLogo,
    async (request) => {
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
    { bodyLimit: Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4096 },
  );

  serveEndpoint(app, deliverableEndpoints.removeLogo, async (request) => {
    const { orgId } = requireMember(request);
    await withWrite(db, writeMeta(request), (ctx) => writeBranding(ctx, orgId, { logo: null }, null));
    return presentBranding(db, orgId);
  });
};
