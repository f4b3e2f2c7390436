/** The roles a user can hold in an organization, from most to least privileged. */
export const ROLES = ["admin", "isms_manager", "contributor", "approver", "auditor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  isms_manager: "ISMS manager",
  contributor: "Contributor",
  approver: "Approver (top management)",
  auditor: "Auditor",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Manages the organization, its members, invitations and settings, and everything an ISMS manager can do.",
  isms_manager: "Runs the ISMS project: edits every register and requests management approvals.",
  contributor: "Edits the registers they are asked to work on (assets, risks, controls).",
  approver: "Top management: approves or rejects the gates and reads everything.",
  auditor:
    "Reads everything, including the audit trail; records internal audit findings, issues audit reports and reviews corrective actions.",
  viewer: "Reads the registers.",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
