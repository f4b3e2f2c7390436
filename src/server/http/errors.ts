/** Errors the app raises on purpose; the error handler turns each into RFC 9457 problem details. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly extra: { errors?: { field: string; message: string }[]; current?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new HttpProblem(404, "not-found", "Not found", `${what} was not found`);
export const forbidden = (detail = "your role does not allow this action") => new HttpProblem(403, "forbidden", "Forbidden", detail);
export const unauthorized = (detail = "sign in or send an API token") => new HttpProblem(401, "unauthorized", "Unauthorized", detail);
export const badRequest = (detail: string, errors?: { field: string; message: string }[]) =>
  new HttpProblem(400, "validation", "Invalid request", detail, errors ? { errors } : {});
export const conflict = (detail: string, current?: unknown) =>
  new HttpProblem(409, "conflict", "Conflict", detail, current === undefined ? {} : { current });
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, "rate-limited", "Too many requests", detail, { headers: { "retry-after": String(retryAfterSeconds) } });
