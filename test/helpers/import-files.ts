import type { FileFormat } from "../../src/contracts/imports.js";
import { readTable, writeTable } from "../../src/server/imports/file-format.js";

/** Test aid: a file of the given format holding these rows, the first being the header. */
export async function fileOf(format: FileFormat, [header, ...rows]: string[][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of writeTable(
    format,
    "Sheet",
    header ?? [],
    (async function* () {
      yield rows;
    })(),
  ))
    chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Test aid: a downloaded file back as rows of text cells. */
export async function tableOf(format: FileFormat, bytes: Buffer): Promise<{ header: string[]; rows: string[][] }> {
  const table = await readTable(format, bytes);
  const rows: string[][] = [];
  for await (const chunk of table.rows()) rows.push(...chunk.map((r) => r.cells));
  return { header: table.header, rows };
}
