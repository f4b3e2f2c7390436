import type { ProcessData } from "../../core/process/data.js";
import type { Rule } from "../../core/process/rules.js";
import type { Db } from "../db/database.js";
import type { MigrationStep } from "../db/migrate.js";
import type { RouteModule } from "../http/routes.js";
import type { RegisterBinding } from "../imports/binding.js";

/** The roadmap facts an area's registers provide: everything in ProcessData but phase 1, the gates and the N/A marks, which the process module reads itself. */
export type AreaFactKey = Exclude<keyof ProcessData, "phase1" | "notApplicable" | "gates">;

/** How an area reads its part of the roadmap's facts for one organization. */
export type ProcessFacts = { [K in AreaFactKey]: { key: K; load(db: Db, orgId: string): Promise<ProcessData[K]> } }[AreaFactKey];

/** What a gate approves: a snapshot of the area's registers, hashed so a later change makes the approval stale. */
export type GateArtifact = (db: Db, orgId: string) => Promise<unknown>;

/**
 * One area of the product as the server knows it. Each module declares its own in
 * `<module>/manifest.ts`; src/server/modules/areas.ts lists them once, and the app (routes), the
 * migrator (migrations), the roadmap (facts and rules), the approvals (gate artifacts) and the
 * importer (import bindings) loop over that list.
 */
export interface AreaManifest {
  name: string;
  /**
   * The migrations that create and change the area's tables, by name (src/server/db/migrations).
   * The migrator applies every area's in the order of their numbers, with its own.
   */
  migrations?: Readonly<Record<string, MigrationStep>>;
  /** The area's API routes, registered in this order. */
  routes?: readonly RouteModule[];
  /** The area's facts for the roadmap engine. */
  processFacts?: ProcessFacts;
  /** Keyed by the gated activity, so a customer catalog that renames its gates keeps the same artifacts. */
  gateArtifacts?: Readonly<Record<string, GateArtifact>>;
  /**
   * The area's completion rules (src/core/<area>/rules.ts), by the name a catalog gives them;
   * each replaces the placeholder of that name (core/process/rules.ts `combineRules`).
   */
  rules?: Readonly<Record<string, Rule>>;
  /** How each of the area's importable registers is read, checked and written (`<module>/import-binding.ts`). */
  imports?: readonly RegisterBinding[];
}
