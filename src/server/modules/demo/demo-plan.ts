import { updateAudited, type WriteContext, type WriteMeta, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { buildArtifact, createApprovalRequest, decideApproval } from "../approvals/index.js";
import { computeSchedule, freezeBaseline, generateTasks, readTask, taskAsInput, updateTask, writeCalendar } from "../plan/index.js";

const START = "2027-02-01";
const STREAMS = 4;

/**
 * The implementation plan of the demo organization: a task for every SoA-included control, in
 * four streams of work (each task after the previous one of its stream, some with a lag), a
 * milestone at the end, the dates set from the schedule and a frozen baseline. Then gate G4:
 * the ISMS manager asks top management to approve the final plan with the ISMS design as it
 * stands (the security organization and the document register, where the demo has them), and
 * the CEO approves it.
 */
export async function fillPlan(db: Db, as: (actorId: string) => WriteMeta, orgId: string, people: { managerId: string; ceoId: string }) {
  await withWrite(db, as(people.managerId), (ctx) => planTasks(ctx, orgId, people));
  const artifact = await buildArtifact(db, orgId, "9.5");
  if (!artifact) throw new Error("the demo needs the artifact of 9.5");
  const request = await withWrite(db, as(people.managerId), (ctx) =>
    createApprovalRequest(ctx, orgId, {
      gateId: "G4",
      activityId: "9.5",
      snapshot: artifact.snapshot,
      hash: artifact.hash,
      requestedBy: people.managerId,
      comment: "The final ISMS project plan with the security organization and the document register",
    }),
  );
  await withWrite(db, as(people.ceoId), (ctx) =>
    decideApproval(ctx, orgId, request.id, {
      status: "approved",
      by: people.ceoId,
      comment: "Approved: implement it.",
      version: request.version,
    }),
  );
}

async function planTasks(ctx: WriteContext, orgId: string, people: { managerId: string; ceoId: string }): Promise<void> {
  await writeCalendar(ctx, orgId, { weekends: [0, 6], holidays: ["2027-04-02", "2027-04-05", "2027-05-01", "2027-12-25"], version: 0 });
  const ids = await generateTasks(ctx, orgId, ["controls"]);
  const last: (string | null)[] = Array.from({ length: STREAMS }, () => null);
  for (const [i, id] of ids.entries()) {
    const task = taskAsInput(await readTask(ctx, orgId, id));
    const stream = i % STREAMS;
    const previous = last[stream];
    await updateTask(
      ctx,
      orgId,
      id,
      {
        ...task,
        ownerUserId: people.managerId,
        effortDays: 1 + ((i * 7) % 4),
        cost: 500 * (1 + (i % 3)),
        startDate: previous ? null : START,
        status: i < 3 ? "in_progress" : "planned",
        deliverables: ["Evidence that the control operates"],
        predecessors: previous ? [{ taskId: previous, lagDays: i % 5 === 0 ? 1 : 0 }] : [],
      },
      task.version,
    );
    last[stream] = id;
  }
  const { tasks, result } = await computeSchedule(ctx, orgId, START);
  if (!result.ok) throw new Error("the demo plan has a cycle");
  const scheduled = new Map(result.tasks.map((s) => [s.id, s]));
  for (const t of tasks) {
    const s = scheduled.get(t.id);
    if (!s) continue;
    await updateAudited(
      ctx,
      "plan_tasks",
      t.id,
      { start_date: s.earlyStart, due_date: s.earlyFinish },
      { orgId, entityType: "plan task", scope: { org_id: orgId } },
    );
  }
  await freezeBaseline(ctx, orgId, "The plan as proposed for G4", "Demo", START);
}
