import { z } from "zod";
import { access, requirePrincipal } from "../../http/access.js";
import { forbidden } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { createDemo } from "./demo.service.js";

export const demoRoutes: RouteModule = (app, { db }) => {
  app.post("/demo", {
    config: { access: access.user },
    schema: {
      tags: ["demo"],
      summary: "Create (or find) an example organization with phase 1 complete and gate G1 approved; you are its administrator",
      response: { 200: z.object({ orgId: z.string(), created: z.boolean() }) },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      if (principal.via === "token") throw forbidden("sign in to create the demo organization");
      return createDemo(db, principal.userId, { requestId: request.id, ip: request.ip });
    },
  });
};
