import type { Command } from "commander";
import { prepareDatabase } from "../../server/db/open.js";
import { type CliIo, withDatabase } from "../context.js";

export function registerDb(program: Command, io: CliIo): void {
  const db = program
    .command("db")
    .description("manage the database (instance administration: works on the database directly, DATABASE_URL)");

  db.command("migrate")
    .description("apply the migrations the database does not have yet")
    .action(async () => {
      const { applied } = await withDatabase(io, prepareDatabase, { migrate: false });
      if (applied.length === 0) io.stdout.write("the database is up to date\n");
      for (const name of applied) io.stdout.write(`applied ${name}\n`);
    });
}
