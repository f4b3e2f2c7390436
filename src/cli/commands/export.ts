import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Command } from "commander";
import { ExportRegisterSchema, type FileFormat, FileFormatSchema, importEndpoints } from "../../contracts/imports.js";
import { EXPORT_REGISTERS, type ExportRegister } from "../../core/imports/columns.js";
import { type CliIo, failure, parseWith, usageError } from "../context.js";
import { withOrgApi } from "../remote.js";
import { formatOf } from "./import.js";

/** A downloaded file to --output, or (CSV) as text to standard output. */
export async function saveDownload(io: CliIo, response: Response, output: string | undefined): Promise<void> {
  if (!response.body) throw failure("the server sent no file");
  const stream = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  if (output) {
    await pipeline(stream, createWriteStream(output)).catch((error: Error) => {
      throw failure(`cannot write ${output}: ${error.message}`);
    });
    return;
  }
  const text = new TextDecoder();
  for await (const chunk of stream) io.stdout.write(text.decode(chunk as Uint8Array, { stream: true }));
  io.stdout.write(text.decode());
}

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
    .action(async (register: ExportRegister, options: { org?: string; format?: FileFormat; output?: string }, command: Command) => {
      const format = options.output ? formatOf(options.output, options.format) : (options.format ?? "csv");
      if (format === "xlsx" && !options.output) throw usageError("an XLSX workbook is binary: give --output <file>");
      await withOrgApi(io, command, options.org, async (api, org) => {
        const response = await api.call(importEndpoints.export, { params: { orgId: org.id, register }, query: { format } });
        await saveDownload(io, response, options.output);
      });
    });
}
