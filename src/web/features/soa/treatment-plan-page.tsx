import { Anchor, Badge, Button, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { formatDay } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import classes from "./soa.module.css";
import { type TreatmentPlanRow, useTreatmentPlan } from "./soa-api";

const TREATMENT_LABELS: Record<string, string> = {
  modify: "Modify",
  retain: "Retain",
  avoid: "Avoid",
  share: "Share",
};

const APPROVAL: Record<TreatmentPlanRow["approval"], { label: string; color: string; variant: "light" | "filled" | "outline" }> = {
  none: { label: "Not approved", color: "gray", variant: "outline" },
  valid: { label: "Approved", color: "green", variant: "light" },
  // Approved once, then the risk changed: the one state that needs someone to act on something that looked finished.
  stale: { label: "Stale: approve again", color: "orange", variant: "filled" },
};

const today = () => new Date().toISOString().slice(0, 10);

/** Activity 8.3: per treated risk, what will be done, with which controls, by whom and when, and whether its owner approved it. */
export function TreatmentPlanPage() {
  const { org } = useCurrentOrg();
  const plan = useTreatmentPlan(org.id);
  const rows = plan.data ?? [];
  const approved = rows.filter((r) => r.approval === "valid").length;

  return (
    <>
      <PageHeader
        title="Risk treatment plan"
        description="Activity 8.3: for every open risk with a treatment, the plan, the controls that carry it out, who is responsible and by when, the level it is at now and the level expected afterwards, and whether the risk owner approved the plan."
        actions={
          rows.length > 0 && (
            <Button variant="default" className={classes.noPrint} onClick={() => window.print()}>
              Print
            </Button>
          )
        }
      />
      <Stack gap="xl" maw={1400}>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="treatment-plan-title">
          <Title order={2} size="h4" id="treatment-plan-title" mb="xs">
            Treated risks
          </Title>
          <QueryState isPending={plan.isPending} error={plan.error}>
            {rows.length === 0 ? (
              <Stack gap="xs" maw={720}>
                <Text size="sm">No risk has a treatment yet, so there is no plan to show.</Text>
                <Text size="sm" c="dimmed">
                  Open the{" "}
                  <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.risks)} inherit>
                    risk register
                  </Anchor>
                  , choose a treatment for each open risk (modify, retain, avoid or share), describe the plan with an owner and a due date,
                  and for “modify” pick the controls that carry it out. Each risk then appears here, and its owner approves the plan on the
                  risk's page.
                </Text>
              </Stack>
            ) : (
              <>
                <Text size="sm" c="dimmed" mb="sm">
                  {rows.length} treated {rows.length === 1 ? "risk" : "risks"}; {approved} with the owner's approval of the plan as it
                  stands.
                </Text>
                <Table.ScrollContainer minWidth={1000}>
                  <Table striped withTableBorder verticalSpacing={6} aria-label="Risk treatment plan" className={classes.table}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Risk</Table.Th>
                        <Table.Th>Treatment</Table.Th>
                        <Table.Th w="28%">Plan</Table.Th>
                        <Table.Th>Controls</Table.Th>
                        <Table.Th>Owner</Table.Th>
                        <Table.Th>Due</Table.Th>
                        <Table.Th>Level now → expected</Table.Th>
                        <Table.Th>Owner's approval</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((row) => (
                        <PlanRow key={row.risk.id} orgId={org.id} row={row} />
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            )}
          </QueryState>
        </Paper>
      </Stack>
    </>
  );
}

function PlanRow({ orgId, row }: { orgId: string; row: TreatmentPlanRow }) {
  const approval = APPROVAL[row.approval];
  const overdue = row.due !== null && row.due < today();
  return (
    <Table.Tr id={`treatment-${row.risk.id}`}>
      <Table.Td>
        <Anchor component={Link} to={orgHref(orgId, `${ORG_PATHS.risks}/${row.risk.id}`)} ff="monospace" size="sm">
          {row.risk.ref}
        </Anchor>
        <Text size="sm">{row.risk.title}</Text>
      </Table.Td>
      <Table.Td>{TREATMENT_LABELS[row.treatment] ?? row.treatment}</Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: "pre-line" }}>
          {row.plan ?? "—"}
        </Text>
      </Table.Td>
      <Table.Td>
        {row.controls.length === 0
          ? "—"
          : row.controls.map((c, i) => (
              <span key={c.id}>
                {i > 0 && ", "}
                <Anchor component={Link} to={orgHref(orgId, ORG_PATHS.soa, `soa-${c.id}`)} title={c.title} ff="monospace" size="sm">
                  {c.ref}
                </Anchor>
              </span>
            ))}
      </Table.Td>
      <Table.Td>{row.owner ?? "—"}</Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Text size="sm" c={overdue ? "red.8" : undefined} fw={overdue ? 600 : undefined}>
          {formatDay(row.due)}
          {overdue && " (overdue)"}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        {row.currentLevel ?? "—"} → {row.expectedResidualLevel ?? "—"}
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Badge color={approval.color} variant={approval.variant} size="sm" miw="max-content">
          {approval.label}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}
