import type { RiskData } from "../../../core/risk/rules.js";
import type { Db } from "../../db/database.js";
import { loadMethods, methodVersions } from "../risk-method/index.js";
import { computeCurrentSoa } from "../soa/index.js";
import { decisionStates, uncoveredPrimaryAssets } from "./risk-views.js";

/** What the roadmap evaluates for 8.2–8.4, read from the risk registers and the SoA. */
export async function loadRiskData(db: Db, orgId: string): Promise<RiskData> {
  const k = db.kysely;
  const [methods, versions, risks, withoutControls, states, uncovered, soa, entries, issued] = await Promise.all([
    loadMethods(db, orgId),
    methodVersions(db, orgId),
    k
      .selectFrom("risks")
      .select([
        "id",
        "ref",
        "title",
        "status",
        "owner_user_id",
        "method_id",
        "inherent_level",
        "current_level",
        "residual_level",
        "treatment",
      ])
      .where("org_id", "=", orgId)
      .orderBy("number")
      .execute(),
    k
      .selectFrom("risks as r")
      .select("r.id")
      .where("r.org_id", "=", orgId)
      .where("r.treatment", "=", "modify")
      .where((eb) => eb.not(eb.exists(eb.selectFrom("risk_controls as c").select("c.id").whereRef("c.risk_id", "=", "r.id"))))
      .execute(),
    // Only risks with a decision need the costly comparison with what was decided.
    decisionStates(db, orgId, undefined, true),
    uncoveredPrimaryAssets(db, orgId),
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
  const decisions = new Map(states.map((st) => [st.risk.id, st]));
  const bare = new Set(withoutControls.map((r) => r.id));
  return {
    method: {
      exists: versions.length > 0,
      approved: inForce?.approved ?? false,
      number: inForce?.number ?? null,
      threshold: inForce?.method.threshold ?? 0,
      levelNames: inForce?.method.levels.map((l) => l.name) ?? [],
    },
    risks: risks.map((risk) => {
      const decided = decisions.get(risk.id);
      return {
        id: risk.id,
        ref: risk.ref,
        title: risk.title,
        open: risk.status === "open",
        hasOwner: risk.owner_user_id !== null,
        inherentScored: risk.inherent_level !== null,
        rescoreNeeded: risk.method_id !== null && inForce !== null && risk.method_id !== inForce.id,
        presentLevel: risk.current_level ?? risk.inherent_level,
        remainingLevel: risk.residual_level ?? risk.current_level ?? risk.inherent_level,
        treatment: risk.treatment,
        hasControls: !bare.has(risk.id),
        treatmentApproval: decided?.treatment.state ?? "none",
        acceptance: decided?.acceptance.state ?? "none",
      };
    }),
    uncoveredAssets: uncovered,
    soa: {
      undecided: soa.rows.filter((r) => r.applicable === null).map((r) => r.control.ref),
      problems: soa.rows.flatMap((r) => r.problems.map((message) => ({ controlId: r.control.ref, message }))),
      issued: issued ? { number: issued.number, matches: issued.hash === soa.hash } : null,
    },
    soaStarted: entries.length > 0,
  };
}
