import type { Command } from "commander";
import { z } from "zod";
import { type Risk, riskEndpoints } from "../../contracts/risks.js";
import { soaEndpoints } from "../../contracts/soa.js";
import { type CliIo, parseWith } from "../context.js";
import { printJson, printList } from "../output.js";
import { withOrgApi } from "../remote.js";

const level = (s: { levelName: string | null; likelihood: number; impact: number } | null) =>
  s ? `${s.levelName ?? "?"} (${s.likelihood}×${s.impact})` : "";
const money = (n: number) => Math.round(n).toLocaleString("en-US");

export function registerRisks(program: Command, io: CliIo): void {
  const risks = program.command("risks").description("the risk register (8.2–8.4)");
  risks
    .command("list")
    .description("list risks in reference order with their levels, treatment and owner")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option(
      "--min-level <n>",
      "only risks whose residual level (else current, else inherent) is at least this index",
      parseWith(z.coerce.number().int().min(0)),
    )
    .option("--all", "closed risks too")
    .option("--json", "print JSON")
    .action(async (options: { org?: string; minLevel?: number; all?: true; json?: true }, command: Command) => {
      const items = await withOrgApi(io, command, options.org, async (api, org) => {
        const all: Risk[] = [];
        let cursor: string | undefined;
        do {
          const page = await api.call(riskEndpoints.list, {
            params: { orgId: org.id },
            query: { levelOf: "inherent", ...(options.all ? {} : { status: "open" }), sort: "ref", limit: 200, cursor },
          });
          all.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        const remaining = (r: Risk) => (r.residual ?? r.current ?? r.inherent)?.level ?? -1;
        return options.minLevel === undefined ? all : all.filter((r) => remaining(r) >= (options.minLevel as number));
      });
      printList(io.stdout, items, {
        json: options.json === true,
        empty: "no risks",
        columns: [
          { header: "REF", value: (r) => r.ref },
          { header: "INHERENT", value: (r) => level(r.inherent) },
          { header: "REMAINING", value: (r) => level(r.residual ?? r.current ?? r.inherent) },
          { header: "TREATMENT", value: (r) => r.treatment ?? "" },
          { header: "OWNER", value: (r) => r.owner?.name ?? "" },
          { header: "TITLE", value: (r) => `${r.title}${r.rescoreNeeded ? " [re-score needed]" : ""}` },
        ],
      });
    });
  risks
    .command("quant")
    .description("run the Monte Carlo over every quantified open risk: expected annual loss and percentiles, current and residual")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--seed <n>", "random seed (the same seed gives the same figures)", parseWith(z.coerce.number().int().min(0)), 1)
    .option("--iterations <n>", "iterations", parseWith(z.coerce.number().int().min(100).max(100_000)), 10_000)
    .option("--json", "print JSON")
    .action(async (options: { org?: string; seed: number; iterations: number; json?: true }, command: Command) => {
      const result = await withOrgApi(io, command, options.org, (api, org) =>
        api.call(riskEndpoints.quant, { params: { orgId: org.id }, query: { seed: options.seed, iterations: options.iterations } }),
      );
      if (options.json) return printJson(io.stdout, result);
      for (const r of result.excluded) io.stdout.write(`${r.ref} left out: ${r.errors.map((e) => `${e.field} ${e.message}`).join("; ")}\n`);
      if (!result.current || !result.residual) {
        io.stdout.write("no quantified risks\n");
        return;
      }
      const currency = result.currencies.join("/");
      io.stdout.write(
        `${result.risks} quantified risk(s), ${options.iterations.toLocaleString("en-US")} iterations, seed ${options.seed}, ${currency}\n`,
      );
      for (const [name, s] of [
        ["current", result.current],
        ["residual", result.residual],
      ] as const)
        io.stdout.write(
          `${name.padEnd(9)} ALE ${money(s.ale)}  P50 ${money(s.p50)}  P90 ${money(s.p90)}  P95 ${money(s.p95)}  P99 ${money(s.p99)}\n`,
        );
    });

  program
    .command("soa")
    .description("print the Statement of Applicability: every control, applicable or not, and why")
    .option("--org <id-or-name>", "the organization (not needed when there is only one)")
    .option("--json", "print JSON")
    .action(async (options: { org?: string; json?: true }, command: Command) => {
      const soa = await withOrgApi(io, command, options.org, (api, org) => api.call(soaEndpoints.read, { params: { orgId: org.id } }));
      if (options.json) return printJson(io.stdout, soa);
      const { summary, issued } = soa;
      io.stdout.write(
        `${summary.controls} controls: ${summary.applicable} applicable, ${summary.excluded} excluded, ${summary.undecided} undecided; ${
          issued ? `version ${issued.number} issued${issued.matches ? "" : ", changed since"}` : "no version issued"
        }\n\n`,
      );
      printList(io.stdout, soa.rows, {
        json: false,
        empty: "no controls",
        columns: [
          { header: "CONTROL", value: (r) => r.control.ref },
          { header: "APPLICABLE", value: (r) => (r.applicable === null ? "undecided" : r.applicable ? "yes" : "no") },
          { header: "STATUS", value: (r) => r.implementation },
          { header: "JUSTIFICATION", value: (r) => r.justification.slice(0, 100) },
        ],
      });
    });
}
