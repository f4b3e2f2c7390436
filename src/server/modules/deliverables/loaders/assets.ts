import type { Cell } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { reader } from "../../../db/audited.js";
import { BATCH, type Loader, text } from "./shared.js";

// --- 7.3 asset inventory (streamed: an inventory may hold 100,000 assets) -----------------------
export const assetInventory: Loader = async (db, orgId) => {
  const S = STRINGS.assets;
  const k = reader(db);
  const digest = await k
    .selectFrom("assets")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("updated_at").as("latest")])
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  const count = Number(digest?.n ?? 0);
  const level = (json: string, override: string, key: string) => {
    const o = JSON.parse(override || "{}") as Record<string, number>;
    const v = JSON.parse(json || "{}") as Record<string, number>;
    const value = o[key] ?? v[key];
    return value === undefined ? "" : String(value);
  };
  async function* rows(): AsyncIterable<Cell[][]> {
    let after = "";
    for (;;) {
      const batch = await reader(db)
        .selectFrom("assets")
        .select(["id", "name", "kind", "owner", "classification", "valuation", "valuation_override"])
        .where("org_id", "=", orgId)
        .where("id", ">", after)
        .orderBy("id")
        .limit(BATCH)
        .execute();
      if (batch.length === 0) return;
      yield batch.map((a) => [
        a.name,
        a.kind,
        text(a.owner),
        text(a.classification),
        level(a.valuation, a.valuation_override, "confidentiality"),
        level(a.valuation, a.valuation_override, "integrity"),
        level(a.valuation, a.valuation_override, "availability"),
      ]);
      after = batch.at(-1)?.id ?? after;
      if (batch.length < BATCH) return;
    }
  }
  return {
    sections: [
      {
        id: "assets",
        title: S.inventory,
        blocks: [
          {
            kind: "stream-table",
            id: "assets",
            title: S.inventory,
            count,
            columns: [
              { key: "name", title: S.cols.name, width: 3 },
              { key: "kind", title: S.cols.kind, width: 2 },
              { key: "owner", title: S.cols.owner, width: 2 },
              { key: "classification", title: "Classification", width: 1.5 },
              { key: "c", title: S.cols.confidentiality, width: 0.5 },
              { key: "i", title: S.cols.integrity, width: 0.5 },
              { key: "a", title: S.cols.availability, width: 0.5 },
            ],
            rows,
          },
        ],
      },
    ],
    fingerprint: { count, latest: digest?.latest ?? null },
  };
};
