import { gateState } from "../../../core/approvals/approvals.js";
import type { ProcessCatalog } from "../../../core/process/catalog.js";
import type { GateState, ProcessData } from "../../../core/process/data.js";
import type { Db } from "../../db/database.js";
import { buildArtifact, latestApprovals } from "../approvals/index.js";
import type { AreaFactKey, ProcessFacts } from "../area.js";
import { notApplicableActivities } from "./activity-states.repo.js";
import { readProjectRoles } from "./project-roles.repo.js";

let areaFacts: Promise<readonly ProcessFacts[]> | undefined;

/** Every area's facts loader, gathered on first use: the list of areas imports this module's routes in turn. */
const factLoaders = () => {
  areaFacts ??= import("../areas.js").then(({ AREAS }) => AREAS.flatMap((area) => (area.processFacts ? [area.processFacts] : [])));
  return areaFacts;
};

/** Reads every area's facts for one organization, in parallel. */
async function loadAreaFacts(db: Db, orgId: string): Promise<Pick<ProcessData, AreaFactKey>> {
  const loaders = await factLoaders();
  const entries = await Promise.all(loaders.map(async (facts) => [facts.key, await facts.load(db, orgId)] as const));
  return Object.fromEntries(entries);
}

/** Reads everything the roadmap engine evaluates for one organization, in parallel. */
export async function loadProcessData(db: Db, orgId: string, catalog: ProcessCatalog): Promise<ProcessData> {
  const k = db.kysely;
  const [objectives, obligations, priorities, scope, roles, businessCase, costs, milestones, na, gates, areas] = await Promise.all([
    k.selectFrom("objectives").select(["id", "title"]).where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k
      .selectFrom("obligations")
      .select(["id", "title", "kind", "source", "owner"])
      .where("org_id", "=", orgId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    k.selectFrom("priorities").selectAll().where("id", "=", orgId).executeTakeFirst(),
    k.selectFrom("preliminary_scopes").selectAll().where("id", "=", orgId).executeTakeFirst(),
    readProjectRoles(db, orgId, catalog),
    k.selectFrom("business_cases").selectAll().where("id", "=", orgId).executeTakeFirst(),
    k.selectFrom("business_case_costs").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k.selectFrom("milestones").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    notApplicableActivities(db, orgId),
    gateStates(db, orgId, catalog),
    loadAreaFacts(db, orgId),
  ]);
  return {
    ...areas,
    notApplicable: Object.fromEntries([...na].map(([activityId, justification]) => [activityId, { justification }])),
    gates,
    phase1: {
      objectives,
      obligations,
      priorities: { statement: priorities?.statement ?? null, existingSystems: priorities?.existing_systems ?? null },
      preliminaryScope: {
        statement: scope?.statement ?? null,
        units: scope ? (JSON.parse(scope.units) as string[]) : [],
        sites: scope ? (JSON.parse(scope.sites) as string[]) : [],
      },
      // One model with Roles & RACI: a project role held there counts here too.
      projectRoles: roles.map((role) => ({ key: role.key, title: role.title, required: role.required, personName: role.holderName })),
      businessCase: {
        objectives: businessCase?.objectives ?? null,
        benefits: businessCase?.benefits ?? null,
        resources: businessCase?.resources ?? null,
        timeline: businessCase?.timeline ?? null,
        risksOfNotImplementing: businessCase?.risks_of_not_implementing ?? null,
        costs: costs.map((c) => ({ id: c.id, label: c.title, amount: Number(c.amount), currency: c.currency })),
      },
      milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, owner: m.owner })),
    },
  };
}

/** Each gate's state: its latest approval, compared with the artifact as it is now. */
async function gateStates(db: Db, orgId: string, catalog: ProcessCatalog): Promise<Record<string, GateState>> {
  const latest = await latestApprovals(db, orgId);
  const entries = await Promise.all(
    catalog.gates.map(async (gate): Promise<[string, GateState]> => {
      const approval = latest.get(gate.id) ?? null;
      if (!approval) return [gate.id, "none"];
      const artifact = await buildArtifact(db, orgId, gate.activity);
      return [gate.id, gateState({ status: approval.status as never, artifactHash: approval.artifact_hash }, artifact?.hash ?? "")];
    }),
  );
  return Object.fromEntries(entries);
}
