import { type Command, Option } from "commander";
import { z } from "zod";
import { EmailSchema, IdSchema } from "../../contracts/common.js";
import { CreateTokenBodySchema } from "../../contracts/tokens.js";
import { withWrite } from "../../server/db/audited.js";
import { createToken, revokeToken } from "../../server/modules/tokens/tokens.repo.js";
import { type CliIo, cliWriteMeta, failure, parseWith, withDatabase } from "../context.js";
import { findOrg, findTokenOwner, membershipRole, requireUser } from "../lookup.js";
import { printJson } from "../output.js";

const DEFAULT_EXPIRY_DAYS = 90;

const ExpiryDaysSchema = z
  .string()
  .regex(/^\d+$/, { error: "must be a whole number of days" })
  .transform(Number)
  .pipe(CreateTokenBodySchema.shape.expiresInDays.unwrap().unwrap());

export function registerToken(program: Command, io: CliIo): void {
  const token = program
    .command("token")
    .description("manage API tokens (instance administration: works on the database directly, DATABASE_URL)");

  token
    .command("create")
    .description("create an API token acting as a member of one organization; the secret is printed once")
    .requiredOption("--org <id-or-name>", "the organization the token opens")
    .requiredOption("--email <email>", "the member the token acts as", parseWith(EmailSchema))
    .requiredOption("--name <name>", "what the token is for", parseWith(CreateTokenBodySchema.shape.name))
    .addOption(
      new Option("--expires-days <days>", `days until it expires (default ${DEFAULT_EXPIRY_DAYS})`)
        .argParser(parseWith(ExpiryDaysSchema))
        .conflicts("expiry"),
    )
    .option("--no-expiry", "the token never expires")
    .option("--json", "print JSON")
    .action(
      async (
        options: { org: string; email: string; name: string; expiresDays?: number; expiry: boolean; json?: true },
        command: Command,
      ) => {
        const expiresInDays = options.expiry ? (options.expiresDays ?? DEFAULT_EXPIRY_DAYS) : null;
        const { org, created } = await withDatabase(io, (db) =>
          withWrite(db, cliWriteMeta(command), async (ctx) => {
            const org = await findOrg(ctx, options.org);
            const user = await requireUser(ctx, options.email);
            // The server refuses the tokens of disabled users and non-members: better to say so than to hand out a dud.
            if (user.disabled_at !== null) throw failure(`${user.email} is disabled; a disabled user's tokens do not work`);
            if (!(await membershipRole(ctx, org.id, user.id))) throw failure(`${user.email} is not a member of "${org.name}"`);
            return { org, created: await createToken(ctx, org.id, user.id, { name: options.name, expiresInDays }) };
          }),
        );
        if (options.json) return printJson(io.stdout, created);
        io.stdout.write(
          `created API token "${created.name}" (${created.id}) for ${options.email} in "${org.name}", ` +
            `${created.expiresAt ? `expiring ${created.expiresAt}` : "never expiring"}\n` +
            `the secret is shown only this once:\n${created.token}\n`,
        );
      },
    );

  token
    .command("revoke")
    .description("revoke an API token")
    .argument("<tokenId>", "the token's id (not its secret)", parseWith(IdSchema))
    .action(async (tokenId: string, _options: unknown, command: Command) => {
      const revoked = await withDatabase(io, (db) =>
        withWrite(db, cliWriteMeta(command), async (ctx) => {
          const owner = await findTokenOwner(ctx, tokenId);
          return revokeToken(ctx, owner.org_id, owner.user_id, tokenId);
        }),
      );
      io.stdout.write(`revoked API token "${revoked.name}" (${revoked.id})\n`);
    });
}
