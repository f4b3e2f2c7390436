import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { HttpProblem } from "../server/http/errors.js";
import { registerApprovals } from "./commands/approvals.js";
import { registerAudit } from "./commands/audit.js";
import { registerBackup } from "./commands/backup.js";
import { registerDb } from "./commands/db.js";
import { registerDemo } from "./commands/demo.js";
import { registerDoc } from "./commands/doc.js";
import { registerExport } from "./commands/export.js";
import { registerImport } from "./commands/import.js";
import { registerLogin } from "./commands/login.js";
import { registerMember } from "./commands/member.js";
import { registerOrg } from "./commands/org.js";
import { registerRisks } from "./commands/risks.js";
import { registerServe } from "./commands/serve.js";
import { registerStatus } from "./commands/status.js";
import { registerToken } from "./commands/token.js";
import { registerUser } from "./commands/user.js";
import { CliError, type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./context.js";

const ENVIRONMENT_HELP = `
Two kinds of command:
  Organization commands (status, risks, soa, approvals, import, export) talk to a running server
  with an API token, like gh or kubectl: --server <url> or ISMS_URL, and ISMS_TOKEN, or the file
  \`isms login\` writes. They never open the database.
  Instance administration (serve, db, user, org, member, token, audit, demo) works on the database
  directly, on the machine that holds it (DATABASE_URL).

Environment:
  ISMS_URL             the server organization commands talk to, e.g. https://isms.example.com
  ISMS_TOKEN           the API token they send (create one in the web app or with \`isms token create\`)
  XDG_CONFIG_HOME      where \`isms login\` keeps isms/config.json (default ~/.config)
  DATABASE_URL         sqlite:<path> (default sqlite:./data/isms.sqlite) or postgres://user@host:port/database
  ISMS_USER_PASSWORD   the password for \`user create\` when --password-stdin is not given
  ISMS_DB_SCHEMA       testing aid: the PostgreSQL schema to work in (not supported by \`serve\`)
  The server's other variables (PORT, HOST, LOG_LEVEL, …) are read and checked as by \`isms serve\`.

Exit codes: 0 success, 1 failure (not found, conflict, broken audit chain), 2 bad usage or configuration.`;

function buildProgram(io: CliIo): Command {
  const program = new Command("isms")
    .description(
      "ISMS Workbench: run the server, follow the implementation roadmap, and administer users, organizations, tokens and the audit trail",
    )
    .option("--server <url>", "the server organization commands talk to (default: ISMS_URL, else the `isms login` file)")
    .addHelpText("after", ENVIRONMENT_HELP)
    // Commander would call process.exit itself; throwing lets run() return the code to its caller.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`isms: ${text.replace(/^error: /, "")}`),
    });
  // Subcommands inherit the settings above, so those must be in place before they are added.
  for (const register of [
    registerServe,
    registerDb,
    registerUser,
    registerOrg,
    registerMember,
    registerToken,
    registerAudit,
    registerStatus,
    registerApprovals,
    registerDemo,
    registerImport,
    registerExport,
    registerDoc,
    registerRisks,
    registerBackup,
    registerLogin,
  ]) {
    register(program, io);
  }
  return program;
}

/** Runs one `isms` command line and returns its exit code; expected errors become one `isms: …` line on stderr. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: "user" });
    return EXIT_OK;
  } catch (err) {
    // Commander has already printed its message (usage errors) or the help.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    const code = err instanceof CliError ? err.exitCode : err instanceof HttpProblem && err.status === 400 ? EXIT_USAGE : EXIT_FAILURE;
    io.stderr.write(`isms: ${describe(err)}\n`);
    return code;
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // A refused connection to every address of a host is an AggregateError with an empty message.
  if (err.message) return err.message.split("\n")[0] as string;
  if (err instanceof AggregateError && err.errors[0] instanceof Error) return describe(err.errors[0]);
  return (err as { code?: string }).code ?? err.name;
}

/** bin/isms.js imports this module; running it with tsx or node directly works too. */
function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  const self = fileURLToPath(import.meta.url);
  const bin = fileURLToPath(new URL("../../bin/isms.js", import.meta.url));
  try {
    return [self, bin].includes(realpathSync(process.argv[1]));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // A reader that stops early (`isms status | head`) closes the pipe: that ends the command
  // quietly, as it does for any Unix tool, instead of crashing on the next write.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(EXIT_OK);
      throw error;
    });
  }
  const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
  // Exit only once the output is flushed (a pipe is written asynchronously), and explicitly, so
  // that a stray open handle cannot keep a finished command alive.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
  process.exit(code);
}
