import type { Block, Section } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { reader } from "../../../db/audited.js";
import { presentAudits, presentFindings } from "../../audit-programme/index.js";
import { type Loader, markdownBlocks, para, text, words } from "./shared.js";

// --- 9.3 internal audit report ----------------------------------------------------------------------
interface FrozenReport {
  findings?: { id: string; ref: string; kind: string; target: string; title: string; description: string | null }[];
}

export const internalAuditReport: Loader = async (db, orgId, format) => {
  const S = STRINGS.auditReport;
  const k = reader(db);
  const programme = await k
    .selectFrom("audit_programmes")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("cycle_start", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!programme) return { sections: [{ id: "programme", title: S.programme, blocks: [para(S.noProgramme)] }] };
  const rows = await k
    .selectFrom("audits")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("programme_id", "=", programme.id)
    .orderBy("number")
    .execute();
  const findingRows = rows.length
    ? await k
        .selectFrom("audit_findings")
        .selectAll()
        .where("org_id", "=", orgId)
        .where(
          "audit_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("number")
        .execute()
    : [];
  const [audits, findings] = await Promise.all([presentAudits(db, orgId, rows), presentFindings(db, orgId, findingRows)]);
  const auditSections: Section[] = audits.map((a, i) => {
    const row = rows[i];
    const frozen = row?.report ? (JSON.parse(row.report) as FrozenReport) : null;
    const live = findings.filter((f) => f.auditId === a.id);
    const ncOf = new Map(live.map((f) => [f.id, f.nonconformity]));
    const shown = frozen?.findings ?? live;
    return {
      id: `audit-${a.ref}`,
      title: `${a.ref} ${a.title}`,
      blocks: [
        {
          kind: "fields",
          rows: [
            [S.cols.status, words(a.status)],
            [S.cols.lead, a.leadAuditor?.name ?? "—"],
            ["Team", a.team.map((t) => t.name).join(", ") || "—"],
            [S.cols.dates, `${format.date(a.startDate) || "?"} – ${format.date(a.endDate) || "?"}`],
            ["Clauses", a.scope.clauses.join(", ") || "—"],
            ["Controls", a.scope.controls.join(", ") || "—"],
            ["Areas", a.scope.areas.join(", ") || "—"],
            ["Criteria", text(a.criteria) || "—"],
            [S.cols.issued, a.reportIssuedAt ? `${format.date(a.reportIssuedAt)} (SHA-256 ${row?.report_hash ?? ""})` : "not yet"],
          ],
        },
        ...(a.conclusion ? [{ kind: "heading", text: S.cols.conclusion } as Block, ...markdownBlocks(a.conclusion)] : []),
        {
          kind: "table",
          id: `findings-${a.ref}`,
          title: S.findings,
          columns: [
            { key: "ref", title: S.cols.ref, width: 0.8 },
            { key: "kind", title: S.cols.kind, width: 1 },
            { key: "target", title: S.cols.target, width: 1 },
            { key: "title", title: S.cols.title, width: 2.5 },
            { key: "description", title: S.cols.description, width: 3 },
            { key: "nc", title: S.cols.nc, width: 1 },
          ],
          rows: shown.map((f) => {
            const nc = ncOf.get(f.id);
            return [f.ref, words(f.kind), f.target, f.title, text(f.description), nc ? `${nc.ref} (${words(nc.status)})` : "—"];
          }),
        },
      ],
    };
  });
  return {
    sections: [
      {
        id: "programme",
        title: S.programme,
        blocks: [
          {
            kind: "fields",
            rows: [
              [S.cols.title, programme.title],
              ["Cycle", `${programme.cycle_start}, ${programme.cycle_years} year(s)`],
              ["Objectives", text(programme.objectives) || "—"],
            ],
          },
        ],
      },
      {
        id: "audits",
        title: S.audits,
        blocks: audits.length
          ? [
              {
                kind: "table",
                id: "audits",
                title: S.audits,
                columns: [
                  { key: "ref", title: S.cols.ref, width: 0.8 },
                  { key: "title", title: S.cols.title, width: 3 },
                  { key: "lead", title: S.cols.lead, width: 1.5 },
                  { key: "dates", title: S.cols.dates, width: 1.6 },
                  { key: "status", title: S.cols.status, width: 1 },
                  { key: "findings", title: S.findings, width: 0.8 },
                ],
                rows: audits.map((a) => [
                  a.ref,
                  a.title,
                  a.leadAuditor?.name ?? "—",
                  `${text(a.startDate)} – ${text(a.endDate)}`,
                  words(a.status),
                  String(a.findings),
                ]),
              },
            ]
          : [para(S.noAudits)],
      },
      ...auditSections,
    ],
  };
};
