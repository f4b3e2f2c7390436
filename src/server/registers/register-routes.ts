import { z } from "zod";
import { OkSchema, OrgParamsSchema, pageOf } from "../../contracts/common.js";
import { RegisterItemParamsSchema, RegisterListQuerySchema } from "../../contracts/phase1.js";
import { registerPolicy } from "../../core/access/policies.js";
import { uuidv7 } from "../../core/ids.js";
import { deleteAudited, insertAudited, updateAudited, withWrite } from "../db/audited.js";
import type { Db } from "../db/database.js";
import { paginate } from "../db/paginate.js";
import type { AuditedTable, Database } from "../db/schema.js";
import { type Access, access, requireMember, writeMeta } from "../http/access.js";
import { conflict, notFound } from "../http/errors.js";
import type { RouteModule } from "../http/routes.js";
import { readOrgSettings } from "../modules/orgs/index.js";
import { type RecordMapping, updateRoutes } from "./update-routes.js";

type Row = Record<string, unknown> & { id: string; org_id: string; created_at: string; updated_at: string; version: number };

/**
 * A register is a list of organization-scoped records with a title: the same five routes
 * (list with search, sort and cursor; create; read; replace and merge-patch with version; delete), audited,
 * for every register that has no behaviour beyond its fields.
 */
export interface RegisterDefinition<Input extends z.ZodObject> {
  /** URL segment under /orgs/:orgId/ */
  path: string;
  table: AuditedTable;
  /** Audit entity type and the word in messages. */
  entity: string;
  tags: string[];
  item: z.ZodType;
  input: Input;
  /** Column values from validated input; `context` carries what a default may come from (the organization's currency). */
  toRow(input: z.infer<Input>, context: RowContext): Record<string, unknown>;
  present(row: Row): unknown;
  /** What still refers to a record, in words, so that deleting it is refused instead of breaking the reference. */
  inUse?(db: Db, orgId: string, id: string): Promise<string | null>;
  /** How what GET shows maps back to input, for PUT and PATCH (see update-routes.ts). */
  mapping?: RecordMapping;
  /** Who may read and write it; the implementation registers' policy when not given. */
  policy?: { read: Access; write: Access };
  /** A refusal of the input (e.g. a duplicate identifier), thrown before it is written; `id` is null on create. */
  check?(db: Db, orgId: string, input: z.infer<Input>, id: string | null): Promise<void>;
}

/** What a row may depend on beyond its input: the organization and its settings, read in the write's transaction. */
export interface RowContext {
  orgId: string;
  settings: { currency: string; locale: string };
}
const rowContext = async (db: Parameters<typeof readOrgSettings>[0], orgId: string): Promise<RowContext> => ({
  orgId,
  settings: await readOrgSettings(db, orgId),
});

// biome-ignore lint/suspicious/noExplicitAny: the register's table is chosen at run time
type ExpressionBuilder = any;
// biome-ignore lint/suspicious/noExplicitAny: the register's table is chosen at run time
const table = (db: Db, name: AuditedTable) => (db.kysely as any).selectFrom(name);

export function registerRoutes<Input extends z.ZodObject>(def: RegisterDefinition<Input>): RouteModule {
  const base = `/orgs/:orgId/${def.path}`;
  const item = `${base}/:itemId`;
  const updateSchema = def.input.extend({ version: z.number().int().min(1) });
  const read = def.policy?.read ?? access.org(registerPolicy, "read");
  const write = def.policy?.write ?? access.org(registerPolicy, "write");
  return (app, { db }) => {
    const findRow = async (db: Db, orgId: string, id: string): Promise<Row> => {
      const row = (await table(db, def.table).selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst()) as
        | Row
        | undefined;
      if (!row) throw notFound(def.entity);
      return row;
    };

    app.get(base, {
      config: { access: read },
      schema: {
        tags: def.tags,
        summary: `List ${def.entity}s`,
        params: OrgParamsSchema,
        querystring: RegisterListQuerySchema,
        response: { 200: pageOf(def.item) },
      },
      handler: async (request) => {
        const { orgId } = requireMember(request);
        const { q, ...page } = request.query;
        let query = table(db, def.table).selectAll().where("org_id", "=", orgId);
        if (q) query = query.where((eb: ExpressionBuilder) => eb(eb.fn("lower", ["title"]), "like", `%${q.toLowerCase()}%`));
        return paginate(query, page.sort === "title" ? "title" : "created_at", page, def.present);
      },
    });

    app.post(base, {
      config: { access: write },
      schema: { tags: def.tags, summary: `Add a ${def.entity}`, params: OrgParamsSchema, body: def.input, response: { 201: def.item } },
      handler: async (request, reply) => {
        const { orgId } = requireMember(request);
        await def.check?.(db, orgId, request.body as z.infer<Input>, null);
        const row = await withWrite(db, writeMeta(request), async (ctx) => {
          const values = {
            id: uuidv7(),
            org_id: orgId,
            ...def.toRow(request.body as z.infer<Input>, await rowContext(ctx, orgId)),
            created_at: ctx.now,
            updated_at: ctx.now,
            version: 1,
          } as Row;
          await insertAudited(ctx, def.table, values as never, { orgId, entityType: def.entity });
          return values;
        });
        return reply.status(201).send(def.present(row));
      },
    });

    app.get(item, {
      config: { access: read },
      schema: { tags: def.tags, summary: `One ${def.entity}`, params: RegisterItemParamsSchema, response: { 200: def.item } },
      handler: async (request) => {
        return def.present(await findRow(db, requireMember(request).orgId, request.params.itemId));
      },
    });

    updateRoutes(app, {
      url: item,
      access: write,
      tags: def.tags,
      summary: `a ${def.entity}`,
      params: RegisterItemParamsSchema,
      body: updateSchema,
      response: def.item,
      ...def.mapping,
      current: async (request, params) => def.present(await findRow(db, requireMember(request).orgId, params.itemId)),
      write: async (request, params, body) => {
        const { orgId } = requireMember(request);
        const { version, ...input } = body as z.infer<Input> & { version: number };
        await def.check?.(db, orgId, input as z.infer<Input>, params.itemId);
        const after = await withWrite(db, writeMeta(request), async (ctx) =>
          updateAudited(
            ctx,
            def.table,
            params.itemId,
            def.toRow(input as z.infer<Input>, await rowContext(ctx, orgId)) as Partial<Database[AuditedTable]>,
            {
              orgId,
              entityType: def.entity,
              expectedVersion: version,
              scope: { org_id: orgId },
              present: (row) => def.present(row as Row),
            },
          ),
        );
        return def.present(after as Row);
      },
    });

    app.delete(item, {
      config: { access: write },
      schema: { tags: def.tags, summary: `Remove a ${def.entity}`, params: RegisterItemParamsSchema, response: { 200: OkSchema } },
      handler: async (request) => {
        const { orgId } = requireMember(request);
        const usedBy = await def.inUse?.(db, orgId, request.params.itemId);
        if (usedBy) throw conflict(`the ${def.entity} cannot be removed: ${usedBy}`);
        await withWrite(db, writeMeta(request), (ctx) =>
          deleteAudited(ctx, def.table, request.params.itemId, { orgId, entityType: def.entity, scope: { org_id: orgId } }),
        );
        return { ok: true as const };
      },
    });
  };
}
