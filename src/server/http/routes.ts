import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Deps {
  db: Db;
  config: Config;
}

/** One module per area registers its routes through this signature. */
export type RouteModule = (app: ZodApp, deps: Deps) => void;

export const problemResponses = (schema: unknown, ...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, schema]));
