import { canonicalJson } from "../../../core/audit/chain.js";
import type { Db } from "../../db/database.js";
import { sha256 } from "../../security/hashing.js";
import type { GateArtifact } from "../area.js";

/**
 * What a gate approves, assembled from the registers. Each area declares the artifacts of its
 * gates in its manifest, keyed by the gated activity, so a customer catalog that renames its
 * gates keeps the same artifacts. Activities whose registers do not exist yet have no builder:
 * their gates cannot be requested.
 */
let builders: Promise<Readonly<Record<string, GateArtifact>>> | undefined;

/** The areas' artifacts, gathered on first use: the list of areas imports this module's routes in turn. */
const gateArtifacts = () => {
  builders ??= import("../areas.js").then(({ AREAS }) => Object.assign({}, ...AREAS.map((area) => area.gateArtifacts ?? {})));
  return builders;
};

export interface Artifact {
  snapshot: unknown;
  hash: string;
}

export const hasArtifact = async (activityId: string): Promise<boolean> => activityId in (await gateArtifacts());

export async function buildArtifact(db: Db, orgId: string, activityId: string): Promise<Artifact | null> {
  const builder = (await gateArtifacts())[activityId];
  if (!builder) return null;
  const snapshot = await builder(db, orgId);
  return { snapshot, hash: sha256(canonicalJson(snapshot)) };
}
