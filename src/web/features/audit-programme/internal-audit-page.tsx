import { Anchor, Badge, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { type Audit, auditProgrammeEndpoints, auditRegister, type Programme, programmeEndpoints } from "../../../contracts/audit-programme";
import { internalAuditPolicy } from "../../../core/access/policies";
import { call } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useMemberOptions } from "../members/member-api";
import type { FieldSpec } from "../registers/fields";
import { useRegisterItems } from "../registers/register-api";
import { type Column, RegisterTable } from "../registers/register-table";
import { useOrgRecord } from "./audit-api";

const PROGRAMME_FIELDS: FieldSpec[] = [
  { name: "title", label: "Programme" },
  { name: "cycleStart", label: "Cycle starts", kind: "date" },
  { name: "cycleYears", label: "Cycle in years", kind: "number", description: "Three years by default" },
  { name: "objectives", label: "Objectives", kind: "textarea" },
];

const STATUS_COLORS: Record<Audit["status"], string> = { planned: "blue", in_progress: "orange", completed: "green" };

function CoverageMatrix({ orgId, programme }: { orgId: string; programme: Programme }) {
  const coverage = useOrgRecord(orgId, `audit-programmes/${programme.id}/coverage`, () =>
    call(auditProgrammeEndpoints.coverage, { params: { orgId, itemId: programme.id } }),
  );
  const open = coverage.data?.rows.filter((r) => !r.planned) ?? [];
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="coverage-title" id="coverage" tabIndex={-1}>
      <Title order={2} size="h4" id="coverage-title" mb="xs">
        Coverage of {programme.title} ({programme.cycleStart} to {programme.cycleEnd})
      </Title>
      <QueryState isPending={coverage.isPending} error={coverage.error}>
        {coverage.data && (
          <Stack gap="xs">
            <Text size="sm">
              Clauses planned: {coverage.data.summary.clauses.planned} of {coverage.data.summary.clauses.total}; controls planned:{" "}
              {coverage.data.summary.controls.planned} of {coverage.data.summary.controls.total}.
            </Text>
            {open.length === 0 ? (
              <Text size="sm">Every clause and every included control is audited in this cycle.</Text>
            ) : (
              <Table.ScrollContainer minWidth={500} mah={320}>
                <Table striped withTableBorder aria-label="Not yet planned">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Not yet planned</Table.Th>
                      <Table.Th>Title</Table.Th>
                      <Table.Th>Priority</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {open.map((r) => (
                      <Table.Tr key={`${r.kind}:${r.id}`}>
                        <Table.Td>
                          {r.kind} {r.ref}
                        </Table.Td>
                        <Table.Td>{r.title}</Table.Td>
                        <Table.Td>{r.priority === "high" ? `high: ${r.reasons.join("; ")}` : "normal"}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

/** Activity 9.4b: the programme over a cycle, its coverage, and the audits. */
export function InternalAuditPage() {
  const { org, role } = useCurrentOrg();
  const canPlan = internalAuditPolicy.can({ role }, "plan");
  const programmes = useRegisterItems<Programme>(org.id, programmeEndpoints);
  const members = useMemberOptions(org.id);
  const people = [{ value: "", label: "—" }, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))];
  const programmeOptions = (programmes.data ?? []).map((p) => ({ value: p.id, label: p.title }));
  const latest = programmes.data?.at(-1);
  const auditFields: FieldSpec[] = [
    { name: "programmeId", label: "Programme", kind: "select", options: programmeOptions },
    { name: "title", label: "Audit" },
    { name: "clauses", label: "Clauses", kind: "tags", description: "Clause numbers 4–10; a heading such as 6 covers its sub-clauses" },
    { name: "controls", label: "Controls", kind: "tags", description: "Control ids such as A.5.15" },
    { name: "criteria", label: "Criteria", kind: "textarea" },
    { name: "leadAuditorUserId", label: "Lead auditor", kind: "select", options: people, description: "Nobody audits what they own" },
    { name: "startDate", label: "Starts", kind: "date" },
    { name: "endDate", label: "Ends", kind: "date" },
    { name: "plan", label: "Audit plan", kind: "textarea" },
  ];
  const columns: Column<Audit>[] = [
    {
      header: "Audit",
      cell: (a) => (
        <Anchor component={Link} to={orgHref(org.id, `${ORG_PATHS.internalAudit}/${a.id}`)}>
          {a.ref} {a.title}
        </Anchor>
      ),
    },
    { header: "Lead auditor", cell: (a) => a.leadAuditor?.name ?? "—" },
    { header: "Dates", cell: (a) => (a.startDate ? `${a.startDate} to ${a.endDate ?? "?"}` : "—") },
    {
      header: "Status",
      cell: (a) => (
        <Badge variant="light" color={STATUS_COLORS[a.status]}>
          {a.status.replace("_", " ")}
        </Badge>
      ),
    },
    { header: "Findings", cell: (a) => a.findings },
  ];
  return (
    <>
      <PageHeader
        title="Internal audit"
        description="Activity 9.4b: the audit programme over its cycle, what it covers, and each audit with its independent auditors."
      />
      <Stack gap="xl" maw={1100}>
        <RegisterTable<Programme & { title: string }>
          orgId={org.id}
          endpoints={programmeEndpoints}
          fields={PROGRAMME_FIELDS}
          columns={[
            { header: "Programme", cell: (p) => p.title },
            { header: "Cycle", cell: (p) => `${p.cycleStart} to ${p.cycleEnd}` },
          ]}
          id="audit-programme"
          title="Audit programme"
          noun="programme"
          canEdit={canPlan}
        />
        {latest && <CoverageMatrix orgId={org.id} programme={latest} />}
        <RegisterTable<Audit>
          orgId={org.id}
          endpoints={auditRegister}
          fields={auditFields}
          columns={columns}
          id="audits"
          title="Audits"
          noun="audit"
          canEdit={canPlan}
          toForm={(a) => ({ ...a, clauses: a.scope.clauses, controls: a.scope.controls, leadAuditorUserId: a.leadAuditor?.id ?? "" })}
          fromForm={({ clauses, controls, leadAuditorUserId, ...rest }) => ({
            ...rest,
            leadAuditorUserId: leadAuditorUserId || null,
            scope: { clauses, controls, areas: [] },
          })}
        />
      </Stack>
    </>
  );
}
