import type { FileFormat } from "../../../contracts/imports.js";
import { isIsoDate } from "../../../core/work/recurrence.js";
import { badRequest } from "../../http/errors.js";
import type { InputLimits } from "../../http/limits.js";
import { readTable, UnreadableFile } from "../../imports/file-format.js";

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** The rows of a CSV/XLSX file by the columns named in its header (case and spaces ignored); unknown or missing columns refused. */
export async function readRows(
  format: FileFormat,
  bytes: Buffer,
  limits: InputLimits,
  columns: { required: string[]; optional: string[] },
): Promise<{ row: number; cells: Record<string, string> }[]> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(format, bytes, limits);
  } catch (error) {
    if (error instanceof UnreadableFile)
      throw badRequest(`the file cannot be read: ${error.message}`, [{ field: "contentBase64", message: error.message }]);
    throw error;
  }
  const norm = (h: string) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
  const header = table.header.map(norm);
  const known = [...columns.required, ...columns.optional];
  const problems = [
    ...columns.required.filter((c) => !header.includes(c)).map((c) => `the header lacks the column "${c}"`),
    ...header.filter((h) => h !== "" && !known.includes(h)).map((h) => `the column "${h}" is not one of ${known.join(", ")}`),
  ];
  if (problems.length)
    throw badRequest(
      problems.join("; "),
      problems.map((message) => ({ field: "contentBase64", message })),
    );
  const out: { row: number; cells: Record<string, string> }[] = [];
  try {
    for await (const chunk of table.rows()) {
      for (const r of chunk) {
        if (r.cells.every((c) => c.trim() === "")) continue;
        out.push({ row: r.row, cells: Object.fromEntries(header.map((h, i) => [h, (r.cells[i] ?? "").trim()])) });
      }
    }
  } catch (error) {
    if (error instanceof UnreadableFile)
      throw badRequest(`the file cannot be read: ${error.message}`, [{ field: "contentBase64", message: error.message }]);
    throw error;
  }
  if (out.length === 0)
    throw badRequest("the file has no data rows under its header", [{ field: "contentBase64", message: "has no data rows" }]);
  return out;
}

/** All or nothing: one refusal listing every problem by row and column. */
export function refuseProblems(problems: RowProblem[]): void {
  if (problems.length === 0) return;
  const listed = problems.slice(0, 200);
  throw badRequest(
    `nothing was imported: ${problems.length} problem(s) in the file, e.g. row ${listed[0]?.row} column ${listed[0]?.column}: ${listed[0]?.message}`,
    listed.map((p) => ({ field: `rows.${p.row}.${p.column}`, message: p.message })),
  );
}

export const dateProblem = (text: string) => (isIsoDate(text) ? null : "must be a date (YYYY-MM-DD)");
