import { Badge, Group, Stack, Text } from "@mantine/core";
import { lazy, Suspense } from "react";
import { businessCaseEndpoints, type Cost, costEndpoints, type Milestone, milestoneEndpoints } from "../../../contracts/mandate";
import { registerPolicy } from "../../../core/access/policies";
import { formatMoney } from "../../../core/money/money";
import { useCurrentOrg } from "../../app/org-scope";
import { formatDay } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { DocumentForm } from "../registers/document-form";
import { type FieldSpec, withCompletion } from "../registers/fields";
import { type Column, RegisterTable } from "../registers/register-table";

// The chart library is large and only this page draws a chart: it loads when the page first shows one.
const MilestoneTimeline = lazy(() => import("./milestone-timeline").then((m) => ({ default: m.MilestoneTimeline })));

const BUSINESS_CASE_FIELDS: FieldSpec[] = [
  { name: "objectives", label: "Objectives", kind: "textarea", description: "What the ISMS project sets out to achieve" },
  { name: "benefits", label: "Expected benefits", kind: "textarea" },
  { name: "resources", label: "Resources needed", kind: "textarea", description: "People, time and budget" },
  { name: "timeline", label: "Timeline", kind: "textarea", description: "From kick-off to certification, in broad steps" },
  { name: "risksOfNotImplementing", label: "Risks of not implementing the ISMS", kind: "textarea" },
];

const COST_FIELDS: FieldSpec[] = [
  { name: "title", label: "What it is for" },
  {
    name: "amount",
    label: "Amount",
    kind: "money",
    description: "Typed as your organization writes numbers (see Process settings)",
  },
  {
    name: "currency",
    label: "Currency",
    kind: "currency",
    description: "Three-letter code; your organization's currency unless you change it",
  },
];

/** Amounts as the organization writes them (its locale), each with its currency. */
const costColumns = (locale: string): Column<Cost>[] => [
  { header: "Cost", cell: (c) => c.title },
  { header: "Amount", cell: (c) => formatMoney(c.amount, c.currency, locale) },
];

/** Amounts in different currencies are not added up: one total per currency. */
function CostTotals({ costs, locale }: { costs: Cost[]; locale: string }) {
  const totals = new Map<string, number>();
  for (const cost of costs) totals.set(cost.currency, (totals.get(cost.currency) ?? 0) + cost.amount);
  if (totals.size === 0) return null;
  return (
    <Group mt="sm" gap="lg" role="group" aria-label="Totals">
      <Text size="sm" fw={600}>
        Total
      </Text>
      {[...totals].map(([currency, total]) => (
        <Text key={currency} size="sm" fw={600}>
          {formatMoney(total, currency, locale)}
        </Text>
      ))}
    </Group>
  );
}

const MILESTONE_FIELDS: FieldSpec[] = [
  { name: "title", label: "Milestone" },
  { name: "dueDate", label: "Due date", kind: "date" },
  { name: "owner", label: "Owner" },
  { name: "done", label: "Done", kind: "checkbox" },
];

const MILESTONE_COLUMNS: Column<Milestone>[] = [
  { header: "Milestone", cell: (m) => m.title },
  { header: "Due", cell: (m) => formatDay(m.dueDate) },
  { header: "Owner", cell: (m) => m.owner ?? "—" },
  {
    header: "Status",
    cell: (m) => (
      <Badge variant="light" size="sm" color={m.done ? "teal" : "gray"}>
        {m.done ? "Done" : "Open"}
      </Badge>
    ),
  },
];

/** Activity 5.4: the case management decides on (gate G1) and the first project plan. */
export function BusinessCasePage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  return (
    <>
      <PageHeader
        title="Business case & plan"
        description="Activity 5.4: what the ISMS costs, what it brings and what happens without it, and the project plan in milestones. Management approves all of it at gate G1; a change after approval makes the approval stale."
      />
      <Stack gap="xl" maw={1100}>
        <DocumentForm
          orgId={org.id}
          endpoints={businessCaseEndpoints}
          fields={withCompletion("business-case", BUSINESS_CASE_FIELDS)}
          title="Business case"
          canEdit={canEdit}
        />
        <RegisterTable<Cost>
          orgId={org.id}
          endpoints={costEndpoints}
          fields={withCompletion("costs", COST_FIELDS)}
          columns={costColumns(org.locale)}
          id="costs"
          title="Costs"
          noun="cost line"
          canEdit={canEdit}
          footer={(costs) => <CostTotals costs={costs} locale={org.locale} />}
        />
        <RegisterTable<Milestone>
          orgId={org.id}
          endpoints={milestoneEndpoints}
          fields={withCompletion("milestones", MILESTONE_FIELDS)}
          columns={MILESTONE_COLUMNS}
          id="milestones"
          title="Project plan: milestones"
          noun="milestone"
          description="Every milestone needs a due date and an owner."
          canEdit={canEdit}
          footer={(milestones) => (
            <Suspense fallback={null}>
              <MilestoneTimeline milestones={milestones} />
            </Suspense>
          )}
        />
      </Stack>
    </>
  );
}
