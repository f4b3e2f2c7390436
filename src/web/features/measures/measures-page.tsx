import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { type Objective, objectiveEndpoints } from "../../../contracts/mandate";
import { MEASURE_KINDS, type Measure, measureEndpoints, measureRegister } from "../../../contracts/measures";
import { registerPolicy } from "../../../core/access/policies";
import { DIRECTIONS, STATUS_LABELS, STATUSES } from "../../../core/measurement/indicator";
import { FREQUENCIES } from "../../../core/work/recurrence";
import { call } from "../../app/api-client";
import { ORG_PATHS, orgHref, workHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { DirectImportButton } from "../imports/direct-import";
import { useMemberOptions } from "../members/member-api";
import type { FieldSpec } from "../registers/fields";
import { useRegisterItems } from "../registers/register-api";
import { type Column, RegisterTable } from "../registers/register-table";
import { useBuiltins, useDashboard, useMeasureWrite } from "./measures-api";
import { StatusBadge, valueText } from "./trend-chart";

const none = { value: "", label: "—" };

/** The measure form: the ISO/IEC 27004 model from information need to reporting. */
export function useMeasureFields(orgId: string): FieldSpec[] {
  const members = useMemberOptions(orgId);
  const objectives = useRegisterItems<Objective>(orgId, objectiveEndpoints);
  const builtins = useBuiltins(orgId);
  return [
    { name: "title", label: "Measure" },
    {
      name: "kind",
      label: "Kind",
      kind: "select",
      options: MEASURE_KINDS.map((k) => ({
        value: k,
        label: k === "base" ? "base (collected)" : k === "derived" ? "derived (a formula)" : "built in (from the registers)",
      })),
    },
    { name: "informationNeed", label: "Information need", kind: "textarea", description: "What management wants to know" },
    {
      name: "objectiveId",
      label: "ISMS objective",
      kind: "select",
      options: [none, ...(objectives.data ?? []).map((o) => ({ value: o.id, label: o.title }))],
    },
    { name: "controlRef", label: "Control", description: "The control it measures, e.g. A.8.8" },
    { name: "processRef", label: "Process" },
    {
      name: "key",
      label: "Key (base measures)",
      description: "The name formulas use for it: lower case, digits and _, e.g. patched_systems",
    },
    {
      name: "formula",
      label: "Formula (derived measures)",
      kind: "textarea",
      description: "A CEL expression over base measure keys, e.g. patched / total * 100",
    },
    {
      name: "builtinKey",
      label: "Built-in measure",
      kind: "select",
      options: [none, ...(builtins.data ?? []).map((b) => ({ value: b.key, label: b.title }))],
    },
    { name: "unit", label: "Unit", description: "e.g. %, days, incidents" },
    { name: "collectionMethod", label: "Collection method", kind: "textarea" },
    { name: "dataSource", label: "Data source" },
    {
      name: "frequency",
      label: "Collection frequency",
      kind: "select",
      options: [none, ...FREQUENCIES.map((f) => ({ value: f, label: f }))],
    },
    { name: "interval", label: "Every how many (of the frequency)", kind: "number" },
    { name: "startDate", label: "First period", kind: "date" },
    {
      name: "ownerUserId",
      label: "Owner",
      kind: "select",
      options: [none, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))],
    },
    {
      name: "direction",
      label: "Which way is good",
      kind: "select",
      options: DIRECTIONS.map((d) => ({ value: d, label: d === "higher_is_better" ? "higher is better" : "lower is better" })),
    },
    {
      name: "onTarget",
      label: "On target at or beyond",
      kind: "number",
      description: "Decision criterion: on target from here (the good side)",
    },
    {
      name: "act",
      label: "Act beyond",
      kind: "number",
      description: "Decision criterion: action needed past this (the bad side); between the two: watch",
    },
    { name: "target", label: "Target", kind: "number" },
    { name: "reportedBy", label: "Reported by" },
    { name: "reportedTo", label: "Reported to" },
  ];
}

/** 9.4a: the measurement dashboard and the programme's measures. */
export function MeasuresPage() {
  const { org, role } = useCurrentOrg();
  const dashboard = useDashboard(org.id);
  const fields = useMeasureFields(org.id);
  const recompute = useMeasureWrite(org.id);
  const canEdit = registerPolicy.can({ role }, "write");
  const columns: Column<Measure>[] = [
    {
      header: "Measure",
      cell: (m) => (
        <Anchor component={Link} to={orgHref(org.id, `${ORG_PATHS.measures}/${m.id}`)}>
          {m.ref} {m.title}
        </Anchor>
      ),
    },
    {
      header: "Kind",
      cell: (m) => m.kind + (m.kind === "derived" && m.formula ? `: ${m.formula}` : m.builtinKey ? `: ${m.builtinKey}` : ""),
    },
    { header: "Latest", cell: (m) => (m.latest ? `${valueText(m.latest.value, m.unit)} (${m.latest.period})` : "—") },
    {
      header: "Status",
      cell: (m) => <StatusBadge status={m.latest?.status} reason={m.latest?.reason} value={m.latest?.value} criteria={m} />,
    },
    { header: "Owner", cell: (m) => m.ownerName ?? "—" },
  ];
  return (
    <>
      <PageHeader
        title="Measurement"
        description="9.4a: what management wants to know, the data collected for it, the indicators with their decision criteria, and how they trend."
        actions={
          canEdit && (
            <Group>
              <DirectImportButton
                orgId={org.id}
                endpoint={measureEndpoints.importValues}
                noun="values"
                columns="measure (its reference or key), period, value and note"
                done={(r) => `${r.created ?? 0} value(s) added, ${r.updated ?? 0} replaced`}
              />
              <Button
                variant="light"
                loading={recompute.isPending}
                onClick={() => recompute.mutate(() => call(measureEndpoints.recompute, { params: { orgId: org.id } }))}
              >
                Recompute built-in measures
              </Button>
            </Group>
          )
        }
      />
      <Stack gap="xl" maw={1100}>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="dashboard-title" id="dashboard">
          <Title order={2} size="h4" id="dashboard-title" mb="md">
            Measurement dashboard
          </Title>
          <QueryState isPending={dashboard.isPending} error={dashboard.error}>
            {dashboard.data && (
              <Stack>
                <SimpleGrid cols={{ base: 2, sm: 4 }} aria-label="Indicators by status">
                  {STATUSES.map((s) => (
                    <Paper key={s} withBorder p="sm" data-testid={`count-${s}`}>
                      <Text size="xl" fw={700}>
                        {dashboard.data.counts[s]}
                      </Text>
                      <StatusBadge status={s} />
                    </Paper>
                  ))}
                  <Paper withBorder p="sm" data-testid="count-none">
                    <Text size="xl" fw={700}>
                      {dashboard.data.counts.noValue}
                    </Text>
                    <StatusBadge status={null} label="no value or no criteria" />
                  </Paper>
                </SimpleGrid>
                {dashboard.data.overdue.length > 0 && (
                  <Alert color="red" variant="light" title={`Overdue data collection (${dashboard.data.overdue.length})`} role="region">
                    <List size="sm">
                      {dashboard.data.overdue.map((d) => (
                        <List.Item key={d.id}>
                          <Anchor component={Link} to={workHref(org.id, d.path)} c="red.9" underline="always">
                            {d.reference}
                          </Anchor>{" "}
                          {d.title}, due {d.due}
                        </List.Item>
                      ))}
                    </List>
                  </Alert>
                )}
                {dashboard.data.indicators.length > 0 ? (
                  <Table.ScrollContainer minWidth={640}>
                    <Table striped withTableBorder aria-label="Every indicator's latest status">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Indicator</Table.Th>
                          <Table.Th>Latest value</Table.Th>
                          <Table.Th>Status</Table.Th>
                          <Table.Th>Target</Table.Th>
                          <Table.Th>Last periods</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {dashboard.data.indicators.map(({ measure: m, recent }) => (
                          <Table.Tr key={m.id}>
                            <Table.Td>
                              <Anchor component={Link} to={orgHref(org.id, `${ORG_PATHS.measures}/${m.id}`)}>
                                {m.ref} {m.title}
                              </Anchor>
                            </Table.Td>
                            <Table.Td>{m.latest ? `${valueText(m.latest.value, m.unit)} (${m.latest.period})` : "no value yet"}</Table.Td>
                            <Table.Td>
                              <StatusBadge status={m.latest?.status} reason={m.latest?.reason} value={m.latest?.value} criteria={m} />
                            </Table.Td>
                            <Table.Td>{m.target === null ? "—" : valueText(m.target, m.unit)}</Table.Td>
                            <Table.Td>
                              <Group gap={2} wrap="nowrap">
                                {recent.map((p) => (
                                  <Badge
                                    key={p.period}
                                    size="xs"
                                    variant="light"
                                    color={p.status === "act" ? "red" : p.status === "watch" ? "yellow" : p.status ? "green" : "gray"}
                                    c={p.status === "watch" ? "dark" : undefined}
                                    title={`${p.period}: ${valueText(p.value, m.unit)}`}
                                  >
                                    {p.status ? STATUS_LABELS[p.status].charAt(0) : "–"}
                                  </Badge>
                                ))}
                              </Group>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                ) : (
                  <Text c="dimmed" size="sm">
                    No measure is defined yet.
                  </Text>
                )}
              </Stack>
            )}
          </QueryState>
        </Paper>
        <RegisterTable<Measure>
          orgId={org.id}
          endpoints={measureRegister}
          fields={fields}
          columns={columns}
          id="measures"
          title="Measures"
          noun="measure"
          description="Base measures are collected (enter their values on the measure's page or import them); derived measures compute a formula over base measures; built-in measures are computed from the registers."
          canEdit={canEdit}
          toForm={(m) => ({ ...m, interval: m.interval })}
        />
      </Stack>
    </>
  );
}
