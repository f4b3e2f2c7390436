import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { ScopePage } from "./scope-page";
import { ScopeStatementPage } from "./scope-statement-page";

/** The scope feature's pages in the navigation (section "p2"). */
export const scopePages: readonly AreaPage[] = [
  { section: "p2", path: ORG_PATHS.scope, label: "Scope", visible: canReadRegisters, Page: ScopePage },
  { section: "p2", path: ORG_PATHS.scopeStatement, label: "Scope statement", visible: canReadRegisters, Page: ScopeStatementPage },
];
