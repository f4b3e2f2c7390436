import { type Kysely, sql } from "kysely";

/**
 * An import's file apart from its job: the job's row is updated as the commit goes (claimed,
 * progress, outcome) and SQLite rewrites a whole row on update, which for a file of several
 * megabytes held the server for most of a second each time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("import_files")
    .addColumn("job_id", "text", (c) => c.primaryKey().references("import_jobs.id").onDelete("cascade"))
    .addColumn("content", "text", (c) => c.notNull())
    .execute();
  await sql`insert into import_files (job_id, content) select id, content from import_jobs where content is not null`.execute(db);
  await sql`update import_jobs set content = null where content is not null`.execute(db);
}
