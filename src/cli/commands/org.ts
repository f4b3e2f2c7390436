import type { Command } from "commander";
import { EmailSchema } from "../../contracts/common.js";
import { CreateOrgBodySchema } from "../../contracts/orgs.js";
import { withWrite } from "../../server/db/audited.js";
import { createOrg, listAllOrgs } from "../../server/modules/orgs/orgs.repo.js";
import { type CliIo, cliWriteMeta, failure, parseWith, withDatabase } from "../context.js";
import { requireUser } from "../lookup.js";
import { printList } from "../output.js";

export function registerOrg(program: Command, io: CliIo): void {
  const org = program
    .command("org")
    .description("manage organizations (instance administration: works on the database directly, DATABASE_URL)");

  org
    .command("create")
    .description("create an organization with a user as its administrator")
    .argument("<name>", "the organization's name", parseWith(CreateOrgBodySchema.shape.name))
    .requiredOption("--admin <email>", "the user who becomes its administrator", parseWith(EmailSchema))
    .action(async (name: string, options: { admin: string }, command: Command) => {
      const created = await withDatabase(io, (db) =>
        withWrite(db, cliWriteMeta(command), async (ctx) => {
          const admin = await requireUser(ctx, options.admin);
          // An organization whose only administrator cannot sign in could never be managed.
          if (admin.disabled_at !== null) throw failure(`${admin.email} is disabled and cannot administer an organization`);
          return createOrg(ctx, name, admin.id);
        }),
      );
      io.stdout.write(`created organization "${created.name}" (${created.id}) with ${options.admin} as administrator\n`);
    });

  org
    .command("list")
    .description("list every organization")
    .option("--json", "print JSON")
    .action(async (options: { json?: true }) => {
      const orgs = await withDatabase(io, listAllOrgs);
      printList(io.stdout, orgs, {
        json: options.json === true,
        empty: "no organizations",
        columns: [
          { header: "NAME", value: (o) => o.name },
          { header: "MEMBERS", value: (o) => String(o.members) },
          { header: "CREATED", value: (o) => o.createdAt },
          { header: "ID", value: (o) => o.id },
        ],
      });
    });
}
