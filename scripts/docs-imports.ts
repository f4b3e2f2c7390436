/**
 * Writes docs/import-formats.md, the column reference of every importable register, from the
 * column definitions the importer uses (`npm run docs:imports`). A test fails while the committed
 * page differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { DEFAULT_VALUATION_SCALE } from "../src/core/assets/valuation.js";
import { importFormatsMarkdown } from "../src/core/imports/guide.js";

const doc = new URL("../docs/import-formats.md", import.meta.url);
writeFileSync(doc, importFormatsMarkdown(DEFAULT_VALUATION_SCALE));
process.stdout.write(`wrote ${doc.pathname}\n`);
