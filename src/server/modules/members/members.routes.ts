import { OkSchema, pageOf } from "../../../contracts/common.js";
import {
  AddMemberBodySchema,
  MemberListQuerySchema,
  MemberParamsSchema,
  MemberSchema,
  UpdateMemberBodySchema,
} from "../../../contracts/members.js";
import { memberPolicy } from "../../../core/access/policies.js";
import { withWrite } from "../../db/audited.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import { addExistingUser, changeRole, getMember, listMembers, removeMember } from "./members.repo.js";

const tags = ["members"];

export const memberRoutes: RouteModule = (app, { db }) => {
  app.get("/orgs/:orgId/members", {
    config: { access: access.org(memberPolicy, "read") },
    schema: {
      tags,
      summary: "Members of the organization and their roles",
      params: MemberParamsSchema.pick({ orgId: true }),
      querystring: MemberListQuerySchema,
      response: { 200: pageOf(MemberSchema) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { q, role, ...page } = request.query;
      return listMembers(db, orgId, { q, role }, page);
    },
  });

  app.post("/orgs/:orgId/members", {
    // Instance-wide: it names accounts by email across the instance, which an organization's own
    // administrator must not be able to probe; they invite instead.
    config: { access: access.instanceAdmin },
    schema: {
      tags,
      summary: "Add an existing user to the organization with a role, without an invitation (instance administrators)",
      params: MemberParamsSchema.pick({ orgId: true }),
      body: AddMemberBodySchema,
      response: { 201: MemberSchema },
    },
    handler: async (request, reply) => {
      const member = await withWrite(db, writeMeta(request), (ctx) =>
        addExistingUser(ctx, request.params.orgId, request.body.email, request.body.role),
      );
      return reply.status(201).send(member);
    },
  });

  updateRoutes(app, {
    url: "/orgs/:orgId/members/:userId",
    access: access.org(memberPolicy, "manage"),
    tags,
    summary: "a member's role",
    params: MemberParamsSchema,
    body: UpdateMemberBodySchema,
    response: MemberSchema,
    current: (request, params) => getMember(db, requireMember(request).orgId, params.userId),
    write: (request, params, body) =>
      withWrite(db, writeMeta(request), (ctx) => changeRole(ctx, requireMember(request).orgId, params.userId, body.role, body.version)),
  });

  app.delete("/orgs/:orgId/members/:userId", {
    config: { access: access.org(memberPolicy, "manage") },
    schema: { tags, summary: "Remove a member from the organization", params: MemberParamsSchema, response: { 200: OkSchema } },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      await withWrite(db, writeMeta(request), (ctx) => removeMember(ctx, orgId, request.params.userId));
      return { ok: true as const };
    },
  });
};
