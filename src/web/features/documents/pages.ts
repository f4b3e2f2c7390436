import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { DocumentPage } from "./document-page";
import { DocumentRegisterPage } from "./document-register-page";
import { PolicyPage } from "./policy-page";

/** The documents feature's pages in the navigation: the ISMS policy (section "p2") and the document register (section "p5"). */
export const documentsPages: readonly AreaPage[] = [
  { section: "p2", path: ORG_PATHS.ismsPolicy, label: "ISMS policy", visible: canReadRegisters, Page: PolicyPage },
  {
    section: "p5",
    path: ORG_PATHS.documentRegister,
    label: "Document register",
    visible: canReadRegisters,
    Page: DocumentRegisterPage,
    subpages: [{ path: ORG_PATHS.document, Page: DocumentPage }],
  },
];
