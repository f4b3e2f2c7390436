import type { Command } from "commander";
import { listChains, verifyAuditChain } from "../../server/audit/audit.repo.js";
import { SYSTEM_CHAIN } from "../../server/db/audited.js";
import { listAllOrgs } from "../../server/modules/orgs/orgs.repo.js";
import { type CliIo, failure, withDatabase } from "../context.js";
import { findOrg } from "../lookup.js";
import { printJson } from "../output.js";

interface ChainReport {
  chain: string;
  org: { id: string; name: string } | null;
  intact: boolean;
  events: number;
  brokenAt: { id: string; seq: number; reason: string } | null;
}

export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command("audit").description("the audit trail");

  audit
    .command("verify")
    .description("verify the hash chains of the audit trail: every organization's and the instance's, or one organization's")
    .option("--org <id-or-name>", "verify this organization's chain only")
    .option("--json", "print JSON")
    .action(async (options: { org?: string; json?: true }) => {
      const reports = await withDatabase(io, async (db) => {
        const orgs = options.org ? [await findOrg(db, options.org)] : await listAllOrgs(db);
        const chains = options.org ? orgs.map((o) => o.id) : await listChains(db);
        const out: ChainReport[] = [];
        for (const chain of chains) {
          const verdict = await verifyAuditChain(db, chain === SYSTEM_CHAIN ? null : chain);
          const org = orgs.find((o) => o.id === chain);
          out.push({
            chain,
            org: org ? { id: org.id, name: org.name } : null,
            intact: verdict.intact,
            events: verdict.events,
            brokenAt: verdict.intact ? null : verdict.brokenAt,
          });
        }
        return out;
      });
      if (options.json) printJson(io.stdout, reports);
      else for (const report of reports) io.stdout.write(`${describeChain(report)}: ${describeVerdict(report)}\n`);
      const broken = reports.filter((r) => !r.intact).length;
      if (broken > 0) throw failure(`${broken} of ${reports.length} audit chain${reports.length === 1 ? " is" : "s are"} broken`);
    });
}

function describeChain(report: ChainReport): string {
  if (report.chain === SYSTEM_CHAIN) return "instance";
  return report.org ? `organization "${report.org.name}" (${report.org.id})` : `chain ${report.chain}`;
}

function describeVerdict({ brokenAt, events }: ChainReport): string {
  if (!brokenAt) return `intact (${events} event${events === 1 ? "" : "s"})`;
  // A removed tail leaves no event to name, only the sequence number where it should be.
  return `broken at seq ${brokenAt.seq}${brokenAt.id ? `, event ${brokenAt.id}` : ""}: ${brokenAt.reason}`;
}
