import type { RiskData } from "../../../core/risk/rules.js";
import type { Db } from "../../db/database.js";
import { loadMethods, methodVersions } from "../risk-method/risk-method.repo.js";
import { computeCurrentSoa } from "../soa/soa.repo.js";
import { coverage, decisionStates } from "./risk-views.js";

/** What the roadmap evaluates for 8.2–8.4, read from the risk registers and the SoA. */
export async function loadRiskData(db: Db, orgId: string): Promise<RiskData> {
  const [methods, versions, states, covered, soa, entries, issued] = await Promise.all([
    loadMethods(db, orgId),
    methodVersions(db, orgId),
    decisionStates(db, orgId),
    coverage(db, orgId),
    computeCurrentSoa(db, orgId),
    db.kysely.selectFrom("soa_entries").select("id").where("org_id", "=", orgId).limit(1).execute(),
    db.kysely
      .selectFrom("soa_versions")
      .select(["number", "hash"])
      .where("org_id", "=", orgId)
      .orderBy("number", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const inForce = methods.inForce;
  return {
    method: {
      exists: versions.length > 0,
      approved: inForce?.approved ?? false,
      number: inForce?.number ?? null,
      threshold: inForce?.method.threshold ?? 0,
      levelNames: inForce?.method.levels.map((l) => l.name) ?? [],
    },
    risks: states
      .sort((a, b) => a.risk.number - b.risk.number)
      .map((s) => {
        const { snapshot, risk } = s;
        return {
          id: risk.id,
          ref: risk.ref,
          title: risk.title,
          open: risk.status === "open",
          hasOwner: risk.owner_user_id !== null,
          inherentScored: snapshot.inherent !== null,
          rescoreNeeded: risk.method_id !== null && inForce !== null && risk.method_id !== inForce.id,
          presentLevel: (snapshot.current ?? snapshot.inherent)?.level ?? null,
          remainingLevel: (snapshot.residual ?? snapshot.current ?? snapshot.inherent)?.level ?? null,
          treatment: risk.treatment,
          controlCount: s.controlIds.length,
          treatmentApproval: s.treatment.state,
          acceptance: s.acceptance.state,
        };
      }),
    uncoveredAssets: covered.assets.filter((a) => a.risks.length === 0 && a.exemption === null).map((a) => ({ id: a.id, name: a.name })),
    soa: {
      undecided: soa.rows.filter((r) => r.applicable === null).map((r) => r.control.ref),
      problems: soa.rows.flatMap((r) => r.problems.map((message) => ({ controlId: r.control.ref, message }))),
      issued: issued ? { number: issued.number, matches: issued.hash === soa.hash } : null,
    },
    soaStarted: entries.length > 0,
  };
}
