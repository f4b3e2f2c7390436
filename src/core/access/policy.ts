import { ROLES, type Role } from "./roles.js";

/** Who acts: a user through a session, or a user through an API token bound to one organization. */
export interface Actor {
  userId: string;
  /** Instance administrator: manages user accounts across organizations. */
  isInstanceAdmin: boolean;
  /** The role in the organization the request is about, if the user is a member. */
  role: Role | null;
}

/**
 * A policy maps each action of one area to the roles allowed to perform it.
 * Areas declare their policy as data so the server enforces it, the web app hides what a
 * role cannot do, and the route × role test enumerates it, all from one place.
 */
export type Policy<A extends string> = Readonly<Record<A, readonly Role[]>>;

export function definePolicy<A extends string>(area: string, rules: Policy<A>): AreaPolicy<A> {
  return { area, rules, can: (actor, action) => actor.role !== null && rules[action].includes(actor.role) };
}

export interface AreaPolicy<A extends string> {
  area: string;
  rules: Policy<A>;
  can(actor: Pick<Actor, "role">, action: A): boolean;
}

export const EVERY_ROLE: readonly Role[] = ROLES;
/** Roles that may read the organization's data including the audit trail. */
export const OVERSIGHT_ROLES: readonly Role[] = ["admin", "isms_manager", "auditor"];
