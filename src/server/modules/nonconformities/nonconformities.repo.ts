import type { z } from "zod";
import type { CorrectiveActionInputSchema, NonconformityInputSchema, NonconformitySchema } from "../../../contracts/nonconformities.js";
import { uuidv7 } from "../../../core/ids.js";
import {
  type ActionFacts,
  closeBlockers,
  isOverdue,
  type NcFacts,
  type NcSource,
  reviewerBlocker,
} from "../../../core/nonconformities/closing.js";
import { deleteAudited, insertAudited, reader, updateAudited, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { type ListParams, paginate } from "../../db/paginate.js";
import { badRequest, conflict, HttpProblem, notFound } from "../../http/errors.js";
import { isMember } from "../orgs/index.js";
import { displayNames } from "../users/index.js";
import type { CorrectiveActionsTable, NonconformitiesTable } from "./nonconformities.tables.js";

const todayUtc = () => new Date().toISOString().slice(0, 10);

export const NC = "nonconformity";
export const ACTION = "corrective action";

type NcInput = z.output<typeof NonconformityInputSchema>;
type ActionInput = z.output<typeof CorrectiveActionInputSchema>;

export async function findNc(db: Db | WriteContext, orgId: string, id: string): Promise<NonconformitiesTable> {
  const row = await reader(db)
    .selectFrom("nonconformities")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(NC);
  return row;
}

export async function findAction(db: Db | WriteContext, orgId: string, id: string): Promise<CorrectiveActionsTable> {
  const row = await reader(db)
    .selectFrom("corrective_actions")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(ACTION);
  return row;
}

const actionFacts = (a: CorrectiveActionsTable): ActionFacts => ({
  id: a.id,
  title: a.title,
  ownerId: a.owner_user_id,
  dueDate: a.due_date,
  status: a.status as ActionFacts["status"],
});

export const ncFacts = (nc: NonconformitiesTable, actions: readonly CorrectiveActionsTable[]): NcFacts => ({
  status: nc.status as NcFacts["status"],
  correction: nc.correction,
  rootCause: nc.root_cause,
  actions: actions.map(actionFacts),
  effectiveness:
    nc.effective === null || nc.effectiveness_reviewer_id === null
      ? null
      : { effective: nc.effective === 1, reviewerId: nc.effectiveness_reviewer_id, coReviewerId: nc.effectiveness_co_reviewer_id },
});

export async function presentNcs(
  db: Db | WriteContext,
  orgId: string,
  rows: readonly NonconformitiesTable[],
): Promise<z.input<typeof NonconformitySchema>[]> {
  if (rows.length === 0) return [];
  const k = reader(db);
  const ids = rows.map((r) => r.id);
  const [actions, findings] = await Promise.all([
    k
      .selectFrom("corrective_actions")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("nonconformity_id", "in", ids)
      .orderBy("due_date")
      .orderBy("id")
      .execute(),
    k
      .selectFrom("audit_findings")
      .select(["id", "ref", "audit_id"])
      .where("org_id", "=", orgId)
      .where("id", "in", rows.flatMap((r) => (r.finding_id ? [r.finding_id] : [])).concat([""]))
      .execute(),
  ]);
  const names = await displayNames(db, [
    ...actions.map((a) => a.owner_user_id),
    ...rows.flatMap((r) => [r.effectiveness_reviewer_id, r.effectiveness_co_reviewer_id]),
  ]);
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "former user" } : null);
  const finding = new Map(findings.map((f) => [f.id, f]));
  const today = todayUtc();
  return rows.map((r) => {
    const own = actions.filter((a) => a.nonconformity_id === r.id);
    const f = r.finding_id ? finding.get(r.finding_id) : undefined;
    const facts = ncFacts(r, own);
    return {
      id: r.id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
      ref: r.ref,
      title: r.title,
      description: r.description,
      source: r.source as NcSource,
      sourceRef: r.source_ref,
      finding: f ? { id: f.id, ref: f.ref, auditId: f.audit_id } : null,
      severity: r.severity as "major" | null,
      detectedOn: r.detected_on,
      correction: r.correction,
      rootCause: r.root_cause,
      status: r.status as "open",
      effectiveness:
        r.effective === null || r.effectiveness_reviewer_id === null || r.effectiveness_reviewed_at === null
          ? null
          : {
              effective: r.effective === 1,
              note: r.effectiveness_note,
              reviewer: person(r.effectiveness_reviewer_id) as { id: string; name: string },
              coReviewer: person(r.effectiveness_co_reviewer_id),
              reviewedAt: r.effectiveness_reviewed_at,
            },
      closedAt: r.closed_at,
      actions: own.map((a) => ({
        id: a.id,
        createdAt: a.created_at,
        updatedAt: a.updated_at,
        version: a.version,
        nonconformityId: a.nonconformity_id,
        title: a.title,
        owner: person(a.owner_user_id),
        dueDate: a.due_date,
        status: a.status as "open",
        completedAt: a.completed_at,
        overdue: isOverdue(actionFacts(a), today),
      })),
      missingSteps: r.status === "closed" ? [] : closeBlockers(facts),
    };
  });
}

/** One page of the organization's nonconformities by number (open or closed ones only, if asked), presented. */
export async function listNcs(db: Db, orgId: string, status: "open" | "closed" | undefined, page: Omit<ListParams<string>, "sort">) {
  let query = db.kysely.selectFrom("nonconformities").selectAll().where("org_id", "=", orgId);
  if (status) query = query.where("status", "=", status);
  const result = await paginate(query, "number", { ...page, sort: "number" }, (row) => row);
  return { items: await presentNcs(db, orgId, result.items), nextCursor: result.nextCursor };
}

/** The nonconformity raised from the finding, if any: a finding that raised one is not removed. */
export async function ncRaisedFrom(db: Db | WriteContext, orgId: string, findingId: string): Promise<{ ref: string } | undefined> {
  return reader(db)
    .selectFrom("nonconformities")
    .select("ref")
    .where("org_id", "=", orgId)
    .where("finding_id", "=", findingId)
    .executeTakeFirst();
}

export async function presentNc(db: Db | WriteContext, orgId: string, row: NonconformitiesTable) {
  return (await presentNcs(db, orgId, [row]))[0] as z.input<typeof NonconformitySchema>;
}

export const refuseClosed = (nc: Pick<NonconformitiesTable, "status" | "ref">) => {
  if (nc.status === "closed") throw conflict(`nonconformity ${nc.ref} is closed and can no longer change`);
};

/** A finding raises at most one nonconformity, and only a finding of this organization. */
export async function checkNc(db: Db | WriteContext, orgId: string, input: NcInput, id: string | null): Promise<void> {
  if (!input.findingId) return;
  const k = reader(db);
  const finding = await k
    .selectFrom("audit_findings")
    .select(["id", "kind"])
    .where("org_id", "=", orgId)
    .where("id", "=", input.findingId)
    .executeTakeFirst();
  if (!finding)
    throw badRequest("findingId names no finding of this organization", [
      { field: "findingId", message: "is not a finding of this organization" },
    ]);
  const other = await k
    .selectFrom("nonconformities")
    .select("ref")
    .where("org_id", "=", orgId)
    .where("finding_id", "=", input.findingId)
    .$if(id !== null, (q) => q.where("id", "!=", id as string))
    .executeTakeFirst();
  if (other) throw conflict(`the finding already raised nonconformity ${other.ref}`);
}

const ncRow = (input: NcInput) => ({
  title: input.title,
  description: input.description,
  source: input.source,
  source_ref: input.sourceRef,
  finding_id: input.findingId,
  severity: input.severity,
  detected_on: input.detectedOn,
  correction: input.correction,
  root_cause: input.rootCause,
});

export async function createNc(ctx: WriteContext, orgId: string, input: NcInput): Promise<NonconformitiesTable> {
  const number = await nextNumber(ctx, "nonconformities", orgId);
  const row: NonconformitiesTable = {
    id: uuidv7(),
    org_id: orgId,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
    number,
    ref: `NC-${String(number).padStart(3, "0")}`,
    ...ncRow(input),
    status: "open",
    effective: null,
    effectiveness_note: null,
    effectiveness_reviewer_id: null,
    effectiveness_co_reviewer_id: null,
    effectiveness_reviewed_at: null,
    closed_at: null,
    closed_by: null,
  };
  await insertAudited(ctx, "nonconformities", row, { orgId, entityType: NC });
  return row;
}

export async function updateNc(ctx: WriteContext, orgId: string, id: string, input: NcInput, version: number) {
  refuseClosed(await findNc(ctx, orgId, id));
  return await updateAudited(ctx, "nonconformities", id, ncRow(input), {
    orgId,
    entityType: NC,
    expectedVersion: version,
    scope: { org_id: orgId },
  });
}

async function checkOwner(db: Db | WriteContext, orgId: string, ownerId: string | null) {
  if (!ownerId) return;
  if (!(await isMember(db, orgId, ownerId)))
    throw badRequest("the owner must be a member of this organization", [
      { field: "ownerUserId", message: "is not a member of this organization" },
    ]);
}

const actionRow = (ctx: WriteContext, input: ActionInput, before: CorrectiveActionsTable | null) => ({
  title: input.title,
  owner_user_id: input.ownerUserId,
  due_date: input.dueDate,
  status: input.status,
  completed_at: input.status === "done" ? (before?.status === "done" ? before.completed_at : ctx.now) : null,
});

export async function createAction(
  ctx: WriteContext,
  orgId: string,
  nc: NonconformitiesTable,
  input: ActionInput,
): Promise<CorrectiveActionsTable> {
  refuseClosed(nc);
  await checkOwner(ctx, orgId, input.ownerUserId);
  const row: CorrectiveActionsTable = {
    id: uuidv7(),
    org_id: orgId,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
    nonconformity_id: nc.id,
    ...actionRow(ctx, input, null),
  };
  await insertAudited(ctx, "corrective_actions", row, { orgId, entityType: ACTION });
  return row;
}

export async function updateAction(ctx: WriteContext, orgId: string, id: string, input: ActionInput, version: number) {
  const before = await findAction(ctx, orgId, id);
  refuseClosed(await findNc(ctx, orgId, before.nonconformity_id));
  await checkOwner(ctx, orgId, input.ownerUserId);
  return await updateAudited(ctx, "corrective_actions", id, actionRow(ctx, input, before), {
    orgId,
    entityType: ACTION,
    expectedVersion: version,
    scope: { org_id: orgId },
  });
}

const actionsOf = (db: Db | WriteContext, ncId: string) =>
  reader(db).selectFrom("corrective_actions").selectAll().where("nonconformity_id", "=", ncId).execute();

/** Records the effectiveness review; the owner of an action does not review it alone. */
export async function reviewEffectiveness(
  ctx: WriteContext,
  orgId: string,
  nc: NonconformitiesTable,
  reviewerId: string,
  input: { effective: boolean; note: string | null; coReviewerUserId: string | null },
) {
  refuseClosed(nc);
  const actions = await actionsOf(ctx, nc.id);
  if (actions.length === 0)
    throw new HttpProblem(409, "conflict", "Conflict", "there is no corrective action to review yet: decide at least one first", {
      errors: [{ field: "corrective-action", message: "decide at least one corrective action" }],
    });
  const open = actions.filter((a) => a.status !== "done");
  if (open.length > 0)
    throw new HttpProblem(
      409,
      "conflict",
      "Conflict",
      `the corrective actions are not all done: ${open.map((a) => `"${a.title}"`).join(", ")}`,
      {
        errors: [{ field: "actions-done", message: "complete every corrective action before reviewing its effectiveness" }],
      },
    );
  await checkOwner(ctx, orgId, input.coReviewerUserId).catch(() => {
    throw badRequest("the co-reviewer must be a member of this organization", [
      { field: "coReviewerUserId", message: "is not a member of this organization" },
    ]);
  });
  const blocker = reviewerBlocker(actions.map(actionFacts), reviewerId, input.coReviewerUserId);
  if (blocker) throw badRequest(blocker, [{ field: "coReviewerUserId", message: blocker }]);
  return await updateAudited(
    ctx,
    "nonconformities",
    nc.id,
    {
      effective: input.effective ? 1 : 0,
      effectiveness_note: input.note,
      effectiveness_reviewer_id: reviewerId,
      effectiveness_co_reviewer_id: input.coReviewerUserId,
      effectiveness_reviewed_at: ctx.now,
    },
    { orgId, entityType: NC, action: "nonconformity.effectiveness-reviewed", scope: { org_id: orgId } },
  );
}

/** Closes it when every step is recorded; otherwise 409 naming each missing step. */
/** Removes a corrective action of a nonconformity that is not closed. */
export async function removeAction(ctx: WriteContext, orgId: string, actionId: string): Promise<void> {
  const action = await findAction(ctx, orgId, actionId);
  refuseClosed(await findNc(ctx, orgId, action.nonconformity_id));
  await deleteAudited(ctx, "corrective_actions", action.id, { orgId, entityType: ACTION, scope: { org_id: orgId } });
}

export async function closeNc(ctx: WriteContext, orgId: string, nc: NonconformitiesTable, closedBy: string, version: number) {
  refuseClosed(nc);
  const missing = closeBlockers(ncFacts(nc, await actionsOf(ctx, nc.id)));
  if (missing.length > 0)
    throw new HttpProblem(
      409,
      "conflict",
      "Conflict",
      `nonconformity ${nc.ref} cannot be closed yet: ${missing.map((m) => m.message).join("; ")}`,
      { errors: missing.map((m) => ({ field: m.step, message: m.message })) },
    );
  return await updateAudited(
    ctx,
    "nonconformities",
    nc.id,
    { status: "closed", closed_at: ctx.now, closed_by: closedBy },
    { orgId, entityType: NC, action: "nonconformity.closed", expectedVersion: version, scope: { org_id: orgId } },
  );
}

/** Open corrective actions due by `until`, with their nonconformity. */
export async function actionsDue(db: Db, orgId: string, until: string) {
  return db.kysely
    .selectFrom("corrective_actions as a")
    .innerJoin("nonconformities as n", "n.id", "a.nonconformity_id")
    .select(["a.id", "a.title", "a.due_date", "a.owner_user_id", "n.id as nc_id", "n.ref as nc_ref"])
    .where("a.org_id", "=", orgId)
    .where("a.status", "=", "open")
    .where("a.due_date", "<=", until)
    .orderBy("a.due_date")
    .orderBy("a.id")
    .execute();
}
