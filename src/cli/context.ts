import { type Command, InvalidArgumentError } from "commander";
import type { z } from "zod";
import { type Config, ConfigError, loadConfig } from "../server/config.js";
import type { WriteMeta } from "../server/db/audited.js";
import type { Db } from "../server/db/database.js";
import { openConfiguredDatabase, prepareDatabase } from "../server/db/open.js";

export interface Writer {
  write(chunk: string): unknown;
}

/** Everything a command touches of the outside world, so tests run the CLI in-process. */
export interface CliIo {
  stdout: Writer;
  stderr: Writer;
  stdin: AsyncIterable<string | Uint8Array>;
  env: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An expected error: printed as one line, without a stack, and ending the command with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: typeof EXIT_FAILURE | typeof EXIT_USAGE,
  ) {
    super(message);
  }
}

export const failure = (message: string) => new CliError(message, EXIT_FAILURE);
export const usageError = (message: string) => new CliError(message, EXIT_USAGE);

/** A commander argument parser that validates with a contract schema; commander names the option in the message. */
export function parseWith<S extends z.ZodType>(schema: S): (value: string) => z.output<S> {
  return (value) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new InvalidArgumentError(result.error.issues[0]?.message ?? "is not valid");
    return result.data;
  };
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The server's configuration plus ISMS_DB_SCHEMA, a testing aid: it points the CLI at one
 * PostgreSQL schema (tests give each file its own). It goes into the connection's search_path,
 * hence the strict identifier check.
 */
export function readConfig(env: CliIo["env"]): { config: Config; schema: string | undefined } {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) throw usageError(err.message);
    throw err;
  }
  const schema = env.ISMS_DB_SCHEMA || undefined;
  if (schema === undefined) return { config, schema };
  if (!SCHEMA_NAME.test(schema)) throw usageError("invalid configuration: ISMS_DB_SCHEMA must be a plain SQL identifier");
  if (!/^postgres(ql)?:/.test(config.DATABASE_URL)) {
    throw usageError("invalid configuration: ISMS_DB_SCHEMA applies to a PostgreSQL DATABASE_URL only");
  }
  return { config, schema };
}

/**
 * Opens the configured database for one command and closes it afterwards. Migrating first
 * (idempotent) lets every command work on a fresh DATABASE_URL.
 */
export async function withDatabase<T>(
  io: CliIo,
  work: (db: Db) => Promise<T>,
  options: { migrate: boolean } = { migrate: true },
): Promise<T> {
  const { config, schema } = readConfig(io.env);
  let db: Db;
  try {
    db = openConfiguredDatabase(config, schema ? { schema } : {});
  } catch (err) {
    if (err instanceof ConfigError) throw usageError(err.message);
    throw err;
  }
  try {
    if (options.migrate) await prepareDatabase(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

/** The CLI writes as the system; the request id names the command, so its audit events can be told apart from the server's. */
export function cliWriteMeta(command: Command): WriteMeta {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return { actor: { type: "system", id: null }, requestId: `cli:${names.join(" ")}`, ip: null };
}

export async function readAll(input: CliIo["stdin"]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}
