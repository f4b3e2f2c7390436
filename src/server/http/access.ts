import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Access } from "../../contracts/endpoint.js";
import type { Role } from "../../core/access/roles.js";
import { authenticate, type Principal } from "../auth/principal.js";
import type { SessionTimeouts } from "../auth/sessions.repo.js";
import type { WriteMeta } from "../db/audited.js";
import type { Db } from "../db/database.js";
import { safeEqual } from "../security/hashing.js";
import { forbidden, HttpProblem, notFound, unauthorized } from "./errors.js";

/** Every API route declares who may call it (the rule is part of its endpoint contract); the single hook below enforces it. */
export { type Access, access } from "../../contracts/endpoint.js";

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every API route with its access rule: what the route × role tests enumerate. */
    routeRules: RouteRule[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    member: { orgId: string; role: Role } | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_HEADER = "x-csrf-token";

export function registerAccessControl(app: FastifyInstance, db: Db, timeouts: SessionTimeouts): void {
  app.decorateRequest("principal", null);
  app.decorateRequest("member", null);

  const rules: RouteRule[] = [];
  app.decorate("routeRules", rules);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/v1/")) return;
    const rule = route.config?.access;
    if (!rule) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) if (method !== "HEAD") rules.push({ method, url: route.url, access: rule });
  });

  app.addHook("onRequest", async (request) => {
    const rule = request.routeOptions.config?.access;
    if (!rule) return;
    const orgId = rule.kind === "org" ? (request.params as { orgId?: string }).orgId : undefined;
    request.principal = await authenticate(db, request, timeouts, orgId);
    if (rule.kind === "public") return;
    const principal = request.principal;
    if (!principal) throw unauthorized();
    if (principal.via === "session" && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
        throw new HttpProblem(403, "csrf", "Missing or invalid CSRF token", `send the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
    if (rule.kind === "session" && principal.via !== "session") {
      throw new HttpProblem(
        403,
        "session-required",
        "Session required",
        "this account route needs a signed-in session; an API token acts only inside its own organization",
      );
    }
    if (rule.kind === "instance-admin" && !principal.isInstanceAdmin) throw forbidden("only an instance administrator may do this");
    if (rule.kind === "org") {
      const role = principal.orgRole;
      // A non-member learns nothing: an organization they cannot see does not exist for them.
      if (!role || orgId === undefined) throw notFound("organization");
      if (!rule.policy.can({ role }, rule.action)) throw forbidden(`the ${role} role may not ${rule.action} ${rule.policy.area}`);
      request.member = { orgId, role };
    }
  });
}

/** The audit identity of a request. */
export function writeMeta(request: FastifyRequest): WriteMeta {
  const p = request.principal;
  return {
    actor: p ? { type: p.via === "token" ? "token" : "user", id: p.userId, tokenId: p.tokenId ?? null } : { type: "system", id: null },
    requestId: request.id,
    ip: request.ip,
  };
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

export function requireMember(request: FastifyRequest): { orgId: string; role: Role; principal: Principal } {
  if (!request.member || !request.principal) throw unauthorized();
  return { ...request.member, principal: request.principal };
}
