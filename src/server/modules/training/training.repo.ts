import { uuidv7 } from "../../../core/ids.js";
import { type CoverageInput, personKey, refreshersDue, trainingCoverage, validUntil } from "../../../core/training/training.js";
import { insertAudited, reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { badRequest, notFound } from "../../http/errors.js";
import { isMember } from "../orgs/index.js";
import { listRoles } from "../raci/index.js";

interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TrainingCoursesTable extends OrgRecord {
  title: string;
  kind: string;
  description: string | null;
  /** JSON: ISMS role ids. */
  target_role_ids: string;
  /** JSON: other audiences by name. */
  target_groups: string;
  refresher_months: number | null;
  starts_on: string | null;
  owner_user_id: string | null;
}

export interface CompetenceRequirementsTable extends OrgRecord {
  role_id: string;
  title: string;
  course_id: string | null;
}

export interface TrainingRecordsTable extends OrgRecord {
  course_id: string;
  user_id: string | null;
  person_name: string;
  completed_on: string;
  note: string | null;
  source: string;
}

declare module "../../db/schema.js" {
  interface Database {
    training_courses: TrainingCoursesTable;
    competence_requirements: CompetenceRequirementsTable;
    training_records: TrainingRecordsTable;
  }
  interface AuditedTables {
    training_courses: true;
    competence_requirements: true;
    training_records: true;
  }
}

export const presentCourse = (row: TrainingCoursesTable) => ({
  id: row.id,
  title: row.title,
  kind: row.kind as "course" | "campaign",
  description: row.description,
  targetRoleIds: JSON.parse(row.target_role_ids) as string[],
  targetGroups: JSON.parse(row.target_groups) as string[],
  refresherMonths: row.refresher_months,
  startsOn: row.starts_on,
  ownerUserId: row.owner_user_id,
  version: row.version,
});

export const presentRecord = (row: TrainingRecordsTable, refresherMonths: number | null) => ({
  id: row.id,
  courseId: row.course_id,
  userId: row.user_id,
  personName: row.person_name,
  completedOn: row.completed_on,
  note: row.note,
  source: row.source,
  validUntil: validUntil(row.completed_on, refresherMonths),
  version: row.version,
});

/** Field errors for ids that are not this organization's roles, courses or members. */
export async function checkReferences(
  db: Db | WriteContext,
  orgId: string,
  refs: {
    roleIds?: { field: string; id: string }[];
    courseId?: { field: string; id: string | null };
    userId?: { field: string; id: string | null };
  },
): Promise<void> {
  const k = reader(db);
  const errors: { field: string; message: string }[] = [];
  if (refs.roleIds?.length) {
    const known = new Set((await k.selectFrom("isms_roles").select("id").where("org_id", "=", orgId).execute()).map((r) => r.id));
    for (const r of refs.roleIds)
      if (!known.has(r.id)) errors.push({ field: r.field, message: "is not an ISMS role of this organization" });
  }
  if (refs.courseId?.id) {
    const found = await k
      .selectFrom("training_courses")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", refs.courseId.id)
      .executeTakeFirst();
    if (!found) errors.push({ field: refs.courseId.field, message: "is not a course of this organization" });
  }
  if (refs.userId?.id) {
    if (!(await isMember(db, orgId, refs.userId.id)))
      errors.push({ field: refs.userId.field, message: "is not a member of this organization" });
  }
  if (errors.length) throw badRequest(`refused: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
}

/** What the coverage computation needs, read from the roles, courses, requirements and records. */
export async function coverageInput(
  db: Db | WriteContext,
  orgId: string,
  today: string,
): Promise<CoverageInput & { names: Map<string, string> }> {
  const k = reader(db);
  const [roles, courses, requirements, records] = await Promise.all([
    listRoles(db, orgId),
    k.selectFrom("training_courses").selectAll().where("org_id", "=", orgId).orderBy("created_at").execute(),
    k.selectFrom("competence_requirements").select(["role_id", "course_id"]).where("org_id", "=", orgId).execute(),
    k.selectFrom("training_records").select(["course_id", "user_id", "person_name", "completed_on"]).where("org_id", "=", orgId).execute(),
  ]);
  const names = new Map<string, string>();
  for (const r of records) names.set(personKey({ userId: r.user_id, name: r.person_name }), r.person_name);
  return {
    names,
    today,
    roles: roles.map((role) => ({
      id: role.id,
      title: role.title,
      people: role.people.map((p) => {
        const key = personKey({ userId: p.userId, name: p.personName });
        names.set(key, p.personName);
        return { key, name: p.personName };
      }),
    })),
    courses: courses.map((c) => ({
      id: c.id,
      title: c.title,
      refresherMonths: c.refresher_months,
      targetRoleIds: JSON.parse(c.target_role_ids) as string[],
    })),
    requirements: requirements.map((r) => ({ roleId: r.role_id, courseId: r.course_id })),
    records: records.map((r) => ({
      courseId: r.course_id,
      personKey: personKey({ userId: r.user_id, name: r.person_name }),
      completedOn: r.completed_on,
    })),
  };
}

export async function trainingCoverageOf(db: Db | WriteContext, orgId: string, today: string) {
  return trainingCoverage(await coverageInput(db, orgId, today));
}

export async function coverageReport(db: Db | WriteContext, orgId: string, today: string, until: string) {
  const input = await coverageInput(db, orgId, today);
  const coverage = trainingCoverage(input);
  const course = new Map(input.courses.map((c) => [c.id, c.title]));
  return {
    ...coverage,
    roles: coverage.roles.map((r) => ({
      ...r,
      missing: r.missing.map((m) => ({ name: m.name, course: m.course, reason: m.reason })),
    })),
    refreshersDue: refreshersDue(input, until).map((r) => ({
      name: input.names.get(r.personKey) ?? r.personKey.slice(2),
      course: course.get(r.courseId) ?? "",
      due: r.due,
    })),
  };
}

export const RECORD = "training record";

/** How many completion records refer to the course. */
export async function recordCountOfCourse(db: Db | WriteContext, orgId: string, courseId: string): Promise<number> {
  const row = await reader(db)
    .selectFrom("training_records")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("course_id", "=", courseId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The organization's latest completion records (of one course, if given), with their course's refresher period. */
export async function listRecords(db: Db | WriteContext, orgId: string, courseId: string | undefined, limit: number) {
  let q = reader(db)
    .selectFrom("training_records as r")
    .innerJoin("training_courses as c", "c.id", "r.course_id")
    .selectAll("r")
    .select("c.refresher_months")
    .where("r.org_id", "=", orgId);
  if (courseId) q = q.where("r.course_id", "=", courseId);
  return q.orderBy("r.completed_on", "desc").orderBy("r.id").limit(limit).execute();
}

export async function recordRow(db: Db | WriteContext, orgId: string, id: string): Promise<TrainingRecordsTable> {
  const row = await reader(db)
    .selectFrom("training_records")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(RECORD);
  return row;
}

/** The course's refresher period in months (null: no refresher, or no such course). */
export const refresherOf = async (db: Db | WriteContext, orgId: string, courseId: string) =>
  (
    await reader(db)
      .selectFrom("training_courses")
      .select("refresher_months")
      .where("org_id", "=", orgId)
      .where("id", "=", courseId)
      .executeTakeFirst()
  )?.refresher_months ?? null;

/** The display name of a member of the organization, or undefined when the user is not one. */
export async function memberName(db: Db | WriteContext, orgId: string, userId: string): Promise<string | undefined> {
  const member = await reader(db)
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("u.display_name")
    .where("m.org_id", "=", orgId)
    .where("m.user_id", "=", userId)
    .executeTakeFirst();
  return member?.display_name;
}

/** The organization's courses by title and members by email and name: what an import names them by. */
export async function importNames(db: Db | WriteContext, orgId: string) {
  const k = reader(db);
  const [courses, members] = await Promise.all([
    k.selectFrom("training_courses").select(["id", "title"]).where("org_id", "=", orgId).execute(),
    k
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.id", "u.email", "u.display_name"])
      .where("m.org_id", "=", orgId)
      .execute(),
  ]);
  return { courses, members };
}

/** A completion record as entered or imported: everything but the id and the bookkeeping columns. */
export type NewRecord = Omit<TrainingRecordsTable, "id" | "created_at" | "updated_at" | "version">;

/** Adds a completion record; returns it as stored. */
export async function addRecord(ctx: WriteContext, orgId: string, record: NewRecord): Promise<TrainingRecordsTable> {
  const row: TrainingRecordsTable = { id: uuidv7(), ...record, created_at: ctx.now, updated_at: ctx.now, version: 1 };
  await insertAudited(ctx, "training_records", row, { orgId, entityType: RECORD });
  return row;
}
