import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { type ApiClient, ApiError, ContractError, createClient } from "../contracts/client.js";
import { orgEndpoints } from "../contracts/orgs.js";
import { CliError, type CliIo, EXIT_FAILURE, EXIT_USAGE, failure, usageError } from "./context.js";

/**
 * The remote side of the CLI: every organization command talks to a running server through the
 * typed client derived from the endpoint contracts, authenticated by an API token, as `gh` or
 * `kubectl` do. The server comes from `--server`, ISMS_URL or the file `isms login` writes; the
 * token from ISMS_TOKEN or that file.
 */

const LoginFileSchema = z.object({ server: z.url(), token: z.string().min(1) });
export type Login = z.infer<typeof LoginFileSchema>;

/** `$XDG_CONFIG_HOME/isms/config.json`, else `~/.config/isms/config.json`. */
export function loginFilePath(env: CliIo["env"]): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "isms", "config.json");
}

export function readLoginFile(env: CliIo["env"]): Login | null {
  let text: string;
  try {
    text = readFileSync(loginFilePath(env), "utf8");
  } catch {
    return null;
  }
  const parsed = LoginFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw usageError(`${loginFilePath(env)} is not a login file; run \`isms login\` again`);
  return parsed.data;
}

/** Written readable by its owner only (0600, in a 0700 folder): it holds a secret. */
export function writeLoginFile(env: CliIo["env"], login: Login): string {
  const path = loginFilePath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of a file that already exists.
  chmodSync(path, 0o600);
  return path;
}

export function removeLoginFile(env: CliIo["env"]): boolean {
  const path = loginFilePath(env);
  try {
    readFileSync(path);
  } catch {
    return false;
  }
  rmSync(path);
  return true;
}

export const normalizeServer = (url: string): string => {
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(url);
  if (!parsed.success) throw usageError(`--server must be an http(s) URL, not "${url}"`);
  return parsed.data.replace(/\/+$/, "");
};

/** The server and token this command talks to: --server, then ISMS_URL, then the login file; ISMS_TOKEN, then the login file. */
export function remoteTarget(io: CliIo, command: Command): Login {
  const given = (command.optsWithGlobals() as { server?: string }).server;
  const saved = readLoginFile(io.env);
  const server = given ?? (io.env.ISMS_URL || undefined) ?? saved?.server;
  const token = io.env.ISMS_TOKEN || saved?.token;
  if (!server || !token)
    throw usageError(
      "this command talks to a running server: give --server <url> (or set ISMS_URL) and set ISMS_TOKEN to an API token, or run `isms login` once",
    );
  return { server: normalizeServer(server), token };
}

/** Errors of the API become one `isms:` line: a refused request (400) is bad usage, anything else a failure. */
export function describeApiError(error: unknown, server: string): unknown {
  if (error instanceof ApiError) {
    const detail = error.problem.errors?.length
      ? `${error.problem.detail} (${error.problem.errors.map((e) => `${e.field}: ${e.message}`).join("; ")})`
      : error.problem.detail;
    if (error.status === 401) return failure(`the server at ${server} refused the token: ${detail}`);
    return new CliError(detail, error.status === 400 ? EXIT_USAGE : EXIT_FAILURE);
  }
  if (error instanceof ContractError) return failure(error.message);
  if (error instanceof TypeError && /fetch failed/.test(error.message)) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return failure(`cannot reach the server at ${server}: ${cause?.code ?? cause?.message ?? error.message}`);
  }
  return error;
}

export function cliClient(io: CliIo, target: Login): ApiClient {
  // Responses are checked against their contracts except in production, where the check costs time for nothing.
  return createClient(fetch, target.server, target.token, { validate: io.env.NODE_ENV !== "production" });
}

/** The organizations the token opens (an API token: its own one). */
export async function resolveOrgs(api: ApiClient): Promise<{ id: string; name: string }[]> {
  const { items } = await api.call(orgEndpoints.list, {});
  return items.map((o) => ({ id: o.id, name: o.name }));
}

/** The organization a command is about: `--org` by id or name among those the token opens, else the only one. */
export async function resolveOrg(api: ApiClient, ref: string | undefined): Promise<{ id: string; name: string }> {
  const orgs = await resolveOrgs(api);
  if (ref) {
    const byId = orgs.find((o) => o.id === ref.toLowerCase());
    if (byId) return byId;
    const named = orgs.filter((o) => o.name === ref);
    const [only, ...others] = named;
    if (!only) throw failure(`no organization this token opens has the id or name "${ref}"`);
    if (others.length > 0)
      throw failure(`${named.length} organizations are named "${ref}"; give the id instead: ${named.map((o) => o.id).join(", ")}`);
    return only;
  }
  const [only, ...others] = orgs;
  if (!only) throw failure("there is no organization yet; create one with `isms org create` or try `isms demo`");
  if (others.length > 0) throw usageError("there are several organizations; say which with --org <id or name>");
  return only;
}

/**
 * Runs an organization command against the server: resolves `--org`, then hands the typed
 * client and the organization to the work; API errors end the command as `isms:` lines.
 */
export async function withOrgApi<T>(
  io: CliIo,
  command: Command,
  orgRef: string | undefined,
  work: (api: ApiClient, org: { id: string; name: string }) => Promise<T>,
): Promise<T> {
  const target = remoteTarget(io, command);
  const api = cliClient(io, target);
  try {
    return await work(api, await resolveOrg(api, orgRef));
  } catch (error) {
    throw describeApiError(error, target.server);
  }
}
