import { Anchor, Badge, Stack } from "@mantine/core";
import { Link } from "react-router";
import { type ManagementReview, managementReviewRegister } from "../../../contracts/management-review";
import { managementReviewPolicy } from "../../../core/access/policies";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import type { FieldSpec } from "../registers/fields";
import { RegisterTable } from "../registers/register-table";

const REVIEW_FIELDS: FieldSpec[] = [
  { name: "title", label: "Review" },
  { name: "plannedDate", label: "Date", kind: "date" },
  { name: "frequencyMonths", label: "Frequency in months", kind: "number", description: "How often management reviews the ISMS" },
  { name: "participants", label: "Participants", kind: "textarea" },
  { name: "minutes", label: "Minutes", kind: "textarea" },
];

/** Activity 9.4d and clause 9.3: reviews at a frequency, with inputs from the registers and approved minutes. */
export function ManagementReviewsPage() {
  const { org, role } = useCurrentOrg();
  return (
    <>
      <PageHeader
        title="Management review"
        description="Activity 9.4d: how often top management reviews the ISMS, on inputs taken from the registers, and the decisions and actions that follow."
      />
      <Stack gap="xl" maw={1100}>
        <RegisterTable<ManagementReview>
          orgId={org.id}
          endpoints={managementReviewRegister}
          fields={REVIEW_FIELDS}
          columns={[
            {
              header: "Review",
              cell: (r) => (
                <Anchor component={Link} to={orgHref(org.id, `${ORG_PATHS.managementReviews}/${r.id}`)}>
                  {r.ref} {r.title}
                </Anchor>
              ),
            },
            { header: "Date", cell: (r) => r.plannedDate ?? "—" },
            { header: "Next", cell: (r) => r.nextReviewDate ?? "—" },
            {
              header: "Minutes",
              cell: (r) => (
                <Badge variant="light" color={r.approval === "approved" ? "green" : r.approval === "stale" ? "red" : "gray"}>
                  {r.approval === "none" ? r.status : r.approval}
                </Badge>
              ),
            },
          ]}
          id="management-reviews"
          title="Reviews"
          noun="review"
          canEdit={managementReviewPolicy.can({ role }, "write")}
        />
      </Stack>
    </>
  );
}
