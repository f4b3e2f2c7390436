import type { Config } from "../config.js";
import { HttpProblem } from "./errors.js";

/**
 * How far an upload may expand, checked while it is read so that nothing beyond a limit is ever
 * allocated: a file past one is refused with a 4xx naming the limit and its setting.
 */
export interface InputLimits {
  /** The uploaded file's bytes (a CSV, or an XLSX archive as sent). */
  fileBytes: number;
  /** Data rows under the header; in a spreadsheet, also the highest row number less one. */
  rows: number;
  /** Columns of any row; in a spreadsheet, also the highest column position. */
  columns: number;
  /** Characters of one cell. */
  cellChars: number;
  /** Cells of a spreadsheet altogether, empty ones written in the file included. */
  cells: number;
  /** Entries of an archive (XLSX). */
  archiveEntries: number;
  /** What an archive's entries inflate to, each and all together, as they declare and as they are read. */
  uncompressedBytes: number;
  /** How many times larger than its compressed bytes an archive entry of over 1 MiB may inflate. */
  compressionRatio: number;
  /** Nesting of a JSON request body, and of a catalog file's YAML or JSON. */
  depth: number;
}

/** The setting that sets each limit. */
export const LIMIT_SETTINGS: Record<keyof InputLimits, keyof Config> = {
  fileBytes: "ISMS_UPLOAD_MAX_BYTES",
  rows: "ISMS_UPLOAD_MAX_ROWS",
  columns: "ISMS_UPLOAD_MAX_COLUMNS",
  cellChars: "ISMS_UPLOAD_MAX_CELL_CHARS",
  cells: "ISMS_UPLOAD_MAX_CELLS",
  archiveEntries: "ISMS_UPLOAD_MAX_ARCHIVE_ENTRIES",
  uncompressedBytes: "ISMS_UPLOAD_MAX_UNCOMPRESSED_BYTES",
  compressionRatio: "ISMS_UPLOAD_MAX_COMPRESSION_RATIO",
  depth: "ISMS_INPUT_MAX_DEPTH",
};

export function inputLimits(config: Config): InputLimits {
  return Object.fromEntries(
    Object.entries(LIMIT_SETTINGS).map(([name, setting]) => [name, config[setting] as number]),
  ) as unknown as InputLimits;
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * A refusal naming the limit: "the file has more than 200,000 rows (limit ISMS_UPLOAD_MAX_ROWS
 * = 200,000)". `what` says what went past it; `field` is the request field that carried it.
 * Sizes and counts are 413 (content too large), nesting is 400 (the shape is refused).
 */
export function limitExceeded(limits: InputLimits, name: keyof InputLimits, what: string, field = "contentBase64"): HttpProblem {
  const setting = LIMIT_SETTINGS[name];
  const message = `${what} (limit ${setting} = ${count(limits[name])})`;
  const status = name === "depth" ? 400 : 413;
  return new HttpProblem(status, "limit-exceeded", "Limit exceeded", message, { errors: [{ field, message }] });
}
