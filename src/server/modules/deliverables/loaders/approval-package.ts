import type { Block } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { reader } from "../../../db/audited.js";
import { buildArtifact } from "../../approvals/index.js";
import { gateApproval, type Loader, orNone, para, text } from "./shared.js";

// --- 5.4 management approval package ---------------------------------------------------------
export const approvalPackage: Loader = async (db, orgId, format) => {
  const S = STRINGS.approvalPackage;
  const k = reader(db);
  const [objectives, priorities, prelim, artifact, roles, decision] = await Promise.all([
    k.selectFrom("objectives").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k.selectFrom("priorities").selectAll().where("org_id", "=", orgId).executeTakeFirst(),
    k.selectFrom("preliminary_scopes").selectAll().where("org_id", "=", orgId).executeTakeFirst(),
    buildArtifact(db, orgId, "5.4"),
    k.selectFrom("project_roles").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    gateApproval(db, orgId, "5.4"),
  ]);
  const g1 = artifact?.snapshot as {
    businessCase: Record<string, string | null>;
    costs: { id: string; title: string; amount: number; currency: string }[];
    milestones: { id: string; title: string; dueDate: string | null; owner: string | null }[];
  };
  const listOf = (json: string | undefined) => {
    try {
      const v = JSON.parse(json ?? "[]") as unknown;
      return Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))) : [];
    } catch {
      return [];
    }
  };
  const prelimBlocks: Block[] = [para(orNone(prelim?.statement))];
  const units = listOf(prelim?.units);
  const sites = listOf(prelim?.sites);
  if (units.length) prelimBlocks.push({ kind: "heading", text: "Units" }, { kind: "list", items: units });
  if (sites.length) prelimBlocks.push({ kind: "heading", text: "Sites" }, { kind: "list", items: sites });
  return {
    sections: [
      {
        id: "objectives",
        title: S.objectives,
        blocks: [
          {
            kind: "table",
            id: "objectives",
            title: S.objectives,
            columns: [
              { key: "title", title: S.cols.title, width: 2 },
              { key: "description", title: S.cols.description, width: 3 },
            ],
            rows: objectives.map((o) => [o.title, text(o.description)]),
          },
        ],
      },
      {
        id: "priorities",
        title: S.priorities,
        blocks: [
          para(orNone(priorities?.statement)),
          ...(text(priorities?.existing_systems) ? [para(text(priorities?.existing_systems))] : []),
        ],
      },
      { id: "preliminary-scope", title: S.preliminaryScope, blocks: prelimBlocks },
      {
        id: "business-case",
        title: S.businessCase,
        blocks: [
          {
            kind: "fields",
            rows: Object.entries(S.fields).map(([key, label]) => [label, orNone(g1?.businessCase[key])] as [string, string]),
          },
          {
            kind: "table",
            id: "costs",
            title: S.costs,
            columns: [
              { key: "title", title: S.cols.title, width: 3 },
              { key: "amount", title: S.cols.amount, width: 1 },
              { key: "currency", title: S.cols.currency, width: 1 },
            ],
            rows: (g1?.costs ?? []).map((c) => [c.title, format.money(c.amount, c.currency), c.currency]),
          },
        ],
      },
      {
        id: "plan",
        title: S.plan,
        blocks: [
          {
            kind: "table",
            id: "milestones",
            title: S.plan,
            columns: [
              { key: "title", title: S.cols.title, width: 3 },
              { key: "due", title: S.cols.due, width: 1 },
              { key: "owner", title: S.cols.owner, width: 1 },
            ],
            rows: (g1?.milestones ?? []).map((m) => [m.title, format.date(m.dueDate), text(m.owner)]),
          },
        ],
      },
      {
        id: "roles",
        title: S.roles,
        blocks: [
          {
            kind: "table",
            id: "roles",
            title: S.roles,
            columns: [
              { key: "role", title: S.cols.role, width: 2 },
              { key: "person", title: S.cols.person, width: 2 },
            ],
            rows: roles.map((r) => [r.title, text(r.person_name)]),
          },
        ],
      },
      {
        id: "decision",
        title: S.decision,
        blocks: [
          {
            kind: "fields",
            rows: decision
              ? [
                  [STRINGS.common.approvedBy, decision.by],
                  [STRINGS.common.approvedOn, decision.at],
                  [STRINGS.common.approvedHash, decision.hash],
                ]
              : [[STRINGS.common.status, STRINGS.common.notApproved]],
          },
        ],
      },
    ],
    fingerprint: artifact?.hash ?? null,
  };
};
