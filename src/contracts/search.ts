import { z } from "zod";
import { registerPolicy } from "../core/access/policies.js";
import { OrgParamsSchema } from "./common.js";
import { access, defineEndpoint } from "./endpoint.js";

export const SEARCH_KINDS = [
  "risk",
  "asset",
  "requirement",
  "interested_party",
  "obligation",
  "objective",
  "control",
  "scope_element",
  "document",
  "threat",
  "vulnerability",
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SearchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(2, { error: "must be at least 2 characters" })
    .max(200, { error: "must be at most 200 characters" })
    .describe("words of a reference or title; case does not matter"),
});

/** Where a hit is shown: a register as the roadmap names it (src/web/features/roadmap/register-links.ts), and the record's id there. */
const SearchLinkSchema = z.object({ register: z.string(), id: z.string().optional() });

export const SearchResultSchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum(SEARCH_KINDS),
      id: z.string(),
      ref: z.string().nullable().describe("the record's reference (R-0003, A.5.1, POL-001), when it has one"),
      title: z.string(),
      link: SearchLinkSchema,
    }),
  ),
  truncated: z.boolean().describe("true when some kinds had more hits than are listed"),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
export type SearchHit = SearchResult["items"][number];

/** The web app's global search (Ctrl/⌘-K): one request across the registers every member may read. */
export const searchEndpoints = {
  search: defineEndpoint({
    method: "GET",
    path: "/orgs/:orgId/search",
    access: access.org(registerPolicy, "read"),
    tags: ["search"],
    summary: "Risks, assets, requirements, controls, scope elements, documents and more whose reference or title contains the words",
    params: OrgParamsSchema,
    query: SearchQuerySchema,
    response: SearchResultSchema,
  }),
};
