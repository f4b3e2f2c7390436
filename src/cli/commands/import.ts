import { createWriteStream } from "node:fs";
import { readFile as readBytes } from "node:fs/promises";
import { basename, extname } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { type FileFormat, FileFormatSchema, ImportRegisterSchema } from "../../contracts/imports.js";
import { uuidv7 } from "../../core/ids.js";
import type { ImportProblem, ImportRegister } from "../../core/imports/columns.js";
import { withWrite } from "../../server/db/audited.js";
import { HttpProblem } from "../../server/http/errors.js";
import { inputLimits } from "../../server/http/limits.js";
import type { Table } from "../../server/imports/file-format.js";
import { commitTable, ImportProblems, planFile, readFile, refreshStatistics } from "../../server/imports/import.service.js";
import { importTemplate } from "../../server/imports/templates.js";
import { readScale } from "../../server/modules/assets/assets.repo.js";
import { type CliIo, cliWriteMeta, failure, parseWith, readConfig, usageError, type Writer, withDatabase } from "../context.js";
import { findOrgOrOnly } from "../lookup.js";

const PROBLEMS_PRINTED = 500;
/** Below this many records a commit is quick enough to need no progress report. */
const PROGRESS_FROM = 1000;

const count = (n: number) => n.toLocaleString("en-US");

export function formatOf(file: string, given: FileFormat | undefined): FileFormat {
  if (given) return given;
  const found = FileFormatSchema.safeParse(extname(file).slice(1).toLowerCase());
  if (!found.success) throw usageError(`cannot tell the format of ${basename(file)} from its name; give --format csv or --format xlsx`);
  return found.data;
}

function printProblems(out: Writer, problems: readonly ImportProblem[]): void {
  for (const p of problems.slice(0, PROBLEMS_PRINTED))
    out.write(`${[p.row === null ? "file" : `row ${p.row}`, p.column].filter(Boolean).join(", ")}: ${p.message}\n`);
  if (problems.length > PROBLEMS_PRINTED) out.write(`… and ${count(problems.length - PROBLEMS_PRINTED)} more\n`);
}

/** Reports every tenth of the way, so a long commit shows it is moving without flooding a log. */
function progressReporter(out: Writer) {
  let reported = 0;
  return (processed: number, total: number) => {
    const tenth = Math.floor((processed * 10) / total);
    if (total < PROGRESS_FROM || tenth <= reported) return;
    reported = tenth;
    out.write(`importing: ${count(processed)} of ${count(total)} records\n`);
  };
}

export function registerImport(program: Command, io: CliIo): void {
  program
    .command("import")
    .description(
      "import a register from a CSV or XLSX file with the columns `isms export` writes: rows are matched to records by external reference (or by name where there is none) and applied all at once, or not at all when any row has a problem",
    )
    .argument("[register]", "scope-elements, interested-parties, requirements, assets or gap-assessment", parseWith(ImportRegisterSchema))
    .argument("[file]", "the file; its format is read from the name (.csv, .xlsx) unless --format is given")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--format <format>", "csv or xlsx", parseWith(FileFormatSchema))
    .option("--dry-run", "only show what the import would do, and its problems")
    .option(
      "--template <register>",
      "instead of importing, write an empty file with the register's columns (XLSX: with a sheet describing each column)",
      parseWith(ImportRegisterSchema),
    )
    .option("-o, --output <file>", "with --template: the file to write (default: standard output, CSV only)")
    .action(
      async (
        register: ImportRegister | undefined,
        file: string | undefined,
        options: { org?: string; format?: FileFormat; dryRun?: true; template?: ImportRegister; output?: string },
        command: Command,
      ) => {
        if (options.template) return writeTemplate(io, options.template, options);
        if (!register || !file) throw usageError("give the register and the file to import, or --template <register>");
        const format = formatOf(file, options.format);
        const bytes = await readBytes(file).catch((error: NodeJS.ErrnoException) => {
          throw failure(`cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
        });
        await withDatabase(io, async (db) => {
          const org = await findOrgOrOnly(db, options.org);
          const content = await readFile(format, bytes, inputLimits(readConfig(io.env).config)).catch((error: unknown) => {
            // A file past an upload limit is refused here as it is by the server.
            throw error instanceof HttpProblem ? failure(error.message) : error;
          });
          const plan = await planFile(db, org.id, register, content);
          io.stdout.write(
            `${basename(file)}: ${count(plan.rows)} row(s): ${count(plan.creates)} to create, ${count(plan.updates)} to update, ${count(plan.unchanged)} unchanged\n`,
          );
          if (plan.problems.length > 0) {
            printProblems(io.stdout, plan.problems);
            throw failure(`the file has ${count(plan.problems.length)} problem(s); nothing was imported`);
          }
          if (options.dryRun) {
            io.stdout.write("dry run: nothing was changed\n");
            return;
          }
          // An unreadable file is a problem of the plan, so by now the file is a table.
          const table = content as Table;
          try {
            await withWrite(db, cliWriteMeta(command), (ctx) =>
              commitTable(ctx, org.id, register, table, {
                importId: uuidv7(),
                filename: basename(file),
                format,
                fingerprint: plan.fingerprint,
                expected: plan,
                onProgress: progressReporter(io.stderr),
              }),
            );
          } catch (error) {
            if (!(error instanceof ImportProblems)) throw error;
            printProblems(io.stdout, error.problems);
            throw failure(error.message);
          }
          await refreshStatistics(db, register, plan.creates + plan.updates);
          io.stdout.write(
            `imported into ${org.name}: ${count(plan.creates)} created, ${count(plan.updates)} updated, ${count(plan.unchanged)} unchanged\n`,
          );
        });
      },
    );
}

/** `isms import --template`: the register's empty import file, on the organization's valuation scale. */
async function writeTemplate(io: CliIo, register: ImportRegister, options: { org?: string; format?: FileFormat; output?: string }) {
  const format = options.output ? formatOf(options.output, options.format) : (options.format ?? "csv");
  if (format === "xlsx" && !options.output) throw usageError("an XLSX workbook is binary: give --output <file>");
  await withDatabase(io, async (db) => {
    const org = await findOrgOrOnly(db, options.org);
    const { stream } = await importTemplate(register, await readScale(db, org.id), format);
    if (options.output) {
      await pipeline(stream, createWriteStream(options.output)).catch((error: Error) => {
        throw failure(`cannot write ${options.output}: ${error.message}`);
      });
      io.stderr.write(`wrote the ${register} template to ${options.output}\n`);
      return;
    }
    const text = new TextDecoder();
    for await (const chunk of stream) io.stdout.write(text.decode(chunk as Buffer, { stream: true }));
    io.stdout.write(text.decode());
  });
}
