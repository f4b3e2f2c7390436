#!/usr/bin/env node
// Builds catalogs/iso27001-2022.json, the ISO/IEC 27001:2022 reference the product ships, from the
// reference table in catalogs/source (a copy of the project's shared domain table, identifiers
// and short titles only, kept in the repository so that a lone clone builds and tests). The
// product reads only the JSON, which is committed; src/core/gap/reference.test.ts fails when it
// no longer matches this script's output.
//
//   node scripts/build-iso27001-reference.mjs [table.tsv]            writes the JSON
//   node scripts/build-iso27001-reference.mjs [table.tsv] --stdout   prints it instead
//
// Identifiers and short titles only: the standard's own text is copyrighted and never shipped,
// so the script refuses any column it does not know rather than pass it through.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const DEFAULT_TABLE = join(ROOT, "catalogs", "source", "iso27001-2022-reference.tsv");
const OUTPUT = join(ROOT, "catalogs", "iso27001-2022.json");

const COLUMNS = ["kind", "id", "short_title", "theme", "new_in_2022"];
// Annex A groups its controls by theme in sections A.5 to A.8.
const THEMES = { 5: "organizational", 6: "people", 7: "physical", 8: "technological" };
const CLAUSE_ID = /^(?:[4-9]|10)(?:\.\d{1,2}){0,2}$/;
const CONTROL_ID = /^[5-8]\.\d{1,2}$/;

function fail(line, message) {
  throw new Error(`line ${line}: ${message}`);
}

/** The reference as the product ships it, from the text of the shared table. */
function buildReference(tsv) {
  const clauses = [];
  const controls = [];
  const seen = new Set();
  let header = false;
  for (const [index, raw] of tsv.split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    const cells = raw.split("\t").map((cell) => cell.trim());
    if (!header) {
      if (cells.join(",") !== COLUMNS.join(",")) fail(line, `expected the columns ${COLUMNS.join(", ")}, found ${cells.join(", ")}`);
      header = true;
      continue;
    }
    if (cells.length !== COLUMNS.length) fail(line, `expected ${COLUMNS.length} columns, found ${cells.length}`);
    const [kind, id, title, theme, newIn2022] = cells;
    if (title === "") fail(line, `${id} has no short title`);
    if (kind === "clause") {
      if (!CLAUSE_ID.test(id)) fail(line, `"${id}" is not a clause number between 4 and 10`);
      if (theme !== "" || newIn2022 !== "") fail(line, `clause ${id} must leave the Annex A columns empty`);
      const parent = id.includes(".") ? id.slice(0, id.lastIndexOf(".")) : null;
      if (parent !== null && !seen.has(parent)) fail(line, `clause ${id} comes before its parent ${parent}`);
      if (seen.has(id)) fail(line, `clause ${id} is listed twice`);
      seen.add(id);
      clauses.push({ id, title, parent });
    } else if (kind === "control") {
      if (!CONTROL_ID.test(id)) fail(line, `"${id}" is not an Annex A control number such as 5.1`);
      const controlId = `A.${id}`;
      const expected = THEMES[id.split(".")[0]];
      if (theme.toLowerCase() !== expected)
        fail(line, `control ${controlId} is in section A.${id.split(".")[0]}, theme ${expected}, not "${theme}"`);
      if (newIn2022 !== "yes" && newIn2022 !== "no") fail(line, `control ${controlId}: new_in_2022 must be yes or no`);
      if (seen.has(controlId)) fail(line, `control ${controlId} is listed twice`);
      seen.add(controlId);
      controls.push({ id: controlId, title, theme: expected, newIn2022: newIn2022 === "yes" });
    } else {
      fail(line, `unknown kind "${kind}"`);
    }
  }
  if (!header) throw new Error("the table has no header line");
  return { id: "iso27001-2022", title: "ISO/IEC 27001:2022", clauses, controls };
}

// Biome's line width: an item that does not fit on one line is written one field per line.
const LINE_WIDTH = 140;

/** One item per line where it fits, in the layout Biome keeps, so the committed file is formatted as generated. */
function formatReference(reference) {
  const list = (items) =>
    items
      .map((item, i) => {
        const fields = Object.entries(item).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
        const comma = i < items.length - 1 ? "," : "";
        const line = `    { ${fields.join(", ")} }${comma}`;
        return line.length <= LINE_WIDTH ? line : `    {\n${fields.map((f) => `      ${f}`).join(",\n")}\n    }${comma}`;
      })
      .join("\n");
  return [
    "{",
    `  "id": ${JSON.stringify(reference.id)},`,
    `  "title": ${JSON.stringify(reference.title)},`,
    '  "clauses": [',
    list(reference.clauses),
    "  ],",
    '  "controls": [',
    list(reference.controls),
    "  ]",
    "}",
    "",
  ].join("\n");
}

const args = process.argv.slice(2);
const table = args.find((a) => !a.startsWith("--")) ?? DEFAULT_TABLE;
const text = formatReference(buildReference(readFileSync(table, "utf8")));
if (args.includes("--stdout")) process.stdout.write(text);
else {
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${OUTPUT}`);
}
