import type { z } from "zod";
import { ApiError, createClient } from "../../contracts/client";
import { type Problem, ProblemSchema } from "../../contracts/common";
import { type AnyEndpoint, type EndpointInput, type EndpointOutput, endpointPath, endpointQuery } from "../../contracts/endpoint";

export { ApiError };

const API_BASE = "/api/v1";

const problemError = (problem: Problem): ApiError => new ApiError(problem.status, problem);

/** A problem found before sending, shaped like the server's so forms show both the same way. */
export function validationError(errors: { field: string; message: string }[], detail = "check the highlighted fields"): ApiError {
  return problemError({ type: "client-validation", title: "Invalid input", status: 400, detail, errors });
}

/** Checks form values against the API's own contract schema before they are sent. */
export function parseWith<S extends z.ZodType>(schema: S, values: unknown): z.output<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  throw validationError(result.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })));
}

/**
 * Checks form values like `parseWith`, then keeps only the fields the form holds (and the
 * version): the body of a PATCH, which leaves every field the form does not show as it is.
 */
export function patchWith<S extends z.ZodType>(schema: S, values: Record<string, unknown>): Partial<z.output<S>> {
  const parsed = parseWith(schema, values) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => key in values)) as Partial<z.output<S>>;
}

let csrfToken: string | null = null;

/** The session's CSRF token, learnt from /auth/me or from the response that started the session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for requests made outside `request` (an upload with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

let sessionEnded: () => void = () => {};

/** Called when a signed-in request is refused with 401: the session expired, was revoked, or the user was disabled. */
export function onSessionEnded(handler: () => void): void {
  sessionEnded = handler;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /**
   * For calls that work without a session (sign-in, setup, invitations): a 401 there is an
   * answer for the form, not a sign that the session ended.
   */
  anonymous?: boolean;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: "unexpected-response",
    title: response.statusText || "Request failed",
    status: response.status,
    detail: `the server answered with status ${response.status}`,
  };
  if (!(response.headers.get("content-type") ?? "").includes("json")) return fallback;
  const parsed = ProblemSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : fallback;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(API_BASE + path + queryString(options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  if (response.ok) return (await response.json()) as T;
  const problem = await readProblem(response);
  if (response.status === 401 && !options.anonymous) sessionEnded();
  throw problemError(problem);
}

const networkError = (): ApiError =>
  problemError({
    type: "network",
    title: "Network error",
    status: 0,
    detail: "the server could not be reached; check your connection and try again",
  });

/**
 * The typed client derived from the endpoint contracts (src/contracts): the session cookie and
 * CSRF token go with every call. Every JSON response is checked against its contract: in
 * development a mismatch throws; in production it is reported on the console (which the browser
 * tests treat as a failure) and the data is used as sent.
 */
const typedClient = createClient(
  async (input, init) => {
    try {
      return await fetch(input, init);
    } catch {
      throw networkError();
    }
  },
  "",
  null,
  {
    credentials: "same-origin",
    headers: (): Record<string, string> => (csrfToken ? { "x-csrf-token": csrfToken } : {}),
    validate: import.meta.env.DEV,
    onContractMismatch: (error) => console.error(error.message),
  },
);

export interface CallOptions {
  /** As in `RequestOptions`: a 401 answers the form instead of ending the session. */
  anonymous?: boolean;
}

/** Calls one endpoint by its contract: `call(riskEndpoints.list, { params: { orgId } })`. */
export async function call<E extends AnyEndpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: CallOptions = {},
): Promise<EndpointOutput<E>> {
  try {
    return await typedClient.call(endpoint, input);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !options.anonymous) sessionEnded();
    throw error;
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("POST", path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>("PUT", path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>("PATCH", path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>("DELETE", path, undefined, options),
};

/**
 * Where a browser link downloads a file endpoint (`<a href download>`): the contract's path with
 * its parameters filled in, and the query; the session cookie goes with the link.
 */
export function endpointHref<E extends AnyEndpoint>(endpoint: E, input: EndpointInput<E>): string {
  return API_BASE + endpointPath(endpoint.path, input.params) + endpointQuery(input.query);
}

/** Sends a file's bytes as the raw request body (evidence uploads), with the session's CSRF token; answers like `request`. */
export async function sendFile<T>(path: string, file: Blob, query: Record<string, QueryValue>): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/octet-stream" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(API_BASE + path + queryString(query), { method: "POST", headers, credentials: "same-origin", body: file });
  } catch {
    throw problemError({
      type: "network",
      title: "Network error",
      status: 0,
      detail: "the upload was cut off before the server answered; check the file's size and your connection, and try again",
    });
  }
  if (response.ok) return (await response.json()) as T;
  const problem = await readProblem(response);
  if (response.status === 401) sessionEnded();
  throw problemError(problem);
}

/** Server messages are lower-case fragments ("must be an email address"); the UI shows them as sentences. */
export function sentence(text: string, endWithPeriod = true): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return endWithPeriod && !/[.!?]$/.test(capitalised) ? `${capitalised}.` : capitalised;
}

/** A write refused because the record changed since it was read: the 409 carries the record as it is now. */
export function isStaleVersion(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.problem.current !== undefined;
}

export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [field, sentence(message, false)]));
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return sentence(error.problem.detail);
  return "Something went wrong. Try again.";
}
