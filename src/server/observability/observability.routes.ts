import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { type Db, ping } from "../db/database.js";

/** Liveness, readiness and Prometheus metrics, outside /api so probes need no credentials. */
export function registerObservability(app: FastifyInstance, db: Db): void {
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

  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
