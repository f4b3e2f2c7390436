import { definePolicy, EVERY_ROLE, OVERSIGHT_ROLES } from "./policy.js";

/** One policy per area. Routes name an area and an action; nothing else decides access. */
export const orgPolicy = definePolicy("orgs", {
  read: EVERY_ROLE,
  update: ["admin"],
});

export const memberPolicy = definePolicy("members", {
  read: EVERY_ROLE,
  manage: ["admin"],
});

export const invitePolicy = definePolicy("invites", {
  read: ["admin"],
  manage: ["admin"],
});

/** API tokens act with the creator's own role, so every member may hold tokens for themselves. */
export const tokenPolicy = definePolicy("tokens", {
  read: EVERY_ROLE,
  manage: EVERY_ROLE,
});

export const auditPolicy = definePolicy("audit", {
  read: OVERSIGHT_ROLES,
  verify: OVERSIGHT_ROLES,
});

export const POLICIES = [orgPolicy, memberPolicy, invitePolicy, tokenPolicy, auditPolicy] as const;
