import type { WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { provideReviewInput } from "../management-review/index.js";
import { listMeasures } from "./measures.repo.js";

const ORDER = { act: 0, watch: 1, on_target: 2 } as const;

/**
 * Management review input d.2, measurement results: every indicator's latest value and status,
 * those needing action first. Registered with the management review when this module loads.
 */
export async function measurementResults(db: Db | WriteContext, orgId: string) {
  const measures = await listMeasures(db, orgId);
  const rank = (status: string | null | undefined) => (status ? ORDER[status as keyof typeof ORDER] : 3);
  const sorted = [...measures].sort((a, b) => rank(a.latest?.status) - rank(b.latest?.status) || a.ref.localeCompare(b.ref));
  const n = (status: keyof typeof ORDER) => measures.filter((m) => m.latest?.status === status).length;
  const noValue = measures.filter((m) => !m.latest || m.latest.value === null).length;
  return {
    available: true,
    summary:
      measures.length === 0
        ? "no measure is defined yet"
        : `${measures.length} measure(s): ${n("on_target")} on target, ${n("watch")} to watch, ${n("act")} needing action, ${noValue} without a value`,
    total: measures.length,
    items: sorted.map((m) => ({
      id: m.id,
      ref: m.ref,
      title: m.title,
      detail: !m.latest
        ? "no value yet"
        : m.latest.value === null
          ? `no value for ${m.latest.period}: ${m.latest.reason ?? "not collected"}`
          : `${Math.round(m.latest.value * 100) / 100}${m.unit ? ` ${m.unit}` : ""} for ${m.latest.period}${m.latest.status ? ` (${m.latest.status.replace("_", " ")})` : ""}`,
    })),
  };
}

provideReviewInput("d.2", (db, orgId) => measurementResults(db, orgId));
