/** The chart helpers live with the shared chart options (src/core/charts), which documents use too. */
export { chartGrid, moneyTick } from "../../core/charts/options";
