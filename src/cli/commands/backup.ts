import type { Command } from "commander";
import { BackupRefused, backupTo, restoreFrom } from "../../server/modules/backup/index.js";
import { type CliIo, failure, withDatabase } from "../context.js";

/** `isms backup -o <file>` and `isms restore <file>`: the whole instance (docs/operations.md). */
export function registerBackup(program: Command, io: CliIo): void {
  program
    .command("backup")
    .description(
      "write a backup of the whole instance (every table, the audit trail included) to a file: gzip of JSON lines with a manifest of checksums",
    )
    .requiredOption("-o, --output <file>", "the file to write")
    .action(async (options: { output: string }) =>
      withDatabase(io, async (db: Parameters<typeof backupTo>[0]) => {
        const manifest = await backupTo(db, options.output);
        const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
        io.stdout.write(`backed up ${Object.keys(manifest.tables).length} tables, ${rows} rows to ${options.output}\n`);
      }),
    );
  program
    .command("restore")
    .description(
      "restore a backup into an empty database (SQLite or PostgreSQL, whichever the backup came from); refuses a file whose checksums do not match, changing nothing",
    )
    .argument("<file>", "the backup file")
    .action(async (file: string) =>
      withDatabase(io, async (db: Parameters<typeof restoreFrom>[0]) => {
        try {
          const result = await restoreFrom(db, file);
          io.stdout.write(`restored ${result.tables} tables, ${result.rows} rows; ${result.chains} audit chains verify\n`);
        } catch (error) {
          if (error instanceof BackupRefused) throw failure(error.message);
          throw error;
        }
      }),
    );
}
