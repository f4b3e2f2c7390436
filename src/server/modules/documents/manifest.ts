import { DOCUMENT_RULES } from "../../../core/documents/rules.js";
import * as m0007 from "../../db/migrations/0007-documents.js";
import type { AreaManifest } from "../area.js";
import { documentRoutes } from "./documents.routes.js";
import { loadDocumentsData } from "./documents-data.js";
import { ismsPolicyArtifact } from "./gate.js";

/** The documents area: what the app, the roadmap and the approvals take from this module. */
export const manifest: AreaManifest = {
  name: "documents",
  migrations: { "0007-documents": m0007 },
  routes: [documentRoutes],
  rules: DOCUMENT_RULES,
  processFacts: { key: "documents", load: loadDocumentsData },
  gateArtifacts: {
    // G2: the ISMS policy as submitted for review, or as approved.
    "6.6": ismsPolicyArtifact,
  },
};
