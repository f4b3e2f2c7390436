import type { FastifyInstance } from "fastify";
import { passwordProblem } from "../core/passwords/password-rules.js";
import { buildApp } from "./app.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { withWrite } from "./db/audited.js";
import type { Db } from "./db/database.js";
import { openConfiguredDatabase, prepareDatabase } from "./db/open.js";
import { recoverInterrupted } from "./imports/import.service.js";
import { JOBS } from "./jobs/jobs.js";
import { createJobRunner } from "./jobs/runner.js";
import { countUsers, createUser } from "./modules/users/index.js";

const ADMIN_NAME = "Administrator";

/** Creates the first administrator from ISMS_ADMIN_EMAIL / ISMS_ADMIN_PASSWORD when no user exists yet. */
export async function bootstrapAdmin(db: Db, config: Config): Promise<boolean> {
  if (!config.ISMS_ADMIN_EMAIL || !config.ISMS_ADMIN_PASSWORD) return false;
  if ((await countUsers(db)) > 0) return false;
  // Judged only when it is used: a start with accounts in place ignores these settings.
  const problem = await passwordProblem(config.ISMS_ADMIN_PASSWORD, { email: config.ISMS_ADMIN_EMAIL, displayName: ADMIN_NAME });
  if (problem) throw new ConfigError(`invalid configuration: ISMS_ADMIN_PASSWORD ${problem}`);
  await withWrite(db, { actor: { type: "system", id: null }, requestId: null, ip: null }, (ctx) =>
    createUser(ctx, {
      email: config.ISMS_ADMIN_EMAIL as string,
      displayName: ADMIN_NAME,
      password: config.ISMS_ADMIN_PASSWORD as string,
      isInstanceAdmin: true,
    }),
  );
  return true;
}

/** Reads configuration, migrates, listens, and shuts down gracefully on SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<FastifyInstance> {
  const db = openConfiguredDatabase(config);
  const { signed } = await prepareDatabase(db);
  // Commits a crash interrupted: rolled back by the database, committable again.
  const interrupted = await recoverInterrupted(db);
  const app = await buildApp({ db, config });
  if (db.auditKey?.createdFile) {
    app.log.warn(
      { keyFile: db.auditKey.createdFile, keyId: db.auditKey.id, signedChains: signed.length },
      "made a new audit signing key: keep it safe and back it up apart from the database (docs/security.md)",
    );
  }
  if (!db.auditKey) {
    app.log.warn(
      "no audit key is configured (ISMS_AUDIT_KEY_FILE): audit chain heads are not signed, so a chain rewritten in the database is not detected",
    );
  }
  if (interrupted > 0)
    app.log.warn({ imports: interrupted }, "import commits interrupted by the last stop were rolled back; they can be committed again");
  if (await bootstrapAdmin(db, config))
    app.log.info({ email: config.ISMS_ADMIN_EMAIL }, "created the first administrator from ISMS_ADMIN_EMAIL");
  const jobs = createJobRunner(db, JOBS, {
    connectionString: config.DATABASE_URL,
    onError: (error) => app.log.error({ err: error }, "a scheduled job failed"),
  });
  await jobs.start();
  app.log.info({ runner: jobs.kind, jobs: JOBS.map((j) => j.name) }, "scheduled jobs started");
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing open requests");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await jobs.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  await app.listen({ port: config.PORT, host: config.HOST });
  const shown = config.HOST === "127.0.0.1" || config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  app.log.info({ database: db.dialect }, `ISMS Workbench is ready at http://${shown}:${config.PORT}`);
  return app;
}

export function exitOnConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`isms: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`isms: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  try {
    await serve(loadConfig());
  } catch (err) {
    exitOnConfigError(err);
  }
}
