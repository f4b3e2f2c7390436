import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { HttpProblem } from "./errors.js";

const PROBLEM_TYPE_BASE = "https://isms-workbench.dev/problems/";

interface FieldError {
  field: string;
  message: string;
}

/** Every error leaves as RFC 9457 problem details; nothing about the server's insides leaks. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, type: string, title: string, detail: string, extra: Record<string, unknown> = {}) =>
      reply
        .status(status)
        .type("application/problem+json")
        .send({ type: PROBLEM_TYPE_BASE + type, title, status, detail, instance: request.url.split("?")[0], ...extra });

    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value);
      const extra: Record<string, unknown> = {};
      if (error.extra.errors) extra.errors = error.extra.errors;
      if (error.extra.current !== undefined) extra.current = error.extra.current;
      return send(error.status, error.type, error.title, error.message, extra);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext === "querystring" ? "query" : (error.validationContext ?? "body");
      const errors: FieldError[] = error.validation.flatMap((v) => {
        const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
        const keys = (v.params as { keys?: string[] }).keys;
        if (v.keyword === "unrecognized_keys" && keys) {
          return keys.map((key) => ({ field: path ? `${path}.${key}` : key, message: "is not a known field" }));
        }
        return [{ field: path || where, message: v.message ?? "is invalid" }];
      });
      const summary = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
      return send(400, "validation", "Invalid request", `the request ${where} is invalid: ${summary}`, { errors });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      return send(500, "internal", "Internal error", "the server produced an invalid response; the error was logged");
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known: Record<string, [string, string]> = {
        FST_ERR_CTP_INVALID_JSON_BODY: ["malformed-json", "the request body is not valid JSON"],
        FST_ERR_CTP_EMPTY_JSON_BODY: ["malformed-json", "the request body is empty; send a JSON object"],
        FST_ERR_CTP_BODY_TOO_LARGE: [
          "body-too-large",
          `the request body is larger than the limit of ${sizeText(request.routeOptions.bodyLimit)}`,
        ],
        FST_ERR_CTP_INVALID_MEDIA_TYPE: ["unsupported-media-type", "send the body as application/json"],
        FST_ERR_CTP_INVALID_CONTENT_LENGTH: ["bad-request", "the Content-Length header does not match the body"],
      };
      const [type, detail] = known[error.code] ?? [status === 404 ? "not-found" : "bad-request", error.message];
      return send(status, type, titleFor(status), detail);
    }
    request.log.error({ err: error }, "unhandled error");
    return send(500, "internal", "Internal error", `an unexpected error occurred; it was logged with the request id ${request.id}`);
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type("application/problem+json")
      .send({
        type: `${PROBLEM_TYPE_BASE}not-found`,
        title: "Not found",
        status: 404,
        detail: `no route ${request.method} ${request.url.split("?")[0]}`,
      }),
  );
}

/** A byte count as people read it: "1 MiB", "43.7 MiB", "66 KiB". */
function sizeText(bytes: number | undefined): string {
  const kib = (bytes ?? 1024 * 1024) / 1024;
  if (kib < 1024) return `${Math.round(kib)} KiB`;
  const mib = kib / 1024;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    413: "Payload too large",
    415: "Unsupported media type",
  };
  return titles[status] ?? "Request error";
}
