#!/usr/bin/env node
// The `isms` command. `npm install` builds dist/ (the prepare script).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("isms: the project is not built yet; run `npm run build` first\n");
  process.exit(1);
}
await import(entry.href);
