import type { ExpressionBuilder } from "kysely";
import type {
  DocumentInput,
  DocumentItem,
  DocumentUpdate,
  DocumentVersion,
  DocumentVersionSummary,
  DraftUpdate,
} from "../../../contracts/documents.js";
import {
  blankSections,
  type DocumentType,
  missingSections,
  openVersion,
  type Section,
  type VersionStatus,
  versionInForce,
} from "../../../core/documents/documents.js";
import { newDraftStart, retireRefusal, versionChangeRefusal } from "../../../core/documents/lifecycle.js";
import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { type ListParams, type Page, paginate } from "../../db/paginate.js";
import type { Database } from "../../db/schema.js";
import { containsText } from "../../db/text-search.js";
import { conflict, HttpProblem, notFound } from "../../http/errors.js";
import { checkDocument } from "./documents.checks.js";
import {
  type DocumentContext,
  type FullVersionRow,
  parseSections,
  presentDocuments,
  presentSummary,
  presentVersion,
  state,
} from "./documents.present.js";
import { DOCUMENT, type DocumentsTable, type DocumentVersionsTable, VERSION } from "./documents.tables.js";

/** Same refusal as the audited helpers give, made before checks that would otherwise answer a stale request first. */
function assertVersion<T extends { version: number }>(row: T, expected: number, entity: string, present: (row: T) => unknown): void {
  if (row.version !== expected)
    throw conflict(
      `${entity} was changed by someone else (you sent version ${expected}, it is now at ${row.version}); reload and try again`,
      present(row),
    );
}

// --- versions -----------------------------------------------------------------------------------

const SUMMARY_COLUMNS = [
  "v.id",
  "v.org_id",
  "v.document_id",
  "v.number",
  "v.status",
  "v.change_summary",
  "v.author_id",
  "v.submitted_at",
  "v.approved_by",
  "v.approved_at",
  "v.created_at",
  "v.updated_at",
  "v.version",
] as const;

function versionQuery(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("document_versions as v")
    .leftJoin("users as a", "a.id", "v.author_id")
    .leftJoin("users as p", "p.id", "v.approved_by")
    .select(SUMMARY_COLUMNS)
    .select(["a.display_name as author_name", "p.display_name as approver_name"])
    .where("v.org_id", "=", orgId);
}

async function documentContext(db: Db | WriteContext, orgId: string, documentId: string): Promise<DocumentContext> {
  const document = await findDocumentRow(db, orgId, documentId);
  const states = (
    await reader(db).selectFrom("document_versions").select(["number", "status"]).where("document_id", "=", documentId).execute()
  ).map(state);
  return { document, states, inForce: versionInForce(states, document.retired_at !== null)?.number ?? null };
}

async function findVersionRow(db: Db | WriteContext, orgId: string, documentId: string, number: number): Promise<FullVersionRow> {
  const row = await versionQuery(db, orgId)
    .select("v.sections")
    .where("v.document_id", "=", documentId)
    .where("v.number", "=", number)
    .executeTakeFirst();
  if (!row) throw notFound(`version ${number} of the ${DOCUMENT}`);
  return row;
}

export { findDocumentRow, findVersionRow };

export async function findVersion(db: Db | WriteContext, orgId: string, documentId: string, number: number): Promise<DocumentVersion> {
  const context = await documentContext(db, orgId, documentId);
  return presentVersion(await findVersionRow(db, orgId, documentId, number), context);
}

/** The change history: every version, newest first. */
export async function listVersions(
  db: Db,
  orgId: string,
  documentId: string,
  page: Omit<ListParams<string>, "sort">,
): Promise<Page<DocumentVersionSummary>> {
  const { inForce } = await documentContext(db, orgId, documentId);
  const query = versionQuery(db, orgId).where("v.document_id", "=", documentId);
  return paginate(query, { column: "v.number", idColumn: "v.id" }, { ...page, sort: "number" }, (r) => presentSummary(r, inForce), "desc");
}

/** The sections of two versions of a document, for a diff; `to` defaults to the newest version. */
export async function sectionsOf(
  db: Db,
  orgId: string,
  documentId: string,
  from: number,
  to: number | undefined,
): Promise<{ from: Section[]; to: Section[]; toNumber: number }> {
  const { states } = await documentContext(db, orgId, documentId);
  const toNumber = to ?? Math.max(...states.map((s) => s.number));
  const [a, b] = await Promise.all([findVersionRow(db, orgId, documentId, from), findVersionRow(db, orgId, documentId, toNumber)]);
  return { from: parseSections(a.sections), to: parseSections(b.sections), toNumber };
}

// --- documents ----------------------------------------------------------------------------------

const documents = (db: Db | WriteContext, orgId: string) => reader(db).selectFrom("documents").where("org_id", "=", orgId);

async function findDocumentRow(db: Db | WriteContext, orgId: string, id: string): Promise<DocumentsTable> {
  const row = await documents(db, orgId).selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(DOCUMENT);
  return row;
}

/** Documents as the API shows them, with their newest version and the version in force; one query for the versions of all. */
async function documentItems(db: Db | WriteContext, orgId: string, rows: DocumentsTable[]): Promise<DocumentItem[]> {
  if (rows.length === 0) return [];
  const versions = await versionQuery(db, orgId)
    .where(
      "v.document_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return presentDocuments(rows, versions);
}

const presentDocument = async (db: Db | WriteContext, orgId: string, row: DocumentsTable) =>
  (await documentItems(db, orgId, [row]))[0] as DocumentItem;

export const findDocument = async (db: Db | WriteContext, orgId: string, id: string) =>
  presentDocument(db, orgId, await findDocumentRow(db, orgId, id));

export interface DocumentFilter {
  type?: DocumentType | undefined;
  status?: VersionStatus | undefined;
  q?: string | undefined;
}

const SORT_COLUMNS = { identifier: "identifier", title: "title", nextReviewDate: "next_review_date" } as const;

/** The same statuses as documentStatus derives, as conditions the database can filter a page by. */
function statusCondition(status: VersionStatus) {
  return (eb: ExpressionBuilder<Database, "documents">) => {
    const has = (versionStatus: string) =>
      eb.exists(
        eb
          .selectFrom("document_versions as v")
          .select("v.id")
          .whereRef("v.document_id", "=", "documents.id")
          .where("v.status", "=", versionStatus),
      );
    if (status === "retired") return eb("retired_at", "is not", null);
    const live = eb("retired_at", "is", null);
    if (status === "approved") return eb.and([live, has("approved")]);
    const unapproved = eb.and([live, eb.not(has("approved"))]);
    return status === "in_review" ? eb.and([unapproved, has("in_review")]) : eb.and([unapproved, eb.not(has("in_review"))]);
  };
}

export async function listDocuments(
  db: Db,
  orgId: string,
  filter: DocumentFilter,
  page: ListParams<keyof typeof SORT_COLUMNS>,
): Promise<Page<DocumentItem>> {
  let query = documents(db, orgId).selectAll();
  if (filter.type) query = query.where("type", "=", filter.type);
  if (filter.status) query = query.where(statusCondition(filter.status));
  const q = filter.q;
  if (q) query = query.where((eb) => eb.or([containsText("identifier", q), containsText("title", q)]));
  const rows = await paginate(query, SORT_COLUMNS[page.sort], page, (r) => r);
  return { items: await documentItems(db, orgId, rows.items), nextCursor: rows.nextCursor };
}

const metadataColumns = (input: Omit<DocumentInput, "type">) => ({
  identifier: input.identifier,
  title: input.title,
  owner: input.owner,
  classification: input.classification,
  next_review_date: input.nextReviewDate,
  parent_id: input.parentId,
  owner_user_id: input.ownerUserId,
  approver_user_id: input.approverUserId,
  review_cycle_months: input.reviewCycleMonths,
  links: JSON.stringify(input.links),
  responsible_role: input.responsibleRole,
});

/** Registers a document with version 1 as a draft, its sections those of the type's template. */
export async function createDocument(
  ctx: WriteContext,
  orgId: string,
  input: DocumentInput,
  from?: { templateKey: string; sections: Section[] },
): Promise<DocumentItem> {
  if (input.type === "isms_policy") {
    const existing = await documents(ctx, orgId)
      .select(["id", "identifier"])
      .where("type", "=", "isms_policy")
      .where("retired_at", "is", null)
      .executeTakeFirst();
    if (existing)
      throw conflict(
        `the organization already has an ISMS policy, ${existing.identifier}; revise it with a new draft, or retire it first`,
        await findDocument(ctx, orgId, existing.id),
      );
  }
  await checkDocument(ctx, orgId, null, input.type, input);
  const row: DocumentsTable = {
    id: uuidv7(),
    org_id: orgId,
    type: input.type,
    ...metadataColumns(input),
    retired_at: null,
    retire_reason: null,
    template_key: from?.templateKey ?? null,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "documents", row, { orgId, entityType: DOCUMENT });
  await insertVersion(
    ctx,
    orgId,
    row.id,
    await nextNumber(ctx, "document_versions", row.id),
    from?.sections ?? blankSections(input.type),
    null,
  );
  return presentDocument(ctx, orgId, row);
}

/** A document row that may be changed: at the version the client read, and not retired. */
async function assertChangeable(ctx: WriteContext, orgId: string, row: DocumentsTable, expected: number | null): Promise<void> {
  if (expected !== null && row.version !== expected)
    throw conflict(
      `${DOCUMENT} was changed by someone else (you sent version ${expected}, it is now at ${row.version}); reload and try again`,
      await presentDocument(ctx, orgId, row),
    );
  if (row.retired_at !== null)
    throw conflict(`the ${DOCUMENT} is retired and can no longer change`, await presentDocument(ctx, orgId, row));
}

export async function updateDocument(ctx: WriteContext, orgId: string, id: string, input: DocumentUpdate): Promise<DocumentItem> {
  const { version, ...fields } = input;
  const current = await findDocumentRow(ctx, orgId, id);
  await assertChangeable(ctx, orgId, current, version);
  await checkDocument(ctx, orgId, id, current.type as DocumentType, fields);
  const after = await updateAudited(ctx, "documents", id, metadataColumns(fields), {
    orgId,
    entityType: DOCUMENT,
    expectedVersion: version,
    scope: { org_id: orgId },
  });
  return presentDocument(ctx, orgId, after);
}

async function insertVersion(
  ctx: WriteContext,
  orgId: string,
  documentId: string,
  number: number,
  sections: Section[],
  changeSummary: string | null,
): Promise<void> {
  const row: DocumentVersionsTable = {
    id: uuidv7(),
    org_id: orgId,
    document_id: documentId,
    number,
    status: "draft",
    sections: JSON.stringify(sections),
    change_summary: changeSummary || null,
    author_id: ctx.actor.id,
    submitted_at: null,
    approved_by: null,
    approved_at: null,
    approval_hash: null,
    approval_snapshot: null,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
  await insertAudited(ctx, "document_versions", row, { orgId, entityType: VERSION });
}

/**
 * Changes one version's row after checking it is in the status the change starts from. An
 * approved version is refused here, before the database trigger would refuse it too.
 */
async function changeVersion(
  ctx: WriteContext,
  orgId: string,
  documentId: string,
  number: number,
  change: {
    from: VersionStatus;
    expectedVersion?: number;
    patch: Partial<DocumentVersionsTable>;
    action?: string;
    /** What to do instead, when the version is not in the `from` status. */
    hint: string;
  },
): Promise<DocumentVersion> {
  const context = await documentContext(ctx, orgId, documentId);
  const row = await findVersionRow(ctx, orgId, documentId, number);
  if (change.expectedVersion !== undefined) assertVersion(row, change.expectedVersion, VERSION, (r) => presentVersion(r, context));
  const refusal = versionChangeRefusal(state(row), context.inForce, change.from, change.hint);
  if (refusal) throw conflict(refusal, presentVersion(row, context));
  await updateAudited(ctx, "document_versions", row.id, change.patch, {
    orgId,
    entityType: VERSION,
    ...(change.action ? { action: change.action } : {}),
    ...(change.expectedVersion !== undefined ? { expectedVersion: change.expectedVersion } : {}),
    scope: { org_id: orgId, document_id: documentId },
  });
  return findVersion(ctx, orgId, documentId, number);
}

export function saveDraft(ctx: WriteContext, orgId: string, documentId: string, number: number, input: DraftUpdate) {
  return changeVersion(ctx, orgId, documentId, number, {
    from: "draft",
    expectedVersion: input.version,
    patch: {
      sections: JSON.stringify(input.sections),
      ...(input.changeSummary !== undefined ? { change_summary: input.changeSummary || null } : {}),
    },
    hint: "start a new draft to change the document",
  });
}

/** A draft goes to review only with every required section of its template written. */
export async function submitVersion(ctx: WriteContext, orgId: string, documentId: string, number: number, version: number) {
  const { document } = await documentContext(ctx, orgId, documentId);
  const row = await findVersionRow(ctx, orgId, documentId, number);
  if (row.status === "draft" && row.version === version) {
    const missing = missingSections(document.type as DocumentType, parseSections(row.sections));
    if (missing.length > 0)
      throw new HttpProblem(
        409,
        "sections-missing",
        "Required sections not written",
        `version ${number} cannot be submitted until these sections are written: ${missing.map((s) => s.title).join(", ")}`,
        { errors: missing.map((s) => ({ field: `sections.${s.key}`, message: `"${s.title}" must be written` })) },
      );
  }
  return changeVersion(ctx, orgId, documentId, number, {
    from: "draft",
    expectedVersion: version,
    patch: { status: "in_review", submitted_at: ctx.now },
    action: `${VERSION}.submitted`,
    hint: "only a draft can be submitted",
  });
}

/** Takes a version back from review, to change it: a pending approval of it can then no longer be decided. */
export const withdrawVersion = (ctx: WriteContext, orgId: string, documentId: string, number: number, version: number) =>
  changeVersion(ctx, orgId, documentId, number, {
    from: "in_review",
    expectedVersion: version,
    patch: { status: "draft", submitted_at: null },
    action: `${VERSION}.withdrawn`,
    hint: "only a version in review can be withdrawn",
  });

/**
 * Approves the version in review. Approval is management's decision: for the ISMS policy it
 * follows gate G2 (see gate.ts); other document types will call this from their own approval.
 */
export const approveVersion = (
  ctx: WriteContext,
  orgId: string,
  documentId: string,
  number: number,
  bound?: { hash: string; snapshot: string; expectedVersion: number },
) =>
  changeVersion(ctx, orgId, documentId, number, {
    from: "in_review",
    ...(bound ? { expectedVersion: bound.expectedVersion } : {}),
    patch: {
      status: "approved",
      approved_by: ctx.actor.id,
      approved_at: ctx.now,
      ...(bound ? { approval_hash: bound.hash, approval_snapshot: bound.snapshot } : {}),
    },
    action: `${VERSION}.approved`,
    hint: "only a version in review can be approved",
  });

/** An edit of an approved document starts here: the next version, a draft holding the approved text. */
export async function newDraft(ctx: WriteContext, orgId: string, documentId: string, changeSummary: string | null) {
  // Before reading the open version: a concurrent second draft waits here, then sees the first.
  const number = await nextNumber(ctx, "document_versions", documentId);
  const context = await documentContext(ctx, orgId, documentId);
  const present = () => presentDocument(ctx, orgId, context.document);
  await assertChangeable(ctx, orgId, context.document, null);
  const start = newDraftStart(context.states, context.inForce);
  if ("refusal" in start) throw conflict(start.refusal, await present());
  const approved = await findVersionRow(ctx, orgId, documentId, start.from);
  await insertVersion(ctx, orgId, documentId, number, parseSections(approved.sections), changeSummary);
  return findVersion(ctx, orgId, documentId, number);
}

/**
 * Withdraws a document: its approved version is no longer in force (derived, as the row never
 * changes) and a draft is abandoned. A version in review awaits a decision and must be withdrawn first.
 */
export async function retireDocument(
  ctx: WriteContext,
  orgId: string,
  documentId: string,
  input: { reason: string | null; version: number },
): Promise<DocumentItem> {
  const context = await documentContext(ctx, orgId, documentId);
  await assertChangeable(ctx, orgId, context.document, input.version);
  const refusal = retireRefusal(context.states);
  if (refusal) throw conflict(refusal, await presentDocument(ctx, orgId, context.document));
  const open = openVersion(context.states);
  if (open)
    await changeVersion(ctx, orgId, documentId, open.number, {
      from: "draft",
      patch: { status: "retired" },
      action: `${VERSION}.retired`,
      hint: "only a draft is abandoned",
    });
  const after = await updateAudited(
    ctx,
    "documents",
    documentId,
    { retired_at: ctx.now, retire_reason: input.reason || null },
    { orgId, entityType: DOCUMENT, action: `${DOCUMENT}.retired`, expectedVersion: input.version, scope: { org_id: orgId } },
  );
  return presentDocument(ctx, orgId, after);
}

/** Every version's state as stored, without the sections: enough to tell which version counts. */
export async function versionStates(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("document_versions")
    .select(["id", "document_id", "number", "status", "author_id", "approval_hash", "approval_snapshot"])
    .where("org_id", "=", orgId)
    .execute();
}

/** The sections of the chosen versions only, as a policy's text is the bulk of its rows. */
export const sectionsById = async (db: Db | WriteContext, ids: string[]): Promise<Map<string, Section[]>> =>
  ids.length === 0
    ? new Map()
    : new Map(
        (await reader(db).selectFrom("document_versions").select(["id", "sections"]).where("id", "in", ids).execute()).map((r) => [
          r.id,
          parseSections(r.sections),
        ]),
      );
