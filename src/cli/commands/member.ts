import type { Command } from "commander";
import { EmailSchema } from "../../contracts/common.js";
import { RoleSchema } from "../../contracts/members.js";
import type { Role } from "../../core/access/roles.js";
import { withWrite } from "../../server/db/audited.js";
import { addMembership } from "../../server/modules/orgs/orgs.repo.js";
import { type CliIo, cliWriteMeta, failure, parseWith, withDatabase } from "../context.js";
import { findOrg, membershipRole, requireUser } from "../lookup.js";

export function registerMember(program: Command, io: CliIo): void {
  const member = program
    .command("member")
    .description("manage organization members (instance administration: works on the database directly, DATABASE_URL)");

  member
    .command("add")
    .description("add an existing user to an organization with a role")
    .requiredOption("--org <id-or-name>", "the organization")
    .requiredOption("--email <email>", "the user's email", parseWith(EmailSchema))
    .requiredOption("--role <role>", `one of ${RoleSchema.options.join(", ")}`, parseWith(RoleSchema))
    .action(async (options: { org: string; email: string; role: Role }, command: Command) => {
      const org = await withDatabase(io, (db) =>
        withWrite(db, cliWriteMeta(command), async (ctx) => {
          const org = await findOrg(ctx, options.org);
          const user = await requireUser(ctx, options.email);
          const current = await membershipRole(ctx, org.id, user.id);
          if (current) throw failure(`${user.email} is already a member of "${org.name}" (role ${current})`);
          await addMembership(ctx, org.id, user.id, options.role);
          return org;
        }),
      );
      io.stdout.write(`added ${options.email} to "${org.name}" as ${options.role}\n`);
    });
}
