import { demoEndpoints } from "../../../contracts/demo.js";
import { requirePrincipal } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { forbidden } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { createDemo } from "./demo.service.js";

export const demoRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, demoEndpoints.create, async (request) => {
    const principal = requirePrincipal(request);
    if (principal.via === "token") throw forbidden("sign in to create the demo organization");
    return createDemo(db, principal.userId, { requestId: request.id, ip: request.ip });
  });
};
