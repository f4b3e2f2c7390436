import type { ProcessData } from "../process/data.js";
import type { Check, MissingItem, Rule, RuleResult } from "../process/rules.js";
import type { Person, SodConflict } from "./sod.js";

/** Where the security organization is edited; the web maps it to a page. */
export const ORGANIZATION_REGISTER = "security-organization";

/** The security organization as the completion rule of 9.2.1 reads it. */
export interface OrganizationData {
  roles: { key: string; title: string; mandatory: boolean; holders: Person[]; deputy: Person | null }[];
  committees: { id: string; name: string; chair: Person | null; members: Person[] }[];
  /** SoA-included controls and their owner; `ownerIsMember` when the owner names a member of the organization. */
  includedControls: { ref: string; title: string; owner: string | null; ownerIsMember: boolean }[];
  /** Policies (the ISMS policy and topic-specific ones) not retired. */
  policies: { id: string; identifier: string; title: string; ownerIsMember: boolean }[];
  conflicts: SodConflict[];
}

declare module "../process/data.js" {
  interface ProcessData {
    /** Absent until the server loads the security organization. */
    organization?: OrganizationData;
  }
}

const check = (id: string, label: string, missing: MissingItem[]): Check => ({ id, label, ok: missing.length === 0, missing });

/** The checks of 9.2.1, also shown on the organization page. */
export function organizationChecks(org: OrganizationData): Check[] {
  const link = { register: ORGANIZATION_REGISTER };
  return [
    check(
      "mandatory-roles-filled",
      "Every mandatory role is held by a named member",
      org.roles
        .filter((r) => r.mandatory && r.holders.length === 0)
        .map((r) => ({ message: `Name a member who holds the role "${r.title}".`, link })),
    ),
    check(
      "committee",
      "A security committee or forum with a chair and members",
      org.committees.some((c) => c.chair !== null && c.members.length > 0)
        ? []
        : [{ message: "Set up a security committee or forum with a chair, members, a meeting frequency and a remit.", link }],
    ),
    check(
      "control-owners",
      "Every control included in the SoA has an owner who is a member",
      org.includedControls
        .filter((c) => !c.ownerIsMember)
        .map((c) => ({
          message: c.owner
            ? `The owner of ${c.ref} "${c.title}", "${c.owner}", is not a member of the organization.`
            : `Name an owner for ${c.ref} "${c.title}".`,
          link: { register: "soa", id: c.ref },
        })),
    ),
    check(
      "policy-owners",
      "Every policy has an owner who is a member",
      org.policies
        .filter((p) => !p.ownerIsMember)
        .map((p) => ({
          message: `Name a member as the owner of ${p.identifier} "${p.title}".`,
          link: { register: "documents", id: p.id },
        })),
    ),
    check(
      "segregation-of-duties",
      "No segregation-of-duties conflict",
      org.conflicts.map((c) => ({
        message: `Segregation of duties: ${c.message} (rule "${c.ruleTitle}"; ${c.people.map((p) => p.name).join(", ")}).`,
        link,
      })),
    ),
  ];
}

function securityOrganizationDesigned(data: ProcessData): RuleResult {
  const org = data.organization;
  if (!org)
    return {
      started: false,
      checks: [
        check("organization", "The security organization", [
          { message: "Design the security organization.", link: { register: ORGANIZATION_REGISTER } },
        ]),
      ],
    };
  return {
    started: org.committees.length > 0 || org.roles.some((r) => r.holders.length > 0),
    checks: organizationChecks(org),
  };
}

export const ORGANIZATION_RULES: Readonly<Record<string, Rule>> = {
  "security-organization-designed": securityOrganizationDesigned,
};
