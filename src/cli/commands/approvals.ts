import type { Command } from "commander";
import { z } from "zod";
import { APPROVAL_STATUSES } from "../../contracts/approvals.js";
import { describeChange } from "../../core/approvals/changes.js";
import { changesSince, latestApprovals, listApprovals } from "../../server/modules/approvals/approvals.repo.js";
import { buildArtifact } from "../../server/modules/approvals/artifacts.js";
import { type CliIo, failure, parseWith, withDatabase } from "../context.js";
import { findOrgOrOnly } from "../lookup.js";
import { printJson, printList } from "../output.js";

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
  approvals
    .command("changes")
    .description("what changed since a gate was last approved: one line per change, naming the record and the field")
    .requiredOption("--gate <id>", "the gate, e.g. G3")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--json", "print JSON")
    .action(async (options: { org?: string; gate: string; json?: true }) => {
      const result = await withDatabase(io, async (db) => {
        const org = await findOrgOrOnly(db, options.org);
        const latest = (await latestApprovals(db, org.id)).get(options.gate);
        if (latest?.status !== "approved") return { status: latest?.status ?? "none", changes: null };
        const artifact = await buildArtifact(db, org.id, latest.activity_id);
        return { status: latest.status, changes: artifact ? changesSince(latest, artifact.snapshot) : [] };
      });
      if (result.changes === null)
        throw failure(`gate ${options.gate} is not approved (${result.status}): there is no approval to compare with`);
      if (options.json) printJson(io.stdout, result.changes);
      else if (result.changes.length === 0) io.stdout.write(`nothing changed since gate ${options.gate} was approved\n`);
      else {
        io.stdout.write(`gate ${options.gate} is stale: ${result.changes.length} change(s) since it was approved\n`);
        for (const change of result.changes) io.stdout.write(`  ${describeChange(change)}\n`);
      }
    });
}
