import { pageOf } from "../../../contracts/common.js";
import { UserListQuerySchema, UserParamsSchema, UserSchema } from "../../../contracts/users.js";
import { withWrite } from "../../db/audited.js";
import { access, requirePrincipal, writeMeta } from "../../http/access.js";
import { badRequest } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { listUsers, presentUser, setUserDisabled } from "./users.repo.js";

const tags = ["users"];

/** Instance-wide user accounts; only an instance administrator manages them. */
export const userRoutes: RouteModule = (app, { db }) => {
  app.get("/users", {
    config: { access: access.instanceAdmin },
    schema: { tags, summary: "List user accounts", querystring: UserListQuerySchema, response: { 200: pageOf(UserSchema) } },
    handler: async (request) => {
      const { q, disabled, ...page } = request.query;
      return listUsers(db, { q, disabled: disabled === undefined ? undefined : disabled === "true" }, page);
    },
  });

  for (const disabled of [true, false]) {
    app.post(`/users/:userId/${disabled ? "disable" : "enable"}`, {
      config: { access: access.instanceAdmin },
      schema: {
        tags,
        summary: disabled ? "Disable a user: their sessions end at once and their API tokens stop working" : "Enable a disabled user",
        params: UserParamsSchema,
        response: { 200: UserSchema },
      },
      handler: async (request) => {
        const { userId } = request.params;
        if (disabled && userId === requirePrincipal(request).userId) {
          throw badRequest("you cannot disable your own account", [{ field: "userId", message: "is your own account" }]);
        }
        const { user } = await withWrite(db, writeMeta(request), (ctx) => setUserDisabled(ctx, userId, disabled));
        return presentUser(user);
      },
    });
  }
};
