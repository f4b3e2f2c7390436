import type { Kysely } from "kysely";
import type { z } from "zod";
import type { RegisterEndpoints } from "../../contracts/register.js";
import { uuidv7 } from "../../core/ids.js";
import { deleteAudited, insertAudited, updateAudited, withWrite } from "../db/audited.js";
import type { Db } from "../db/database.js";
import { paginate } from "../db/paginate.js";
import type { AuditedTable, Database } from "../db/schema.js";
import { requireMember, writeMeta } from "../http/access.js";
import { serveEndpoint } from "../http/endpoint.js";
import { conflict, notFound } from "../http/errors.js";
import type { RouteModule } from "../http/routes.js";
import { readOrgSettings } from "../modules/orgs/index.js";
import { type RecordMapping, updateRoutes } from "./update-routes.js";

/** The columns the kit writes itself on every organization-scoped record. */
export type RecordColumns = "id" | "org_id" | "created_at" | "updated_at" | "version";
type RecordShape = { id: string; org_id: string; created_at: string; updated_at: string; version: number };

/** Audited tables whose rows are organization-scoped records with a title: what a register can be kept in. */
export type RegisterTable = {
  [T in AuditedTable]: Database[T] extends RecordShape & { title: string } ? T : never;
}[AuditedTable];

/** A register's own columns, as its `toRow` writes them (without those in `Keep`, left to their default). */
export type RegisterColumns<T extends AuditedTable, Keep extends PropertyKey = never> = Omit<Database[T], RecordColumns | Keep>;

/**
 * A register is a list of organization-scoped records with a title: the same five routes
 * (list with search, sort and cursor; create; read; replace and merge-patch with version; delete),
 * described by its contract (`registerEndpoints` in src/contracts/register.ts) and served here,
 * audited, for every register that has no behaviour beyond its fields.
 */
export interface RegisterDefinition<
  T extends RegisterTable,
  Item extends z.ZodType,
  Input extends z.ZodObject,
  Keep extends keyof Database[T] = never,
> {
  /** The register's endpoints, from src/contracts. */
  endpoints: RegisterEndpoints<Item, Input>;
  table: T;
  /** Column values from validated input; `context` carries what a default may come from (the organization's currency). */
  toRow(input: z.output<Input>, context: RowContext): RegisterColumns<T, Keep>;
  /** Columns `toRow` leaves alone: their default on create, unchanged on update (e.g. a catalog entry's starter key). */
  keep?: readonly Keep[];
  /** The record as the API shows it; a created record is presented from the values written (without the kept columns). */
  present(row: Database[T]): z.input<Item>;
  /** What still refers to a record, in words, so that deleting it is refused instead of breaking the reference. */
  inUse?(db: Db, orgId: string, id: string): Promise<string | null>;
  /** How what GET shows maps back to input, for PUT and PATCH (see update-routes.ts). */
  mapping?: RecordMapping;
  /** A refusal of the input (e.g. a duplicate identifier), thrown before it is written; `id` is null on create. */
  check?(db: Db, orgId: string, input: z.output<Input>, id: string | null): Promise<void>;
}

/**
 * Kysely over one register table: the kit's queries name only the columns every register has
 * (org_id, id, title, created_at), which Kysely cannot check through the generic table name.
 */
const records = (db: Db) => db.kysely as unknown as Kysely<Record<string, RecordShape & { title: string }>>;

/** What a row may depend on beyond its input: the organization and its settings, read in the write's transaction. */
export interface RowContext {
  orgId: string;
  settings: { currency: string; locale: string };
}
const rowContext = async (db: Parameters<typeof readOrgSettings>[0], orgId: string): Promise<RowContext> => ({
  orgId,
  settings: await readOrgSettings(db, orgId),
});

export function registerRoutes<
  T extends RegisterTable,
  Item extends z.ZodType,
  Input extends z.ZodObject,
  Keep extends keyof Database[T] = never,
>(def: RegisterDefinition<T, Item, Input, Keep>): RouteModule {
  const { endpoints, table } = def;
  const entity = endpoints.entity;
  return (app, { db }) => {
    const findRow = async (db: Db, orgId: string, id: string): Promise<Database[T]> => {
      const row = await records(db)
        .selectFrom(table as string)
        .selectAll()
        .where("org_id", "=", orgId)
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) throw notFound(entity);
      return row as Database[T];
    };
    const present = (row: unknown) => def.present(row as Database[T]);

    serveEndpoint(app, endpoints.list, async (request) => {
      const { orgId } = requireMember(request);
      const { q, ...page } = request.query;
      let query = records(db)
        .selectFrom(table as string)
        .selectAll()
        .where("org_id", "=", orgId);
      if (q) query = query.where((eb) => eb(eb.fn("lower", ["title"]), "like", `%${q.toLowerCase()}%`));
      return paginate(query, page.sort === "title" ? "title" : "created_at", page, present);
    });

    serveEndpoint(app, endpoints.create, async (request, reply) => {
      const { orgId } = requireMember(request);
      const input = request.body as z.output<Input>;
      await def.check?.(db, orgId, input, null);
      const row = await withWrite(db, writeMeta(request), async (ctx) => {
        const values = {
          id: uuidv7(),
          org_id: orgId,
          ...def.toRow(input, await rowContext(ctx, orgId)),
          created_at: ctx.now,
          updated_at: ctx.now,
          version: 1,
        } as Database[T];
        await insertAudited(ctx, table, values, { orgId, entityType: entity });
        return values;
      });
      return reply.status(201).send(def.present(row));
    });

    serveEndpoint(app, endpoints.get, async (request) =>
      def.present(await findRow(db, requireMember(request).orgId, request.params.itemId)),
    );

    updateRoutes(app, {
      endpoints,
      ...def.mapping,
      current: async (request, params) => def.present(await findRow(db, requireMember(request).orgId, params.itemId)),
      write: async (request, params, body) => {
        const { orgId } = requireMember(request);
        const { version, ...input } = body as z.output<Input> & { version: number };
        await def.check?.(db, orgId, input as z.output<Input>, params.itemId);
        const after = await withWrite(db, writeMeta(request), async (ctx) =>
          updateAudited(
            ctx,
            table,
            params.itemId,
            def.toRow(input as z.output<Input>, await rowContext(ctx, orgId)) as Partial<Database[T]>,
            {
              orgId,
              entityType: entity,
              expectedVersion: version,
              scope: { org_id: orgId },
              present,
            },
          ),
        );
        return present(after);
      },
    });

    serveEndpoint(app, endpoints.remove, async (request) => {
      const { orgId } = requireMember(request);
      const usedBy = await def.inUse?.(db, orgId, request.params.itemId);
      if (usedBy) throw conflict(`the ${entity} cannot be removed: ${usedBy}`);
      await withWrite(db, writeMeta(request), (ctx) =>
        deleteAudited(ctx, table, request.params.itemId, { orgId, entityType: entity, scope: { org_id: orgId } }),
      );
      return { ok: true as const };
    });
  };
}
