import { uuidv7 } from "../../../core/ids.js";
import { addMonths } from "../../../core/work/recurrence.js";
import { insertAudited, type WriteContext } from "../../db/audited.js";
import { nextNumber } from "../../db/numbering.js";
import "../measures/index.js";
import "../training/index.js";

/**
 * 9.4a and 9.4c: a measurement programme with a year of monthly values (patch coverage slips
 * under its act threshold in the latest month), built-in measures, an awareness campaign and a
 * competence requirement per role, and completion records.
 */
export async function fillMeasurement(ctx: WriteContext, orgId: string, people: { managerId: string; ceoId: string }): Promise<void> {
  const k = ctx.trx;
  const firstOfMonth = `${ctx.now.slice(0, 7)}-01`;
  const start = addMonths(firstOfMonth, -12);
  const objectives = await k.selectFrom("objectives").select("id").where("org_id", "=", orgId).orderBy("created_at").execute();
  const record = () => ({ id: uuidv7(), org_id: orgId, created_at: ctx.now, updated_at: ctx.now, version: 1 });
  const measure = async (values: Record<string, unknown>) => {
    const number = await nextNumber(ctx, "measures", orgId);
    const row = {
      ...record(),
      number,
      ref: `M-${String(number).padStart(2, "0")}`,
      key: null,
      objective_id: objectives[0]?.id ?? null,
      control_ref: null,
      process_ref: null,
      unit: "",
      collection_method: null,
      data_source: null,
      frequency: "monthly",
      interval: 1,
      start_date: start,
      owner_user_id: people.managerId,
      formula: null,
      builtin_key: null,
      direction: "higher_is_better",
      on_target: null,
      act_threshold: null,
      target: null,
      reported_by: "ISMS manager",
      reported_to: "Steering committee",
      ...values,
    };
    await insertAudited(ctx, "measures", row as never, { orgId, entityType: "measure" });
    return row.id;
  };
  const series = async (measureId: string, values: number[]) => {
    for (const [i, value] of values.entries()) {
      await insertAudited(
        ctx,
        "measure_values",
        {
          ...record(),
          measure_id: measureId,
          period: addMonths(start, i),
          value,
          reason: null,
          note: null,
          source: "entered",
          recorded_by: people.managerId,
        },
        { orgId, entityType: "measure value" },
      );
    }
  };

  const total = await measure({
    title: "Servers in scope",
    kind: "base",
    key: "servers",
    information_need: "How many servers must be patched?",
    unit: "servers",
    collection_method: "Count of production servers",
    data_source: "CMDB export",
  });
  const patched = await measure({
    title: "Servers patched within 14 days",
    kind: "base",
    key: "patched",
    information_need: "How many servers got critical patches within 14 days?",
    unit: "servers",
    collection_method: "Patch report filtered on critical updates older than 14 days",
    data_source: "Patch management console",
    control_ref: "A.8.8",
  });
  await series(total, [40, 40, 41, 42, 42, 42, 44, 44, 45, 45, 46, 46]);
  await series(patched, [39, 39, 40, 41, 41, 42, 43, 43, 44, 44, 45, 40]);
  await measure({
    title: "Patch coverage",
    kind: "derived",
    information_need: "Are technical vulnerabilities closed in time?",
    unit: "%",
    formula: "patched / servers * 100",
    control_ref: "A.8.8",
    on_target: 95,
    act_threshold: 90,
    target: 98,
  });
  const availability = await measure({
    title: "Platform availability",
    kind: "base",
    key: "availability",
    information_need: "Is the analytics platform available as customers were promised?",
    objective_id: objectives[1]?.id ?? objectives[0]?.id ?? null,
    unit: "%",
    collection_method: "Uptime monitor monthly report",
    data_source: "Status page monitor",
    on_target: 99.9,
    act_threshold: 99.5,
    target: 99.95,
  });
  await series(availability, [99.97, 99.95, 99.92, 99.99, 99.96, 99.9, 99.93, 99.98, 99.95, 99.91, 99.97, 99.94]);
  for (const [key, title, direction, onTarget, act, target] of [
    ["controls-implemented", "Included controls implemented", "higher_is_better", 90, 70, 100],
    ["training-coverage", "Training coverage", "higher_is_better", 90, 75, 100],
    ["risks-above-threshold", "Open risks above the acceptance threshold", "lower_is_better", 0, 2, 0],
  ] as const) {
    await measure({
      title,
      kind: "builtin",
      builtin_key: key,
      information_need: `${title}: computed daily from the registers`,
      unit: key === "risks-above-threshold" ? "risks" : "%",
      direction,
      on_target: onTarget,
      act_threshold: act,
      target,
    });
  }

  const roles = await k.selectFrom("isms_roles").select(["id", "key"]).where("org_id", "=", orgId).execute();
  const course = async (values: Record<string, unknown>) => {
    const row = {
      ...record(),
      kind: "course",
      description: null,
      target_groups: "[]",
      refresher_months: null,
      starts_on: start,
      owner_user_id: people.managerId,
      target_role_ids: "[]",
      ...values,
    };
    await insertAudited(ctx, "training_courses", row as never, { orgId, entityType: "training course" });
    return row.id;
  };
  const awareness = await course({
    title: "Security awareness",
    kind: "campaign",
    description: "Phishing, passwords, reporting incidents, clean desk: yearly for everyone.",
    target_role_ids: JSON.stringify(roles.map((r) => r.id)),
    target_groups: JSON.stringify(["All staff"]),
    refresher_months: 12,
  });
  const implementer = await course({ title: "ISMS implementation", description: "Running an ISMS to ISO/IEC 27001." });
  const manager = roles.find((r) => r.key === "isms_manager");
  if (manager)
    await insertAudited(
      ctx,
      "competence_requirements",
      { ...record(), role_id: manager.id, title: "Plans and runs the ISMS", course_id: implementer },
      { orgId, entityType: "competence requirement" },
    );
  const users = await k.selectFrom("users").select(["id", "display_name"]).where("id", "in", [people.managerId, people.ceoId]).execute();
  for (const [courseId, userId, months] of [
    [awareness, people.managerId, -2],
    [awareness, people.ceoId, -3],
    [implementer, people.managerId, -11],
  ] as const) {
    await insertAudited(
      ctx,
      "training_records",
      {
        ...record(),
        course_id: courseId,
        user_id: userId,
        person_name: users.find((u) => u.id === userId)?.display_name ?? "",
        completed_on: addMonths(ctx.now.slice(0, 10), months),
        note: null,
        source: "entered",
      },
      { orgId, entityType: "training record" },
    );
  }
}
