/** The security organization's public surface for other modules (its tables' types come with it). */
export type { CommitteesTable, SecurityOrganizationsTable, SodRuleSetsTable } from "./organization.repo.js";
export { loadOrganization, membersOf, readRoleLines, readSodRules } from "./organization.repo.js";
