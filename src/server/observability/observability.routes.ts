import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { type Config, DEFAULT_METRICS_PORT, metricsMode } from "../config.js";
import { type Db, ping } from "../db/database.js";
import { safeEqual } from "../security/hashing.js";

declare module "fastify" {
  interface FastifyInstance {
    /** Where the separate metrics listener answers (ISMS_METRICS=port), once the app listens. */
    metricsAddress: () => AddressInfo | null;
  }
}

/**
 * Liveness, readiness and Prometheus metrics, outside /api so probes need no credentials.
 * Metrics name every route and reveal load and process details, so they are off unless
 * configured: behind a bearer token on the app's port, or on a listener of their own.
 */
export function registerObservability(app: FastifyInstance, db: Db, config: Config): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "isms_" });
  const duration = new Histogram({
    name: "isms_http_request_duration_seconds",
    help: "HTTP request duration by route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: "isms_http_server_errors_total",
    help: "Responses with status 5xx",
    labelNames: ["route"],
    registers: [registry],
  });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc({ route });
  });

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));

  app.get("/readyz", { schema: { hide: true } }, async (request, reply) => {
    try {
      await ping(db);
      return { status: "ready", database: db.dialect };
    } catch (err) {
      request.log.warn({ err }, "readiness check failed");
      return reply.status(503).send({ status: "unavailable", database: db.dialect });
    }
  });

  const mode = metricsMode(config);
  let listener: Server | null = null;
  app.decorate("metricsAddress", () => (listener?.address() as AddressInfo | null) ?? null);

  if (mode === "token") {
    const expected = `Bearer ${config.ISMS_METRICS_TOKEN}`;
    app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
      const sent = request.headers.authorization;
      if (typeof sent !== "string" || !safeEqual(sent, expected)) {
        reply.header("www-authenticate", 'Bearer realm="metrics"');
        return reply.status(401).type("text/plain").send("metrics need the bearer token set in ISMS_METRICS_TOKEN\n");
      }
      reply.type(registry.contentType);
      return registry.metrics();
    });
  } else {
    // Not served here: a clear 404 rather than the web app's fallback page.
    app.get("/metrics", { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(404)
        .type("text/plain")
        .send(mode === "off" ? "metrics are off (see ISMS_METRICS)\n" : "metrics are served on their own port (ISMS_METRICS_PORT)\n"),
    );
  }

  if (mode === "port") {
    app.addHook("onListen", async () => {
      listener = createServer((req, res) => {
        if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
          return;
        }
        registry.metrics().then(
          (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
          (err: unknown) => {
            app.log.error({ err }, "metrics failed");
            res.writeHead(500).end();
          },
        );
      });
      const server = listener;
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.ISMS_METRICS_PORT ?? DEFAULT_METRICS_PORT, config.ISMS_METRICS_HOST, () => resolve());
      });
      app.log.info({ address: server.address() }, "metrics listener is ready");
    });
    app.addHook("onClose", async () => {
      const server = listener;
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    });
  }
}
