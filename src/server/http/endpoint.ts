import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { fileDownload } from "../../contracts/common.js";
import type { AnyEndpoint, HandlerBody, HandlerParams, HandlerQuery, HandlerResult } from "../../contracts/endpoint.js";
import type { ZodApp } from "./routes.js";

export type EndpointRequest<E extends AnyEndpoint> = FastifyRequest<{
  Params: HandlerParams<E>;
  Querystring: HandlerQuery<E>;
  Body: HandlerBody<E>;
}>;

export type EndpointHandler<E extends AnyEndpoint> = (
  request: EndpointRequest<E>,
  reply: FastifyReply,
) => Promise<HandlerResult<E> | FastifyReply> | HandlerResult<E> | FastifyReply;

/**
 * Registers the route an endpoint contract describes: its method, path, schemas, access rule
 * and summary come from the contract, so the server, the OpenAPI document and the typed client
 * cannot drift apart. A status other than 200 is sent by the handler (`reply.status(...)`).
 */
export function serveEndpoint<E extends AnyEndpoint>(
  app: ZodApp,
  endpoint: E,
  handler: EndpointHandler<E>,
  options: { bodyLimit?: number; attachValidation?: boolean } = {},
): void {
  const response =
    endpoint.response instanceof z.ZodType
      ? { response: { [endpoint.status ?? 200]: endpoint.response } }
      : fileDownload(...(endpoint.response as { mediaTypes: [string, ...string[]] }).mediaTypes);
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    config: { access: endpoint.access },
    ...options,
    schema: {
      tags: endpoint.tags,
      summary: endpoint.summary,
      // Account routes take the session cookie only: an API token gets 403 session-required.
      ...(endpoint.access.kind === "session" ? { security: [{ session: [] }] } : {}),
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { querystring: endpoint.query } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      ...response,
    },
    // The handler's types come from the contract; Fastify's own inference cannot see through the generic.
    handler: handler as never,
  });
}
