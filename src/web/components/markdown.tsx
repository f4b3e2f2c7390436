import { Table } from "@mantine/core";
import type { ReactNode } from "react";
import classes from "./document-text.module.css";

/**
 * A small Markdown renderer for the documents the app writes and people type: headings,
 * paragraphs, nested lists, tables, bold, italics and code. It builds React elements and never
 * HTML, so nothing in the text can inject markup; anything else shows as the text it is.
 */

type Block =
  | { type: "heading"; level: number; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; ordered: boolean; items: { depth: number; text: string }[] }
  | { type: "table"; rows: string[][] };

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;

/** A table row's cells; escaped bars ("\|") belong to the cell. */
const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

function blocks(markdown: string): Block[] {
  const result: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (line.trim() === "") {
      i += 1;
    } else if (heading) {
      result.push({ type: "heading", level: heading[1]?.length ?? 1, text: heading[2] ?? "" });
      i += 1;
    } else if (LIST_ITEM.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: { depth: number; text: string }[] = [];
      for (let match = LIST_ITEM.exec(line); match; match = LIST_ITEM.exec(lines[i] ?? "")) {
        items.push({ depth: Math.floor((match[1]?.length ?? 0) / 2), text: match[3] ?? "" });
        i += 1;
      }
      result.push({ type: "list", ordered, items });
    } else if (line.trim().startsWith("|")) {
      const rows: string[][] = [];
      for (; (lines[i] ?? "").trim().startsWith("|"); i += 1) {
        const row = cells(lines[i] ?? "");
        // The line under the header only says how columns align.
        if (!row.every((c) => /^:?-+:?$/.test(c))) rows.push(row);
      }
      result.push({ type: "table", rows });
    } else {
      const text: string[] = [];
      for (; (lines[i] ?? "").trim() !== "" && !/^(#{1,6})\s/.test(lines[i] ?? "") && !LIST_ITEM.test(lines[i] ?? ""); i += 1) {
        text.push((lines[i] ?? "").trim());
      }
      result.push({ type: "paragraph", text: text.join(" ") });
    }
  }
  return result;
}

const INLINE = /\\([\\`*_[\]<>|~#+\-.!()])|\*\*(.+?)\*\*|(?<![\w\\])_(.+?)_(?!\w)|(?<!\\)\*(.+?)\*|`([^`]+)`/g;

function inline(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(text.slice(last, index));
    const [, escaped, bold, underscored, starred, code] = match;
    const key = `${index}`;
    if (escaped !== undefined) nodes.push(escaped);
    else if (bold !== undefined) nodes.push(<strong key={key}>{inline(bold)}</strong>);
    else if (underscored !== undefined || starred !== undefined) nodes.push(<em key={key}>{inline(underscored ?? starred ?? "")}</em>);
    else if (code !== undefined) nodes.push(<code key={key}>{code}</code>);
    last = index + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/** A flat run of items with depths, as nested lists. */
function nestedList(items: { depth: number; text: string }[], ordered: boolean, depth = 0): ReactNode {
  const List = ordered ? "ol" : "ul";
  const entries: ReactNode[] = [];
  let i = 0;
  while (i < items.length) {
    const item = items[i];
    if (!item) break;
    let end = i + 1;
    while (end < items.length && (items[end]?.depth ?? 0) > depth) end += 1;
    const children = items.slice(i + 1, end);
    entries.push(
      <li key={i}>
        {inline(item.text)}
        {children.length > 0 && nestedList(children, ordered, depth + 1)}
      </li>,
    );
    i = end;
  }
  return <List>{entries}</List>;
}

function cellsOf(row: string[], header: boolean): ReactNode[] {
  return row.map((cell, c) =>
    header ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: a rendered document is never reordered; a cell's place is its identity
      <Table.Th key={c}>{inline(cell)}</Table.Th>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: as above
      <Table.Td key={c}>{inline(cell)}</Table.Td>
    ),
  );
}

function render(block: Block, key: number): ReactNode {
  switch (block.type) {
    case "heading": {
      // The page has its own h1: the document's headings sit below it.
      const Heading = `h${Math.min(block.level + 1, 6)}` as "h2";
      return <Heading key={key}>{inline(block.text)}</Heading>;
    }
    case "list":
      return <div key={key}>{nestedList(block.items, block.ordered)}</div>;
    case "table": {
      const [header, ...rows] = block.rows;
      return (
        <Table key={key} withTableBorder withColumnBorders my="sm" fz="sm">
          <Table.Thead>
            <Table.Tr>{header && cellsOf(header, true)}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a rendered document is never reordered; a row's place is its identity
              <Table.Tr key={r}>{cellsOf(row, false)}</Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    }
    default:
      return <p key={key}>{inline(block.text)}</p>;
  }
}

export function Markdown({ source, label }: { source: string; label: string }) {
  return (
    <article className={classes.markdown} aria-label={label}>
      {blocks(source).map(render)}
    </article>
  );
}
