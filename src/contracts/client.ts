import { z } from "zod";
import { ProblemSchema } from "./common.js";
import { type AnyEndpoint, type EndpointInput, type EndpointOutput, endpointPath, endpointQuery } from "./endpoint.js";

/** A problem+json answer (or any other error status) from the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: z.infer<typeof ProblemSchema>,
  ) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
  }

  /** The per-field messages, keyed by the field's name in the request body. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

/** A response that does not match the endpoint's contract: the server and the caller have drifted apart. */
export class ContractError extends Error {}

export interface ClientOptions {
  /** Check every JSON response against the endpoint's response schema (development and tests). */
  validate?: boolean;
  /** Extra headers on every request (e.g. the web app's CSRF token). */
  headers?: () => Record<string, string>;
  /** fetch's credentials mode (the web app sends its session cookie). */
  credentials?: RequestCredentials;
  /**
   * What to do with a response that does not match its contract when `validate` is off for
   * throwing: the web app in production reports it and carries on with the data as sent.
   */
  onContractMismatch?: (error: ContractError, json: unknown) => void;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClient {
  /** Calls one endpoint: typed path parameters, query and body in; the typed response out. */
  call<E extends AnyEndpoint>(endpoint: E, input: EndpointInput<E>): Promise<EndpointOutput<E>>;
}

async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: described below from the status alone
  }
  const parsed = ProblemSchema.safeParse(body);
  if (parsed.success) return new ApiError(response.status, parsed.data);
  return new ApiError(response.status, {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: `the server answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`,
  });
}

/**
 * The typed client derived from the endpoint contracts: `baseUrl` is the server's origin (or ""
 * for the same origin), `token` an API token sent as a bearer (or null with a session cookie).
 */
export function createClient(fetcher: FetchLike, baseUrl: string, token: string | null, options: ClientOptions = {}): ApiClient {
  const root = `${baseUrl.replace(/\/+$/, "")}/api/v1`;
  return {
    async call<E extends AnyEndpoint>(endpoint: E, input: EndpointInput<E>): Promise<EndpointOutput<E>> {
      const { params, query, body } = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
      const url = `${root}${endpointPath(endpoint.path, params)}${endpointQuery(query)}`;
      const headers: Record<string, string> = { accept: "application/json", ...options.headers?.() };
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await fetcher(url, {
        method: endpoint.method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      });
      if (!response.ok) throw await problemOf(response);
      const schema = endpoint.response;
      if (!(schema instanceof z.ZodType)) return response as EndpointOutput<E>;
      const json: unknown = response.status === 204 ? undefined : await response.json();
      if (!options.validate && !options.onContractMismatch) return json as EndpointOutput<E>;
      const checked = schema.safeParse(json);
      if (!checked.success) {
        const error = new ContractError(
          `${endpoint.method} ${endpoint.path}: the response does not match its contract: ${checked.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join(".") || "(root)"} ${i.message}`)
            .join("; ")}`,
        );
        if (options.validate || !options.onContractMismatch) throw error;
        options.onContractMismatch(error, json);
        return json as EndpointOutput<E>;
      }
      return checked.data as EndpointOutput<E>;
    },
  };
}
