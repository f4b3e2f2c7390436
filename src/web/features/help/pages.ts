import type { AreaPage } from "../../app/area";
import { GlossaryPage } from "./glossary-page";
import { HELP_PATHS } from "./help-paths";

/** The help feature's pages in the navigation (section "help"). */
export const helpPages: readonly AreaPage[] = [
  { section: "help", path: HELP_PATHS.glossary, label: "Glossary", visible: () => true, Page: GlossaryPage },
];
