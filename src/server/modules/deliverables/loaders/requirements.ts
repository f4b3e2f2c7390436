import { STRINGS } from "../../../../core/deliverables/strings.js";
import { reader } from "../../../db/audited.js";
import { type Loader, text } from "./shared.js";

// --- 7.2 requirements and interested parties ---------------------------------------------------
export const requirementsRegister: Loader = async (db, orgId) => {
  const S = STRINGS.requirements;
  const k = reader(db);
  const [parties, requirements, obligations] = await Promise.all([
    k.selectFrom("interested_parties").selectAll().where("org_id", "=", orgId).orderBy("name").orderBy("id").execute(),
    k.selectFrom("security_requirements").selectAll().where("org_id", "=", orgId).orderBy("title").orderBy("id").execute(),
    k.selectFrom("obligations").selectAll().where("org_id", "=", orgId).orderBy("title").orderBy("id").execute(),
  ]);
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  return {
    sections: [
      {
        id: "parties",
        title: S.parties,
        blocks: [
          {
            kind: "table",
            id: "parties",
            title: S.parties,
            columns: [
              { key: "name", title: S.cols.name, width: 2 },
              { key: "kind", title: S.cols.kind, width: 1 },
              { key: "needs", title: S.cols.needs, width: 4 },
            ],
            rows: parties.map((p) => [p.name, p.kind, text(p.expectations) || text(p.description)]),
          },
        ],
      },
      {
        id: "requirements",
        title: S.requirements,
        blocks: [
          {
            kind: "table",
            id: "requirements",
            title: S.requirements,
            columns: [
              { key: "title", title: S.cols.title, width: 3 },
              { key: "party", title: S.cols.party, width: 2 },
              { key: "source", title: S.cols.source, width: 2 },
            ],
            rows: requirements.map((r) => [r.title, partyName.get(r.party_id) ?? "", text(r.source)]),
          },
        ],
      },
      {
        id: "obligations",
        title: S.obligations,
        blocks: [
          {
            kind: "table",
            id: "obligations",
            title: S.obligations,
            columns: [
              { key: "title", title: S.cols.title, width: 3 },
              { key: "kind", title: S.cols.kind, width: 1 },
              { key: "ref", title: S.cols.ref, width: 1 },
              { key: "source", title: S.cols.source, width: 2 },
            ],
            rows: obligations.map((o) => [o.title, o.kind, text(o.reference), text(o.source)]),
          },
        ],
      },
    ],
  };
};
