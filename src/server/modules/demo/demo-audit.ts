import { AuditInputSchema, FindingInputSchema } from "../../../contracts/audit-programme.js";
import { ManagementReviewInputSchema, ReviewOutputInputSchema } from "../../../contracts/management-review.js";
import { CorrectiveActionInputSchema, NonconformityInputSchema } from "../../../contracts/nonconformities.js";
import { addDays } from "../../../core/dates.js";
import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, type WriteMeta, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { createAudit, createFinding, findAudit, issueReport } from "../audit-programme/index.js";
import { approveMinutes, createOutput, createReview, findReview, submitMinutes, takeInputs } from "../management-review/index.js";
import { closeNc, createAction, createNc, findNc, reviewEffectiveness } from "../nonconformities/index.js";
import { addMembership } from "../orgs/index.js";
import { computeCurrentSoa } from "../soa/index.js";
import { createUser, findUserByEmail, randomAcceptablePassword } from "../users/index.js";

export const AUDITOR = { email: "auditor@northwind.demo", displayName: "Ida Auditor (demo)" };
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Phase 5, internal audit and management review: a three-year programme whose audits cover every
 * clause and included control, the first audit done with its report issued by an independent
 * auditor, two nonconformities from it (one closed after its effectiveness review, one with an
 * overdue corrective action), and the first management review with minutes the CEO approved.
 */
export async function fillAudit(db: Db, as: (actorId: string) => WriteMeta, orgId: string, people: { managerId: string; ceoId: string }) {
  const { managerId, ceoId } = people;
  const now = today();
  const auditorId = await withWrite(db, as(managerId), async (ctx) => {
    const user =
      (await findUserByEmail(ctx, AUDITOR.email)) ??
      (await createUser(ctx, { ...AUDITOR, password: await randomAcceptablePassword(AUDITOR) }));
    // demo-roles may have made the auditor a member already (internal auditor on Roles & RACI).
    const member = await ctx.trx
      .selectFrom("memberships")
      .select("id")
      .where("org_id", "=", orgId)
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (!member) await addMembership(ctx, orgId, user.id, "auditor");
    return user.id;
  });

  const { programmeId, included } = await withWrite(db, as(managerId), async (ctx) => {
    const id = uuidv7();
    await insertAudited(
      ctx,
      "audit_programmes",
      {
        id,
        org_id: orgId,
        created_at: ctx.now,
        updated_at: ctx.now,
        version: 1,
        title: "Internal audit programme, first cycle",
        cycle_start: addDays(now, -120),
        cycle_years: 3,
        objectives: "Audit every clause and every included control once in the cycle; access control and backup every year.",
      },
      { orgId, entityType: "audit programme" },
    );
    const soa = await computeCurrentSoa(ctx, orgId);
    return { programmeId: id, included: soa.rows.filter((r) => r.applicable === true).map((r) => r.control.id) };
  });
  const byTheme = (prefixes: string[]) => included.filter((c) => prefixes.some((p) => c.startsWith(p)));

  const plan = (title: string, clauses: string[], controls: string[], start: string) =>
    AuditInputSchema.parse({
      programmeId,
      title,
      scope: { clauses, controls, areas: [] },
      criteria: "ISO/IEC 27001:2022, our ISMS policy and the procedures it names",
      leadAuditorUserId: auditorId,
      startDate: start,
      endDate: addDays(start, 2),
      plan: "Opening meeting; interviews with the owners; sampling of records; closing meeting with the findings.",
    });
  const first = await withWrite(db, as(managerId), async (ctx) => {
    const audit = await createAudit(
      ctx,
      orgId,
      plan(
        "ISMS clauses, access control and backup",
        ["4", "5", "6", "7", "8", "9", "10"],
        ["A.5.15", "A.8.5", "A.8.13"],
        addDays(now, -60),
      ),
    );
    await createAudit(ctx, orgId, plan("Organizational and people controls", [], byTheme(["A.5.", "A.6."]), addDays(now, 120)));
    await createAudit(ctx, orgId, plan("Physical and technological controls", [], byTheme(["A.7.", "A.8."]), addDays(now, 300)));
    return audit;
  });

  const findings = await withWrite(db, as(auditorId), async (ctx) => {
    const made = [];
    for (const f of [
      {
        kind: "minor_nc",
        target: "A.8.13",
        title: "No restore test in the last year",
        evidence: "Backup job logs; no restore record found",
      },
      {
        kind: "minor_nc",
        target: "A.5.15",
        title: "Quarterly access reviews not recorded",
        evidence: "Access review tickets Q1–Q2 missing",
      },
      { kind: "opportunity", target: "9.1", title: "Collect the security measures automatically", evidence: null },
    ])
      made.push(await createFinding(ctx, orgId, first, FindingInputSchema.parse(f)));
    return made;
  });
  await withWrite(db, as(auditorId), async (ctx) => {
    const audit = await findAudit(ctx, orgId, first.id);
    await issueReport(ctx, orgId, audit, auditorId, audit.version);
  });

  // NC-001: corrected, root cause found, action done, reviewed effective by the auditor, closed.
  const [backup, access] = findings as [(typeof findings)[number], (typeof findings)[number]];
  await withWrite(db, as(managerId), async (ctx) => {
    const nc = await createNc(
      ctx,
      orgId,
      NonconformityInputSchema.parse({
        title: backup.title,
        source: "audit",
        findingId: backup.id,
        severity: "minor",
        detectedOn: addDays(now, -58),
        correction: "Restored last night's backup of the analytics database to a test system.",
        rootCause: "Restore tests were nobody's task: the backup procedure named only the backups.",
      }),
    );
    await createAction(
      ctx,
      orgId,
      nc,
      CorrectiveActionInputSchema.parse({
        title: "Quarterly restore test in the backup procedure",
        ownerUserId: managerId,
        dueDate: addDays(now, -30),
        status: "done",
      }),
    );
    return nc.id;
  }).then((ncId) =>
    withWrite(db, as(auditorId), async (ctx) => {
      const reviewed = await reviewEffectiveness(ctx, orgId, await findNc(ctx, orgId, ncId), auditorId, {
        effective: true,
        note: "Two restore tests since, both recorded and successful.",
        coReviewerUserId: null,
      });
      await closeNc(ctx, orgId, reviewed, auditorId, reviewed.version);
    }),
  );
  // NC-002: corrected, root cause found, the corrective action overdue.
  await withWrite(db, as(managerId), async (ctx) => {
    const nc = await createNc(
      ctx,
      orgId,
      NonconformityInputSchema.parse({
        title: access.title,
        source: "audit",
        findingId: access.id,
        severity: "minor",
        detectedOn: addDays(now, -58),
        correction: "Reviewed the platform's administrator accounts at once; two removed.",
        rootCause: "The review runs, but the access policy does not say where its result is kept.",
      }),
    );
    await createAction(
      ctx,
      orgId,
      nc,
      CorrectiveActionInputSchema.parse({
        title: "Record each access review in the ticket system",
        ownerUserId: managerId,
        dueDate: addDays(now, -10),
      }),
    );
  });

  // MR-001: held a month ago, inputs from the registers, a decision and an action, minutes approved by the CEO.
  const reviewId = await withWrite(db, as(managerId), async (ctx) => {
    const review = await createReview(
      ctx,
      orgId,
      ManagementReviewInputSchema.parse({
        title: "Management review, first year",
        plannedDate: addDays(now, -30),
        frequencyMonths: 12,
        participants: "Carl CEO (demo), Maya Manager (demo), Ida Auditor (demo)",
        minutes:
          "We went through every input. The restore tests now run; the access reviews still lack records and the action is late. The scope stays as it is.",
      }),
    );
    const taken = await takeInputs(ctx, orgId, review, review.version);
    await createOutput(
      ctx,
      orgId,
      taken,
      ReviewOutputInputSchema.parse({ kind: "decision", title: "Keep the ISMS scope unchanged for the next year" }),
    );
    await createOutput(
      ctx,
      orgId,
      taken,
      ReviewOutputInputSchema.parse({
        kind: "action",
        title: "Budget for automated measure collection",
        ownerUserId: managerId,
        dueDate: addDays(now, 60),
      }),
    );
    const current = await findReview(ctx, orgId, review.id);
    await submitMinutes(ctx, orgId, current, managerId, current.version);
    return review.id;
  });
  await withWrite(db, as(ceoId), async (ctx) => {
    const review = await findReview(ctx, orgId, reviewId);
    await approveMinutes(ctx, orgId, review, ceoId, review.version);
  });
}
