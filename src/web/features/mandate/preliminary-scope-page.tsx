import { Stack } from "@mantine/core";
import { preliminaryScopeEndpoints } from "../../../contracts/mandate";
import { registerPolicy } from "../../../core/access/policies";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { DocumentForm } from "../registers/document-form";
import type { FieldSpec } from "../registers/fields";

const FIELDS: FieldSpec[] = [
  {
    name: "statement",
    label: "Preliminary scope statement",
    kind: "textarea",
    description: "Which parts of the organization the ISMS is expected to cover; phase 2 refines it",
  },
  { name: "units", label: "Organizational units", kind: "tags", description: "Departments or teams the scope covers" },
  { name: "sites", label: "Sites", kind: "tags", description: "Locations the scope covers" },
];

/** Activity 5.3.1: a first, rough scope. */
export function PreliminaryScopePage() {
  const { org, role } = useCurrentOrg();
  return (
    <>
      <PageHeader
        title="Preliminary scope"
        description="Activity 5.3.1: a first statement of what the ISMS will cover, naming at least one organizational unit or site."
      />
      <Stack maw={880}>
        <DocumentForm
          orgId={org.id}
          endpoints={preliminaryScopeEndpoints}
          fields={FIELDS}
          title="Scope statement"
          canEdit={registerPolicy.can({ role }, "write")}
        />
      </Stack>
    </>
  );
}
