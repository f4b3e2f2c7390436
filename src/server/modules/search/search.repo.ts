import type { SearchHit, SearchKind, SearchResult } from "../../../contracts/search.js";
import { SCOPE_AREAS, type ScopeElementKind } from "../../../core/scope/data.js";
import { reader } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { containsText } from "../../db/text-search.js";
import "../documents/index.js";
import { iso27001Reference } from "../gap/index.js";
import "../requirements/index.js";
import "../risks/index.js";
import "../scope/index.js";

/** Hits listed per kind: enough to pick from, few enough that every kind gets a place in the list. */
export const PER_KIND = 6;

type Row = { id: string; ref: string | null; title: string };

/** The register page a scope element is shown on, by its kind (the roadmap's register names). */
const scopeRegister = (kind: string): string =>
  Object.values(SCOPE_AREAS).find((area) => area.kinds.includes(kind as ScopeElementKind))?.register ?? "scope-units";

/**
 * Records of the main registers whose reference or title contains the words typed, case
 * ignored: PER_KIND at most of each kind, each with the register page that shows it. One
 * indexed-or-small query per register, run together, so a search stays cheap as registers grow.
 */
export async function searchRegisters(db: Db, orgId: string, q: string): Promise<SearchResult> {
  const k = reader(db);
  const take = PER_KIND + 1;
  const text = (column: string) => containsText(column, q);
  const needle = q.toLowerCase();

  const kinds: [SearchKind, Promise<(Row & { link: SearchHit["link"] })[]>][] = [
    [
      "risk",
      k
        .selectFrom("risks")
        .select(["id", "ref", "title"])
        .where("org_id", "=", orgId)
        .where((eb) => eb.or([text("ref"), containsText("title_folded", q, "folded")]))
        .orderBy("number")
        .limit(take)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, link: { register: "risks", id: r.id } }))),
    ],
    [
      "asset",
      k
        .selectFrom("assets")
        .select(["id", "external_ref as ref", "name as title"])
        .where("org_id", "=", orgId)
        .where((eb) => eb.or([containsText("name_folded", q, "folded"), text("external_ref")]))
        .orderBy("name")
        .limit(take)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, link: { register: "assets", id: r.id } }))),
    ],
    [
      "requirement",
      k
        .selectFrom("security_requirements")
        .select(["id", "external_ref as ref", "title"])
        .where("org_id", "=", orgId)
        .where((eb) => eb.or([text("title"), text("external_ref")]))
        .orderBy("title")
        .limit(take)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, link: { register: "requirements" } }))),
    ],
    [
      "interested_party",
      k
        .selectFrom("interested_parties")
        .select(["id", "name as title"])
        .where("org_id", "=", orgId)
        .where(text("name"))
        .orderBy("name")
        .limit(take)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, ref: null, link: { register: "interested-parties" } }))),
    ],
    [
      "obligation",
      k
        .selectFrom("obligations")
        .select(["id", "title"])
        .where("org_id", "=", orgId)
        .where(text("title"))
        .orderBy("title")
        .limit(take)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, ref: null, link: { register: "obligations" } }))),
    ],
    [
      "objective",
      k
        .selectFrom("objectives")
        .select(["id", "title"])
        .where("org_id", "=", orgId)
        .where(text("title"))
        .orderBy("title")
        .limit(take)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, ref: null, link: { register: "objectives" } }))),
    ],
    [
      "control",
      k
        .selectFrom("custom_controls")
        .select(["id", "ref", "title"])
        .where("org_id", "=", orgId)
        .where((eb) => eb.or([text("ref"), text("title")]))
        .orderBy("ref")
        .limit(take)
        .execute()
        .then((custom) => {
          // Annex A is the shipped reference, the same for every organization: filtered in memory.
          const annexA = iso27001Reference()
            .reference.controls.filter((c) => c.id.toLowerCase().includes(needle) || c.title.toLowerCase().includes(needle))
            .slice(0, take)
            .map((c) => ({ id: c.id, ref: c.id, title: c.title }));
          return [...annexA, ...custom].map((r) => ({ ...r, link: { register: "soa", id: r.id } }));
        }),
    ],
    [
      "scope_element",
      k
        .selectFrom("scope_elements")
        .select(["id", "external_ref as ref", "name as title", "kind"])
        .where("org_id", "=", orgId)
        .where((eb) => eb.or([text("name"), text("external_ref")]))
        .orderBy("name")
        .limit(take)
        .execute()
        .then((rows) => rows.map(({ kind, ...r }) => ({ ...r, link: { register: scopeRegister(kind) } }))),
    ],
    [
      "document",
      k
        .selectFrom("documents")
        .select(["id", "identifier as ref", "title"])
        .where("org_id", "=", orgId)
        .where((eb) => eb.or([text("identifier"), text("title")]))
        .orderBy("identifier")
        .limit(take)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, link: { register: "policies" } }))),
    ],
    ...(["threat", "vulnerability"] as const).map((kind): [SearchKind, Promise<(Row & { link: SearchHit["link"] })[]>] => [
      kind,
      k
        .selectFrom(kind === "threat" ? "threats" : "vulnerabilities")
        .select(["id", "title"])
        .where("org_id", "=", orgId)
        .where(text("title"))
        .orderBy("title")
        .limit(take)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, ref: null, link: { register: "risk-catalog" } }))),
    ]),
  ];

  const found = await Promise.all(kinds.map(async ([kind, rows]) => ({ kind, rows: await rows })));
  return {
    items: found.flatMap(({ kind, rows }) =>
      rows.slice(0, PER_KIND).map((r) => ({ kind, id: r.id, ref: r.ref, title: r.title, link: r.link })),
    ),
    truncated: found.some(({ rows }) => rows.length > PER_KIND),
  };
}
