import type { Readable } from "node:stream";
import { type Kysely, sql } from "kysely";
import { type FileFormat, type ImportJob, PROBLEMS_LISTED } from "../../contracts/imports.js";
import { diffFields } from "../../core/audit/chain.js";
import { uuidv7 } from "../../core/ids.js";
import {
  type ExportRegister,
  exportColumns,
  formatPredecessor,
  formatRow,
  type ImportProblem,
  type ImportRegister,
} from "../../core/imports/columns.js";
import { referenceText } from "../../core/imports/matching.js";
import { recordEvent, type WriteContext, type WriteMeta, withWrite } from "../db/audited.js";
import type { Db } from "../db/database.js";
import { nextNumber } from "../db/numbering.js";
import type { Database } from "../db/schema.js";
import { conflict, HttpProblem, notFound } from "../http/errors.js";
import type { InputLimits } from "../http/limits.js";
import { readScale } from "../modules/assets/index.js";
import { breathe } from "../workers/breathe.js";
import { reserveEvents } from "./audit-batch.js";
import { loadRecords, type RegisterBinding, type Stored } from "./binding.js";
import { EXPORT_SOURCES, type ExportSource } from "./exports.js";
import { defaultLimits, readTable, type Table, UnreadableFile, writeTable } from "./file-format.js";
import { type LinkBinding, linksChanged, type PlannedLinks, writeLinks } from "./links.js";
import { type Plan, type PlannedWrite, planImport, type WriteSink } from "./plan.js";
import { bindingOf } from "./registers.js";

export interface ImportJobsTable {
  id: string;
  org_id: string;
  register: string;
  filename: string;
  format: string;
  status: string;
  row_count: number;
  create_count: number;
  update_count: number;
  unchanged_count: number;
  error_count: number;
  errors: string;
  /** Before migration 0017 the file itself; now always null (the file is in import_files). */
  content: string | null;
  fingerprint: string;
  processed: number;
  message: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string;
  committed_at: string | null;
}

/**
 * Import jobs are working state, not records anyone edits: a preview waiting for its commit.
 * They are not audited themselves; the commit's changes to the registers are, record by record.
 */
/** A previewed import's file, kept until its commit (or expiry) for the commit to read again. */
export interface ImportFilesTable {
  job_id: string;
  content: string;
}

declare module "../db/schema.js" {
  interface Database {
    import_jobs: ImportJobsTable;
    import_files: ImportFilesTable;
  }
}

/** How long a preview waits for its commit. */
const PREVIEW_TTL_MS = 60 * 60 * 1000;
/** Audit events per INSERT: 16 columns each stays well inside SQLite's and PostgreSQL's limits on bound parameters. */
const EVENTS_PER_INSERT = 100;
/** Records per INSERT: small enough that one statement holds the event loop (SQLite runs it synchronously) for a few milliseconds only. */
const ROWS_PER_INSERT = 100;
const EVENTS_PER_TURN = 25;

export type Progress = (processed: number, total: number) => Promise<void> | void;

/** The file as cells, or the reason it cannot be read as one problem of the file as a whole. */
export async function readFile(format: FileFormat, bytes: Buffer, limits: InputLimits = defaultLimits()): Promise<Table | ImportProblem> {
  try {
    return await readTable(format, bytes, limits);
  } catch (error) {
    if (error instanceof UnreadableFile) return { row: null, column: null, message: error.message };
    throw error;
  }
}

/** Plans the import of a file that may not even be readable. */
export async function planFile(db: Db | WriteContext, orgId: string, register: ImportRegister, file: Table | ImportProblem): Promise<Plan> {
  if ("header" in file) return planImport(db, orgId, register, file);
  return { register, rows: 0, creates: 0, updates: 0, unchanged: 0, problems: [file], fingerprint: "" };
}

/**
 * The organization guard of the audited helpers (src/server/db/audited.ts), kept by the batch
 * writer's own inserts and updates: a record is created with the import's organization and
 * updated only where it is that organization's (`where org_id`), so a binding's columns may
 * name neither the record nor its organization.
 */
function guardColumns(entity: string, columns: Record<string, unknown>): void {
  for (const column of ["id", "org_id"])
    if (column in columns) throw new Error(`${entity}: an import binding may not write "${column}" (organization guard)`);
}

/**
 * Writes what a plan hands over, batch by batch: new records with one INSERT, changed ones one
 * by one under their version, and one audit event per record. Runs inside the caller's
 * transaction, so any failure undoes it all. The events for `total` records are reserved on the
 * chain at the start; each batch is prepared (rows, events, their hashes) while the database
 * writes the one before.
 */
async function planWriter(
  ctx: WriteContext,
  orgId: string,
  register: ImportRegister,
  total: number,
  numbers: number[],
  onProgress?: Progress,
) {
  const { table, entity, stamp, links, numbered } = await bindingOf(register);
  let numbersUsed = 0;
  const linkChanges: { from: string; links: PlannedLinks }[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: the register's table is chosen at run time
  const trx = ctx.trx as Kysely<any>;
  const chain = await reserveEvents(ctx, orgId, total);
  let prepared = 0;
  let processed = 0;
  let writing: Promise<void> = Promise.resolve();
  const changedMeanwhile = () =>
    conflict("the register changed since the preview, so the file would now change other records; preview it again");

  const write: WriteSink = async (batch) => {
    // More writes than the preview counted: the plan differs, which its fingerprint will tell; stop here.
    if (prepared + batch.length > total) throw changedMeanwhile();
    prepared += batch.length;
    for (const p of batch) guardColumns(entity, p.columns);
    const creates = batch.flatMap((p) =>
      p.action === "create"
        ? [
            {
              p,
              row: {
                id: p.id ?? uuidv7(),
                org_id: orgId,
                ...p.columns,
                ...stamp?.(ctx),
                // More creates than numbers taken: the plan differs from the preview's, which the fingerprint tells.
                ...(numbered ? numbered.columns(numbers[numbersUsed++] ?? Number.NaN) : {}),
                created_at: ctx.now,
                updated_at: ctx.now,
                version: 1,
              },
            },
          ]
        : [],
    );
    const updates = batch.flatMap((p) => {
      if (p.action !== "update") return [];
      const before = p.before as Stored;
      return [{ p, before, set: { ...p.columns, ...stamp?.(ctx), version: before.version + 1, updated_at: ctx.now } }];
    });
    // The links are written once every record exists (a row may link to a later one); the record's event names them.
    const linkDiff = (p: PlannedWrite) => {
      if (!p.links || !linksChanged(p.links)) return {};
      linkChanges.push({ from: p.id as string, links: p.links });
      return { [links?.field ?? "links"]: { before: p.before ? p.links.before.map((l) => l.to) : null, after: p.links.after } };
    };
    await breathe();
    const inputs = [
      ...creates.map(({ p, row }) => ({
        action: `${entity}.created`,
        entityType: entity,
        entityId: row.id,
        changes: { ...diffFields(null, row), ...linkDiff(p) },
      })),
      ...updates.map(({ p, before, set }) => ({
        action: `${entity}.updated`,
        entityType: entity,
        entityId: before.id,
        changes: { ...diffFields(before, { ...before, ...set }), ...linkDiff(p) },
      })),
    ];
    // Hashed a few at a time, letting other requests in between.
    const events: ReturnType<typeof chain.events> = [];
    for (let i = 0; i < inputs.length; i += EVENTS_PER_TURN) {
      events.push(...chain.events(inputs.slice(i, i + EVENTS_PER_TURN)));
      await breathe();
    }
    await writing;
    await breathe();
    writing = (async () => {
      for (let i = 0; i < creates.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto(table)
          .values(creates.slice(i, i + ROWS_PER_INSERT).map((c) => c.row))
          .execute();
        await breathe();
      }
      for (const { p, before, set } of updates) {
        await breathe();
        const result = await trx
          .updateTable(table)
          .set(set)
          .where("id", "=", before.id)
          .where("org_id", "=", orgId)
          .where("version", "=", before.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1)
          throw conflict(`row ${p.row}: the ${entity} was changed meanwhile; preview the file again`);
      }
      for (let i = 0; i < events.length; i += EVENTS_PER_INSERT) {
        await ctx.trx
          .insertInto("audit_events")
          .values(events.slice(i, i + EVENTS_PER_INSERT))
          .execute();
        await breathe();
      }
      processed += batch.length;
      await onProgress?.(processed, total);
    })();
    // Awaited before the next batch or at the end; this keeps a failure from counting as unhandled meanwhile.
    writing.catch(() => undefined);
  };
  return {
    write,
    /** Waits for the last batch; then, if the plan wrote what the preview counted, moves the chain head and writes the links. */
    async close(complete: boolean) {
      await writing;
      if (!complete) return;
      if (prepared !== total) throw changedMeanwhile();
      await chain.close();
      if (links) await writeLinks(ctx, orgId, links, linkChanges);
    },
  };
}

/** What the preview counted; the commit must come to the same. */
export interface PreviewCounts {
  rows: number;
  creates: number;
  updates: number;
  unchanged: number;
}

export interface CommitOptions {
  /** The import's id in the audit trail. */
  importId: string;
  filename: string;
  format: FileFormat;
  /** What the preview decided; a plan that now decides otherwise is refused. */
  fingerprint: string;
  expected: PreviewCounts;
  onProgress?: Progress;
}

/**
 * Plans the file again inside the transaction, against the registers as they are now, writing
 * as it goes; the transaction is undone (by the error thrown) unless the plan has no problem and
 * matches the rows to the same records and versions the preview did. One summary event names
 * the import; every record gets its own.
 */
export async function commitTable(ctx: WriteContext, orgId: string, register: ImportRegister, table: Table, options: CommitOptions) {
  const { expected } = options;
  // A numbered register's numbers are taken first, before the audit chain's head is locked, as every create takes them.
  const numbered = (await bindingOf(register)).numbered;
  const numbers: number[] = [];
  if (numbered) for (let i = 0; i < expected.creates; i++) numbers.push(await nextNumber(ctx, numbered.table, orgId));
  await recordEvent(ctx, {
    orgId,
    action: "import.committed",
    entityType: "import",
    entityId: options.importId,
    changes: diffFields(null, {
      register,
      filename: options.filename,
      format: options.format,
      rows: expected.rows,
      created: expected.creates,
      updated: expected.updates,
      unchanged: expected.unchanged,
    }),
  });
  const writer = await planWriter(ctx, orgId, register, expected.creates + expected.updates, numbers, options.onProgress);
  let plan: Plan;
  try {
    plan = await planImport(ctx, orgId, register, table, writer.write);
  } catch (error) {
    await writer.close(false).catch(() => undefined);
    throw error;
  }
  await writer.close(false);
  if (plan.problems.length > 0) throw new ImportProblems(plan.problems);
  if (plan.fingerprint !== options.fingerprint)
    throw conflict("the register changed since the preview, so the file would now change other records; preview it again");
  await writer.close(true);
  return plan;
}

/** Below this many written records the planner's statistics are still good enough. */
const ANALYZE_FROM = 1000;

/**
 * After a large import PostgreSQL's planner would go on estimating the table at its old size
 * until autovacuum comes by, and could pick a poor plan for list queries meanwhile.
 */
export async function refreshStatistics(db: Db, register: ImportRegister, written: number): Promise<void> {
  if (db.dialect === "postgres" && written >= ANALYZE_FROM)
    await sql`analyze ${sql.table((await bindingOf(register)).table)}`.execute(db.kysely);
}

/** A plan that had problems at commit time. */
export class ImportProblems extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(`the file has ${problems.length} problem(s) now; nothing was imported`);
  }
}

// --- jobs ------------------------------------------------------------------------------------

function presentJob(r: ImportJobsTable): ImportJob {
  return {
    id: r.id,
    register: r.register as ImportRegister,
    filename: r.filename,
    format: r.format as FileFormat,
    status: r.status as ImportJob["status"],
    rows: r.row_count,
    create: r.create_count,
    update: r.update_count,
    unchanged: r.unchanged_count,
    errorCount: r.error_count,
    errors: JSON.parse(r.errors) as ImportProblem[],
    processed: r.processed,
    total: r.create_count + r.update_count,
    message: r.message,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    committedAt: r.committed_at,
  };
}

async function findJob(db: Db | WriteContext, orgId: string, id: string): Promise<ImportJobsTable> {
  const source = "trx" in db ? db.trx : db.kysely;
  const row = await source.selectFrom("import_jobs").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("import");
  return row;
}

/** An import's status; a commit interrupted by a crash is recognised (and made committable again) on the way. */
export async function importStatus(db: Db, orgId: string, id: string): Promise<ImportJob> {
  let job = await findJob(db, orgId, id);
  if (job.status === "committing" && !running.has(id) && (await recoverInterrupted(db, { id })) > 0) job = await findJob(db, orgId, id);
  const present = presentJob(job);
  const progress = running.get(id);
  if (job.status === "committing" && progress) present.processed = Math.max(present.processed, progress.processed);
  return present;
}

/** Commits running in this process: their progress, readable while their transaction holds the write connection. */
const running = new Map<string, { processed: number }>();

/** A commit's claim is this old before another instance may take it for interrupted (the claim and the transaction's lock are a moment apart). */
const CLAIM_GRACE_MS = 2000;

/** The PostgreSQL advisory lock a commit holds for its transaction: free again once the transaction ends, by commit, rollback or a dead connection. */
const commitLock = (id: string) => sql<{ free: boolean }>`select pg_try_advisory_xact_lock(hashtextextended(${`import:${id}`}, 0)) as free`;

export const INTERRUPTED_MESSAGE =
  "the commit was interrupted (the server stopped) and its transaction rolled back: nothing was imported; commit it again, or preview the file again";

/**
 * Finds commits left "committing" by a server that stopped in the middle (a crash, a kill, a
 * power cut): the database rolled their transaction back, so nothing of them is in the
 * registers. Each becomes a preview again (committable, its expiry renewed) with a message
 * saying what happened, or failed when its file is gone; the organization's audit trail
 * records it. On PostgreSQL a commit still running on another instance holds its advisory lock
 * and is left alone; on SQLite (one process per database file) every commit not running in this
 * process was interrupted. Run at start and when an import's status is read.
 */
export async function recoverInterrupted(db: Db, options: { id?: string } = {}): Promise<number> {
  let query = db.kysely.selectFrom("import_jobs").selectAll().where("status", "=", "committing");
  if (options.id) query = query.where("id", "=", options.id);
  const candidates = (await query.execute()).filter((job) => !running.has(job.id));
  let recovered = 0;
  for (const job of candidates) {
    if (db.dialect === "postgres" && Date.parse(job.updated_at) > Date.now() - CLAIM_GRACE_MS) continue;
    const done = await withWrite(db, { actor: { type: "system", id: null }, requestId: null, ip: null }, async (ctx) => {
      if (db.dialect === "postgres" && !(await commitLock(job.id).execute(ctx.trx)).rows[0]?.free) return false;
      const now = new Date();
      const committable = (await storedContent(ctx.trx, job)) !== null;
      const changed = await ctx.trx
        .updateTable("import_jobs")
        .set({
          status: committable ? "previewed" : "failed",
          processed: 0,
          message: committable ? INTERRUPTED_MESSAGE : "the commit was interrupted and nothing was imported; preview the file again",
          updated_at: now.toISOString(),
          ...(committable ? { expires_at: new Date(now.getTime() + PREVIEW_TTL_MS).toISOString() } : {}),
        })
        .where("id", "=", job.id)
        .where("status", "=", "committing")
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) return false;
      await recordEvent(ctx, {
        orgId: job.org_id,
        action: "import.interrupted",
        entityType: "import",
        entityId: job.id,
        changes: diffFields(null, { register: job.register, filename: job.filename, status: committable ? "previewed" : "failed" }),
      });
      return true;
    });
    if (done) recovered++;
  }
  return recovered;
}

export interface PreviewRequest {
  register: ImportRegister;
  filename: string;
  format: FileFormat;
  bytes: Buffer;
  /** The bytes as base64 when the caller has them so already: what the job keeps for the commit. */
  contentBase64?: string;
  /** How far the file may expand; the configuration's defaults when not given. */
  limits?: InputLimits;
}

/**
 * The job keeps the file itself (base64) for the commit, the most compact form of the plan's
 * input; the commit reads it again row by row. A job previewed before kept the table as JSON.
 */
async function storedContent(source: Kysely<Database>, job: ImportJobsTable): Promise<string | null> {
  if (job.content !== null) return job.content;
  const file = await source.selectFrom("import_files").select("content").where("job_id", "=", job.id).executeTakeFirst();
  return file?.content ?? null;
}

async function storedTable(db: Db, job: ImportJobsTable, limits: InputLimits): Promise<Table | ImportProblem> {
  const content = (await storedContent(db.kysely, job)) as string;
  if (content.startsWith("{")) {
    const { header, rows } = JSON.parse(content) as { header: string[]; rows: string[][] };
    return {
      header,
      rows: async function* () {
        yield rows.map((cells, i) => ({ row: i + 2, cells }));
      },
    };
  }
  return readFile(job.format as FileFormat, Buffer.from(content, "base64"), limits);
}

/** Reads and plans a file and keeps the plan's input for the commit; nothing in the registers changes. */
export async function previewImport(db: Db, orgId: string, userId: string | null, request: PreviewRequest): Promise<ImportJob> {
  const file = await readFile(request.format, request.bytes, request.limits);
  const plan = await planFile(db, orgId, request.register, file);
  const now = new Date();
  const row: ImportJobsTable = {
    id: uuidv7(),
    org_id: orgId,
    register: request.register,
    filename: request.filename,
    format: request.format,
    status: "previewed",
    row_count: plan.rows,
    create_count: plan.creates,
    update_count: plan.updates,
    unchanged_count: plan.unchanged,
    error_count: plan.problems.length,
    errors: JSON.stringify(plan.problems.slice(0, PROBLEMS_LISTED)),
    content: null,
    fingerprint: plan.fingerprint,
    processed: 0,
    message: null,
    created_by: userId,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PREVIEW_TTL_MS).toISOString(),
    committed_at: null,
  };
  // Previews nobody committed are dropped as new ones come in.
  await db.kysely.deleteFrom("import_jobs").where("expires_at", "<", row.created_at).execute();
  const keep = plan.problems.length === 0 && "header" in file;
  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto("import_jobs").values(row).execute();
    if (keep)
      await trx
        .insertInto("import_files")
        .values({ job_id: row.id, content: request.contentBase64 ?? request.bytes.toString("base64") })
        .execute();
  });
  return presentJob(row);
}

/**
 * Progress other requests can read: kept in this process (the status route reads it), and on
 * PostgreSQL also written outside the import's transaction, on another connection, for the
 * other instances. On SQLite the write connection is the transaction's until it ends.
 */
function progressWriter(db: Db, id: string, mine: { processed: number }): Progress {
  // A few updates a second are plenty for a progress bar; one per batch cost a second per 100,000 rows.
  let last = 0;
  return async (processed, total) => {
    mine.processed = processed;
    if (db.dialect !== "postgres") return;
    const now = Date.now();
    if (processed < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    await db.kysely.updateTable("import_jobs").set({ processed }).where("id", "=", id).execute();
  };
}

const PROGRESS_INTERVAL_MS = 250;

const hasFile = async (db: Db, id: string) =>
  (await db.kysely.selectFrom("import_files").select("job_id").where("job_id", "=", id).executeTakeFirst()) !== undefined;

const NOT_COMMITTABLE: Record<string, string> = {
  committing: "the import is being committed already",
  committed: "the import was committed already",
  failed: "the import failed and changed nothing; preview the file again",
};

/** Commits a previewed import in one transaction: all of it, or (on any problem) nothing. */
export async function commitImport(
  db: Db,
  orgId: string,
  id: string,
  meta: WriteMeta,
  limits: InputLimits = defaultLimits(),
): Promise<ImportJob> {
  let job = await findJob(db, orgId, id);
  if (job.status === "committing" && !running.has(id) && (await recoverInterrupted(db, { id })) > 0) job = await findJob(db, orgId, id);
  const now = new Date().toISOString();
  if (job.status !== "previewed") throw conflict(NOT_COMMITTABLE[job.status] ?? `the import is ${job.status}`, presentJob(job));
  if (job.expires_at < now) throw conflict("the preview has expired; preview the file again", presentJob(job));
  if (job.error_count > 0 || (job.content === null && !(await hasFile(db, id))))
    throw conflict(`the file has ${job.error_count} problem(s); fix them and preview it again. Nothing was imported`, presentJob(job));
  // Claimed before the transaction, so a second commit of the same preview is refused at once;
  // known as running here from before the claim, so it is never taken for an interrupted one.
  if (running.has(id)) throw conflict("the import is being committed already", presentJob(job));
  const mine = { processed: 0 };
  running.set(id, mine);
  try {
    const claimed = await db.kysely
      .updateTable("import_jobs")
      .set({ status: "committing", processed: 0, message: null, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "previewed")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw conflict("the import is being committed already", presentJob(job));
  } catch (error) {
    running.delete(id);
    throw error;
  }
  const onProgress = progressWriter(db, id, mine);
  try {
    await breathe();
    const table = await storedTable(db, job, limits);
    await breathe();
    if (!("header" in table)) throw new ImportProblems([table]);
    const plan = await withWrite(db, meta, async (ctx) => {
      // Held to the transaction's end: other instances tell a running commit from an interrupted one by it.
      if (db.dialect === "postgres") await commitLock(id).execute(ctx.trx);
      const committed = await commitTable(ctx, orgId, job.register as ImportRegister, table, {
        importId: id,
        filename: job.filename,
        format: job.format as FileFormat,
        fingerprint: job.fingerprint,
        expected: { rows: job.row_count, creates: job.create_count, updates: job.update_count, unchanged: job.unchanged_count },
        onProgress,
      });
      await ctx.trx
        .updateTable("import_jobs")
        .set({
          status: "committed",
          processed: job.create_count + job.update_count,
          content: null,
          committed_at: ctx.now,
          updated_at: ctx.now,
        })
        .where("id", "=", id)
        .execute();
      await ctx.trx.deleteFrom("import_files").where("job_id", "=", id).execute();
      return committed;
    });
    await refreshStatistics(db, plan.register, plan.creates + plan.updates);
  } catch (error) {
    const problems = error instanceof ImportProblems ? error.problems : null;
    const message = error instanceof Error ? error.message : String(error);
    await db.kysely
      .updateTable("import_jobs")
      .set({
        status: "failed",
        message,
        content: null,
        updated_at: new Date().toISOString(),
        ...(problems ? { error_count: problems.length, errors: JSON.stringify(problems.slice(0, PROBLEMS_LISTED)) } : {}),
      })
      .where("id", "=", id)
      .execute();
    await db.kysely.deleteFrom("import_files").where("job_id", "=", id).execute();
    const failed = presentJob(await findJob(db, orgId, id));
    if (problems || (error instanceof HttpProblem && error.status === 409)) throw conflict(`${message}; nothing was imported`, failed);
    throw error;
  } finally {
    running.delete(id);
  }
  return presentJob(await findJob(db, orgId, id));
}

// --- export ----------------------------------------------------------------------------------

const EXPORT_PAGE = 1000;

/** The register as a file, streamed page by page; an importable register's with the columns its import takes. */
export async function exportRegister(db: Db, orgId: string, register: ExportRegister, format: FileFormat) {
  const columns = exportColumns(register, await readScale(db, orgId));
  const source =
    register in EXPORT_SOURCES
      ? EXPORT_SOURCES[register as keyof typeof EXPORT_SOURCES]
      : importableSource(await bindingOf(register as ImportRegister));
  async function* pages() {
    for await (const page of source.pages(db, orgId)) yield page.map((values) => formatRow(values, columns));
  }
  const stream: Readable = writeTable(
    format,
    source.title,
    columns.map((c) => c.header),
    pages(),
  );
  return { filename: `${register}-${new Date().toISOString().slice(0, 10)}.${format}`, stream };
}

/** Each record's links, as the references of the records it links to (external reference, else name). */
async function linkedTexts(db: Db, orgId: string, binding: RegisterBinding): Promise<Map<string, string[]>> {
  const links = binding.links as LinkBinding;
  const keys = (await db.kysely
    .selectFrom(binding.table)
    .select(binding.keyColumns as never)
    .where("org_id", "=", orgId)
    .execute()) as Stored[];
  const texts = new Map(keys.map((r) => [r.id, referenceText(binding.keyOf(r))]));
  const rows = (await db.kysely
    .selectFrom(links.table)
    .select([`${links.from} as from`, `${links.to} as to`, ...(links.lag ? [`${links.lag} as lag`] : [])] as never)
    .where("org_id", "=", orgId)
    .orderBy("id")
    .execute()) as unknown as { from: string; to: string; lag?: number }[];
  const byRecord = new Map<string, string[]>();
  for (const { from, to, lag } of rows) {
    const text = texts.get(to);
    if (text !== undefined)
      byRecord.set(from, [...(byRecord.get(from) ?? []), links.lag ? formatPredecessor(text, Number(lag ?? 0)) : text]);
  }
  return byRecord;
}

/** An importable register's records as the input field values its import reads, references as reference cells. */
function importableSource(binding: RegisterBinding): ExportSource {
  const reference = binding.reference;
  return {
    title: binding.title,
    async *pages(db, orgId) {
      const referenced = reference ? new Map((await reference.load(db, orgId)).map((r) => [r.id, referenceText(r)])) : null;
      const linked = binding.links ? await linkedTexts(db, orgId, binding) : null;
      let after: string | null = null;
      for (;;) {
        const rows = await loadRecords(db, binding, orgId, { after, limit: EXPORT_PAGE });
        if (rows.length === 0) return;
        yield rows.map((row) => {
          const values = binding.valuesOf(row);
          if (reference && referenced) {
            const id = values[reference.field];
            // A reference to a record that is gone is written as none.
            values[reference.field] = typeof id === "string" ? (referenced.get(id) ?? null) : null;
          }
          if (binding.links && linked) values[binding.links.field] = linked.get(row.id) ?? [];
          return values;
        });
        after = (rows.at(-1) as { id: string }).id;
      }
    },
  };
}
