import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { FileFormat } from "../../contracts/imports.js";
import type { ValuationScale } from "../../core/assets/valuation.js";
import { type ImportRegister, importColumns } from "../../core/imports/columns.js";
import { columnGuide, GUIDE_HEADER, REGISTER_TITLES } from "../../core/imports/guide.js";
import { writeTable } from "./file-format.js";

/** The name of an XLSX template's second sheet, which describes the columns of the first. */
export const GUIDE_SHEET = "Columns";

/**
 * An empty import file for a register: the header row its import reads, on the organization's
 * valuation scale. An XLSX template describes every column on a second sheet (the import reads
 * the first sheet only), so a filled-in template imports as it is.
 */
export async function importTemplate(
  register: ImportRegister,
  scale: ValuationScale,
  format: FileFormat,
): Promise<{ filename: string; stream: Readable }> {
  const columns = importColumns(register, scale);
  const title = REGISTER_TITLES[register];
  const header = columns.map((c) => c.header);
  const filename = `${register}-template.${format}`;
  if (format === "csv") return { filename, stream: writeTable("csv", title, header, (async function* () {})()) };
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(title);
  sheet.addRow(header).font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(14, c.header.length + 2);
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.addRow([...GUIDE_HEADER]).font = { bold: true };
  for (const line of columnGuide(columns)) guide.addRow(line);
  [24, 22, 40, 60, 24, 80].forEach((width, i) => {
    guide.getColumn(i + 1).width = width;
  });
  return { filename, stream: Readable.from([Buffer.from(await workbook.xlsx.writeBuffer())]) };
}
