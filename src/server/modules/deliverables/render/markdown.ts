import { type Block, type Cell, cellText, type DocumentModel, wantsToc } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { controlRows, headerText } from "./control.js";

/** Markdown: the same model as text, for diffs, wikis and review in a pull request. */
const esc = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

function tableLines(columns: readonly { title: string }[], rows: Iterable<readonly Cell[]>): string[] {
  const lines = [`| ${columns.map((c) => esc(c.title)).join(" | ")} |`, `|${columns.map(() => " --- |").join("")}`];
  for (const r of rows) lines.push(`| ${r.map((c) => esc(cellText(c))).join(" | ")} |`);
  return lines;
}

async function blockLines(b: Block): Promise<string[]> {
  switch (b.kind) {
    case "paragraph":
      return [b.text, ""];
    case "heading":
      return [`### ${b.text}`, ""];
    case "list":
      return [...b.items.map((i) => `- ${i.replace(/\r?\n/g, " ")}`), ""];
    case "fields":
      return [...tableLines([{ title: "" }, { title: "" }], b.rows), ""];
    case "table":
      return [`### ${b.title}`, "", ...tableLines(b.columns, b.rows), ""];
    case "stream-table": {
      const rows: Cell[][] = [];
      for await (const batch of b.rows()) rows.push(...batch);
      return [`### ${b.title}`, "", ...tableLines(b.columns, rows), ""];
    }
    case "chart":
      return [`*${b.title}:* ${b.alt}`, ""];
  }
}

export async function renderMarkdown(model: DocumentModel): Promise<string> {
  const S = STRINGS.common;
  const lines = [
    `<!-- ${headerText(model)} -->`,
    "",
    `# ${model.control.title}`,
    "",
    model.branding.name,
    "",
    `## ${S.documentControl}`,
    "",
  ];
  lines.push(...tableLines([{ title: S.identifier }, { title: model.control.identifier }], controlRows(model).slice(1)), "");
  if (wantsToc(model)) {
    lines.push(`## ${S.contents}`, "");
    model.sections.forEach((s, i) => {
      lines.push(`${i + 1}. [${s.title}](#${i + 1}-${s.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")})`);
    });
    lines.push("");
  }
  for (const [i, section] of model.sections.entries()) {
    lines.push(`## ${i + 1}. ${section.title}`, "");
    for (const b of section.blocks) lines.push(...(await blockLines(b)));
  }
  lines.push("---", "", `${model.control.classification.toUpperCase()} · ${model.control.identifier} v${model.control.version}`, "");
  return lines.join("\n");
}
