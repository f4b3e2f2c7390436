import type { EXPORT_ONLY_REGISTERS, RowValues } from "../../core/imports/columns.js";
import { referenceText } from "../../core/imports/matching.js";
import { reader } from "../db/audited.js";
import type { Db } from "../db/database.js";
import { listGap } from "../modules/gap/index.js";
import { taskExportRows } from "../modules/plan/index.js";

/**
 * Registers that are exported but not imported. Each gives its records as field values, a page
 * at a time, in the form the columns of `exportColumns` format; a record another one refers to
 * is written as a reference cell writes it (external reference, else name).
 */
export interface ExportSource {
  title: string;
  pages(db: Db, orgId: string): AsyncIterable<RowValues[]>;
}

const PAGE = 1000;

/** Keyset pages of a query over a table aliased `t`, ordered by its time-ordered id. */
async function* keyset<T extends { id: string }>(load: (after: string | null) => Promise<T[]>, present: (row: T) => RowValues) {
  let after: string | null = null;
  for (;;) {
    const rows = await load(after);
    if (rows.length === 0) return;
    yield rows.map(present);
    after = (rows.at(-1) as T).id;
  }
}

const named = (externalRef: string | null, name: string | null) => (name === null ? null : referenceText({ externalRef, name }));

/** The export-only registers, and the gap assessment, whose rows are the standard's items, assessed or not. */
export const EXPORT_SOURCES: Record<(typeof EXPORT_ONLY_REGISTERS)[number] | "gap-assessment" | "tasks", ExportSource> = {
  // The tasks with their schedule, as the plan's workbook writes them.
  tasks: {
    title: "Plan",
    async *pages(db, orgId) {
      yield await taskExportRows(db, orgId, new Date().toISOString().slice(0, 10));
    },
  },
  "boundary-interfaces": {
    title: "Boundary interfaces",
    pages: (db, orgId) =>
      keyset(
        (after) => {
          let query = reader(db)
            .selectFrom("boundary_interfaces as t")
            .innerJoin("scope_elements as f", "f.id", "t.from_element_id")
            .leftJoin("scope_elements as o", "o.id", "t.to_element_id")
            .select([
              "t.id",
              "t.to_party",
              "t.data_exchanged",
              "t.direction",
              "t.protection",
              "f.external_ref as from_ref",
              "f.name as from_name",
              "o.external_ref as to_ref",
              "o.name as to_name",
            ])
            .where("t.org_id", "=", orgId);
          if (after) query = query.where("t.id", ">", after);
          return query.orderBy("t.id").limit(PAGE).execute();
        },
        (r) => ({
          fromElementId: named(r.from_ref, r.from_name),
          toElementId: named(r.to_ref, r.to_name),
          toParty: r.to_party,
          dataExchanged: r.data_exchanged,
          direction: r.direction,
          protection: r.protection,
        }),
      ),
  },
  obligations: {
    title: "Obligations",
    pages: (db, orgId) =>
      keyset(
        (after) => {
          let query = reader(db)
            .selectFrom("obligations as t")
            .leftJoin("interested_parties as p", "p.id", "t.interested_party_id")
            .selectAll("t")
            .select("p.name as party_name")
            .where("t.org_id", "=", orgId);
          if (after) query = query.where("t.id", ">", after);
          return query.orderBy("t.id").limit(PAGE).execute();
        },
        (r) => ({
          externalRef: r.external_ref,
          title: r.title,
          kind: r.kind,
          source: r.source,
          jurisdiction: r.jurisdiction,
          reference: r.reference,
          owner: r.owner,
          notes: r.notes,
          interestedPartyId: r.party_name,
          confidentiality: r.confidentiality,
          integrity: r.integrity,
          availability: r.availability,
        }),
      ),
  },
  "gap-assessment": {
    title: "Gap assessment",
    // The reference is small and fixed: one page, in the standard's order.
    async *pages(db, orgId) {
      const { items } = await listGap(db, orgId, {}, { limit: Number.MAX_SAFE_INTEGER });
      yield items.map((i) => ({
        itemId: i.itemId,
        kind: i.kind,
        title: i.title,
        theme: i.theme,
        status: i.status,
        maturity: i.maturity,
        evidence: i.evidence,
        findings: i.findings,
        justification: i.justification,
        assessedBy: i.assessedBy?.name ?? null,
        assessedAt: i.assessedAt,
      }));
    },
  },
};
