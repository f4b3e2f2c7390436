import { Anchor, Badge, Stack } from "@mantine/core";
import { Link } from "react-router";
import { type Nonconformity, nonconformityRegister } from "../../../contracts/nonconformities";
import { nonconformityPolicy } from "../../../core/access/policies";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import type { FieldSpec } from "../registers/fields";
import { type Column, RegisterTable } from "../registers/register-table";

export const NC_FIELDS: FieldSpec[] = [
  { name: "title", label: "Nonconformity" },
  { name: "description", label: "Description", kind: "textarea" },
  { name: "source", label: "Found through" },
  { name: "sourceRef", label: "Source reference", description: "An incident number, a review, a complaint" },
  { name: "severity", label: "Severity" },
  { name: "detectedOn", label: "Detected on", kind: "date" },
  {
    name: "correction",
    label: "Correction",
    kind: "textarea",
    description: "What was done at once to contain it and deal with its consequences",
  },
  { name: "rootCause", label: "Root cause", kind: "textarea", description: "Why it happened" },
];

/** Clause 10.2: nonconformities from audits and elsewhere, each worked through to an effective corrective action. */
export function NonconformitiesPage() {
  const { org, role } = useCurrentOrg();
  const columns: Column<Nonconformity>[] = [
    {
      header: "Nonconformity",
      cell: (n) => (
        <Anchor component={Link} to={orgHref(org.id, `${ORG_PATHS.nonconformities}/${n.id}`)}>
          {n.ref} {n.title}
        </Anchor>
      ),
    },
    { header: "Found through", cell: (n) => n.source + (n.finding ? ` (${n.finding.ref})` : n.sourceRef ? ` (${n.sourceRef})` : "") },
    { header: "Detected", cell: (n) => n.detectedOn },
    {
      header: "Status",
      cell: (n) => (
        <Badge variant="light" color={n.status === "closed" ? "green" : n.actions.some((a) => a.overdue) ? "red" : "orange"}>
          {n.status === "closed" ? "closed" : n.actions.some((a) => a.overdue) ? "action overdue" : "open"}
        </Badge>
      ),
    },
    { header: "Next step", cell: (n) => n.missingSteps[0]?.message ?? "—" },
  ];
  return (
    <>
      <PageHeader
        title="Nonconformities"
        description="Clause 10.2: correct, find the root cause, decide corrective actions, carry them out, review whether they worked, and only then close."
      />
      <Stack gap="xl" maw={1100}>
        <RegisterTable<Nonconformity>
          orgId={org.id}
          endpoints={nonconformityRegister}
          fields={NC_FIELDS}
          columns={columns}
          id="nonconformities"
          title="Nonconformities"
          noun="nonconformity"
          canEdit={nonconformityPolicy.can({ role }, "write")}
        />
      </Stack>
    </>
  );
}
