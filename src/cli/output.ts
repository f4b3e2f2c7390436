import type { Writer } from "./context.js";

export interface Column<T> {
  header: string;
  value: (row: T) => string;
}

export function printJson(out: Writer, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Left-aligned columns sized to their widest cell, so the output reads in a terminal and greps by line. */
export function printTable<T>(out: Writer, columns: Column<T>[], rows: T[]): void {
  const cells = [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row)))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]?.length ?? 0)));
  for (const line of cells)
    out.write(
      `${line
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()}\n`,
    );
}

/** A listing as JSON (for scripts) or as a table (for people); an empty table says so instead of showing bare headers. */
export function printList<T>(out: Writer, rows: T[], options: { json: boolean; columns: Column<T>[]; empty: string }): void {
  if (options.json) printJson(out, rows);
  else if (rows.length === 0) out.write(`${options.empty}\n`);
  else printTable(out, options.columns, rows);
}

export const yesNo = (value: boolean): string => (value ? "yes" : "no");
