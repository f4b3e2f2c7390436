/** The documents module's public surface for other modules (its tables' types come with it). */

export {
  approveVersion,
  createDocument,
  findDocument,
  newDraft,
  saveDraft,
  sectionsById,
  submitVersion,
  updateDocument,
  versionStates,
} from "./documents.repo.js";
export type { DocumentsTable } from "./documents.tables.js";
export { loadDocumentsData } from "./documents-data.js";
export { dueItems } from "./due.js";
/** The document register's public surface for other modules. */
export { ISMS_POLICY_ACTIVITY, ismsPolicyArtifact, onGateApproved } from "./gate.js";
export { approveInRegister, createFromTemplate, includedControls, registerEntries, registerReview } from "./register.js";
