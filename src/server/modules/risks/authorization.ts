import { soaDecisions } from "../../../core/soa/soa.js";
import type { Db } from "../../db/database.js";
import { loadMethods } from "../risk-method/index.js";
import { computeCurrentSoa } from "../soa/index.js";
import { decisionStates } from "./risk-views.js";

/**
 * What management authorizes at G3 (8.4): the approved method, the Statement of Applicability
 * as it stands against its latest issued version, and every open risk as it is now with the
 * owner's and the accepting authority's decisions. A change to any of them makes the
 * authorization stale. Every list item carries its id, reference and title, and the facts
 * themselves rather than a hash of them, so a change list names the risk or control and the
 * field that moved.
 */
export async function authorizationArtifact(db: Db, orgId: string) {
  const [methods, soa, issued, states] = await Promise.all([
    loadMethods(db, orgId),
    computeCurrentSoa(db, orgId),
    db.kysely
      .selectFrom("soa_versions")
      .select(["number", "hash"])
      .where("org_id", "=", orgId)
      .orderBy("number", "desc")
      .limit(1)
      .executeTakeFirst(),
    decisionStates(db, orgId),
  ]);
  const inForce = methods.inForce;
  return {
    method: inForce ? { number: inForce.number, approved: inForce.approved } : null,
    soa: {
      issuedVersion: issued?.number ?? null,
      matchesIssued: issued ? issued.hash === soa.hash : false,
      controls: soaDecisions(soa.rows).map(({ control, ...decision }, i) => {
        const row = soa.rows[i]!;
        return { id: control, ref: row.control.ref, title: row.control.title, ...decision };
      }),
    },
    risks: states
      .filter((s) => s.risk.status === "open")
      .sort((a, b) => a.risk.number - b.risk.number)
      .map((s) => ({
        id: s.risk.id,
        ref: s.risk.ref,
        title: s.risk.title,
        // Closing a risk takes it out of what was authorized.
        status: s.risk.status,
        ...s.snapshot,
        // A decision revoked, or an acceptance run out, after the authorization makes it stale too.
        treatmentApproval: { id: s.treatment.id, state: s.treatment.state },
        acceptance: { id: s.acceptance.id, state: s.acceptance.state, expires: s.acceptance.expiresOn },
      })),
  };
}
