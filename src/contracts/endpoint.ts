import type { z } from "zod";
import type { AreaPolicy } from "../core/access/policy.js";

/**
 * One endpoint described once: method, path, the schemas of its path parameters, query, body and
 * response, who may call it and what it does. The server registers its route from this
 * description (src/server/http/endpoint.ts), the OpenAPI document follows from the route, and
 * the typed client (src/contracts/client.ts) used by the CLI and the web app is derived from it.
 */

/** Who may call a route; the server's access hook enforces it (src/server/http/access.ts). */
export type Access =
  | { kind: "public" }
  | { kind: "user" }
  // A signed-in person with a cookie session: account routes, which an API token must not reach.
  | { kind: "session" }
  | { kind: "instance-admin" }
  // biome-ignore lint/suspicious/noExplicitAny: any area's policy
  | { kind: "org"; policy: AreaPolicy<any>; action: string };

export const access = {
  public: { kind: "public" } as Access,
  user: { kind: "user" } as Access,
  session: { kind: "session" } as Access,
  instanceAdmin: { kind: "instance-admin" } as Access,
  org: <A extends string>(policy: AreaPolicy<A>, action: A): Access => ({ kind: "org", policy, action }),
};

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A response that is a file (an attachment), not JSON: the client hands back the raw response. */
export interface FileResponse {
  kind: "file";
  /** The media types the file may have (declared in the OpenAPI document). */
  mediaTypes: [string, ...string[]];
}
export const fileResponse = (...mediaTypes: [string, ...string[]]): FileResponse => ({ kind: "file", mediaTypes });

export interface Endpoint<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | FileResponse = z.ZodType | FileResponse,
> {
  method: HttpMethod;
  /** The path under /api/v1, with `:name` parameters, e.g. `/orgs/:orgId/risks`. */
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** The success status (200 unless said). */
  status?: number;
  access: Access;
  summary: string;
  tags: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: any endpoint
export type AnyEndpoint = Endpoint<any, any, any, any>;

/** Describes an endpoint; the literal types are kept so that clients and handlers are typed from it. */
export function defineEndpoint<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType | FileResponse = z.ZodType,
>(endpoint: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return endpoint;
}

type Present<S> = Exclude<S, undefined>;
type Has<S> = [Present<S>] extends [never] ? false : true;
type OutputOf<S> = Has<S> extends true ? (Present<S> extends z.ZodType ? z.output<Present<S>> : undefined) : undefined;

/** What a caller gives: the path parameters, query and body, each only when the endpoint has it. */
export type EndpointInput<E extends AnyEndpoint> = (Has<E["params"]> extends true
  ? { params: z.input<Present<E["params"]>> }
  : { params?: never }) &
  (Has<E["query"]> extends true ? { query?: Partial<z.input<Present<E["query"]>>> } : { query?: never }) &
  (Has<E["body"]> extends true ? { body: z.input<Present<E["body"]>> } : { body?: never });

/** What a caller gets back: the parsed JSON, or the raw response of a file download. */
export type EndpointOutput<E extends AnyEndpoint> = E["response"] extends z.ZodType ? z.output<E["response"]> : Response;

/** What the server's handler receives (validated and transformed) and returns (before serialization). */
export type HandlerParams<E extends AnyEndpoint> = OutputOf<E["params"]>;
export type HandlerQuery<E extends AnyEndpoint> = OutputOf<E["query"]>;
export type HandlerBody<E extends AnyEndpoint> = OutputOf<E["body"]>;
export type HandlerResult<E extends AnyEndpoint> = E["response"] extends z.ZodType ? z.input<E["response"]> : unknown;

/** The path with its parameters filled in, each encoded; a parameter left out is an error. */
export function endpointPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${path}: the path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}

/** The query string of a request: undefined values left out, arrays repeated. */
export function endpointQuery(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
