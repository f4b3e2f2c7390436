import type { InterfaceDirection, ScopeData, ScopeElementKind } from "../../../core/scope/data.js";
import { reader, type WriteContext } from "../../db/audited.js";
import type { Db } from "../../db/database.js";

/** The organization's scope as the completion rules and the scope document read it. */
export async function loadScopeData(db: Db | WriteContext, orgId: string): Promise<ScopeData> {
  const k = reader(db);
  const [elements, interfaces, narrative] = await Promise.all([
    k.selectFrom("scope_elements").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k.selectFrom("boundary_interfaces").selectAll().where("org_id", "=", orgId).orderBy("created_at").orderBy("id").execute(),
    k.selectFrom("scope_narratives").select("narrative").where("id", "=", orgId).executeTakeFirst(),
  ]);
  return {
    elements: elements.map((e) => ({
      id: e.id,
      kind: e.kind as ScopeElementKind,
      parentId: e.parent_id,
      name: e.name,
      description: e.description,
      owner: e.owner,
      inScope: e.in_scope === 1,
      exclusionJustification: e.exclusion_justification,
    })),
    interfaces: interfaces.map((i) => ({
      id: i.id,
      fromElementId: i.from_element_id,
      toElementId: i.to_element_id,
      toParty: i.to_party,
      dataExchanged: i.data_exchanged,
      direction: i.direction as InterfaceDirection,
      protection: i.protection,
    })),
    narrative: narrative?.narrative ?? null,
  };
}
