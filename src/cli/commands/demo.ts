import type { Command } from "commander";
import { EmailSchema } from "../../contracts/common.js";
import { DEMO_SUMMARY } from "../../contracts/demo.js";
import { createDemo, DEMO_ORG_NAME } from "../../server/modules/demo/demo.service.js";
import { type CliIo, failure, parseWith, withDatabase } from "../context.js";
import { requireUser } from "../lookup.js";

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command("demo")
    .description(`create "${DEMO_ORG_NAME}", ${DEMO_SUMMARY} (idempotent: asking again finds the same one)`)
    .option("--admin <email>", "the user who administers it (default: the first instance administrator)", parseWith(EmailSchema))
    .action(async (options: { admin?: string }, command: Command) => {
      const result = await withDatabase(io, async (db) => {
        const admin = options.admin
          ? await requireUser(db, options.admin)
          : await db.kysely
              .selectFrom("users")
              .selectAll()
              .where("is_instance_admin", "=", 1)
              .where("disabled_at", "is", null)
              .orderBy("created_at")
              .executeTakeFirst();
        if (!admin) throw failure("there is no user yet: open the app to create the first administrator, or give --admin");
        return { ...(await createDemo(db, admin.id, { requestId: `cli:${command.name()}`, ip: null })), email: admin.email };
      });
      io.stdout.write(
        `${result.created ? "created" : "already there:"} "${DEMO_ORG_NAME}" (${result.orgId}), administered by ${result.email}; run \`isms status --org ${result.orgId}\` to see its roadmap\n`,
      );
    });
}
