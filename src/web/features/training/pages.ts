import { type AreaPage, canReadRegisters } from "../../app/area";
import { ORG_PATHS } from "../../app/org-paths";
import { TrainingPage } from "./training-page";

/** The training feature's pages in the navigation (section "p5"). */
export const trainingPages: readonly AreaPage[] = [
  { section: "p5", path: ORG_PATHS.training, label: "Training & awareness", visible: canReadRegisters, Page: TrainingPage },
];
