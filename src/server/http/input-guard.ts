import type { FastifyInstance } from "fastify";
import { findString, jsonNestingExceeds } from "../../core/input/nesting.js";
import { badRequest } from "./errors.js";
import { type InputLimits, limitExceeded } from "./limits.js";

const hasNul = (text: string) => text.includes("\u0000");

/**
 * Guards every route, signed in or not, against request shapes that would hurt the server or
 * reach the database unchecked:
 * - a JSON body nested deeper than the limit is refused before it is parsed (parsing it would
 *   take seconds and memory, and a recursive walk over it would overflow the stack);
 * - NUL characters are refused, since PostgreSQL cannot store them in text and SQLite truncates
 *   at them in places: the same input gets the same answer on either database.
 */
export function registerInputGuard(app: FastifyInstance, limits: InputLimits): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (jsonNestingExceeds(body as string, limits.depth)) {
      done(limitExceeded(limits, "depth", `the request body nests arrays and objects more than ${limits.depth} levels deep`, "body"));
      return;
    }
    parseJson(request, body as string, done);
  });

  app.addHook("preValidation", async (request) => {
    for (const [where, value] of [
      ["params", request.params],
      ["query", request.query],
      ["body", request.body],
    ] as const) {
      const field = findString(value, hasNul);
      if (field !== null) {
        const name = field || where;
        throw badRequest(`the request ${where} contains a NUL character in ${name}`, [
          { field: name, message: "must not contain a NUL character" },
        ]);
      }
    }
  });
}
