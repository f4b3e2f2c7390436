import { userEndpoints } from "../../../contracts/users.js";
import { withWrite } from "../../db/audited.js";
import { requirePrincipal, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { badRequest } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { listUsers, presentUser, setUserDisabled } from "./users.repo.js";

/** Instance-wide user accounts; only an instance administrator manages them. */
export const userRoutes: RouteModule = (app, { db }) => {
  serveEndpoint(app, userEndpoints.list, async (request) => {
    const { q, disabled, ...page } = request.query;
    return listUsers(db, { q, disabled: disabled === undefined ? undefined : disabled === "true" }, page);
  });

  for (const disabled of [true, false]) {
    serveEndpoint(app, disabled ? userEndpoints.disable : userEndpoints.enable, async (request) => {
      const { userId } = request.params;
      if (disabled && userId === requirePrincipal(request).userId) {
        throw badRequest("you cannot disable your own account", [{ field: "userId", message: "is your own account" }]);
      }
      const { user } = await withWrite(db, writeMeta(request), (ctx) => setUserDisabled(ctx, userId, disabled));
      return presentUser(user);
    });
  }
};
