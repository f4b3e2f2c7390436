import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
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

/** DOCX through the `docx` library: headings, tables, charts as PNG, document control, header and footer. */
const TABLE_WIDTH = 9600; // twentieths of a point: A4 less margins

const hex = (colour: string | undefined) => colour?.replace("#", "").toUpperCase();

function cell(c: Cell, width: number, header: boolean): TableCell {
  const fill = header ? "#E9ECEF" : cellFill(c);
  const bold = header || (typeof c !== "string" && c.bold === true);
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(fill ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: hex(fill) as string } } : {}),
    children: cellText(c)
      .split("\n")
      .map(
        (line) =>
          new Paragraph({
            children: [new TextRun({ text: line, bold, size: 16, color: fill && !header ? hex(textOnFill(fill)) : undefined })],
          }),
      ),
  });
}

function table(columns: readonly Column[], rows: readonly Cell[][]): Table {
  const widths = shareWidths(columns, TABLE_WIDTH).map(Math.floor);
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c.title, widths[i] ?? 100, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, widths[i] ?? 100, false)) })),
    ],
  });
}

const title = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });

async function blockChildren(b: Block): Promise<(Paragraph | Table)[]> {
  switch (b.kind) {
    case "paragraph":
      return b.text.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)] }));
    case "heading":
      return [title(b.text, HeadingLevel.HEADING_3)];
    case "list":
      return b.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case "fields":
      return [
        table(
          [
            { key: "k", title: "", width: 1 },
            { key: "v", title: "", width: 2 },
          ],
          b.rows.map(([k, v]) => [{ text: k, bold: true }, v]),
        ),
        new Paragraph(""),
      ];
    case "table":
      return [title(b.title, HeadingLevel.HEADING_2), table(b.columns, b.rows), new Paragraph("")];
    case "stream-table": {
      const rows: Cell[][] = [];
      for await (const batch of b.rows()) rows.push(...batch);
      return [title(b.title, HeadingLevel.HEADING_2), table(b.columns, rows), new Paragraph("")];
    }
    case "chart": {
      const width = 600;
      const height = Math.round((b.chart.height / b.chart.width) * width);
      return [
        title(b.title, HeadingLevel.HEADING_2),
        new Paragraph({
          children: [
            new ImageRun({
              type: "png",
              data: chartPng(b.chart),
              transformation: { width, height },
              altText: { name: b.title, description: b.alt, title: b.title },
            }),
          ],
        }),
      ];
    }
  }
}

/** The body of a document: control block, contents, sections (also what a customer template's {{body}} receives). */
export async function bodyChildren(model: DocumentModel): Promise<(Paragraph | Table | TableOfContents)[]> {
  const S = STRINGS.common;
  const children: (Paragraph | Table | TableOfContents)[] = [
    new Paragraph({ text: model.control.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: model.branding.name, color: hex(model.branding.colour) })] }),
    title(S.documentControl, HeadingLevel.HEADING_2),
    table(
      [
        { key: "k", title: S.documentControl, width: 1 },
        { key: "v", title: "", width: 2 },
      ],
      controlRows(model).map(([k, v]) => [{ text: k, bold: true }, v]),
    ),
  ];
  if (wantsToc(model)) {
    children.push(title(S.contents, HeadingLevel.HEADING_2));
    children.push(new TableOfContents(S.contents, { hyperlink: true, headingStyleRange: "1-1" }));
    children.push(...model.sections.map((s, i) => new Paragraph({ text: `${i + 1}. ${s.title}`, bullet: { level: 0 } })));
  }
  for (const [i, section] of model.sections.entries()) {
    children.push(new Paragraph({ text: `${i + 1}. ${section.title}`, heading: HeadingLevel.HEADING_1, pageBreakBefore: i === 0 }));
    for (const b of section.blocks) children.push(...(await blockChildren(b)));
  }
  return children;
}

export function headerFooter(model: DocumentModel) {
  const logo = model.branding.logo;
  return {
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [
              ...(logo
                ? [
                    new ImageRun({
                      type: logo.type === "image/png" ? "png" : "jpg",
                      data: Buffer.from(logo.data),
                      transformation: { width: 60, height: 20 },
                    }),
                  ]
                : []),
              new TextRun({ text: ` ${headerText(model)}`, size: 16, color: "555555" }),
            ],
          }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            children: [
              new TextRun({ text: `${footerText(model)} · ${STRINGS.common.page} `, size: 16, color: "555555" }),
              new TextRun({ children: [PageNumber.CURRENT], size: 16, color: "555555" }),
              new TextRun({ text: ` ${STRINGS.common.of} `, size: 16, color: "555555" }),
              new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: "555555" }),
            ],
          }),
        ],
      }),
    },
  };
}

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const doc = new Document({
    creator: model.branding.name,
    title: model.control.title,
    description: `${model.control.identifier} v${model.control.version}`,
    features: { updateFields: wantsToc(model) },
    styles: { default: { document: { run: { font: "Calibri", size: 20 } } } },
    sections: [{ ...headerFooter(model), children: await bodyChildren(model) }],
  });
  return Packer.toBuffer(doc);
}
