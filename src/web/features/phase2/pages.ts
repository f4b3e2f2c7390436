import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { PolicyPage } from "./policy-page";
import { ScopePage } from "./scope-page";
import { ScopeStatementPage } from "./scope-statement-page";

/** The phase2 feature's pages in the navigation (section "p2"). */
export const phase2Pages: readonly AreaPage[] = [
  { section: "p2", path: ORG_PATHS.scope, label: "Scope", visible: canReadRegisters, Page: ScopePage },
  { section: "p2", path: ORG_PATHS.scopeStatement, label: "Scope statement", visible: canReadRegisters, Page: ScopeStatementPage },
  { section: "p2", path: ORG_PATHS.ismsPolicy, label: "ISMS policy", visible: canReadRegisters, Page: PolicyPage },
];
