import type { Kysely } from "kysely";
import type { z } from "zod";
import type { SingletonEndpoints } from "../../contracts/register.js";
import { insertAudited, updateAudited, withWrite } from "../db/audited.js";
import type { Db } from "../db/database.js";
import type { AuditedTable, Database } from "../db/schema.js";
import { requireMember, writeMeta } from "../http/access.js";
import { serveEndpoint } from "../http/endpoint.js";
import { conflict } from "../http/errors.js";
import type { RouteModule } from "../http/routes.js";
import type { RegisterColumns } from "./register-routes.js";
import { updateRoutes } from "./update-routes.js";

type RecordShape = { id: string; org_id: string; created_at: string; updated_at: string; version: number };

/** Audited tables whose rows are organization-scoped records: what a singleton document can be kept in (its id is the organization's). */
export type SingletonTable = { [T in AuditedTable]: Database[T] extends RecordShape ? T : never }[AuditedTable];

/**
 * A document an organization has exactly one of (priorities, preliminary scope, business case),
 * described by its contract (`singletonEndpoints` in src/contracts/register.ts): read whole,
 * replaced whole (PUT) or changed field by field (PATCH). Its id is the organization's id;
 * version 0 means "not written yet".
 */
export interface SingletonDefinition<T extends SingletonTable, Doc extends z.ZodType, Input extends z.ZodObject> {
  endpoints: SingletonEndpoints<Doc, Input>;
  table: T;
  toRow(input: Omit<z.output<Input>, "version">): RegisterColumns<T>;
  /** The document as the API shows it; `null` when nothing was written yet. */
  present(row: Database[T] | null): z.input<Doc>;
  /** A refusal of the input (e.g. a person who is not a member), thrown before it is written. */
  check?(db: Db, orgId: string, input: Omit<z.output<Input>, "version">): Promise<void>;
}

/** Kysely over one singleton table: the kit names only the columns every record has, which Kysely cannot check through the generic table name. */
const records = (k: Kysely<Database>) => k as unknown as Kysely<Record<string, RecordShape>>;

async function findById<T extends SingletonTable>(k: Kysely<Database>, table: T, id: string): Promise<Database[T] | null> {
  const row = await records(k)
    .selectFrom(table as string)
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return (row as Database[T] | undefined) ?? null;
}

export const readSingleton = <T extends SingletonTable>(db: Db, table: T, orgId: string) => findById(db.kysely, table, orgId);

export function singletonRoutes<T extends SingletonTable, Doc extends z.ZodType, Input extends z.ZodObject>(
  def: SingletonDefinition<T, Doc, Input>,
): RouteModule {
  const { endpoints, table } = def;
  const entity = endpoints.entity;
  return (app, { db }) => {
    serveEndpoint(app, endpoints.get, async (request) => def.present(await readSingleton(db, table, requireMember(request).orgId)));

    updateRoutes(app, {
      endpoints,
      current: async (request) => def.present(await readSingleton(db, table, requireMember(request).orgId)),
      write: async (request, _params, body) => {
        const { orgId } = requireMember(request);
        const { version, ...input } = body as z.output<Input> & { version: number };
        await def.check?.(db, orgId, input);
        const row = await withWrite(db, writeMeta(request), async (ctx) => {
          const current = await findById(ctx.trx, table, orgId);
          const values = def.toRow(input);
          if (!current) {
            if (version !== 0) throw conflict(`the ${entity} does not exist yet; send version 0`, def.present(null));
            const created = {
              id: orgId,
              org_id: orgId,
              ...values,
              created_at: ctx.now,
              updated_at: ctx.now,
              version: 1,
            } as Database[T];
            await insertAudited(ctx, table, created, { orgId, entityType: entity });
            return created;
          }
          return await updateAudited(ctx, table, orgId, values as Partial<Database[T]>, {
            orgId,
            entityType: entity,
            expectedVersion: version,
            present: def.present,
          });
        });
        return def.present(row);
      },
    });
  };
}
