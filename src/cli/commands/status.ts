import type { Command } from "commander";
import { processEndpoints } from "../../contracts/process.js";
import type { CliIo } from "../context.js";
import { printJson, printTable } from "../output.js";
import { withOrgApi } from "../remote.js";

const STATUS_WORDS: Record<string, string> = {
  blocked: "blocked",
  ready: "ready",
  in_progress: "in progress",
  complete: "complete",
  approved: "approved",
  not_applicable: "n/a",
};

export function registerStatus(program: Command, io: CliIo): void {
  program
    .command("status")
    .description("print the implementation roadmap: every activity's status, derived from the organization's data")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--json", "print JSON: {organization, overall, phases, activities: [{id, status, ...}], nextActions, criticalPath}")
    .action(async (options: { org?: string; json?: true }, command: Command) => {
      const { org, roadmap } = await withOrgApi(io, command, options.org, async (api, org) => ({
        org,
        roadmap: await api.call(processEndpoints.roadmap, { params: { orgId: org.id } }),
      }));
      if (options.json) {
        printJson(io.stdout, {
          organization: org,
          catalog: roadmap.catalog,
          overall: roadmap.overall,
          phases: roadmap.phases,
          activities: roadmap.activities,
          nextActions: roadmap.nextActions,
          criticalPath: roadmap.criticalPath,
        });
        return;
      }
      io.stdout.write(
        `${org.name}: ${roadmap.overall.percent}% of the ISMS implementation done (${roadmap.overall.done} of ${roadmap.overall.total} activities)\n\n`,
      );
      printTable(
        io.stdout,
        [
          { header: "ID", value: (a) => a.id },
          { header: "PHASE", value: (a) => a.phase },
          { header: "STATUS", value: (a) => STATUS_WORDS[a.status] ?? a.status },
          { header: "GATE", value: (a) => (a.gate ? `${a.gate.id} ${a.gate.state}` : "") },
          { header: "ACTIVITY", value: (a) => a.title },
          {
            header: "WHY",
            value: (a) => (a.status === "complete" || a.status === "approved" ? (a.warnings[0]?.message ?? "") : (a.reasons[0] ?? "")),
          },
        ],
        roadmap.activities,
      );
      if (roadmap.nextActions.length > 0) {
        io.stdout.write(`\nNext: ${roadmap.nextActions.map((n) => `${n.id} ${n.title} (${n.message})`).join("; ")}\n`);
      }
    });
}
