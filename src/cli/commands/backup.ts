import type { Command } from "commander";
import {
  BackupRefused,
  backupOrganizationTo,
  backupTo,
  readHeader,
  restoreFrom,
  restoreOrganizationFrom,
} from "../../server/modules/backup/index.js";
import { type CliIo, cliWriteMeta, failure, withDatabase } from "../context.js";
import { findOrg } from "../lookup.js";

const refused = (error: unknown) => (error instanceof BackupRefused ? failure(error.message) : error);

/** `isms backup -o <file> [--org <id|name>]` and `isms restore <file> [--org]` (docs/operations.md). */
export function registerBackup(program: Command, io: CliIo): void {
  program
    .command("backup")
    .description(
      "write a backup of the whole instance (every table, the audit trail included), or of one organization with --org, to a file: gzip of JSON lines with a manifest of checksums",
    )
    .requiredOption("-o, --output <file>", "the file to write")
    .option("--org <id|name>", "back up this organization only (its rows, files, audit trail and members' names and emails)")
    .action(async (options: { output: string; org?: string }) =>
      withDatabase(io, async (db) => {
        try {
          const org = options.org ? await findOrg(db, options.org) : null;
          const manifest = org ? await backupOrganizationTo(db, org.id, options.output) : await backupTo(db, options.output);
          const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
          const what = org ? `organization ${org.name} (${org.id}): ` : "";
          io.stdout.write(`backed up ${what}${Object.keys(manifest.tables).length} tables, ${rows} rows to ${options.output}\n`);
        } catch (error) {
          throw refused(error);
        }
      }),
    );
  program
    .command("restore")
    .description(
      "restore a backup: an instance's into an empty database (SQLite or PostgreSQL, whichever the backup came from); an organization's (--org) into any instance, as a new organization; refuses a file whose checksums do not match, changing nothing",
    )
    .argument("<file>", "the backup file")
    .option("--org", "the file is an organization's backup: add the organization to this instance (detected from the file when omitted)")
    .action(async (file: string, options: { org?: boolean }, command: Command) =>
      withDatabase(io, async (db) => {
        try {
          const { scope } = await readHeader(file);
          if (options.org && scope !== "organization")
            throw failure(
              "the file is a backup of a whole instance, not of an organization: restore it without --org, into an empty database",
            );
          if (scope === "organization") {
            const r = await restoreOrganizationFrom(db, file, cliWriteMeta(command));
            io.stdout.write(
              `restored organization ${r.name} (${r.orgId}${r.newIds ? ", new ids: it was already here" : ""}): ${r.rows} rows, ${r.auditEvents} audit events${r.rechained ? " (re-chained)" : ""}; the audit chain verifies\n`,
            );
            if (r.usersLinked.length > 0) io.stdout.write(`members linked to existing accounts: ${r.usersLinked.join(", ")}\n`);
            if (r.usersCreated.length > 0)
              io.stdout.write(
                `accounts created disabled, without a password (enable them and set a password): ${r.usersCreated.join(", ")}\n`,
              );
            return;
          }
          const result = await restoreFrom(db, file);
          io.stdout.write(`restored ${result.tables} tables, ${result.rows} rows; ${result.chains} audit chains verify\n`);
        } catch (error) {
          throw refused(error);
        }
      }),
    );
}
