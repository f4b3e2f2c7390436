import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Writable } from "node:stream";
import PDFDocument from "pdfkit";
import {
  type Block,
  type Cell,
  type Column,
  cellFill,
  cellText,
  type DocumentModel,
  shareWidths,
  textOnFill,
  wantsToc,
} from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { chartPng } from "./charts.js";
import { controlRows, footerText, headerText } from "./control.js";

/**
 * PDF through pdfkit, the engine under pdfmake, driven directly: pages are written out as they
 * are filled, so a 50,000-row register streams with bounded memory (pdfmake lays the whole
 * document out first: 33 s and 900 MB for 50,000 rows). Fonts: Roboto as shipped with pdfmake.
 */
const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");
const FONTS = {
  regular: join(FONT_DIR, "Roboto-Regular.ttf"),
  bold: join(FONT_DIR, "Roboto-Medium.ttf"),
  italic: join(FONT_DIR, "Roboto-Italic.ttf"),
};

const MARGIN = 50;
const HEADER_Y = 22;
const BODY = 9;
const SMALL = 7.5;
const CELL_PAD = 3;
/** Rows of a streamed register between two resets of pdfkit's word layout cache. */
const LAYOUT_CACHE_ROWS = 2_000;

interface Layout {
  /** Section id -> first page, from the first pass (for the table of contents). */
  sectionPages: Map<string, number>;
  totalPages: number | null;
}

class Writer {
  readonly doc: PDFKit.PDFDocument;
  page = 0;
  readonly sectionPages = new Map<string, number>();
  private readonly colour: string;

  constructor(
    private readonly model: DocumentModel,
    private readonly layout: Layout | null,
  ) {
    this.colour = /^#[0-9a-f]{6}$/i.test(model.branding.colour) ? model.branding.colour : "#1c7ed6";
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: MARGIN + 10, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
      autoFirstPage: false,
      bufferPages: false,
      compress: true,
      info: { Title: model.control.title, Author: model.branding.name, Subject: model.control.identifier },
      displayTitle: true,
    });
    this.doc.registerFont("regular", FONTS.regular);
    this.doc.registerFont("bold", FONTS.bold);
    this.doc.registerFont("italic", FONTS.italic);
    this.doc.on("pageAdded", () => this.decorate());
  }

  get width() {
    return this.doc.page.width - MARGIN * 2;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Header and footer of a new page, written inside the margins without moving the cursor. */
  private decorate() {
    this.page++;
    const { doc, model } = this;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const logo = model.branding.logo;
    let x = MARGIN;
    if (logo) {
      try {
        doc.image(Buffer.from(logo.data), MARGIN, HEADER_Y - 4, { height: 18 });
        x += 60;
      } catch {
        // A logo pdfkit cannot read is left out rather than failing the document.
      }
    }
    doc.font("regular").fontSize(SMALL).fillColor("#444444");
    doc.text(headerText(model), x, HEADER_Y, { width: doc.page.width - MARGIN - x, align: "right", lineBreak: false });
    doc
      .moveTo(MARGIN, HEADER_Y + 14)
      .lineTo(doc.page.width - MARGIN, HEADER_Y + 14)
      .lineWidth(1)
      .strokeColor(this.colour)
      .stroke();
    const footY = doc.page.height - MARGIN + 10;
    const total = this.layout?.totalPages;
    const pageText = `${STRINGS.common.page} ${this.page}${total ? ` ${STRINGS.common.of} ${total}` : ""}`;
    doc.text(footerText(model), MARGIN, footY, { width: this.width - 80, lineBreak: false });
    doc.text(pageText, doc.page.width - MARGIN - 80, footY, { width: 80, align: "right", lineBreak: false });
    doc.page.margins.bottom = saved;
    doc.x = MARGIN;
    doc.y = doc.page.margins.top;
    doc.fillColor("#000000");
  }

  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string, size: number) {
    this.ensure(size * 3);
    this.doc.moveDown(0.4);
    this.doc.font("bold").fontSize(size).fillColor(this.colour).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    this.doc.fillColor("#000000");
  }

  paragraph(text: string) {
    this.doc.font("regular").fontSize(BODY).fillColor("#000000");
    this.ensure(BODY * 2);
    this.doc.text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.5);
  }

  list(items: readonly string[]) {
    this.doc.font("regular").fontSize(BODY);
    for (const item of items) {
      this.ensure(BODY * 2);
      this.doc.text(`•  ${item}`, MARGIN + 8, this.doc.y, { width: this.width - 8 });
    }
    this.doc.moveDown(0.5);
  }

  /**
   * Advance widths per font (in 1/1000 em) by UTF-16 code unit, read once from the font's glyphs:
   * table cells are measured and wrapped here instead of by pdfkit's line wrapper, which shapes
   * every word with fontkit, and did so twice per cell (once to find the row's height, once to draw).
   */
  private readonly advances = new Map<string, Map<number, number>>();

  private advanceOf(font: string, code: number): number {
    let table = this.advances.get(font);
    if (!table) {
      table = new Map();
      this.advances.set(font, table);
    }
    let width = table.get(code);
    if (width === undefined) {
      this.doc.font(font);
      // pdfkit's embedded font: `font` is the fontkit font, `scale` turns its units into 1/1000 em.
      const embedded = (
        this.doc as unknown as { _font: { font: { glyphForCodePoint(cp: number): { advanceWidth: number } }; scale: number } }
      )._font;
      width = embedded.font.glyphForCodePoint(code).advanceWidth * embedded.scale;
      table.set(code, width);
    }
    return width;
  }

  private measure(font: string, text: string, size: number): number {
    let total = 0;
    for (let i = 0; i < text.length; i++) total += this.advanceOf(font, text.charCodeAt(i));
    return (total * size) / 1000;
  }

  /** Greedy word wrap of a cell's text into lines that fit `width` (long words are cut). */
  private wrapCell(font: string, text: string, width: number, size: number): string[] {
    // Kerning is left out of the measure: keep a little slack so a line never spills out of its cell.
    const room = width * 0.97;
    const lines: string[] = [];
    for (const paragraph of text.split("\n")) {
      const words = paragraph.split(/[ \t]+/).filter((w) => w.length > 0);
      let line = "";
      let lineWidth = 0;
      const space = this.measure(font, " ", size);
      for (let word of words) {
        let wordWidth = this.measure(font, word, size);
        if (line && lineWidth + space + wordWidth <= room) {
          line += ` ${word}`;
          lineWidth += space + wordWidth;
          continue;
        }
        if (line) lines.push(line);
        // A word wider than the cell is cut where it stops fitting.
        while (wordWidth > room && word.length > 1) {
          let cut = 1;
          let w = this.measure(font, word[0] ?? "", size);
          while (cut < word.length) {
            const next = w + this.measure(font, word[cut] ?? "", size);
            if (next > room) break;
            w = next;
            cut++;
          }
          lines.push(word.slice(0, cut));
          word = word.slice(cut);
          wordWidth = this.measure(font, word, size);
        }
        line = word;
        lineWidth = wordWidth;
      }
      lines.push(line);
    }
    return lines;
  }

  private fontOf(cell: Cell, font: string, header: boolean) {
    return header || (typeof cell !== "string" && cell.bold) ? "bold" : font;
  }

  private layoutRow(cells: readonly Cell[], widths: number[], font: string, header: boolean) {
    const size = BODY - 1;
    const lines = cells.map((cell, i) =>
      this.wrapCell(this.fontOf(cell, font, header), cellText(cell), (widths[i] ?? 20) - CELL_PAD * 2, size),
    );
    this.doc.font(font).fontSize(size);
    const lineHeight = this.doc.currentLineHeight(true);
    const h = Math.max(1, ...lines.map((l) => l.length)) * lineHeight + CELL_PAD * 2;
    return { lines, lineHeight, h };
  }

  private rowHeight(cells: readonly Cell[], widths: number[], font: string) {
    return this.layoutRow(cells, widths, font, false).h;
  }

  private drawRow(cells: readonly Cell[], widths: number[], font: string, header: boolean) {
    const { doc } = this;
    const { lines, lineHeight, h } = this.layoutRow(cells, widths, font, header);
    if (doc.y + h > this.bottom) return false;
    const y = doc.y;
    let x = MARGIN;
    doc
      .fontSize(BODY - 1)
      .lineWidth(0.4)
      .strokeColor("#adb5bd");
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 20;
      const fill = header ? "#e9ecef" : cellFill(cell);
      if (fill) doc.rect(x, y, w, h).fill(fill);
      doc.rect(x, y, w, h).stroke();
      doc.font(this.fontOf(cell, font, header)).fillColor(fill && !header ? textOnFill(fill) : "#000000");
      let lineY = y + CELL_PAD;
      for (const line of lines[i] ?? []) {
        if (line) doc.text(line, x + CELL_PAD, lineY, { lineBreak: false });
        lineY += lineHeight;
      }
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + h;
    return true;
  }

  private startTable(title: string, columns: readonly Column[]) {
    this.heading(title, 10.5);
    const widths = shareWidths(columns, this.width);
    const header = columns.map((c) => c.title);
    this.ensure(this.rowHeight(header, widths, "bold") + 20);
    this.drawRow(header, widths, "bold", true);
    return { widths, header };
  }

  row(cells: readonly Cell[], t: { widths: number[]; header: string[] }) {
    if (!this.drawRow(cells, t.widths, "regular", false)) {
      this.doc.addPage();
      this.drawRow(t.header, t.widths, "bold", true);
      this.drawRow(cells, t.widths, "regular", false);
    }
  }

  table(title: string, columns: readonly Column[], rows: readonly Cell[][]) {
    const t = this.startTable(title, columns);
    for (const r of rows) this.row(r, t);
    this.doc.moveDown(0.8);
  }

  async streamTable(title: string, columns: readonly Column[], rows: () => AsyncIterable<Cell[][]>) {
    const t = this.startTable(title, columns);
    let sinceReset = 0;
    for await (const batch of rows()) {
      for (const r of batch) this.row(r, t);
      sinceReset += batch.length;
      if (sinceReset >= LAYOUT_CACHE_ROWS) {
        this.resetLayoutCaches();
        sinceReset = 0;
      }
      // Let the output stream drain between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.doc.moveDown(0.8);
  }

  /**
   * pdfkit keeps every word it has shaped, for the document's life: over a 50,000-row register of
   * mostly unique references and names that is hundreds of megabytes, so it is let go now and then.
   */
  private resetLayoutCaches() {
    const families = (this.doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies;
    for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null);
  }

  fields(rows: readonly [string, string][]) {
    const widths = [this.width * 0.32, this.width * 0.68];
    for (const [k, v] of rows) {
      const cells: Cell[] = [{ text: k, bold: true }, v];
      if (!this.drawRow(cells, widths, "regular", false)) {
        this.doc.addPage();
        this.drawRow(cells, widths, "regular", false);
      }
    }
    this.doc.moveDown(0.8);
  }

  chart(title: string, png: Buffer, w: number, h: number) {
    const width = Math.min(this.width, w);
    const height = (h / w) * width;
    this.heading(title, 10.5);
    this.ensure(height + 10);
    this.doc.image(png, MARGIN, this.doc.y, { width, height });
    this.doc.y += height + 8;
    this.doc.x = MARGIN;
  }
}

async function block(w: Writer, b: Block, pass1: boolean) {
  switch (b.kind) {
    case "paragraph":
      return w.paragraph(b.text);
    case "heading":
      return w.heading(b.text, 11);
    case "list":
      return w.list(b.items);
    case "fields":
      return w.fields(b.rows);
    case "table":
      return w.table(b.title, b.columns, b.rows);
    case "stream-table":
      if (pass1) return w.heading(b.title, 10.5);
      return w.streamTable(b.title, b.columns, b.rows);
    case "chart":
      return w.chart(b.title, pass1 ? PLACEHOLDER_PNG : chartPng(b.chart), b.chart.width, b.chart.height);
  }
}

// A 1×1 white PNG: the first pass only needs the chart's box, not its picture.
const PLACEHOLDER_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==",
  "base64",
);

async function write(model: DocumentModel, layout: Layout | null, out: Writable | null): Promise<Layout> {
  const w = new Writer(model, layout);
  const done = new Promise<void>((resolve, reject) => {
    if (out) {
      w.doc.pipe(out);
      out.on("finish", resolve);
      out.on("error", reject);
    } else {
      w.doc.on("data", () => {});
      w.doc.on("end", resolve);
    }
    w.doc.on("error", reject);
  });
  const pass1 = out === null;
  const S = STRINGS.common;
  w.doc.addPage();
  w.doc.font("bold").fontSize(20).fillColor("#000000").text(model.control.title, { width: w.width });
  w.doc.font("regular").fontSize(11).fillColor("#444444").text(model.branding.name, { width: w.width });
  w.doc.moveDown(1);
  w.heading(S.documentControl, 12);
  w.fields(controlRows(model));
  if (wantsToc(model)) {
    w.heading(S.contents, 12);
    const toc = model.sections.map((s, i) => {
      const page = layout?.sectionPages.get(s.id);
      return `${i + 1}. ${s.title}${page ? ` ...... ${page}` : ""}`;
    });
    w.list(toc);
  }
  for (const [i, section] of model.sections.entries()) {
    const streamed = section.blocks.some((b) => b.kind === "stream-table");
    if (streamed || i === 0) w.doc.addPage();
    w.sectionPages.set(section.id, w.page);
    w.doc.outline.addItem(section.title);
    w.heading(`${i + 1}. ${section.title}`, 14);
    for (const b of section.blocks) await block(w, b, pass1);
  }
  w.doc.end();
  await done;
  const streamedAny = model.sections.some((s) => s.blocks.some((b) => b.kind === "stream-table"));
  return { sectionPages: w.sectionPages, totalPages: streamedAny ? null : w.page };
}

/**
 * Writes the PDF to `out`. A first, cheap pass (no charts drawn, no streamed rows) finds each
 * section's page for the table of contents and the page count for "page x of y"; a streamed
 * register goes last, so the pages before it are known.
 */
export async function renderPdf(model: DocumentModel, out: Writable): Promise<void> {
  const layout = await write(model, null, null);
  const streamedAt = model.sections.findIndex((s) => s.blocks.some((b) => b.kind === "stream-table"));
  if (streamedAt >= 0) {
    // Sections after the first streamed one have no known page.
    for (const s of model.sections.slice(streamedAt + 1)) layout.sectionPages.delete(s.id);
  }
  await write(model, layout, out);
}

/** A writable that collects into a buffer (tests, packs of small documents). */
export function collector(): { stream: Writable; result: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream, result: () => Buffer.concat(chunks) };
}
