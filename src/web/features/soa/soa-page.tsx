import { Button, Drawer, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { type Obligation, obligationEndpoints } from "../../../contracts/mandate";
import { type Requirement, requirementRegister } from "../../../contracts/requirements";
import type { SoaRow } from "../../../contracts/soa";
import { approvalPolicy, registerPolicy } from "../../../core/access/policies";
import { useCurrentOrg } from "../../app/org-scope";
import { reopenWhenStale } from "../../app/stale-version";
import { formatDay } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { DeliverableDownloads } from "../deliverables/deliverable-downloads";
import { EvidencePanel } from "../evidence/evidence-panel";
import { useRegisterItems } from "../registers/register-api";
import classes from "./soa.module.css";
import { type Soa, type SoaEntryValues, useSaveSoaEntry, useSoa } from "./soa-api";
import { DecideSeveral } from "./soa-bulk";
import { type RequirementOption, SoaEntryForm } from "./soa-entry-form";
import { GROUP_OPTIONS, groupOf } from "./soa-labels";
import { EditRowButton, SoaTable } from "./soa-table";
import { SoaVersions } from "./soa-versions";

const ALL = { value: "", label: "All" };

const SHOW = [
  { value: "", label: "All controls" },
  { value: "applicable", label: "Applicable" },
  { value: "excluded", label: "Excluded" },
  { value: "undecided", label: "Undecided" },
  { value: "problems", label: "Needing attention" },
] as const;
type Show = (typeof SHOW)[number]["value"];

function matchesShow(row: SoaRow, show: Show): boolean {
  switch (show) {
    case "applicable":
      return row.applicable === true;
    case "excluded":
      return row.applicable === false;
    case "undecided":
      return row.applicable === null;
    case "problems":
      return row.problems.length > 0;
    default:
      return true;
  }
}

function matchesText(row: SoaRow, q: string): boolean {
  if (!q) return true;
  return [row.control.ref, row.control.title, row.owner ?? "", row.justification, ...row.risks.map((r) => r.ref)].some((text) =>
    text.toLowerCase().includes(q),
  );
}

/** Activity 8.3: every control with whether it applies and why, how far it is implemented and who owns it; issued in versions for G3. */
export function SoaPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const canIssue = approvalPolicy.can({ role }, "request");
  const soa = useSoa(org.id);
  const [filters, setFilters] = useState<{ group: string; show: Show; q: string }>({ group: "", show: "", q: "" });
  const filter = (name: keyof typeof filters) => (value: string) => setFilters((f) => ({ ...f, [name]: value }));
  const q = filters.q.trim().toLowerCase();
  const rows = soa.data?.rows ?? [];
  const shown = rows.filter(
    (row) => (!filters.group || groupOf(row.control) === filters.group) && matchesShow(row, filters.show) && matchesText(row, q),
  );
  const [editing, setEditing] = useState<SoaRow | null>(null);

  return (
    <>
      <PageHeader
        title="Statement of Applicability"
        description="Activity 8.3: every Annex A control and custom control, whether it applies and why (the risks it treats, the requirements that call for it, or a recorded decision), how far it is implemented and who owns it. Issued versions are approved at gate G3."
        actions={
          <Group gap="xs" className={classes.noPrint}>
            <DeliverableDownloads
              orgId={org.id}
              deliverable={{ id: "soa", title: "Statement of Applicability", formats: ["pdf", "docx", "xlsx"] }}
            />
            <Button variant="default" onClick={() => window.print()}>
              Print
            </Button>
          </Group>
        }
      />
      <Text className={classes.printOnly} fw={600} mb="sm" data-testid="soa-print-org">
        {org.name}: Statement of Applicability, printed {formatDay(new Date().toISOString().slice(0, 10))}
      </Text>
      <Stack gap="xl" maw={1400}>
        <QueryState isPending={soa.isPending} error={soa.error}>
          {soa.data && (
            <>
              <Summary summary={soa.data.summary} />
              <SoaVersions orgId={org.id} soa={soa.data} canIssue={canIssue} />
              <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="soa-controls-title" id="soa-controls" tabIndex={-1}>
                <Title order={2} size="h4" id="soa-controls-title" mb="md">
                  Controls
                </Title>
                <Group align="flex-end" mb="md" role="search" aria-label="Filter controls" className={classes.noPrint}>
                  <TextInput
                    label="Search"
                    placeholder="Reference, title, owner, risk"
                    value={filters.q}
                    onChange={(e) => filter("q")(e.currentTarget.value)}
                  />
                  <NativeSelect
                    label="Theme"
                    data={[ALL, ...GROUP_OPTIONS]}
                    value={filters.group}
                    onChange={(e) => filter("group")(e.currentTarget.value)}
                  />
                  <NativeSelect
                    label="Show"
                    data={SHOW.map((s) => ({ ...s }))}
                    value={filters.show}
                    onChange={(e) => filter("show")(e.currentTarget.value)}
                  />
                </Group>
                <Group justify="space-between" mb="xs">
                  <Text size="sm" c="dimmed" aria-live="polite">
                    {shown.length} of {rows.length} controls shown
                  </Text>
                  {canEdit && <DecideSeveral orgId={org.id} shown={shown} />}
                </Group>
                <SoaTable
                  orgId={org.id}
                  rows={shown}
                  label="Statement of Applicability"
                  withRowIds
                  actions={canEdit ? (row) => <EditRowButton row={row} onEdit={setEditing} /> : undefined}
                />
              </Paper>
            </>
          )}
        </QueryState>
      </Stack>
      {canEdit && <EditDrawer orgId={org.id} editing={editing} setEditing={setEditing} soa={soa} />}
    </>
  );
}

function Summary({ summary }: { summary: Soa["summary"] }) {
  const stats = [
    { label: "Controls", value: summary.controls },
    { label: "Applicable", value: summary.applicable },
    { label: "Excluded", value: summary.excluded },
    { label: "Undecided", value: summary.undecided, warn: summary.undecided > 0 },
    { label: "Implemented", value: `${summary.implemented} of ${summary.applicable}` },
    { label: "Need attention", value: summary.problems, warn: summary.problems > 0 },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} component="section" aria-label="Summary">
      {stats.map((s) => (
        <Paper key={s.label} withBorder radius="md" p="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {s.label}
          </Text>
          <Text size="xl" fw={700} c={s.warn ? "orange.8" : undefined}>
            {s.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

interface EditDrawerProps {
  orgId: string;
  editing: SoaRow | null;
  setEditing: (row: SoaRow | null) => void;
  soa: ReturnType<typeof useSoa>;
}

function EditDrawer({ orgId, editing, setEditing, soa }: EditDrawerProps) {
  const save = useSaveSoaEntry(orgId);
  const [reloaded, setReloaded] = useState(false);
  const requirements = useRegisterItems<Requirement>(orgId, requirementRegister);
  const obligations = useRegisterItems<Obligation>(orgId, obligationEndpoints);
  const options: RequirementOption[] = [
    ...(requirements.data ?? []).map((r) => ({ id: r.id, title: r.title, kind: "requirement" as const })),
    ...(obligations.data ?? []).map((o) => ({ id: o.id, title: o.title, kind: "obligation" as const })),
  ];
  const close = () => {
    save.reset();
    setReloaded(false);
    setEditing(null);
  };
  const submit = (row: SoaRow, values: SoaEntryValues) => {
    setReloaded(false);
    save.mutate(
      { row, values },
      {
        onSuccess: close,
        // The refusal carries the stored entry, not the row as the SoA shows it: the drawer reloads from the SoA instead.
        onError: reopenWhenStale<SoaRow>({
          reload: async () => (await soa.refetch()).data?.rows.find((r) => r.control.id === row.control.id),
          reopen: (fresh) => {
            setEditing(fresh);
            setReloaded(true);
          },
        }),
      },
    );
  };
  return (
    <Drawer
      opened={editing !== null}
      onClose={close}
      position="right"
      size="lg"
      title={editing ? `${editing.control.ref} ${editing.control.title}` : ""}
    >
      {editing && (
        <Stack gap="lg">
          <SoaEntryForm
            key={`${editing.control.id}:${editing.version}`}
            orgId={orgId}
            row={editing}
            requirements={options}
            pending={save.isPending}
            error={save.error}
            reloaded={reloaded}
            onCancel={close}
            onSubmit={(values) => submit(editing, values)}
          />
          <EvidencePanel entityType="control" entityId={editing.control.id} title={`Evidence for ${editing.control.ref}`} compact />
        </Stack>
      )}
    </Drawer>
  );
}
