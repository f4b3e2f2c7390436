// A server process for the throughput benchmark: the real app, or a bare Fastify route that
process.once("SIGINT", () => process.exit(0));
process.once("SIGTERM", () => process.exit(0));

// returns the same JSON without authentication or database. Prints its URL, then waits.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { buildApp } from "../src/server/app.js";
import { testConfig } from "../src/server/config.js";
import { openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";

const [mode, databaseUrl, payloadFile] = process.argv.slice(2);

if (mode === "bare") {
  const { readFileSync } = await import("node:fs");
  const payload = JSON.parse(readFileSync(payloadFile as string, "utf8"));
  const app = Fastify({ logger: false });
  app.get("/bare", async () => payload);
  await app.listen({ port: 0, host: "127.0.0.1" });
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })}\n`);
} else {
  const url = databaseUrl ?? `sqlite:${join(mkdtempSync(join(tmpdir(), "isms-bench-")), "bench.sqlite")}`;
  const db = openDatabase(url, process.env.ISMS_DB_SCHEMA ? { schema: process.env.ISMS_DB_SCHEMA } : {});
  await migrateToLatest(db);
  const app = await buildApp({ db, config: testConfig(), logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })}\n`);
}
