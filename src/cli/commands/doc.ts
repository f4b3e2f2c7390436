import { createWriteStream, writeFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { FormatSchema, PackInputSchema } from "../../contracts/deliverables.js";
import type { Format } from "../../core/deliverables/freshness.js";
import { DELIVERABLE_IDS } from "../../server/modules/deliverables/catalogue.js";
import { findJob, readFile } from "../../server/modules/deliverables/deliverables.repo.js";
import { renderStream, startPack } from "../../server/modules/deliverables/deliverables.service.js";
import { type CliIo, failure, parseWith, withDatabase } from "../context.js";
import { findOrgOrOnly } from "../lookup.js";

/** `isms doc <deliverable>` writes one deliverable; `isms pack` the certification pack (ZIP). */
export function registerDoc(program: Command, io: CliIo): void {
  program
    .command("doc")
    .description("write a deliverable (SoA, risk report, …) generated from the live data as DOCX, PDF, XLSX or Markdown")
    .argument("<name>", DELIVERABLE_IDS.join(", "))
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--format <format>", "docx, pdf, xlsx or md (default pdf)", parseWith(FormatSchema))
    .requiredOption("-o, --output <file>", "the file to write")
    .action(async (name: string, options: { org?: string; format?: Format; output: string }) => {
      await withDatabase(io, async (db) => {
        const org = await findOrgOrOnly(db, options.org);
        let file: Awaited<ReturnType<typeof renderStream>>;
        try {
          file = await renderStream(db, org.id, name, options.format ?? "pdf");
        } catch (error) {
          throw failure(`cannot make ${name}: ${(error as Error).message}`);
        }
        await pipeline(file.stream, createWriteStream(options.output)).catch((error: Error) => {
          throw failure(`cannot write ${options.output}: ${error.message}`);
        });
        io.stdout.write(`${options.output} (content hash ${file.contentHash})\n`);
      });
    });

  program
    .command("pack")
    .description("write the certification pack: every available deliverable in the chosen formats, with an index, as one ZIP")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--formats <list>", "comma-separated formats (default pdf)", "pdf")
    .requiredOption("-o, --output <file>", "the ZIP file to write")
    .action(async (options: { org?: string; formats: string; output: string }) => {
      const parsed = PackInputSchema.safeParse({ formats: options.formats.split(",").map((f) => f.trim()) });
      if (!parsed.success) throw failure(`--formats ${parsed.error.issues[0]?.message ?? "is not valid"}`);
      await withDatabase(io, async (db) => {
        const org = await findOrgOrOnly(db, options.org);
        const { job, run } = await startPack(db, org.id, parsed.data.formats, null);
        await run;
        const done = await findJob(db, org.id, job.id);
        if (done.status !== "done" || !done.result_file_id) throw failure(`the pack failed: ${done.error ?? "unknown error"}`);
        writeFileSync(options.output, await readFile(db, org.id, done.result_file_id));
        io.stdout.write(`${options.output}\n`);
      });
    });
}
