import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { ExportRegisterSchema, type FileFormat, FileFormatSchema } from "../../contracts/imports.js";
import { EXPORT_REGISTERS, type ExportRegister } from "../../core/imports/columns.js";
import { exportRegister } from "../../server/imports/import.service.js";
import { type CliIo, failure, parseWith, usageError, withDatabase } from "../context.js";
import { findOrgOrOnly } from "../lookup.js";
import { formatOf } from "./import.js";

export function registerExport(program: Command, io: CliIo): void {
  program
    .command("export")
    .description(
      "write a register to a CSV or XLSX file: an importable one with the columns `isms import` takes; boundary interfaces, obligations and the gap assessment too",
    )
    .argument("<register>", EXPORT_REGISTERS.join(", "), parseWith(ExportRegisterSchema))
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--format <format>", "csv or xlsx (default: from --output's name, else csv)", parseWith(FileFormatSchema))
    .option("--output <file>", "the file to write (default: standard output, CSV only)")
    .action(async (register: ExportRegister, options: { org?: string; format?: FileFormat; output?: string }) => {
      const format = options.output ? formatOf(options.output, options.format) : (options.format ?? "csv");
      if (format === "xlsx" && !options.output) throw usageError("an XLSX workbook is binary: give --output <file>");
      await withDatabase(io, async (db) => {
        const org = await findOrgOrOnly(db, options.org);
        const { stream } = await exportRegister(db, org.id, register, format);
        if (options.output) {
          await pipeline(stream, createWriteStream(options.output)).catch((error: Error) => {
            throw failure(`cannot write ${options.output}: ${error.message}`);
          });
          return;
        }
        const text = new TextDecoder();
        for await (const chunk of stream) io.stdout.write(text.decode(chunk as Buffer, { stream: true }));
        io.stdout.write(text.decode());
      });
    });
}
