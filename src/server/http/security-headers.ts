import type { FastifyInstance, FastifyReply } from "fastify";
import { randomSecret } from "../security/hashing.js";

const CSP_DIRECTIVES: [string, string][] = [
  ["default-src", "'self'"],
  ["script-src", "'self'"],
  ["script-src-attr", "'none'"],
  ["style-src", "'self'"],
  ["img-src", "'self' data:"],
  ["font-src", "'self' data:"],
  ["connect-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'self'"],
  ["frame-ancestors", "'none'"],
];

/** The Content-Security-Policy, with a nonce for the style tags of one HTML response when given. */
export function contentSecurityPolicy(styleNonce?: string): string {
  return CSP_DIRECTIVES.map(
    ([name, value]) => `${name} ${value}${name === "style-src" && styleNonce ? ` 'nonce-${styleNonce}'` : ""}`,
  ).join("; ");
}

/**
 * The headers are the same on every response, so they are computed once; only an HTML page
 * gets a fresh nonce (see `withStyleNonce`).
 */
const STATIC_HEADERS: Record<string, string> = {
  "content-security-policy": contentSecurityPolicy(),
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-frame-options": "DENY",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(STATIC_HEADERS);
    done();
  });
}

/** Gives this HTML response its own style nonce and returns it. */
export function withStyleNonce(reply: FastifyReply): string {
  const nonce = randomSecret(16);
  reply.header("content-security-policy", contentSecurityPolicy(nonce));
  return nonce;
}
