import { InterestedPartyInputSchema, RequirementInputSchema } from "../../../contracts/requirements.js";
import { REGISTER_TITLES } from "../../../core/imports/guide.js";
import { reader } from "../../db/audited.js";
import { pick, type RegisterBinding } from "../../imports/binding.js";
import { needsProblems, PARTY, REQUIREMENT, type RequirementInput, requirementColumns } from "./requirements.repo.js";

/** The interested parties, known in a file by name. */
export const interestedPartiesImport: RegisterBinding = {
  register: "interested-parties",
  table: "interested_parties",
  entity: PARTY,
  title: REGISTER_TITLES["interested-parties"],
  nameField: "name",
  schema: InterestedPartyInputSchema,
  keyColumns: ["id", "version", "name"],
  keyOf: (r) => ({ id: r.id, externalRef: null, name: r.name as string }),
  valuesOf: (r) => pick(r, { name: "name", kind: "kind", description: "description", expectations: "expectations" }),
  columnsOf: (i) => ({ name: i.name, kind: i.kind, description: i.description, expectations: i.expectations }),
};

/** The security requirements, each naming its interested party; their needs are checked against the scale as the API checks them. */
export const requirementsImport: RegisterBinding = {
  register: "requirements",
  table: "security_requirements",
  entity: REQUIREMENT,
  title: REGISTER_TITLES.requirements,
  nameField: "title",
  schema: RequirementInputSchema,
  reference: {
    field: "partyId",
    column: "party_id",
    what: "interested party",
    withinFile: false,
    load: async (source, orgId) =>
      (await reader(source).selectFrom("interested_parties").select(["id", "name"]).where("org_id", "=", orgId).execute()).map((r) => ({
        id: r.id,
        externalRef: null,
        name: r.name,
      })),
  },
  keyColumns: ["id", "version", "external_ref", "title"],
  keyOf: (r) => ({ id: r.id, externalRef: r.external_ref as string | null, name: r.title as string }),
  valuesOf: (r) =>
    pick(r, {
      externalRef: "external_ref",
      title: "title",
      partyId: "party_id",
      description: "description",
      source: "source",
      owner: "owner",
      confidentiality: "confidentiality",
      integrity: "integrity",
      availability: "availability",
    }),
  columnsOf: (i) => requirementColumns(i as unknown as RequirementInput),
  checker: async (_source, _orgId, scale) => async (planned) =>
    planned.flatMap((p) =>
      needsProblems(scale, p.columns as unknown as Parameters<typeof needsProblems>[1]).map((problem) => ({ row: p.row, ...problem })),
    ),
};
