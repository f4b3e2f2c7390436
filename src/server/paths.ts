import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The folder holding package.json, whether running from src/ (tests, tsx) or dist/ (built). */
export function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the project root");
    dir = parent;
  }
  return dir;
}
