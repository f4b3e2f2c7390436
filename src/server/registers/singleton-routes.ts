import type { Kysely } from "kysely";
import type { z } from "zod";
import { OrgParamsSchema } from "../../contracts/common.js";
import { registerPolicy } from "../../core/access/policies.js";
import { insertAudited, updateAudited, withWrite } from "../db/audited.js";
import type { Db } from "../db/database.js";
import type { AuditedTable, Database } from "../db/schema.js";
import { access, requireMember, writeMeta } from "../http/access.js";
import { conflict } from "../http/errors.js";
import type { RouteModule } from "../http/routes.js";
import { updateRoutes } from "./update-routes.js";

type Row = Record<string, unknown> & { id: string; version: number; updated_at: string };

/**
 * A document an organization has exactly one of (priorities, preliminary scope, business case):
 * read whole, replaced whole (PUT) or changed field by field (PATCH). Its id is the organization's id; version 0 means "not written yet".
 */
export interface SingletonDefinition<Input extends z.ZodObject> {
  path: string;
  table: AuditedTable;
  entity: string;
  tags: string[];
  schema: z.ZodType;
  input: Input;
  toRow(input: Omit<z.infer<Input>, "version">): Record<string, unknown>;
  /** The document as the API shows it; `null` when nothing was written yet. */
  present(row: Row | null): unknown;
  /** A refusal of the input (e.g. a person who is not a member), thrown before it is written. */
  check?(db: Db, orgId: string, input: Omit<z.infer<Input>, "version">): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: the table is chosen at run time
type AnyKysely = Kysely<any>;

async function findById(k: AnyKysely, tableName: AuditedTable, id: string): Promise<Row | null> {
  return ((await k.selectFrom(tableName).selectAll().where("id", "=", id).executeTakeFirst()) as Row | undefined) ?? null;
}

export const readSingleton = (db: Db, tableName: AuditedTable, orgId: string) => findById(db.kysely, tableName, orgId);

export function singletonRoutes<Input extends z.ZodObject>(def: SingletonDefinition<Input>): RouteModule {
  const path = `/orgs/:orgId/${def.path}`;
  return (app, { db }) => {
    app.get(path, {
      config: { access: access.org(registerPolicy, "read") },
      schema: { tags: def.tags, summary: `The ${def.entity}`, params: OrgParamsSchema, response: { 200: def.schema } },
      handler: async (request) => def.present(await readSingleton(db, def.table, requireMember(request).orgId)),
    });

    updateRoutes(app, {
      url: path,
      access: access.org(registerPolicy, "write"),
      tags: def.tags,
      summary: `the ${def.entity} (send the version you read; 0 the first time)`,
      params: OrgParamsSchema,
      body: def.input,
      response: def.schema,
      current: async (request) => def.present(await readSingleton(db, def.table, requireMember(request).orgId)),
      write: async (request, _params, body) => {
        const { orgId } = requireMember(request);
        const { version, ...input } = body as z.infer<Input> & { version: number };
        await def.check?.(db, orgId, input as Omit<z.infer<Input>, "version">);
        const row = await withWrite(db, writeMeta(request), async (ctx) => {
          const current = await findById(ctx.trx, def.table, orgId);
          const values = def.toRow(input as Omit<z.infer<Input>, "version">);
          if (!current) {
            if (version !== 0) throw conflict(`the ${def.entity} does not exist yet; send version 0`, def.present(null));
            const created = { id: orgId, org_id: orgId, ...values, created_at: ctx.now, updated_at: ctx.now, version: 1 } as Row;
            await insertAudited(ctx, def.table, created as never, { orgId, entityType: def.entity });
            return created;
          }
          return updateAudited(ctx, def.table, orgId, values as Partial<Database[AuditedTable]>, {
            orgId,
            entityType: def.entity,
            expectedVersion: version,
            present: (r) => def.present(r as Row),
          }) as Promise<Row>;
        });
        return def.present(row);
      },
    });
  };
}
