import { z } from "zod";
import { IdSchema } from "./common.js";

/** Instance backups (administration page): which organization, when only one is wanted. */
export const BackupQuerySchema = z.strictObject({ orgId: IdSchema.optional() });

/** What a restore did: an organization added (with its members), or a whole instance restored. */
export const RestoreResultSchema = z.object({
  scope: z.enum(["instance", "organization"]),
  rows: z.number().int(),
  tables: z.number().int(),
  orgId: z.string().optional(),
  name: z.string().optional(),
  newIds: z.boolean().optional(),
  usersLinked: z.array(z.string()).optional(),
  usersCreated: z.array(z.string()).optional(),
  auditEvents: z.number().int().optional(),
  rechained: z.boolean().optional(),
  chains: z.number().int().optional(),
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

export const BACKUP_MEDIA_TYPE = "application/gzip";
