import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";
import { registerAccessControl } from "./http/access.js";
import { registerInputGuard } from "./http/input-guard.js";
import { inputLimits } from "./http/limits.js";
import { registerProblemHandler } from "./http/problem-handler.js";
import { requestIdFor } from "./http/request-id.js";
import type { RouteModule } from "./http/routes.js";
import { registerSecurityHeaders, withStyleNonce } from "./http/security-headers.js";
import { AREAS } from "./modules/areas.js";
import { registerObservability } from "./observability/observability.routes.js";
import { projectRoot } from "./paths.js";
import { registerMergePatchParser } from "./registers/update-routes.js";
import { trustProxyOption } from "./security/trust-proxy.js";

/** Every area's API routes, in the order of the list of areas (src/server/modules/areas.ts). */
export const ROUTE_MODULES: readonly RouteModule[] = AREAS.flatMap((area) => area.routes ?? []);

export const API_PREFIX = "/api/v1";

export interface BuildOptions {
  db: Db;
  config: Config;
  logger?: FastifyServerOptions["logger"];
  /** Where the built web app lives; defaults to dist/web in the project. */
  webRoot?: string;
}

/** Secrets that may appear in a URL path are masked before a URL reaches the log. */
export const redactUrl = (url: string): string => url.replace(/\/(invites?)\/[A-Za-z0-9_-]{20,}/g, "/$1/[redacted]");

/** Builds the Fastify app without listening: used by main, the CLI, tests and benchmarks. */
export async function buildApp({
  db,
  config,
  logger,
  webRoot = join(projectRoot(), "dist", "web"),
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? {
      level: config.LOG_LEVEL,
      redact: ["req.headers.authorization", "req.headers.cookie", "res.headers['set-cookie']"],
      serializers: {
        req: (req) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
      },
    },
    genReqId: (req) => requestIdFor(req.headers["x-request-id"]),
    trustProxy: trustProxyOption(config.ISMS_TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerMergePatchParser(app);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  await app.register(cookie);
  registerSecurityHeaders(app);
  registerProblemHandler(app);
  registerInputGuard(app, inputLimits(config));
  registerAccessControl(app, db, {
    idleMinutes: config.ISMS_SESSION_IDLE_MINUTES,
    absoluteHours: config.ISMS_SESSION_ABSOLUTE_HOURS,
  });
  registerObservability(app, db, config);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "ISMS Workbench API",
        version: "1",
        description:
          "REST API of ISMS Workbench. Authenticate with `Authorization: Bearer <token>` (API tokens are created per organization in the web app or with `isms token create`), or with the session cookie plus the X-CSRF-Token header.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "an API token (isms_pat_…)" },
          session: { type: "apiKey", in: "cookie", name: "isms_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      for (const module of ROUTE_MODULES) module(typed, { db, config });
    },
    { prefix: API_PREFIX },
  );

  registerWebApp(app, webRoot);
  return app;
}

/** Serves the built single-page app; every non-API path falls back to index.html with this response's CSP nonce. */
function registerWebApp(app: FastifyInstance, webRoot: string): void {
  const indexPath = join(webRoot, "index.html");
  const built = existsSync(indexPath);
  const template = built ? readFileSync(indexPath, "utf8") : null;
  if (built) {
    app.register(fastifyStatic, { root: webRoot, index: false, wildcard: false, prefix: "/" });
    app.get("/assets/*", { schema: { hide: true } }, (request, reply) => {
      reply.header("cache-control", "public, max-age=31536000, immutable");
      return reply.sendFile(`assets/${(request.params as { "*": string })["*"]}`);
    });
  }
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith("/api/")) {
      return reply
        .status(404)
        .type("application/problem+json")
        .send({
          type: "https://isms-workbench.dev/problems/not-found",
          title: "Not found",
          status: 404,
          detail: `no route GET ${request.url.split("?")[0]}`,
        });
    }
    if (!template) return reply.type("text/plain").send("The web app is not built yet: run `npm run build`, then restart.");
    const nonce = withStyleNonce(reply);
    reply.header("cache-control", "no-store");
    return reply.type("text/html").send(template.replaceAll("__CSP_NONCE__", nonce));
  });
}
