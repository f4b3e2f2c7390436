import type { Command } from "commander";
import { DisplayNameSchema, EmailSchema } from "../../contracts/common.js";
import type { User } from "../../contracts/users.js";
import { type PasswordOwner, passwordProblem } from "../../core/passwords/password-rules.js";
import { withWrite } from "../../server/db/audited.js";
import { createUser, listUsers, setUserDisabled } from "../../server/modules/users/users.repo.js";
import { type CliIo, cliWriteMeta, parseWith, readAll, usageError, withDatabase } from "../context.js";
import { requireUser } from "../lookup.js";
import { printList, yesNo } from "../output.js";

const PAGE = 200;

export function registerUser(program: Command, io: CliIo): void {
  const user = program
    .command("user")
    .description("manage user accounts (instance administration: works on the database directly, DATABASE_URL)");

  user
    .command("create")
    .description("create a user account; the password comes from stdin or ISMS_USER_PASSWORD, never from an argument (ps shows those)")
    .requiredOption("--email <email>", "the sign-in email", parseWith(EmailSchema))
    .requiredOption("--name <name>", "the display name", parseWith(DisplayNameSchema))
    .option("--password-stdin", "read the password from stdin (one trailing newline is dropped)")
    .option("--instance-admin", "make the user an instance administrator")
    .action(async (options: { email: string; name: string; passwordStdin?: true; instanceAdmin?: true }, command: Command) => {
      const password = await readPassword(io, options.passwordStdin === true, { email: options.email, displayName: options.name });
      const created = await withDatabase(io, (db) =>
        withWrite(db, cliWriteMeta(command), (ctx) =>
          createUser(ctx, { email: options.email, displayName: options.name, password, isInstanceAdmin: options.instanceAdmin }),
        ),
      );
      io.stdout.write(`created user ${created.email} (${created.id})${options.instanceAdmin ? " as instance administrator" : ""}\n`);
    });

  user
    .command("list")
    .description("list every user account")
    .option("--json", "print JSON")
    .action(async (options: { json?: true }) => {
      const users = await withDatabase(io, async (db) => {
        const all: User[] = [];
        let cursor: string | undefined;
        do {
          const page = await listUsers(db, {}, { sort: "email", limit: PAGE, cursor });
          all.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return all;
      });
      printList(io.stdout, users, {
        json: options.json === true,
        empty: "no users",
        columns: [
          { header: "EMAIL", value: (u) => u.email },
          { header: "NAME", value: (u) => u.displayName },
          { header: "INSTANCE ADMIN", value: (u) => yesNo(u.isInstanceAdmin) },
          { header: "DISABLED", value: (u) => yesNo(u.disabled) },
          { header: "CREATED", value: (u) => u.createdAt },
          { header: "ID", value: (u) => u.id },
        ],
      });
    });

  for (const disabled of [true, false]) {
    user
      .command(disabled ? "disable" : "enable")
      .description(
        disabled
          ? "disable a user account: their sessions end at once and their API tokens stop working"
          : "enable a disabled user account",
      )
      .argument("<email>", "the user's email", parseWith(EmailSchema))
      .action(async (email: string, _options: unknown, command: Command) => {
        const { already, endedSessions } = await withDatabase(io, (db) =>
          withWrite(db, cliWriteMeta(command), async (ctx) => {
            const found = await requireUser(ctx, email);
            const result = await setUserDisabled(ctx, found.id, disabled);
            return { already: (found.disabled_at !== null) === disabled, endedSessions: result.endedSessions };
          }),
        );
        const verb = disabled ? "disabled" : "enabled";
        const ended = disabled ? `; ended ${endedSessions} session${endedSessions === 1 ? "" : "s"}` : "";
        io.stdout.write(`${already ? `already ${verb}` : verb} ${email}${ended}\n`);
      });
  }
}

/** The flag wins over the environment: it is the more deliberate of the two. */
async function readPassword(io: CliIo, fromStdin: boolean, owner: PasswordOwner): Promise<string> {
  let source: string;
  let password: string;
  if (fromStdin) {
    source = "the password read from stdin";
    password = (await readAll(io.stdin)).replace(/\r?\n$/, "");
  } else if (io.env.ISMS_USER_PASSWORD) {
    source = "ISMS_USER_PASSWORD";
    password = io.env.ISMS_USER_PASSWORD;
  } else {
    throw usageError("give the password with --password-stdin or in the ISMS_USER_PASSWORD environment variable");
  }
  const problem = await passwordProblem(password, owner);
  if (problem) throw usageError(`${source} ${problem}`);
  return password;
}
