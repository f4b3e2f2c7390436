import type { Command } from "commander";
import { type CliIo, readAll, usageError } from "../context.js";
import { cliClient, describeApiError, loginFilePath, normalizeServer, removeLoginFile, resolveOrgs, writeLoginFile } from "../remote.js";

export function registerLogin(program: Command, io: CliIo): void {
  program
    .command("login")
    .description(
      "remember a server and an API token for the organization commands: checks the token against the server, then writes them to $XDG_CONFIG_HOME/isms/config.json (readable by you only)",
    )
    .argument("[url]", "the server's address, e.g. https://isms.example.com (default: --server or ISMS_URL)")
    .option("--token-stdin", "read the API token from stdin (default: ISMS_TOKEN); never give a token as an argument, ps shows those")
    .action(async (url: string | undefined, options: { tokenStdin?: true }, command: Command) => {
      const given = url ?? (command.optsWithGlobals() as { server?: string }).server ?? (io.env.ISMS_URL || undefined);
      if (!given) throw usageError("give the server's address: isms login <url>");
      const server = normalizeServer(given);
      const token = options.tokenStdin ? (await readAll(io.stdin)).trim() : io.env.ISMS_TOKEN;
      if (!token) throw usageError("give the API token on stdin with --token-stdin, or in ISMS_TOKEN");
      const orgs = await resolveOrgs(cliClient(io, { server, token })).catch((error: unknown) => {
        throw describeApiError(error, server);
      });
      const path = writeLoginFile(io.env, { server, token });
      io.stdout.write(`logged in to ${server}, for ${orgs.map((o) => `"${o.name}"`).join(", ") || "no organization"}; saved in ${path}\n`);
    });

  program
    .command("logout")
    .description("forget the server and token `isms login` saved")
    .action(async () => {
      const removed = removeLoginFile(io.env);
      io.stdout.write(removed ? `removed ${loginFilePath(io.env)}\n` : "not logged in\n");
    });
}
