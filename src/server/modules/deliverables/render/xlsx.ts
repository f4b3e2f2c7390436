import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { type Cell, cellFill, cellText, type DocumentModel, textOnFill } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { controlRows, headerText } from "./control.js";

/**
 * XLSX through exceljs' streaming WorkbookWriter: a sheet for the document control, then one
 * sheet per table, rows committed as they come, so a large register is never held whole.
 */
const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[\\/*?:[\]]/g, " ").slice(0, 28) || "Sheet";
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

export async function renderXlsx(model: DocumentModel, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = model.branding.name;
  wb.title = model.control.title;
  const used = new Set<string>();
  const header = `&L${headerText(model).replace(/&/g, "&&")}`;
  const footer = `&L${model.control.classification.toUpperCase().replace(/&/g, "&&")}&R${STRINGS.common.page} &P ${STRINGS.common.of} &N`;

  const control = wb.addWorksheet(sheetName(STRINGS.common.documentControl, used), {
    headerFooter: { oddHeader: header, oddFooter: footer },
  });
  control.columns = [
    { key: "k", width: 28 },
    { key: "v", width: 80 },
  ];
  control.addRow([model.control.title]).font = { bold: true, size: 14 };
  control.addRow([model.branding.name]).commit();
  for (const [k, v] of controlRows(model)) {
    const row = control.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  control.commit();

  const write = (sheet: ExcelJS.Worksheet, cells: readonly Cell[]) => {
    const row = sheet.addRow(cells.map(cellText));
    cells.forEach((c, i) => {
      const fill = cellFill(c);
      if (fill) {
        const x = row.getCell(i + 1);
        x.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(fill) } };
        x.font = { color: { argb: argb(textOnFill(fill)) } };
      }
    });
    row.commit();
  };

  for (const section of model.sections) {
    for (const b of section.blocks) {
      if (b.kind !== "table" && b.kind !== "stream-table" && b.kind !== "fields") continue;
      const title = b.kind === "fields" ? section.title : b.title;
      const sheet = wb.addWorksheet(sheetName(title, used), {
        headerFooter: { oddHeader: header, oddFooter: footer },
        views: [{ state: "frozen", ySplit: 1 }],
      });
      if (b.kind === "fields") {
        sheet.columns = [
          { header: section.title, key: "k", width: 30 },
          { header: "", key: "v", width: 80 },
        ];
        for (const [k, v] of b.rows) sheet.addRow([k, v]).commit();
      } else {
        sheet.columns = b.columns.map((c) => ({ header: c.title, key: c.key, width: Math.min(80, Math.max(10, (c.width ?? 1) * 12)) }));
        sheet.getRow(1).font = { bold: true };
        if (b.kind === "table") for (const r of b.rows) write(sheet, r);
        else
          for await (const batch of b.rows()) {
            for (const r of batch) write(sheet, r);
          }
      }
      sheet.commit();
    }
  }
  await wb.commit();
}
