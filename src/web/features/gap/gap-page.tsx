import { Badge, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { GapAssessInputSchema, type GapItemView } from "../../../contracts/gap";
import { registerPolicy } from "../../../core/access/policies";
import { THEMES } from "../../../core/gap/reference";
import { GAP_STATUSES, MAX_MATURITY } from "../../../core/gap/summary";
import { useCurrentOrg } from "../../app/org-scope";
import { reopenWhenStale } from "../../app/stale-version";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { ImportExportActions } from "../imports/import-export-actions";
import type { FieldSpec } from "../registers/fields";
import { RecordForm } from "../registers/record-form";
import { GAP_KEY, useAssess, useGapItems, useGapSummary } from "./gap-api";
import { MaturityProfile, StatusByGroup } from "./gap-charts";
import { STATUS_COLORS, STATUS_LABELS, THEME_LABELS } from "./gap-labels";

const FIELDS: FieldSpec[] = [
  {
    name: "status",
    label: "Status",
    kind: "select",
    options: GAP_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
  },
  { name: "maturity", label: "Maturity", kind: "number", description: `0 (none) to ${MAX_MATURITY} (optimized)` },
  { name: "evidence", label: "Evidence", kind: "textarea", description: "What was seen: documents, records, interviews" },
  { name: "findings", label: "Findings", kind: "textarea" },
  { name: "justification", label: "Justification", kind: "textarea", description: "Required when the item does not apply: say why" },
];

const ALL = { value: "", label: "All" };

/** Activity 7.4: where the organization stands against every clause and Annex A control. */
export function GapPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const items = useGapItems(org.id);
  const summary = useGapSummary(org.id);
  const [filters, setFilters] = useState({ kind: "", theme: "", status: "", q: "" });
  const [assessing, setAssessing] = useState<GapItemView | null>(null);
  const assess = useAssess(org.id);
  const close = () => {
    assess.reset();
    setAssessing(null);
  };
  const filter = (name: keyof typeof filters) => (value: string) => setFilters((f) => ({ ...f, [name]: value }));
  const q = filters.q.trim().toLowerCase();
  const shown = (items.data ?? []).filter(
    (i) =>
      (!filters.kind || i.kind === filters.kind) &&
      (!filters.theme || i.theme === filters.theme) &&
      (!filters.status || i.status === filters.status) &&
      (!q || i.itemId.toLowerCase().includes(q) || i.title.toLowerCase().includes(q)),
  );

  return (
    <>
      <PageHeader
        title="Gap assessment"
        description="Activity 7.4: the status and maturity of every ISO/IEC 27001:2022 clause requirement and Annex A control, with evidence and findings, and why an item does not apply."
        actions={
          <ImportExportActions
            orgId={org.id}
            register="gap-assessment"
            noun="gap assessment"
            canImport={canEdit}
            refresh={[[GAP_KEY, org.id]]}
          />
        }
      />
      <Stack gap="xl" maw={1200}>
        <QueryState isPending={summary.isPending} error={summary.error}>
          {summary.data && (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="gap-status-title">
                <Title order={2} size="h4" id="gap-status-title">
                  Status by theme
                </Title>
                <Text size="sm" c="dimmed" mb="sm">
                  {summary.data.totals.total - (summary.data.totals.counts.not_assessed ?? 0)} of {summary.data.totals.total} items assessed
                  {summary.data.complete ? ": the assessment is complete." : "."}
                </Text>
                <StatusByGroup groups={summary.data.byTheme} label="Status by Annex A theme" />
              </Paper>
              <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="gap-clause-title">
                <Title order={2} size="h4" id="gap-clause-title" mb="sm">
                  Status by clause
                </Title>
                <StatusByGroup groups={summary.data.byClause} label="Status by clause 4 to 10" />
              </Paper>
              <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="gap-maturity-title">
                <Title order={2} size="h4" id="gap-maturity-title">
                  Maturity profile
                </Title>
                <Text size="sm" c="dimmed" mb="sm">
                  Average maturity {summary.data.totals.maturity.average?.toFixed(1) ?? "—"} over {summary.data.totals.maturity.rated} rated
                  items.
                </Text>
                <MaturityProfile summary={summary.data} />
              </Paper>
            </SimpleGrid>
          )}
        </QueryState>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="gap-items-title" id="gap-assessment" tabIndex={-1}>
          <Title order={2} size="h4" id="gap-items-title" mb="md">
            Clauses and controls
          </Title>
          <Group align="flex-end" mb="md" role="search" aria-label="Filter items">
            <TextInput
              label="Search"
              placeholder="Number or title"
              value={filters.q}
              onChange={(e) => filter("q")(e.currentTarget.value)}
            />
            <NativeSelect
              label="Kind"
              data={[ALL, { value: "clause", label: "Clauses" }, { value: "control", label: "Annex A controls" }]}
              value={filters.kind}
              onChange={(e) => filter("kind")(e.currentTarget.value)}
            />
            <NativeSelect
              label="Theme"
              data={[ALL, ...THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] }))]}
              value={filters.theme}
              onChange={(e) => filter("theme")(e.currentTarget.value)}
            />
            <NativeSelect
              label="Status"
              data={[ALL, ...GAP_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
              value={filters.status}
              onChange={(e) => filter("status")(e.currentTarget.value)}
            />
          </Group>
          <QueryState isPending={items.isPending} error={items.error}>
            <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
              {shown.length} of {items.data?.length ?? 0} items shown
            </Text>
            <Table.ScrollContainer minWidth={800} mah={640}>
              <Table striped withTableBorder stickyHeader verticalSpacing={4} aria-label="Gap assessment items">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Item</Table.Th>
                    <Table.Th>Title</Table.Th>
                    <Table.Th>Theme or clause</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Maturity</Table.Th>
                    {canEdit && <Table.Th>Actions</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((item) => (
                    <Table.Tr key={item.itemId} id={`gap-${item.itemId}`}>
                      <Table.Td>{item.itemId}</Table.Td>
                      <Table.Td>{item.title}</Table.Td>
                      <Table.Td>{item.theme ? THEME_LABELS[item.theme] : `Clause ${item.group}`}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" size="sm" color={STATUS_COLORS[item.status]}>
                          {STATUS_LABELS[item.status]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{item.maturity ?? "—"}</Table.Td>
                      {canEdit && (
                        <Table.Td>
                          <Button size="xs" variant="subtle" aria-label={`Assess ${item.itemId}`} onClick={() => setAssessing(item)}>
                            Assess
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </QueryState>
        </Paper>
      </Stack>
      <Modal opened={assessing !== null} onClose={close} title={assessing ? `Assess ${assessing.itemId} ${assessing.title}` : ""} size="lg">
        {assessing && (
          <RecordForm
            key={`${assessing.itemId}:${assessing.version}`}
            record={assessing}
            schema={GapAssessInputSchema}
            fields={FIELDS}
            fromForm={(values) => ({ ...values, version: assessing.version })}
            noun="assessment"
            pending={assess.isPending}
            error={assess.error}
            onCancel={close}
            onSubmit={(values) =>
              assess.mutate(
                { item: assessing, values },
                { onSuccess: close, onError: reopenWhenStale<GapItemView>({ reopen: setAssessing }) },
              )
            }
          />
        )}
      </Modal>
    </>
  );
}
