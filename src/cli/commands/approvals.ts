import type { Command } from "commander";
import { z } from "zod";
import { APPROVAL_STATUSES, approvalEndpoints } from "../../contracts/approvals.js";
import { ApiError } from "../../contracts/client.js";
import { describeChange } from "../../core/approvals/changes.js";
import { type CliIo, failure, parseWith } from "../context.js";
import { printJson, printList } from "../output.js";
import { withOrgApi } from "../remote.js";

export function registerApprovals(program: Command, io: CliIo): void {
  const approvals = program.command("approvals").description("management approvals of the roadmap's gates");
  approvals
    .command("list")
    .description("list approval requests, newest first, with whether an approval has gone stale")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--gate <id>", "only this gate, e.g. G1")
    .option("--status <status>", `only requests in this status (${APPROVAL_STATUSES.join(", ")})`, parseWith(z.enum(APPROVAL_STATUSES)))
    .option("--json", "print JSON")
    .action(
      async (options: { org?: string; gate?: string; status?: (typeof APPROVAL_STATUSES)[number]; json?: true }, command: Command) => {
        const items = await withOrgApi(
          io,
          command,
          options.org,
          async (api, org) =>
            (
              await api.call(approvalEndpoints.list, {
                params: { orgId: org.id },
                query: { gateId: options.gate, status: options.status, limit: 200 },
              })
            ).items,
        );
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
      },
    );
  approvals
    .command("changes")
    .description("what changed since a gate was last approved: one line per change, naming the record and the field")
    .requiredOption("--gate <id>", "the gate, e.g. G3")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--json", "print JSON")
    .action(async (options: { org?: string; gate: string; json?: true }, command: Command) => {
      const result = await withOrgApi(io, command, options.org, async (api, org) => {
        // An unknown gate, or one whose registers are not there yet, has no approval to compare with.
        const gate = await api.call(approvalEndpoints.gate, { params: { orgId: org.id, gateId: options.gate } }).catch((error: unknown) => {
          if (error instanceof ApiError && (error.status === 404 || error.status === 409)) return null;
          throw error;
        });
        const status = gate?.latest?.status ?? "none";
        return { status, changes: status === "approved" ? (gate?.changes ?? []) : null };
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
