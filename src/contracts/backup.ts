import { z } from "zod";
import { orgPolicy } from "../core/access/policies.js";
import { IdSchema, OrgParamsSchema } from "./common.js";
import { access, defineEndpoint, fileResponse } from "./endpoint.js";

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

const backupTags = ["backup"];
export const backupEndpoints = {
  instance: defineEndpoint({
    method: "GET",
    path: "/admin/backup",
    access: access.instanceAdmin,
    tags: backupTags,
    summary: "Download a backup of the whole instance, or of one organization with orgId (instance administrators)",
    query: BackupQuerySchema,
    response: fileResponse(BACKUP_MEDIA_TYPE),
  }),
  organization: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/backup",
    access: access.org(orgPolicy, "update"),
    tags: backupTags,
    summary:
      "Download a backup of the organization: its records, files and audit trail, with its members' names and emails (organization administrators)",
    params: OrgParamsSchema,
    response: fileResponse(BACKUP_MEDIA_TYPE),
  }),
  restore: defineEndpoint({
    method: "POST",
    path: "/admin/restore",
    access: access.instanceAdmin,
    tags: backupTags,
    summary: `Restore a backup sent as the raw request body (at most ISMS_RESTORE_MAX_BYTES bytes): an organization's is added as a new organization, an instance's needs an empty database; a file whose checksums do not match is refused, changing nothing`,
    response: RestoreResultSchema,
  }),
};
