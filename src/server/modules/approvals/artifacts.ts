import { canonicalJson } from "../../../core/audit/chain.js";
import type { Db } from "../../db/database.js";
import { sha256 } from "../../security/hashing.js";
import { ismsPolicyArtifact } from "../documents/index.js";
import { g4Artifact } from "../plan/index.js";
import { authorizationArtifact } from "../risks/index.js";

/**
 * What a gate approves, assembled from the registers. Keyed by the gated activity, so a
 * customer catalog that renames its gates keeps the same artifacts. Activities whose registers
 * do not exist yet have no builder: their gates cannot be requested.
 */
type ArtifactBuilder = (db: Db, orgId: string) => Promise<unknown>;

const byCreation = <T extends { created_at: string; id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1));

const BUILDERS: Record<string, ArtifactBuilder> = {
  // G1: the business case and the initial project plan.
  "5.4": async (db, orgId) => {
    const [businessCase, costs, milestones] = await Promise.all([
      db.kysely.selectFrom("business_cases").selectAll().where("id", "=", orgId).executeTakeFirst(),
      db.kysely.selectFrom("business_case_costs").selectAll().where("org_id", "=", orgId).execute(),
      db.kysely.selectFrom("milestones").selectAll().where("org_id", "=", orgId).execute(),
    ]);
    return {
      businessCase: {
        objectives: businessCase?.objectives ?? null,
        benefits: businessCase?.benefits ?? null,
        resources: businessCase?.resources ?? null,
        timeline: businessCase?.timeline ?? null,
        risksOfNotImplementing: businessCase?.risks_of_not_implementing ?? null,
      },
      costs: byCreation(costs).map((c) => ({ id: c.id, title: c.title, amount: Number(c.amount), currency: c.currency })),
      milestones: byCreation(milestones).map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, owner: m.owner })),
    };
  },
  // G2: the ISMS policy as submitted for review, or as approved.
  "6.6": async (db, orgId) => ismsPolicyArtifact(db, orgId),
  // G3: the method, the SoA and every open risk with its treatment approval and acceptance.
  "8.4": async (db, orgId) => authorizationArtifact(db, orgId),
  // G4: the final ISMS project plan with the ISMS design (parts declared in plan/g4.ts).
  "9.5": async (db, orgId) => g4Artifact(db, orgId),
};

export interface Artifact {
  snapshot: unknown;
  hash: string;
}

export const hasArtifact = (activityId: string): boolean => activityId in BUILDERS;

export async function buildArtifact(db: Db, orgId: string, activityId: string): Promise<Artifact | null> {
  const builder = BUILDERS[activityId];
  if (!builder) return null;
  const snapshot = await builder(db, orgId);
  return { snapshot, hash: sha256(canonicalJson(snapshot)) };
}
