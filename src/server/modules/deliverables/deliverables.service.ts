import { PassThrough, type Writable } from "node:stream";
import { PatchType, patchDocument, TextRun } from "docx";
import yazl from "yazl";
import type { Deliverable, Issue } from "../../../contracts/deliverables.js";
import { canonicalJson } from "../../../core/audit/chain.js";
import { type Format, freshnessOf, MEDIA_TYPES } from "../../../core/deliverables/freshness.js";
import { type Block, type Branding, type DocumentModel, fileNameOf, orgPrefix, type Section } from "../../../core/deliverables/model.js";
import { STRINGS } from "../../../core/deliverables/strings.js";
import { reader, type WriteMeta, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { badRequest, notFound } from "../../http/errors.js";
import { CATALOGUE, type DeliverableEntry, findEntry } from "./catalogue.js";
import {
  createJob,
  DEFAULT_COLOUR,
  findTemplate,
  issueNumber,
  listIssues,
  listTemplates,
  presentIssue,
  readBrandingRow,
  readFile,
  recordIssue,
  sha256Of,
  storeFile,
  updateJob,
} from "./deliverables.repo.js";
import { orgDocFormat } from "./format.js";
import { gateApproval, type Loaded } from "./loaders/shared.js";
import { registerIssue } from "./register.js";
import { bodyChildren, renderDocx } from "./render/docx.js";
import { renderMarkdown } from "./render/markdown.js";
import { collector, renderPdf } from "./render/pdf.js";
import { renderXlsx } from "./render/xlsx.js";

/** A deliverable entry that can be generated, or a 404/409 naming why not. */
export function availableEntry(id: string): DeliverableEntry & { load: NonNullable<DeliverableEntry["load"]> } {
  const entry = findEntry(id);
  if (!entry) throw notFound("deliverable");
  if (!entry.load)
    throw badRequest(`${entry.title} is not available yet`, [{ field: "deliverableId", message: STRINGS.catalogue.notAvailable }]);
  return entry as DeliverableEntry & { load: NonNullable<DeliverableEntry["load"]> };
}

export function checkFormat(entry: DeliverableEntry, format: Format) {
  if (!entry.formats.includes(format))
    throw badRequest(`${entry.title} is not made as ${format}`, [
      { field: "format", message: `must be one of ${entry.formats.join(", ")}` },
    ]);
}

export async function brandingFor(db: Db, orgId: string): Promise<Branding & { classification: string }> {
  const [org, row] = await Promise.all([
    reader(db).selectFrom("organizations").select("name").where("id", "=", orgId).executeTakeFirstOrThrow(),
    readBrandingRow(db, orgId),
  ]);
  const logo =
    row?.logo_file_id && (row.logo_type === "image/png" || row.logo_type === "image/jpeg")
      ? { data: await readFile(db, orgId, row.logo_file_id), type: row.logo_type as "image/png" | "image/jpeg" }
      : null;
  return {
    name: org.name,
    colour: row?.colour ?? DEFAULT_COLOUR,
    logo,
    classification: row?.classification ?? STRINGS.common.defaultClassification,
  };
}

/** What the content hash is taken over: the sections' text (charts by their description), streamed registers by their digest. */
function hashable(sections: Section[]): unknown {
  const block = (b: Block) => {
    if (b.kind === "chart") return { kind: "chart", id: b.id, alt: b.alt };
    if (b.kind === "stream-table") return { kind: "stream-table", id: b.id, count: b.count };
    return b;
  };
  return sections.map((s) => ({ id: s.id, title: s.title, blocks: s.blocks.map(block) }));
}
export const contentHashOf = (loaded: Loaded): string =>
  sha256Of(Buffer.from(canonicalJson({ sections: hashable(loaded.sections), fingerprint: loaded.fingerprint ?? null })));

export interface ModelOptions {
  version?: string;
  status?: "Draft" | "Issued";
  now?: string;
}

/** Loads a deliverable's data and wraps it in its document control. */
export async function buildModel(db: Db, orgId: string, entry: DeliverableEntry, opts: ModelOptions = {}): Promise<DocumentModel> {
  if (!entry.load) throw notFound("deliverable");
  const [branding, loaded, approval] = await Promise.all([
    brandingFor(db, orgId),
    orgDocFormat(db, orgId).then((format) => entry.load?.(db, orgId, format) as Promise<Loaded>),
    entry.gate ? gateApproval(db, orgId, entry.gate) : Promise.resolve(null),
  ]);
  const { classification, ...brand } = branding;
  return {
    deliverableId: entry.id,
    branding: brand,
    control: {
      identifier: `${orgPrefix(brand.name)}-${entry.code}`,
      title: entry.title,
      version: opts.version ?? STRINGS.common.draft,
      status: opts.status ?? "Draft",
      owner: entry.owner,
      classification,
      approval,
      generatedAt: opts.now ?? new Date().toISOString(),
      contentHash: contentHashOf(loaded),
    },
    sections: loaded.sections,
  };
}

/** A DOCX from the organization's own template: placeholders replaced, the document's body at {{body}}. */
async function fromTemplate(model: DocumentModel, template: Buffer): Promise<Buffer> {
  const c = model.control;
  const text = (value: string) => ({ type: PatchType.PARAGRAPH, children: [new TextRun(value)] });
  const out = await patchDocument({
    outputType: "nodebuffer",
    data: template,
    keepOriginalStyles: true,
    trimPlaceholders: true,
    patches: {
      title: text(c.title),
      identifier: text(c.identifier),
      version: text(c.version),
      status: text(c.status),
      owner: text(c.owner),
      classification: text(c.classification),
      organization: text(model.branding.name),
      generated: text(c.generatedAt),
      content_hash: text(c.contentHash),
      approved_by: text(c.approval?.by ?? STRINGS.common.notApproved),
      approved_on: text(c.approval?.at ?? ""),
      approved_hash: text(c.approval?.hash ?? ""),
      body: { type: PatchType.DOCUMENT, children: await bodyChildren(model) },
    },
  });
  return Buffer.from(out);
}

/** Renders a model in a format into `out` (ended when done). */
export async function renderTo(db: Db, orgId: string, model: DocumentModel, format: Format, out: Writable): Promise<void> {
  const finish = (bytes: Buffer | string) =>
    new Promise<void>((resolve, reject) => {
      out.on("error", reject);
      out.end(bytes, () => resolve());
    });
  switch (format) {
    case "pdf":
      return renderPdf(model, out);
    case "xlsx":
      return renderXlsx(model, out);
    case "md":
      return finish(await renderMarkdown(model));
    case "docx": {
      const template = await findTemplate(db, orgId, model.deliverableId);
      if (template) return finish(await fromTemplate(model, await readFile(db, orgId, template.file_id)));
      return finish(await renderDocx(model));
    }
  }
}

export async function renderBuffer(db: Db, orgId: string, model: DocumentModel, format: Format): Promise<Buffer> {
  const { stream, result } = collector();
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  await renderTo(db, orgId, model, format, stream);
  await done;
  return result();
}

/** A rendering as a stream for an HTTP response or a file, with its name and media type. */
export async function renderStream(db: Db, orgId: string, deliverableId: string, format: Format) {
  const entry = availableEntry(deliverableId);
  checkFormat(entry, format);
  const model = await buildModel(db, orgId, entry);
  const stream = new PassThrough();
  renderTo(db, orgId, model, format, stream).catch((error: Error) => stream.destroy(error));
  return { stream, filename: fileNameOf(model.control, format), mediaType: MEDIA_TYPES[format], contentHash: model.control.contentHash };
}

/**
 * Issues a version of a deliverable: renders it in each format as version N (status Issued) and
 * stores each file with its SHA-256, the content hash and who issued it, and records the issue in
 * the document register (register.ts) in the same write, so it is under document control.
 */
export async function issueDeliverable(
  db: Db,
  meta: WriteMeta,
  orgId: string,
  deliverableId: string,
  input: { formats: Format[]; note: string | null; userId: string | null; label: string },
): Promise<Issue[]> {
  const entry = availableEntry(deliverableId);
  for (const f of input.formats) checkFormat(entry, f);
  const formats = [...new Set(input.formats)];
  // The number is taken in its own short write, so two issues never share one (a failed rendering
  // leaves a gap); the documents are rendered outside any transaction, then stored in one write.
  const number = await withWrite(db, meta, (ctx) => issueNumber(ctx, orgId, entry.id));
  const model = await buildModel(db, orgId, entry, { version: String(number), status: "Issued" });
  const files: { format: Format; content: Buffer }[] = [];
  for (const format of formats) files.push({ format, content: await renderBuffer(db, orgId, model, format) });
  return withWrite(db, meta, async (ctx) => {
    const issued: Issue[] = [];
    for (const { format, content } of files)
      issued.push(
        await recordIssue(ctx, orgId, {
          deliverableId: entry.id,
          number,
          format,
          content,
          contentHash: model.control.contentHash,
          note: input.note,
          userId: input.userId,
          label: input.label,
        }),
      );
    await registerIssue(ctx, orgId, model, issued);
    return issued;
  });
}

/** Every deliverable of the catalogue with its availability, freshness, last issue and template. */
export async function listDeliverables(db: Db, orgId: string): Promise<Deliverable[]> {
  const [issues, templates] = await Promise.all([listIssues(db, orgId), listTemplates(db, orgId)]);
  const format = await orgDocFormat(db, orgId);
  const out: Deliverable[] = [];
  for (const entry of CATALOGUE) {
    const last = issues.find((i) => i.deliverable_id === entry.id);
    const template = templates.find((t) => t.deliverable_id === entry.id);
    const hash = entry.load ? contentHashOf(await entry.load(db, orgId, format)) : null;
    out.push({
      id: entry.id,
      title: entry.title,
      activity: entry.activity,
      formats: [...entry.formats],
      available: entry.load !== null,
      reason: entry.load ? null : STRINGS.catalogue.notAvailable,
      freshness: freshnessOf(entry.load !== null, last?.content_hash ?? null, hash),
      contentHash: hash,
      lastIssue: last ? presentIssue(last) : null,
      template: template
        ? { filename: template.filename, size: template.size, sha256: template.sha256, updatedAt: template.updated_at }
        : null,
      path: entry.path,
    });
  }
  return out;
}

export async function readDeliverable(db: Db, orgId: string, deliverableId: string): Promise<Deliverable> {
  if (!findEntry(deliverableId)) throw notFound("deliverable");
  const all = await listDeliverables(db, orgId);
  return all.find((d) => d.id === deliverableId) as Deliverable;
}

// --- certification pack ------------------------------------------------------------------------
export function packPlan(formats: Format[]) {
  return CATALOGUE.filter((e) => e.load).map((e) => ({ entry: e, formats: formats.filter((f) => e.formats.includes(f)) }));
}

/** Starts a pack job (a row other instances can read) and runs it here; returns the job's row at once. */
export async function startPack(db: Db, orgId: string, formats: Format[], userId: string | null) {
  const plan = packPlan(formats);
  const job = await createJob(db, orgId, "certification-pack", formats, plan.length + 1, userId);
  const run = runPack(db, orgId, job.id, formats).catch(async (error: Error) => {
    await updateJob(db, job.id, { status: "failed", error: error.message, finished_at: new Date().toISOString() }).catch(() => {});
  });
  return { job, run };
}

/**
 * Generates every available deliverable in the chosen formats into one ZIP (yazl, streamed as it
 * is written) with an index, reporting progress in the job's row after each deliverable.
 */
export async function runPack(db: Db, orgId: string, jobId: string, formats: Format[]): Promise<void> {
  const plan = packPlan(formats);
  const zip = new yazl.ZipFile();
  const { stream, result } = collector();
  const written = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
    zip.outputStream.on("error", reject);
  });
  zip.outputStream.pipe(stream);
  const now = new Date().toISOString();
  const index: { id: string; title: string; activity: string; files: string[]; hash: string }[] = [];
  let done = 0;
  let orgName = "";
  for (const { entry, formats: these } of plan) {
    await updateJob(db, jobId, { done, message: `${entry.title}…` });
    const model = await buildModel(db, orgId, entry, { now });
    orgName = model.branding.name;
    const files: string[] = [];
    for (const format of these) {
      const name = `${entry.id}/${fileNameOf(model.control, format)}`;
      // PDF, DOCX and XLSX are compressed already: stored as they are, not deflated a second time.
      zip.addBuffer(await renderBuffer(db, orgId, model, format), name, { mtime: new Date(now), compress: format === "md" });
      files.push(name);
    }
    index.push({ id: entry.id, title: entry.title, activity: entry.activity, files, hash: model.control.contentHash });
    done++;
  }
  const S = STRINGS.pack;
  const notYet = CATALOGUE.filter((e) => !e.load);
  const md = [
    `# ${S.index}: ${orgName}`,
    "",
    S.intro,
    "",
    `${STRINGS.common.generated}: ${now}`,
    "",
    `| ${S.cols.id} | ${S.cols.title} | ${S.cols.activity} | ${S.cols.files} | ${S.cols.hash} |`,
    "| --- | --- | --- | --- | --- |",
    ...index.map(
      (i) => `| ${i.id} | ${i.title} | ${i.activity} | ${i.files.map((f) => `[${f}](${f})`).join("<br>")} | \`${i.hash.slice(0, 16)}\` |`,
    ),
    ...notYet.map((e) => `| ${e.id} | ${e.title} | ${e.activity} | — | ${STRINGS.catalogue.notAvailable} |`),
    "",
  ].join("\n");
  zip.addBuffer(Buffer.from(md), "INDEX.md", { mtime: new Date(now) });
  zip.addBuffer(
    Buffer.from(
      JSON.stringify(
        { organization: orgName, generatedAt: now, formats, deliverables: index, notAvailable: notYet.map((e) => e.id) },
        null,
        2,
      ),
    ),
    "index.json",
    {
      mtime: new Date(now),
    },
  );
  zip.end();
  await written;
  const file = await storeFile(db, orgId, result(), new Date().toISOString());
  await updateJob(db, jobId, {
    status: "done",
    done: done + 1,
    message: null,
    result_file_id: file.id,
    finished_at: new Date().toISOString(),
  });
}
