/** The documents module's public surface for other modules (its tables' types come with it). */
export type { DocumentsTable } from "./documents.repo.js";
export { createDocument, saveDraft, submitVersion, updateDocument } from "./documents.repo.js";
export { dueItems } from "./due.js";
/** The document register's public surface for other modules. */
export { ISMS_POLICY_ACTIVITY, ismsPolicyArtifact } from "./gate.js";
export { approveInRegister, createFromTemplate, includedControls, registerReview } from "./register.js";
