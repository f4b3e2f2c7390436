import type { FastifyInstance } from "fastify";
import { badRequest } from "./errors.js";

/** Finds the first string holding a NUL character, by its path. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(key, path) ?? findNul(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store NUL in text and SQLite truncates at it in places, so it is refused
 * at the edge for both: the same input gets the same answer on either database.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    for (const [where, value] of [
      ["params", request.params],
      ["query", request.query],
      ["body", request.body],
    ] as const) {
      const field = findNul(value, "");
      if (field !== null) {
        const name = field || where;
        throw badRequest(`the request ${where} contains a NUL character in ${name}`, [
          { field: name, message: "must not contain a NUL character" },
        ]);
      }
    }
  });
}
