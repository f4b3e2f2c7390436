import { z } from "zod";
import { access, defineEndpoint } from "./endpoint.js";

/**
 * What the demo organization is, in one sentence used everywhere it is offered: the button in
 * the app, `isms demo --help` and the README (issue 11, item 12).
 */
export const DEMO_SUMMARY =
  "an example organization taken through gate G4: gates G1 to G4 approved and all 25 roadmap activities done, with scope, ISMS policy, requirements, assets, gap assessment, risks (one quantified), an issued SoA, the security organization, a document register with the policy set, a scheduled implementation plan, measures, an internal audit, training and a management review";

export const demoEndpoints = {
  create: defineEndpoint({
    method: "POST",
    path: "/demo",
    access: access.user,
    tags: ["demo"],
    summary: "Create (or find) an example organization with phase 1 complete and gate G1 approved; you are its administrator",
    response: z.object({ orgId: z.string(), created: z.boolean() }),
  }),
};
