import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useNavigate, useParams } from "react-router";
import { auditProgrammeEndpoints, FINDING_KINDS, type Finding, findingRegister } from "../../../contracts/audit-programme";
import { nonconformityEndpoints } from "../../../contracts/nonconformities";
import { internalAuditPolicy, nonconformityPolicy } from "../../../core/access/policies";
import { call } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useCurrentUser } from "../auth/session";
import type { FieldSpec } from "../registers/fields";
import { type Column, RegisterTable } from "../registers/register-table";
import { useOrgAction, useOrgRecord } from "./audit-api";

export const FINDING_LABELS: Record<Finding["kind"], string> = {
  major_nc: "Major nonconformity",
  minor_nc: "Minor nonconformity",
  observation: "Observation",
  opportunity: "Opportunity for improvement",
};

const FINDING_FIELDS: FieldSpec[] = [
  {
    name: "kind",
    label: "Kind",
    kind: "select",
    options: FINDING_KINDS.map((k) => ({ value: k, label: FINDING_LABELS[k] })),
  },
  { name: "target", label: "Clause or control", description: "A clause number (e.g. 9.2) or a control id (e.g. A.8.13)" },
  { name: "title", label: "Finding" },
  { name: "description", label: "Description", kind: "textarea" },
  { name: "evidence", label: "Evidence", description: "Where the evidence is; files attach to the finding" },
];

/** One audit: its scope and plan, the checklist generated from the scope, its findings and its report. */
export function AuditDetailPage() {
  const { org, role } = useCurrentOrg();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { auditId = "" } = useParams();
  const params = { orgId: org.id, auditId };
  const audit = useOrgRecord(org.id, `audits/${auditId}`, () => call(auditProgrammeEndpoints.audit, { params }));
  const checklist = useOrgRecord(org.id, `audits/${auditId}/checklist`, () => call(auditProgrammeEndpoints.checklist, { params }));
  const action = useOrgAction(org.id);
  const issued = audit.data?.reportIssuedAt != null;
  const canRecord = internalAuditPolicy.can({ role }, "record") && !issued;
  const canRaise = nonconformityPolicy.can({ role }, "write");
  const columns: Column<Finding>[] = [
    { header: "Ref", cell: (f) => f.ref },
    { header: "Kind", cell: (f) => <Badge variant="light">{FINDING_LABELS[f.kind]}</Badge> },
    { header: "About", cell: (f) => f.target },
    { header: "Finding", cell: (f) => f.title },
    { header: "Evidence", cell: (f) => f.evidence ?? "—" },
    {
      header: "Nonconformity",
      cell: (f) =>
        f.nonconformity ? (
          <Anchor component={Link} to={orgHref(org.id, `${ORG_PATHS.nonconformities}/${f.nonconformity.id}`)}>
            {f.nonconformity.ref} ({f.nonconformity.status})
          </Anchor>
        ) : canRaise && (f.kind === "major_nc" || f.kind === "minor_nc") ? (
          <Button
            size="xs"
            variant="light"
            aria-label={`Raise nonconformity from ${f.ref}`}
            onClick={() =>
              action.mutate(async () => {
                const nc = await call(nonconformityEndpoints.create, {
                  params: { orgId: org.id },
                  body: {
                    title: f.title,
                    source: "audit",
                    findingId: f.id,
                    severity: f.kind === "major_nc" ? "major" : "minor",
                    detectedOn: new Date().toISOString().slice(0, 10),
                  },
                });
                navigate(orgHref(org.id, `${ORG_PATHS.nonconformities}/${nc.id}`));
              })
            }
          >
            Raise nonconformity
          </Button>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <QueryState isPending={audit.isPending} error={audit.error}>
      {audit.data && (
        <>
          <PageHeader
            title={`${audit.data.ref} ${audit.data.title}`}
            description={`Lead auditor ${audit.data.leadAuditor?.name ?? "not named"} · ${audit.data.startDate ?? "no dates"}${audit.data.endDate ? ` to ${audit.data.endDate}` : ""} · ${audit.data.status.replace("_", " ")}`}
            actions={
              <Group>
                <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.internalAudit)} size="sm">
                  Back to the programme
                </Anchor>
                {!issued && audit.data.leadAuditor?.id === user.id && (
                  <Button
                    onClick={() =>
                      action.mutate(() => call(auditProgrammeEndpoints.saveReport, { params, body: { version: audit.data?.version ?? 0 } }))
                    }
                  >
                    Issue the report
                  </Button>
                )}
              </Group>
            }
          />
          <Stack gap="xl" maw={1100}>
            <FormError error={action.error} />
            {issued && (
              <Text role="status">
                The report was issued on {audit.data.reportIssuedAt?.slice(0, 10)}; the audit, its checklist and findings are frozen.
              </Text>
            )}
            <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="checklist-title">
              <Title order={2} size="h4" id="checklist-title" mb="xs">
                Checklist
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                Criteria: {audit.data.criteria ?? "—"}. Plan: {audit.data.plan ?? "—"}
              </Text>
              <QueryState isPending={checklist.isPending} error={checklist.error}>
                <Table.ScrollContainer minWidth={640}>
                  <Table striped withTableBorder aria-label="Checklist">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Item</Table.Th>
                        <Table.Th>What to check</Table.Th>
                        <Table.Th>Implementation</Table.Th>
                        <Table.Th>Evidence and documents</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {(checklist.data?.lines ?? []).map((l) => (
                        <Table.Tr key={l.id}>
                          <Table.Td>
                            {l.ref} {l.title}
                          </Table.Td>
                          <Table.Td>{l.prompt}</Table.Td>
                          <Table.Td>{l.implementation?.replace("_", " ") ?? "—"}</Table.Td>
                          <Table.Td>{[l.evidence, ...l.documents.map((d) => d.identifier)].filter(Boolean).join(", ") || "—"}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </QueryState>
            </Paper>
            <RegisterTable<Finding>
              orgId={org.id}
              endpoints={findingRegister}
              params={{ auditId }}
              fields={FINDING_FIELDS}
              columns={columns}
              id="findings"
              title="Findings"
              noun="finding"
              canEdit={canRecord}
            />
          </Stack>
        </>
      )}
    </QueryState>
  );
}
