import { z } from "zod";

export const IdSchema = z.uuid({ error: "must be a UUID" });

export const OrgParamsSchema = z.strictObject({ orgId: IdSchema });

export const TimestampSchema = z.string().describe("ISO-8601 date-time (UTC)");

export const EmailSchema = z
  .string()
  .trim()
  .max(254, { error: "must be at most 254 characters" })
  .pipe(z.email({ error: "must be an email address" }))
  .transform((email) => email.toLowerCase());

export const PasswordSchema = z
  .string()
  .min(12, { error: "must be at least 12 characters" })
  .max(256, { error: "must be at most 256 characters" });

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, { error: "must not be empty" })
  .max(120, { error: "must be at most 120 characters" });

export const VersionSchema = z.number().int().min(1).describe("the version you last read; a stale one is refused with 409");

export const SortDirSchema = z.enum(["asc", "desc"]);

/** Query fields every list accepts: keyset cursor and page size. */
export const PageQuery = {
  cursor: z.string().max(2048).optional().describe("opaque cursor from the previous page's nextCursor"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  dir: SortDirSchema.optional(),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() });

/** RFC 9457 problem details. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
  current: z.unknown().optional().describe("on 409: the record as it is now"),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const OkSchema = z.object({ ok: z.literal(true) });

/**
 * A downloaded file's body, declared so that generated clients save it as bytes: a route sends
 * it with `fileDownload(...)`, which names the content types it may have.
 */
export const FileDownloadSchema = z.string().meta({ format: "binary", description: "the file's bytes (an attachment)" });

/** The OpenAPI declaration of a route that answers with a file of one of these media types. */
export const fileDownload = (...mediaTypes: [string, ...string[]]) => ({ produces: mediaTypes, response: { 200: FileDownloadSchema } });
