import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { DocumentPage } from "./document-page";
import { DocumentRegisterPage } from "./document-register-page";

/** The documents feature's pages in the navigation (section "p5"). */
export const documentsPages: readonly AreaPage[] = [
  {
    section: "p5",
    path: ORG_PATHS.documentRegister,
    label: "Document register",
    visible: canReadRegisters,
    Page: DocumentRegisterPage,
    subpages: [{ path: ORG_PATHS.document, Page: DocumentPage }],
  },
];
