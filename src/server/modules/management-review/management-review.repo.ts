import type { z } from "zod";
import type { ManagementReviewInputSchema, ManagementReviewSchema, ReviewOutputInputSchema } from "../../../contracts/management-review.js";
import { decisionBlocker } from "../../../core/approvals/approvals.js";
import { describeChange, snapshotChanges } from "../../../core/approvals/changes.js";
import { canonicalJson } from "../../../core/audit/chain.js";
import { uuidv7 } from "../../../core/ids.js";
import type { ManagementReviewFacts } from "../../../core/management-review/rules.js";
import { nextReviewDate, type ReviewInputs } from "../../../core/management-review/topics.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { type ListParams, paginate } from "../../db/paginate.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import { sha256 } from "../../security/hashing.js";
import { isMember } from "../orgs/index.js";
import { displayNames } from "../users/index.js";
import { assembleReviewInputs } from "./inputs.js";
import type { ManagementReviewsTable, ReviewOutputsTable } from "./management-review.tables.js";

export const REVIEW = "management review";
export const OUTPUT = "review output";

type ReviewInput = z.output<typeof ManagementReviewInputSchema>;
type OutputInput = z.output<typeof ReviewOutputInputSchema>;

const today = () => new Date().toISOString().slice(0, 10);

export async function findReview(db: Db | WriteContext, orgId: string, id: string): Promise<ManagementReviewsTable> {
  const row = await reader(db)
    .selectFrom("management_reviews")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(REVIEW);
  return row;
}

export async function findOutput(db: Db | WriteContext, orgId: string, id: string): Promise<ReviewOutputsTable> {
  const row = await reader(db).selectFrom("review_outputs").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(OUTPUT);
  return row;
}

/** One page of the organization's reviews by number, presented. */
export async function listReviews(db: Db, orgId: string, page: Omit<ListParams<string>, "sort">) {
  const query = db.kysely.selectFrom("management_reviews").selectAll().where("org_id", "=", orgId);
  const result = await paginate(query, "number", { ...page, sort: "number" }, (row) => row);
  return { items: await presentReviews(db, orgId, result.items), nextCursor: result.nextCursor };
}

const outputsOf = (db: Db | WriteContext, reviewId: string) =>
  reader(db).selectFrom("review_outputs").selectAll().where("review_id", "=", reviewId).orderBy("created_at").orderBy("id").execute();

/**
 * What top management approves: the minutes, participants, decisions and actions (without their
 * progress, which moves on after approval) and the inputs they were based on. Lists carry ids.
 */
export function minutesContent(review: ManagementReviewsTable, outputs: readonly ReviewOutputsTable[]) {
  return {
    title: review.title,
    plannedDate: review.planned_date,
    participants: review.participants,
    minutes: review.minutes,
    inputsHash: review.inputs_hash,
    outputs: outputs.map((o) => ({ id: o.id, kind: o.kind, title: o.title, ownerUserId: o.owner_user_id, dueDate: o.due_date })),
  };
}
const contentHash = (content: unknown) => sha256(canonicalJson(content));

export async function presentReviews(
  db: Db | WriteContext,
  orgId: string,
  rows: readonly ManagementReviewsTable[],
): Promise<z.input<typeof ManagementReviewSchema>[]> {
  if (rows.length === 0) return [];
  const k = reader(db);
  const outputs = await k
    .selectFrom("review_outputs")
    .selectAll()
    .where("org_id", "=", orgId)
    .where(
      "review_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const names = await displayNames(db, [...outputs.map((o) => o.owner_user_id), ...rows.map((r) => r.approved_by)]);
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "former user" } : null);
  return rows.map((r) => {
    const own = outputs.filter((o) => o.review_id === r.id);
    const approval =
      r.status === "approved"
        ? "approved"
        : r.status === "submitted"
          ? contentHash(minutesContent(r, own)) === r.submitted_hash
            ? "pending"
            : "stale"
          : "none";
    return {
      id: r.id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
      ref: r.ref,
      title: r.title,
      plannedDate: r.planned_date,
      frequencyMonths: r.frequency_months,
      nextReviewDate: r.planned_date && r.frequency_months ? nextReviewDate(r.planned_date, r.frequency_months) : null,
      participants: r.participants,
      minutes: r.minutes,
      status: r.status as "planned",
      approval,
      inputs: r.inputs ? (JSON.parse(r.inputs) as ReviewInputs) : null,
      inputsTakenAt: r.inputs_taken_at,
      outputs: own.map((o) => ({
        id: o.id,
        createdAt: o.created_at,
        updatedAt: o.updated_at,
        version: o.version,
        reviewId: o.review_id,
        kind: o.kind as "action",
        title: o.title,
        owner: person(o.owner_user_id),
        dueDate: o.due_date,
        status: o.status as "open",
        source: { type: o.source_type, id: o.source_id },
      })),
      submittedAt: r.submitted_at,
      approvedAt: r.approved_at,
      approvedBy: person(r.approved_by),
    };
  });
}

export async function presentReview(db: Db | WriteContext, orgId: string, row: ManagementReviewsTable) {
  return (await presentReviews(db, orgId, [row]))[0] as z.input<typeof ManagementReviewSchema>;
}

export const refuseApproved = (r: Pick<ManagementReviewsTable, "status" | "ref">) => {
  if (r.status === "approved") throw conflict(`the minutes of management review ${r.ref} are approved and can no longer change`);
};

const reviewRow = (input: ReviewInput) => ({
  title: input.title,
  planned_date: input.plannedDate,
  frequency_months: input.frequencyMonths,
  participants: input.participants,
  minutes: input.minutes,
});

export async function createReview(ctx: WriteContext, orgId: string, input: ReviewInput): Promise<ManagementReviewsTable> {
  const number = await nextNumber(ctx, "management_reviews", orgId);
  const row: ManagementReviewsTable = {
    id: uuidv7(),
    org_id: orgId,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
    number,
    ref: `MR-${String(number).padStart(3, "0")}`,
    ...reviewRow(input),
    status: "planned",
    inputs: null,
    inputs_hash: null,
    inputs_taken_at: null,
    submitted_hash: null,
    submitted_snapshot: null,
    submitted_at: null,
    submitted_by: null,
    approved_at: null,
    approved_by: null,
  };
  await insertAudited(ctx, "management_reviews", row, { orgId, entityType: REVIEW });
  return row;
}

export async function updateReview(ctx: WriteContext, orgId: string, id: string, input: ReviewInput, version: number) {
  refuseApproved(await findReview(ctx, orgId, id));
  return await updateAudited(ctx, "management_reviews", id, reviewRow(input), {
    orgId,
    entityType: REVIEW,
    expectedVersion: version,
    scope: { org_id: orgId },
  });
}

/** The previous review (by planned date) before this one: the inputs cover the time since. */
async function previousReviewDate(db: Db | WriteContext, orgId: string, review: ManagementReviewsTable): Promise<string | null> {
  const prior = await reader(db)
    .selectFrom("management_reviews")
    .select("planned_date")
    .where("org_id", "=", orgId)
    .where("id", "!=", review.id)
    .where("planned_date", "is not", null)
    .where("planned_date", "<", review.planned_date ?? "9999-12-31")
    .orderBy("planned_date", "desc")
    .limit(1)
    .executeTakeFirst();
  return prior?.planned_date ?? null;
}

/** Takes the inputs from the registers as they are now and freezes them on the review. */
export async function takeInputs(ctx: WriteContext, orgId: string, review: ManagementReviewsTable, version: number) {
  refuseApproved(review);
  const from = await previousReviewDate(ctx, orgId, review);
  const to = review.planned_date && review.planned_date < today() ? review.planned_date : today();
  const inputs = await assembleReviewInputs(ctx, orgId, from, to);
  const text = canonicalJson(inputs);
  return await updateAudited(
    ctx,
    "management_reviews",
    review.id,
    { inputs: text, inputs_hash: sha256(text), inputs_taken_at: ctx.now },
    { orgId, entityType: REVIEW, action: "management-review.inputs-taken", expectedVersion: version, scope: { org_id: orgId } },
  );
}

async function checkOwner(db: Db | WriteContext, orgId: string, ownerId: string | null) {
  if (!ownerId) return;
  if (!(await isMember(db, orgId, ownerId)))
    throw badRequest("the owner must be a member of this organization", [
      { field: "ownerUserId", message: "is not a member of this organization" },
    ]);
}

function checkAction(input: OutputInput) {
  if (input.kind !== "action") return;
  const errors = [
    input.ownerUserId ? null : { field: "ownerUserId", message: "an action needs an owner" },
    input.dueDate ? null : { field: "dueDate", message: "an action needs a due date" },
  ].filter((e): e is { field: string; message: string } => e !== null);
  if (errors.length > 0) throw badRequest(errors.map((e) => `${e.field}: ${e.message}`).join("; "), errors);
}

export async function createOutput(ctx: WriteContext, orgId: string, review: ManagementReviewsTable, input: OutputInput) {
  refuseApproved(review);
  checkAction(input);
  await checkOwner(ctx, orgId, input.ownerUserId);
  const row: ReviewOutputsTable = {
    id: uuidv7(),
    org_id: orgId,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
    review_id: review.id,
    kind: input.kind,
    title: input.title,
    owner_user_id: input.ownerUserId,
    due_date: input.dueDate,
    status: input.status,
    source_type: "management_review",
    source_id: review.id,
  };
  await insertAudited(ctx, "review_outputs", row, { orgId, entityType: OUTPUT });
  return row;
}

/** After approval only an action's progress (its status) may change; what was decided stays. */
export async function updateOutput(ctx: WriteContext, orgId: string, id: string, input: OutputInput, version: number) {
  const before = await findOutput(ctx, orgId, id);
  const review = await findReview(ctx, orgId, before.review_id);
  const decided =
    before.kind !== input.kind ||
    before.title !== input.title ||
    before.owner_user_id !== input.ownerUserId ||
    before.due_date !== input.dueDate;
  if (decided) refuseApproved(review);
  checkAction(input);
  await checkOwner(ctx, orgId, input.ownerUserId);
  return await updateAudited(
    ctx,
    "review_outputs",
    id,
    { kind: input.kind, title: input.title, owner_user_id: input.ownerUserId, due_date: input.dueDate, status: input.status },
    { orgId, entityType: OUTPUT, expectedVersion: version, scope: { org_id: orgId } },
  );
}

/** Submits the minutes to top management: the exact content is frozen as a snapshot and hash. */
export async function submitMinutes(ctx: WriteContext, orgId: string, review: ManagementReviewsTable, by: string, version: number) {
  refuseApproved(review);
  const missing = [
    review.inputs ? null : { field: "inputs", message: "take the inputs from the registers first" },
    review.minutes?.trim() ? null : { field: "minutes", message: "write the minutes first" },
  ].filter((e): e is { field: string; message: string } => e !== null);
  if (missing.length > 0) throw conflict(`the review cannot be submitted yet: ${missing.map((m) => m.message).join("; ")}`);
  const content = minutesContent(review, await outputsOf(ctx, review.id));
  return await updateAudited(
    ctx,
    "management_reviews",
    review.id,
    {
      status: "submitted",
      submitted_snapshot: canonicalJson(content),
      submitted_hash: contentHash(content),
      submitted_at: ctx.now,
      submitted_by: by,
    },
    { orgId, entityType: REVIEW, action: "management-review.submitted", expectedVersion: version, scope: { org_id: orgId } },
  );
}

/** Top management approves exactly what was submitted; a change since then needs a new submission. */
export async function approveMinutes(ctx: WriteContext, orgId: string, review: ManagementReviewsTable, by: string, version: number) {
  refuseApproved(review);
  const content = minutesContent(review, await outputsOf(ctx, review.id));
  const blocker = decisionBlocker({
    approval: {
      status: review.status === "submitted" ? "pending" : "rejected",
      requestedBy: review.submitted_by,
      artifactHash: review.submitted_hash ?? "",
    },
    deciderId: by,
    separationOfDuties: true,
    currentHash: contentHash(content),
  });
  if (review.status !== "submitted") throw conflict("the minutes are not submitted for approval");
  if (blocker) {
    const changes = review.submitted_snapshot ? snapshotChanges(JSON.parse(review.submitted_snapshot), content).map(describeChange) : [];
    throw conflict(`${blocker}${changes.length ? `: ${changes.join("; ")}` : ""}`);
  }
  return await updateAudited(
    ctx,
    "management_reviews",
    review.id,
    { status: "approved", approved_at: ctx.now, approved_by: by },
    { orgId, entityType: REVIEW, action: "management-review.approved", expectedVersion: version, scope: { org_id: orgId } },
  );
}

/** Removes an output of a review whose minutes are not approved. */
export async function removeOutput(ctx: WriteContext, orgId: string, outputId: string): Promise<void> {
  const output = await findOutput(ctx, orgId, outputId);
  refuseApproved(await findReview(ctx, orgId, output.review_id));
  await deleteAudited(ctx, "review_outputs", output.id, { orgId, entityType: OUTPUT, scope: { org_id: orgId } });
}

/** Removes a review whose minutes are not approved, with its outputs. */
export async function removeReview(ctx: WriteContext, orgId: string, review: ManagementReviewsTable): Promise<void> {
  refuseApproved(review);
  const outputs = await ctx.trx
    .selectFrom("review_outputs")
    .select("id")
    .where("org_id", "=", orgId)
    .where("review_id", "=", review.id)
    .execute();
  for (const o of outputs) await deleteAudited(ctx, "review_outputs", o.id, { orgId, entityType: OUTPUT, scope: { org_id: orgId } });
  await deleteAudited(ctx, "management_reviews", review.id, { orgId, entityType: REVIEW, scope: { org_id: orgId } });
}

export async function loadManagementReviewFacts(db: Db, orgId: string): Promise<ManagementReviewFacts> {
  const rows = await db.kysely.selectFrom("management_reviews").selectAll().where("org_id", "=", orgId).orderBy("number").execute();
  return {
    reviews: rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      title: r.title,
      plannedDate: r.planned_date,
      frequencyMonths: r.frequency_months,
      participants: r.participants,
      status: r.status,
    })),
  };
}
