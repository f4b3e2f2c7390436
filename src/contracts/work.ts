import { z } from "zod";

export const DueItemSchema = z.object({
  kind: z.string().describe("what is due: measure_collection, training_refresher, …"),
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  due: z.string().describe("YYYY-MM-DD"),
  ownerId: z.string().nullable().describe("the member it is for; null when nobody in particular"),
  path: z.string().describe("web path under /orgs/:orgId"),
});

export const MyWorkQuerySchema = z.object({
  days: z.coerce.number().int().min(0).max(366).default(30).describe("how far ahead to look"),
});

export const MyWorkSchema = z.object({
  until: z.string(),
  items: z.array(DueItemSchema.extend({ overdue: z.boolean() })),
});
export type MyWork = z.infer<typeof MyWorkSchema>;

export const CalendarQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(730).default(180).describe("how far ahead the feed reaches"),
});
