import { uuidv7 } from "../../../core/ids.js";
import { assembleScopeStatement } from "../../../core/scope/statement.js";
import { insertAudited, reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { nextNumber } from "../../db/numbering.js";
import { type ListParams, paginate } from "../../db/paginate.js";
import { conflict, notFound } from "../../http/errors.js";
import type { ScopeStatementVersionsTable } from "./scope.repo.js";
import { loadScopeData } from "./scope-data.js";

const VERSION = "scope statement version";

function versionQuery(db: Db | WriteContext, orgId: string) {
  return reader(db)
    .selectFrom("scope_statement_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .selectAll("v")
    .select("u.display_name as author_name")
    .where("v.org_id", "=", orgId);
}

type VersionRow = ScopeStatementVersionsTable & { author_name: string | null };

const summary = (r: VersionRow) => ({
  number: r.number,
  note: r.note,
  createdBy: { id: r.created_by, name: r.author_name },
  createdAt: r.created_at,
});

export const presentVersion = (r: VersionRow) => ({ ...summary(r), markdown: r.markdown });

/** The statement assembled from the registers now, and the newest frozen version to compare it with. */
export async function currentStatement(db: Db | WriteContext, orgId: string) {
  const [data, org, latest] = await Promise.all([
    loadScopeData(db, orgId),
    reader(db).selectFrom("organizations").select("name").where("id", "=", orgId).executeTakeFirstOrThrow(),
    versionQuery(db, orgId).orderBy("v.number", "desc").limit(1).executeTakeFirst(),
  ]);
  return { markdown: assembleScopeStatement(data, org.name), latest: latest ?? null };
}

/** Freezes the statement as it reads now as the next version; an unchanged statement gets no new number. */
export async function freezeStatement(ctx: WriteContext, orgId: string, note: string | null): Promise<VersionRow> {
  const number = await nextNumber(ctx, "scope_statement_versions", orgId);
  const { markdown, latest } = await currentStatement(ctx, orgId);
  if (latest && latest.markdown === markdown)
    throw conflict(`the scope statement has not changed since version ${latest.number}`, presentVersion(latest));
  const row: ScopeStatementVersionsTable = {
    id: uuidv7(),
    org_id: orgId,
    number,
    markdown,
    note: note || null,
    created_by: ctx.actor.id,
    created_at: ctx.now,
  };
  await insertAudited(ctx, "scope_statement_versions", row, { orgId, entityType: VERSION, action: "scope statement.frozen" });
  return findVersion(ctx, orgId, row.number);
}

export async function findVersion(db: Db | WriteContext, orgId: string, number: number): Promise<VersionRow> {
  const row = await versionQuery(db, orgId).where("v.number", "=", number).executeTakeFirst();
  if (!row) throw notFound(`${VERSION} ${number}`);
  return row;
}

export const listVersions = (db: Db, orgId: string, page: Omit<ListParams<string>, "sort">) =>
  paginate(versionQuery(db, orgId), { column: "v.number", idColumn: "v.id" }, { ...page, sort: "number" }, summary, "desc");
