import { inviteEndpoints } from "../../../contracts/invites.js";
import type { Role } from "../../../core/access/roles.js";
import { passwordProblem } from "../../../core/passwords/password-rules.js";
import { startSession } from "../../auth/session-cookie.js";
import { throttledPasswordCheck } from "../../auth/throttle.js";
import { withWrite } from "../../db/audited.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
import { badRequest, conflict, HttpProblem, unauthorized } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { verifyPassword } from "../../security/hashing.js";
import { addMembership, isMember } from "../orgs/index.js";
import { createUser, findUserByEmail } from "../users/index.js";
import { createInvite, findInviteByToken, inviteStatus, listInvites, markAccepted, revokeInvite } from "./invites.repo.js";

const gone = (status: string) =>
  new HttpProblem(410, "invite-unusable", "Invitation no longer valid", `this invitation is ${status}; ask an administrator for a new one`);

export const inviteRoutes: RouteModule = (app, { db, config }) => {
  const timeouts = { idleMinutes: config.ISMS_SESSION_IDLE_MINUTES, absoluteHours: config.ISMS_SESSION_ABSOLUTE_HOURS };

  serveEndpoint(app, inviteEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { status, ...page } = request.query;
    return listInvites(db, orgId, status, page);
  });

  serveEndpoint(app, inviteEndpoints.create, async (request, reply) => {
    const { orgId, principal } = requireMember(request);
    const { invite, token } = await withWrite(db, writeMeta(request), (ctx) => createInvite(ctx, orgId, request.body, principal.userId));
    return reply.status(201).send({ ...invite, token, path: `/invite/${token}` });
  });

  serveEndpoint(app, inviteEndpoints.revoke, async (request) => {
    const { orgId } = requireMember(request);
    return withWrite(db, writeMeta(request), (ctx) => revokeInvite(ctx, orgId, request.params.inviteId));
  });

  serveEndpoint(app, inviteEndpoints.info, async (request) => {
    const invite = await findInviteByToken(db, request.params.token);
    if (!invite) throw new HttpProblem(404, "not-found", "Not found", "no such invitation; check the link");
    const status = inviteStatus(invite);
    if (status !== "pending") throw gone(status);
    const account = await findUserByEmail(db, invite.email);
    return {
      orgName: invite.org_name,
      email: invite.email,
      role: invite.role as Role,
      expiresAt: invite.expires_at,
      accountExists: Boolean(account),
    };
  });

  serveEndpoint(app, inviteEndpoints.accept, async (request, reply) => {
    const { password, displayName } = request.body;
    const invite = await findInviteByToken(db, request.params.token);
    if (!invite) throw new HttpProblem(404, "not-found", "Not found", "no such invitation; check the link");
    const existing = await findUserByEmail(db, invite.email);
    if (existing) {
      const ok = await throttledPasswordCheck(db, invite.email, request.ip, () => verifyPassword(existing.password_hash, password));
      if (!ok || existing.disabled_at) throw unauthorized(`enter the password of your existing account ${invite.email}`);
    } else {
      const errors = [];
      if (!displayName) errors.push({ field: "displayName", message: "is required to create your account" });
      const problem = await passwordProblem(password, { email: invite.email, displayName });
      if (problem) errors.push({ field: "password", message: problem });
      if (errors.length) throw badRequest(`to create your account: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors);
    }
    const session = await withWrite(db, writeMeta(request), async (ctx) => {
      // Re-read inside the transaction so one link cannot be used twice concurrently.
      const fresh = await findInviteByToken(ctx, request.params.token);
      if (!fresh) throw gone("gone");
      const status = inviteStatus(fresh);
      if (status !== "pending") throw gone(status);
      const user = existing ?? (await createUser(ctx, { email: fresh.email, displayName: displayName as string, password }));
      // From here on the invitee acts: joining and accepting are their own doing.
      ctx.actor = { type: "user", id: user.id };
      if (await isMember(ctx, fresh.org_id, user.id)) throw conflict("you are already a member of this organization");
      await addMembership(ctx, fresh.org_id, user.id, fresh.role as Role);
      await markAccepted(ctx, fresh, user.id);
      return startSession(ctx, reply, request, user, timeouts);
    });
    return { ...session, orgId: invite.org_id };
  });
};
