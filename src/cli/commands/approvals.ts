import type { Command } from "commander";
import { z } from "zod";
import { APPROVAL_STATUSES } from "../../contracts/approvals.js";
import { listApprovals } from "../../server/modules/approvals/approvals.repo.js";
import { type CliIo, parseWith, withDatabase } from "../context.js";
import { findOrgOrOnly } from "../lookup.js";
import { printList } from "../output.js";

export function registerApprovals(program: Command, io: CliIo): void {
  const approvals = program.command("approvals").description("management approvals of the roadmap's gates");
  approvals
    .command("list")
    .description("list approval requests, newest first, with whether an approval has gone stale")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--gate <id>", "only this gate, e.g. G1")
    .option("--status <status>", `only requests in this status (${APPROVAL_STATUSES.join(", ")})`, parseWith(z.enum(APPROVAL_STATUSES)))
    .option("--json", "print JSON")
    .action(async (options: { org?: string; gate?: string; status?: string; json?: true }) => {
      const items = await withDatabase(io, async (db) => {
        const org = await findOrgOrOnly(db, options.org);
        return (await listApprovals(db, org.id, { gateId: options.gate, status: options.status }, { limit: 200 })).items;
      });
      printList(io.stdout, items, {
        json: options.json === true,
        empty: "no approval requests",
        columns: [
          { header: "GATE", value: (a) => a.gateId },
          { header: "STATUS", value: (a) => (a.stale ? "approved (stale)" : a.status) },
          { header: "REQUESTED", value: (a) => `${a.requestedAt} by ${a.requestedBy.name ?? "?"}` },
          { header: "DECIDED", value: (a) => (a.decidedBy ? `${a.decidedAt} by ${a.decidedBy.name ?? "?"}` : "") },
          { header: "ID", value: (a) => a.id },
        ],
      });
    });
}
