import { createHash } from "node:crypto";
import type { Issue, Job } from "../../../contracts/deliverables.js";
import type { Format } from "../../../core/deliverables/freshness.js";
import { progressPercent } from "../../../core/deliverables/freshness.js";
import { uuidv7 } from "../../../core/ids.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { conflict, notFound } from "../../http/errors.js";

export const sha256Of = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

export interface DeliverableFilesTable {
  id: string;
  org_id: string;
  content: Uint8Array;
  size: number;
  sha256: string;
  created_at: string;
}
export interface DeliverableIssuesTable {
  id: string;
  org_id: string;
  deliverable_id: string;
  scope_key: string;
  number: number;
  format: string;
  file_id: string;
  file_sha256: string;
  size: number;
  content_hash: string;
  note: string | null;
  issued_by: string | null;
  issued_by_label: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface DeliverableTemplatesTable {
  id: string;
  org_id: string;
  deliverable_id: string;
  filename: string;
  file_id: string;
  sha256: string;
  size: number;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface OrgBrandingTable {
  id: string;
  org_id: string;
  colour: string;
  classification: string;
  logo_file_id: string | null;
  logo_type: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface DeliverableJobsTable {
  id: string;
  org_id: string;
  kind: string;
  status: string;
  formats: string;
  total: number;
  done: number;
  message: string | null;
  error: string | null;
  result_file_id: string | null;
  requested_by: string | null;
  created_at: string;
  updated_at: string;
  heartbeat_at: string;
  finished_at: string | null;
}

declare module "../../db/schema.js" {
  interface Database {
    deliverable_files: DeliverableFilesTable;
    deliverable_issues: DeliverableIssuesTable;
    deliverable_templates: DeliverableTemplatesTable;
    org_branding: OrgBrandingTable;
    deliverable_jobs: DeliverableJobsTable;
  }
  interface AuditedTables {
    deliverable_issues: true;
    deliverable_templates: true;
    org_branding: true;
  }
}

export const DEFAULT_COLOUR = "#1c7ed6";

// --- files ---------------------------------------------------------------------------------------
/** Stores a file's bytes (not audited: the audited row that points at it records its hash). */
export async function storeFile(
  db: Db | WriteContext,
  orgId: string,
  content: Buffer,
  now: string,
): Promise<{ id: string; sha256: string; size: number }> {
  const file = { id: uuidv7(), org_id: orgId, content, size: content.length, sha256: sha256Of(content), created_at: now };
  await reader(db).insertInto("deliverable_files").values(file).execute();
  return { id: file.id, sha256: file.sha256, size: file.size };
}

export async function readFile(db: Db, orgId: string, fileId: string): Promise<Buffer> {
  const row = await reader(db)
    .selectFrom("deliverable_files")
    .select("content")
    .where("id", "=", fileId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  if (!row) throw notFound("file");
  return Buffer.from(row.content);
}

// --- branding ------------------------------------------------------------------------------------
export const readBrandingRow = (db: Db | WriteContext, orgId: string) =>
  reader(db).selectFrom("org_branding").selectAll().where("id", "=", orgId).executeTakeFirst();

export async function presentBranding(db: Db | WriteContext, orgId: string) {
  const row = await readBrandingRow(db, orgId);
  const logo = row?.logo_file_id
    ? await reader(db).selectFrom("deliverable_files").select(["size", "sha256"]).where("id", "=", row.logo_file_id).executeTakeFirst()
    : undefined;
  return {
    colour: row?.colour ?? DEFAULT_COLOUR,
    classification: row?.classification ?? "Internal",
    logo: row?.logo_type && logo ? { type: row.logo_type, size: logo.size, sha256: logo.sha256 } : null,
    version: row?.version ?? 0,
  };
}

export async function writeBranding(
  ctx: WriteContext,
  orgId: string,
  input: { colour?: string; classification?: string; logo?: { fileId: string; type: string } | null },
  expectedVersion: number | null,
): Promise<void> {
  const row = await readBrandingRow(ctx, orgId);
  const changes = {
    ...(input.colour !== undefined ? { colour: input.colour } : {}),
    ...(input.classification !== undefined ? { classification: input.classification } : {}),
    ...(input.logo !== undefined ? { logo_file_id: input.logo?.fileId ?? null, logo_type: input.logo?.type ?? null } : {}),
  };
  if (!row) {
    if (expectedVersion !== null && expectedVersion !== 0)
      throw conflict(`document branding was not saved yet (you sent version ${expectedVersion}, it is at 0); reload and try again`);
    await insertAudited(
      ctx,
      "org_branding",
      {
        id: orgId,
        org_id: orgId,
        colour: DEFAULT_COLOUR,
        classification: "Internal",
        logo_file_id: null,
        logo_type: null,
        ...changes,
        created_at: ctx.now,
        updated_at: ctx.now,
        version: 1,
      },
      { orgId, entityType: "document branding" },
    );
    return;
  }
  await updateAudited(ctx, "org_branding", orgId, changes, {
    orgId,
    entityType: "document branding",
    ...(expectedVersion !== null ? { expectedVersion } : {}),
  });
}

// --- templates -----------------------------------------------------------------------------------
export const findTemplate = (db: Db | WriteContext, orgId: string, deliverableId: string) =>
  reader(db)
    .selectFrom("deliverable_templates")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("deliverable_id", "=", deliverableId)
    .executeTakeFirst();

export const listTemplates = (db: Db, orgId: string) =>
  reader(db).selectFrom("deliverable_templates").selectAll().where("org_id", "=", orgId).execute();

export async function putTemplate(ctx: WriteContext, orgId: string, deliverableId: string, filename: string, content: Buffer) {
  const file = await storeFile(ctx, orgId, content, ctx.now);
  const existing = await findTemplate(ctx, orgId, deliverableId);
  if (existing) {
    await updateAudited(
      ctx,
      "deliverable_templates",
      existing.id,
      { filename, file_id: file.id, sha256: file.sha256, size: file.size },
      { orgId, entityType: "document template" },
    );
    return;
  }
  await insertAudited(
    ctx,
    "deliverable_templates",
    {
      id: uuidv7(),
      org_id: orgId,
      deliverable_id: deliverableId,
      filename,
      file_id: file.id,
      sha256: file.sha256,
      size: file.size,
      created_at: ctx.now,
      updated_at: ctx.now,
      version: 1,
    },
    { orgId, entityType: "document template" },
  );
}

export async function removeTemplate(ctx: WriteContext, orgId: string, deliverableId: string) {
  const existing = await findTemplate(ctx, orgId, deliverableId);
  if (!existing) throw notFound("template");
  await deleteAudited(ctx, "deliverable_templates", existing.id, { orgId, entityType: "document template" });
}

// --- issued versions -----------------------------------------------------------------------------
export const presentIssue = (r: DeliverableIssuesTable): Issue => ({
  id: r.id,
  deliverableId: r.deliverable_id,
  number: r.number,
  format: r.format as Format,
  sha256: r.file_sha256,
  size: r.size,
  contentHash: r.content_hash,
  note: r.note,
  issuedBy: r.issued_by_label,
  issuedAt: r.created_at,
});

export const issueNumber = (ctx: WriteContext, orgId: string, deliverableId: string) =>
  nextNumber(ctx, "deliverable_issues", `${orgId}:${deliverableId}`);

export async function recordIssue(
  ctx: WriteContext,
  orgId: string,
  input: {
    deliverableId: string;
    number: number;
    format: Format;
    content: Buffer;
    contentHash: string;
    note: string | null;
    userId: string | null;
    label: string;
  },
): Promise<Issue> {
  const file = await storeFile(ctx, orgId, input.content, ctx.now);
  const row: DeliverableIssuesTable = {
    id: uuidv7(),
    org_id: orgId,
    deliverable_id: input.deliverableId,
    scope_key: `${orgId}:${input.deliverableId}`,
    number: input.number,
    format: input.format,
    file_id: file.id,
    file_sha256: file.sha256,
    size: file.size,
    content_hash: input.contentHash,
    note: input.note,
    issued_by: input.userId,
    issued_by_label: input.label,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "deliverable_issues", row, { orgId, entityType: "deliverable issue", action: "deliverable.issued" });
  return presentIssue(row);
}

export async function listIssues(db: Db, orgId: string, deliverableId?: string): Promise<DeliverableIssuesTable[]> {
  let q = reader(db).selectFrom("deliverable_issues").selectAll().where("org_id", "=", orgId);
  if (deliverableId) q = q.where("deliverable_id", "=", deliverableId);
  return q.orderBy("number", "desc").orderBy("format").execute();
}

export async function findIssue(db: Db, orgId: string, deliverableId: string, issueId: string) {
  const row = await reader(db)
    .selectFrom("deliverable_issues")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("deliverable_id", "=", deliverableId)
    .where("id", "=", issueId)
    .executeTakeFirst();
  if (!row) throw notFound("issued version");
  return row;
}

// --- jobs ----------------------------------------------------------------------------------------
/** A running job whose instance has not reported for this long is taken as interrupted. */
export const JOB_STALE_MS = 120_000;

export async function presentJob(db: Db, row: DeliverableJobsTable, now = Date.now()): Promise<Job> {
  const interrupted = row.status === "running" && now - Date.parse(row.heartbeat_at) > JOB_STALE_MS;
  const file = row.result_file_id
    ? await reader(db).selectFrom("deliverable_files").select(["size", "sha256"]).where("id", "=", row.result_file_id).executeTakeFirst()
    : undefined;
  const status = interrupted ? "failed" : (row.status as Job["status"]);
  return {
    id: row.id,
    kind: row.kind,
    status,
    progress: progressPercent(row.done, row.total, status === "done"),
    total: row.total,
    done: row.done,
    formats: JSON.parse(row.formats) as Format[],
    message: row.message,
    error: interrupted ? "the instance generating it stopped; start a new one" : row.error,
    size: file?.size ?? null,
    sha256: file?.sha256 ?? null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export async function createJob(
  db: Db,
  orgId: string,
  kind: string,
  formats: Format[],
  total: number,
  userId: string | null,
): Promise<DeliverableJobsTable> {
  const now = new Date().toISOString();
  const row: DeliverableJobsTable = {
    id: uuidv7(),
    org_id: orgId,
    kind,
    status: "running",
    formats: JSON.stringify(formats),
    total,
    done: 0,
    message: null,
    error: null,
    result_file_id: null,
    requested_by: userId,
    created_at: now,
    updated_at: now,
    heartbeat_at: now,
    finished_at: null,
  };
  await db.kysely.insertInto("deliverable_jobs").values(row).execute();
  return row;
}

export async function updateJob(
  db: Db,
  id: string,
  changes: Partial<Pick<DeliverableJobsTable, "status" | "done" | "message" | "error" | "result_file_id" | "finished_at">>,
) {
  const now = new Date().toISOString();
  await db.kysely
    .updateTable("deliverable_jobs")
    .set({ ...changes, updated_at: now, heartbeat_at: now })
    .where("id", "=", id)
    .execute();
}

export async function findJob(db: Db, orgId: string, id: string): Promise<DeliverableJobsTable> {
  const row = await db.kysely
    .selectFrom("deliverable_jobs")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("job");
  return row;
}

export const listJobs = (db: Db, orgId: string) =>
  db.kysely.selectFrom("deliverable_jobs").selectAll().where("org_id", "=", orgId).orderBy("created_at", "desc").limit(20).execute();
