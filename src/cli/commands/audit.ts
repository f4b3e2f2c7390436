import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { AuditCheckpointSchema } from "../../contracts/audit.js";
import {
  AuditIntegrityError,
  type AuditVerdict,
  listChains,
  makeCheckpoint,
  signHeads,
  verifyAgainstCheckpoint,
  verifyAuditChain,
} from "../../server/audit/audit.repo.js";
import { generateAuditKeyPem } from "../../server/audit/audit-key.js";
import { SYSTEM_CHAIN } from "../../server/db/audited.js";
import type { Db } from "../../server/db/database.js";
import { listAllOrgs } from "../../server/modules/orgs/orgs.repo.js";
import { type CliIo, failure, usageError, withDatabase } from "../context.js";
import { findOrg } from "../lookup.js";
import { printJson } from "../output.js";

interface ChainReport {
  chain: string;
  org: { id: string; name: string } | null;
  intact: boolean;
  events: number;
  brokenAt: { id: string; seq: number; reason: string } | null;
  /** The head carries a valid signature of this instance's audit key. */
  signed: boolean;
}

const NO_KEY_NOTE =
  "note: no audit key is configured (ISMS_AUDIT_KEY_FILE), so chain heads are not signed and a chain rewritten in the database verifies as intact\n";

/** Audit errors that are the operator's to fix (no key, another key, a broken chain) end the command with one line. */
async function integrity<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AuditIntegrityError) throw failure(err.message);
    throw err;
  }
}

export function registerAudit(program: Command, io: CliIo): void {
  const audit = program
    .command("audit")
    .description("the audit trail (instance administration: works on the database directly, DATABASE_URL)");

  audit
    .command("verify")
    .description(
      "verify the hash chains of the audit trail and their signed heads: every organization's and the instance's, or one organization's; with --checkpoint, also that nothing a checkpoint recorded was removed or rewritten",
    )
    .option("--org <id-or-name>", "verify this organization's chain only")
    .option("--checkpoint <file>", "a checkpoint written by `isms audit checkpoint`: check the chains it names against it")
    .option("--json", "print JSON")
    .action(async (options: { org?: string; checkpoint?: string; json?: true }) => {
      const checkpoint = options.checkpoint === undefined ? undefined : readCheckpoint(options.checkpoint);
      const { reports, keyed } = await withDatabase(io, async (db) => {
        const orgs = await listAllOrgs(db);
        const named = options.org ? await findOrg(db, options.org) : null;
        const out: ChainReport[] = [];
        const report = (chain: string, verdict: AuditVerdict) => out.push(chainReport(chain, verdict, orgs));
        if (checkpoint) {
          const checked = await integrity(() => verifyAgainstCheckpoint(db, checkpoint));
          for (const { chain, verdict } of checked) if (!named || chain === named.id) report(chain, verdict);
          if (named && !checked.some((c) => c.chain === named.id))
            throw failure(`the checkpoint has no entry for organization "${named.name}"`);
        } else {
          for (const chain of named ? [named.id] : await listChains(db)) {
            report(chain, await verifyAuditChain(db, chain === SYSTEM_CHAIN ? null : chain));
          }
        }
        return { reports: out, keyed: db.auditKey !== null };
      });
      if (options.json) printJson(io.stdout, reports);
      else {
        for (const report of reports) io.stdout.write(`${describeChain(report)}: ${describeVerdict(report)}\n`);
        if (!keyed) io.stdout.write(NO_KEY_NOTE);
      }
      const broken = reports.filter((r) => !r.intact).length;
      if (broken > 0) throw failure(`${broken} of ${reports.length} audit chain${reports.length === 1 ? " is" : "s are"} broken`);
    });

  audit
    .command("checkpoint")
    .description(
      "write a signed checkpoint of every audit chain (sequence number, head hash, time): keep it outside the database, and check against it with `isms audit verify --checkpoint`",
    )
    .requiredOption("-o, --output <file>", "the file to write (- for standard output)")
    .action(async (options: { output: string }) => {
      const { checkpoint, broken } = await withDatabase(io, (db) => integrity(() => makeCheckpoint(db)));
      const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
      const count = checkpoint.chains.length;
      if (options.output === "-") io.stdout.write(text);
      else {
        writeFileSync(options.output, text);
        io.stdout.write(`wrote a checkpoint of ${count} chain${count === 1 ? "" : "s"} to ${options.output}\n`);
      }
      for (const b of broken) io.stderr.write(`not checkpointed: chain ${b.chain} is broken at seq ${b.seq}: ${b.reason}\n`);
      if (broken.length > 0)
        throw failure(`${broken.length} broken chain${broken.length === 1 ? " was" : "s were"} left out of the checkpoint`);
    });

  audit
    .command("keygen")
    .description(
      "make a new audit signing key (Ed25519, PEM) for ISMS_AUDIT_KEY_FILE; every app instance of one database needs the same key",
    )
    .requiredOption("-o, --output <file>", "the file to write; it must not exist yet")
    .action((options: { output: string }) => {
      if (existsSync(options.output)) throw usageError(`${options.output} exists already; a key is never overwritten`);
      writeFileSync(options.output, generateAuditKeyPem(), { flag: "wx", mode: 0o600 });
      io.stdout.write(
        `wrote a new audit key to ${options.output}: set ISMS_AUDIT_KEY_FILE=${options.output}, then run \`isms audit sign-heads\`\n`,
      );
    });

  audit
    .command("sign-heads")
    .description(
      "sign the heads of chains whose links verify but whose head is unsigned or signed with another key: after setting up a key, or after investigating a reported break",
    )
    .action(async () => {
      const result = await withDatabase(io, (db: Db) => integrity(() => signHeads(db)));
      io.stdout.write(
        result.signed.length === 0
          ? "every chain head was signed already\n"
          : `signed the heads of ${result.signed.length} chain${result.signed.length === 1 ? "" : "s"}\n`,
      );
      if (result.broken.length > 0) throw failure(`not signed, their links are broken: ${result.broken.join(", ")}`);
    });
}

function readCheckpoint(path: string) {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw usageError(`cannot read the checkpoint ${path}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw usageError(`${path} is not JSON`);
  }
  const checkpoint = AuditCheckpointSchema.safeParse(parsed);
  if (!checkpoint.success) {
    const issue = checkpoint.error.issues[0];
    throw usageError(`${path}: ${issue?.path.join(".") || "the file"} ${issue?.message ?? "is not valid"}`);
  }
  return checkpoint.data;
}

function chainReport(chain: string, verdict: AuditVerdict, orgs: { id: string; name: string }[]): ChainReport {
  const org = orgs.find((o) => o.id === chain);
  return {
    chain,
    org: org ? { id: org.id, name: org.name } : null,
    intact: verdict.intact,
    events: verdict.events,
    brokenAt: verdict.intact ? null : verdict.brokenAt,
    signed: verdict.signed,
  };
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
