import { readFile as readBytes } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { Command } from "commander";
import type { ApiClient } from "../../contracts/client.js";
import {
  type FileFormat,
  FileFormatSchema,
  type ImportJob,
  type ImportProblemItem,
  ImportRegisterSchema,
  importEndpoints,
} from "../../contracts/imports.js";
import type { ImportRegister } from "../../core/imports/columns.js";
import { type CliIo, failure, parseWith, usageError, type Writer } from "../context.js";
import { withOrgApi } from "../remote.js";
import { saveDownload } from "./export.js";

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

function printProblems(out: Writer, problems: readonly ImportProblemItem[], total: number): void {
  for (const p of problems.slice(0, PROBLEMS_PRINTED))
    out.write(`${[p.row === null ? "file" : `row ${p.row}`, p.column].filter(Boolean).join(", ")}: ${p.message}\n`);
  const shown = Math.min(problems.length, PROBLEMS_PRINTED);
  if (total > shown) out.write(`… and ${count(total - shown)} more\n`);
}

/** Commits a previewed import; while the server writes, its progress is read every half second and reported. */
async function commitWithProgress(
  api: ApiClient,
  orgId: string,
  importId: string,
  report: (processed: number, total: number) => void,
): Promise<ImportJob> {
  let done = false;
  const commit = api.call(importEndpoints.commit, { params: { orgId, importId } }).finally(() => {
    done = true;
  });
  const poll = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (done) return;
      const job = await api.call(importEndpoints.status, { params: { orgId, importId } }).catch(() => null);
      if (job?.status === "committing" && job.total > 0) report(job.processed, job.total);
    }
  })();
  const job = await commit;
  await poll;
  if (job.total > 0) report(job.total, job.total);
  return job;
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
    .argument(
      "[register]",
      "scope-elements, interested-parties, requirements, assets, gap-assessment or tasks",
      parseWith(ImportRegisterSchema),
    )
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
        if (options.template) return writeTemplate(io, command, options.template, options);
        if (!register || !file) throw usageError("give the register and the file to import, or --template <register>");
        const format = formatOf(file, options.format);
        const bytes = await readBytes(file).catch((error: NodeJS.ErrnoException) => {
          throw failure(`cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
        });
        await withOrgApi(io, command, options.org, async (api, org) => {
          const preview = await api.call(importEndpoints.preview, {
            params: { orgId: org.id, register },
            body: { filename: basename(file), format, contentBase64: bytes.toString("base64") },
          });
          io.stdout.write(
            `${basename(file)}: ${count(preview.rows)} row(s): ${count(preview.create)} to create, ${count(preview.update)} to update, ${count(preview.unchanged)} unchanged\n`,
          );
          if (preview.errorCount > 0) {
            printProblems(io.stdout, preview.errors, preview.errorCount);
            throw failure(`the file has ${count(preview.errorCount)} problem(s); nothing was imported`);
          }
          if (options.dryRun) {
            io.stdout.write("dry run: nothing was changed\n");
            return;
          }
          const job = await commitWithProgress(api, org.id, preview.id, progressReporter(io.stderr));
          if (job.status !== "committed") {
            printProblems(io.stdout, job.errors, job.errorCount);
            throw failure(job.message ?? `the import ${job.status}; nothing was imported`);
          }
          io.stdout.write(
            `imported into ${org.name}: ${count(job.create)} created, ${count(job.update)} updated, ${count(job.unchanged)} unchanged\n`,
          );
        });
      },
    );
}

/** `isms import --template`: the register's empty import file, on the organization's valuation scale. */
async function writeTemplate(
  io: CliIo,
  command: Command,
  register: ImportRegister,
  options: { org?: string; format?: FileFormat; output?: string },
) {
  const format = options.output ? formatOf(options.output, options.format) : (options.format ?? "csv");
  if (format === "xlsx" && !options.output) throw usageError("an XLSX workbook is binary: give --output <file>");
  await withOrgApi(io, command, options.org, async (api, org) => {
    const response = await api.call(importEndpoints.template, { params: { orgId: org.id, register }, query: { format } });
    await saveDownload(io, response, options.output);
    if (options.output) io.stderr.write(`wrote the ${register} template to ${options.output}\n`);
  });
}
