/** A row of a file under its header, with its number in the file (the header is row 1). */
export interface TableRow {
  row: number;
  cells: string[];
}

/** A file as text cells, as every format reads into. */
export interface Table {
  header: string[];
  /**
   * The rows under the header, a chunk at a time, read anew from the file on each call: a large
   * file is never held as cells, only as its bytes. Rows a spreadsheet leaves out are not
   * produced (a row's number says where it is). A file that turns out unreadable part way
   * throws UnreadableFile from here; one past a limit, the limit's refusal.
   */
  rows(): AsyncIterable<TableRow[]>;
}

/** A file that cannot be read as a table at all. */
export class UnreadableFile extends Error {}
