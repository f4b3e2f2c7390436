/**
 * The document model every deliverable is built as, whatever the output format: sections of
 * blocks (headings, paragraphs, fields, lists, tables, charts) plus the document control data.
 * Renderers (DOCX, PDF, XLSX, Markdown) read only this; loaders read only the registers.
 */

/** A table cell: text, optionally on a coloured fill (a heat map cell, a risk level). */
export type Cell = string | { text: string; fill?: string; bold?: boolean };

export interface Column {
  key: string;
  title: string;
  /** Relative width (the renderers share the page width out in proportion). */
  width?: number;
}

/** Rows handed out in batches, so a 50,000-row register never sits in memory whole. */
export type RowSource = () => AsyncIterable<Cell[][]>;

export interface ChartSpec {
  /** An Apache ECharts option: the same builders the web app draws with (src/core/charts). */
  option: Record<string, unknown>;
  width: number;
  height: number;
}

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "fields"; rows: [string, string][] }
  | { kind: "list"; items: string[] }
  | { kind: "table"; id: string; title: string; columns: Column[]; rows: Cell[][] }
  | { kind: "stream-table"; id: string; title: string; columns: Column[]; rows: RowSource; count: number }
  | { kind: "chart"; id: string; title: string; chart: ChartSpec; alt: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface Approval {
  by: string;
  at: string;
  /** The SHA-256 the approval was given on (a gate's artifact hash, an issued version's hash). */
  hash: string;
}

export interface Branding {
  name: string;
  /** #rrggbb */
  colour: string;
  /** PNG or JPEG bytes, or null. */
  logo: { data: Uint8Array; type: "image/png" | "image/jpeg" } | null;
}

export interface DocumentControl {
  /** e.g. NW-SOA; stable per organization and deliverable. */
  identifier: string;
  title: string;
  /** "3" for an issued version, "draft" for a live rendering. */
  version: string;
  status: "Draft" | "Issued";
  owner: string;
  classification: string;
  approval: Approval | null;
  generatedAt: string;
  /** SHA-256 of the data the document was made from: the freshness fingerprint. */
  contentHash: string;
}

export interface DocumentModel {
  deliverableId: string;
  control: DocumentControl;
  branding: Branding;
  sections: Section[];
}

export const isTabular = (model: DocumentModel): boolean =>
  model.sections.some((s) => s.blocks.some((b) => b.kind === "table" || b.kind === "stream-table"));

/** A table of contents is worth its page from this many sections on (or any streamed register). */
export const TOC_MIN_SECTIONS = 4;
export const wantsToc = (model: DocumentModel): boolean =>
  model.sections.length >= TOC_MIN_SECTIONS || model.sections.some((s) => s.blocks.some((b) => b.kind === "stream-table"));

export const cellText = (cell: Cell): string => (typeof cell === "string" ? cell : cell.text);
export const cellFill = (cell: Cell): string | undefined => (typeof cell === "string" ? undefined : cell.fill);

/** Black or white text, whichever reads better on a fill (WCAG relative luminance). */
export function textOnFill(hex: string): "#000000" | "#ffffff" {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) return "#000000";
  const n = Number.parseInt(m[1], 16);
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
  return l > 0.179 ? "#000000" : "#ffffff";
}

/** Proportional column widths summing to `total` (each at least 1). */
export function shareWidths(columns: readonly Column[], total: number): number[] {
  const weights = columns.map((c) => (c.width && c.width > 0 ? c.width : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(1, (w / sum) * total));
}

/** A safe file name for a deliverable: identifier, version, extension. */
export function fileNameOf(control: Pick<DocumentControl, "identifier" | "version">, ext: string): string {
  const base = `${control.identifier}-v${control.version}`.replace(/[^A-Za-z0-9._-]+/g, "-");
  return `${base}.${ext}`;
}

/** Up to four capital letters from an organization's name, for document identifiers (NA for Northwind Analytics). */
export function orgPrefix(name: string): string {
  const words = name
    .replace(/^Demo:\s*/i, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const letters = words.map((w) => w[0]?.toUpperCase() ?? "").join("");
  return (letters || "ORG").slice(0, 4);
}
