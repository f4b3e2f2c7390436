import { Badge, Stack } from "@mantine/core";
import { type Objective, type Obligation, objectiveEndpoints, obligationEndpoints, prioritiesEndpoints } from "../../../contracts/mandate";
import { registerPolicy } from "../../../core/access/policies";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { DocumentForm } from "../registers/document-form";
import type { FieldSpec } from "../registers/fields";
import { type Column, RegisterTable } from "../registers/register-table";

const PRIORITIES_FIELDS: FieldSpec[] = [
  {
    name: "statement",
    label: "Statement of security priorities",
    kind: "textarea",
    description: "What information security must achieve for the business, most important first",
  },
  {
    name: "existingSystems",
    label: "Existing management systems",
    kind: "textarea",
    description: "Quality, privacy, continuity or other management systems the ISMS should fit with",
  },
];

const OBJECTIVE_FIELDS: FieldSpec[] = [
  { name: "title", label: "Objective", description: "A business objective that information security supports" },
  { name: "description", label: "Description", kind: "textarea" },
];

const OBJECTIVE_COLUMNS: Column<Objective>[] = [
  { header: "Objective", cell: (o) => o.title },
  { header: "Description", cell: (o) => o.description ?? "—" },
];

const KIND_LABELS: Record<Obligation["kind"], string> = {
  legal: "Legal",
  regulatory: "Regulatory",
  contractual: "Contractual",
  internal: "Internal",
};

const OBLIGATION_FIELDS: FieldSpec[] = [
  { name: "title", label: "Obligation" },
  { name: "kind", label: "Kind" },

  { name: "source", label: "Source", description: "The law, regulator, contract or internal rule it comes from" },
  { name: "jurisdiction", label: "Jurisdiction" },
  { name: "reference", label: "Reference", description: "Article, clause or contract reference" },
  { name: "owner", label: "Owner" },
  { name: "notes", label: "Notes", kind: "textarea" },
];

const OBLIGATION_COLUMNS: Column<Obligation>[] = [
  { header: "Obligation", cell: (o) => o.title },
  {
    header: "Kind",
    cell: (o) => (
      <Badge variant="light" size="sm">
        {KIND_LABELS[o.kind]}
      </Badge>
    ),
  },
  { header: "Source", cell: (o) => o.source ?? "—" },
  { header: "Jurisdiction", cell: (o) => o.jurisdiction ?? "—" },
  { header: "Reference", cell: (o) => o.reference ?? "—" },
  { header: "Owner", cell: (o) => o.owner ?? "—" },
];

/** Activity 5.2: what the ISMS is for. */
export function PrioritiesPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  return (
    <>
      <PageHeader
        title="Priorities & obligations"
        description="Activity 5.2: the business objectives information security serves, the security priorities that follow from them, and the obligations the organization already has."
      />
      <Stack gap="xl" maw={1100}>
        <DocumentForm
          orgId={org.id}
          endpoints={prioritiesEndpoints}
          fields={PRIORITIES_FIELDS}
          title="Security priorities"
          canEdit={canEdit}
        />
        <RegisterTable<Objective>
          orgId={org.id}
          endpoints={objectiveEndpoints}
          fields={OBJECTIVE_FIELDS}
          columns={OBJECTIVE_COLUMNS}
          id="objectives"
          title="Business objectives"
          noun="objective"
          canEdit={canEdit}
        />
        <RegisterTable<Obligation>
          orgId={org.id}
          endpoints={obligationEndpoints}
          fields={OBLIGATION_FIELDS}
          columns={OBLIGATION_COLUMNS}
          id="obligations"
          title="Obligations"
          noun="obligation"
          description="Legal, regulatory, contractual and internal requirements the ISMS has to meet."
          canEdit={canEdit}
        />
      </Stack>
    </>
  );
}
