import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ValuationScaleDocument } from "../../../contracts/assets";
import {
  type InterestedParty,
  ObligationNeedsInputSchema,
  type ObligationRequirement,
  PARTY_KINDS,
  partyRegister,
  type Requirement,
  requirementRegister,
  requirementsEndpoints,
} from "../../../contracts/requirements";
import { registerPolicy } from "../../../core/access/policies";
import { allPages } from "../../app/all-pages";
import { call, isStaleVersion, patchWith } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { ROADMAP_KEY, useOrgWrite } from "../../app/org-write";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useValuationScale } from "../assets/assets-api";
import { ExportActions, ImportExportActions } from "../imports/import-export-actions";
import type { FieldSpec } from "../registers/fields";
import { RecordForm } from "../registers/record-form";
import { useRegisterItems } from "../registers/register-api";
import { type Column, RegisterTable } from "../registers/register-table";

const PARTY_KIND_LABELS: Record<InterestedParty["kind"], string> = {
  customer: "Customer",
  regulator: "Regulator",
  employee: "Employee",
  supplier: "Supplier",
  shareholder: "Shareholder",
  partner: "Partner",
  community: "Community",
  other: "Other",
};

const PARTY_FIELDS: FieldSpec[] = [
  { name: "name", label: "Name", required: true },
  {
    name: "kind",
    label: "Kind",
    kind: "select",
    required: true,
    options: PARTY_KINDS.map((k) => ({ value: k, label: PARTY_KIND_LABELS[k] })),
  },
  { name: "description", label: "Description", kind: "textarea" },
  {
    name: "expectations",
    label: "Expectations",
    kind: "textarea",
    description: "What the party expects of the organization's information security",
  },
];

const PARTY_COLUMNS: Column<InterestedParty>[] = [
  { header: "Interested party", cell: (p) => p.name },
  { header: "Kind", cell: (p) => PARTY_KIND_LABELS[p.kind] },
  { header: "Expectations", cell: (p) => p.expectations ?? "—" },
  { header: "Requirements", cell: (p) => p.requirementCount },
];

const CIA = ["confidentiality", "integrity", "availability"] as const;

/**
 * The confidentiality, integrity and availability needs, as level numbers of the organization's
 * scale; the description lists the levels, so the number means something where it is typed.
 */
function needFields(scale: ValuationScaleDocument): FieldSpec[] {
  return CIA.map((key) => {
    const objective = scale.objectives.find((o) => o.key === key);
    return {
      name: key,
      label: `${objective?.label ?? key.charAt(0).toUpperCase() + key.slice(1)} need`,
      kind: "number",
      description: objective ? objective.levels.map((label, i) => `${i + 1} ${label}`).join(", ") : undefined,
    };
  });
}

const needs = (r: Pick<Requirement, "confidentiality" | "integrity" | "availability">) =>
  `C ${r.confidentiality ?? "—"} · I ${r.integrity ?? "—"} · A ${r.availability ?? "—"}`;

const REQUIREMENT_COLUMNS: Column<Requirement>[] = [
  { header: "Requirement", cell: (r) => r.title },
  { header: "Interested party", cell: (r) => r.partyName },
  { header: "Source", cell: (r) => r.source ?? "—" },
  { header: "Owner", cell: (r) => r.owner ?? "—" },
  { header: "Needs (C · I · A)", cell: needs },
];

/** Activity 7.2: who has a stake in the ISMS, what they require, and what the obligations imply. */
export function RequirementsPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const parties = useRegisterItems<InterestedParty>(org.id, partyRegister);
  const scale = useValuationScale(org.id);
  const requirementFields: FieldSpec[] = [
    { name: "title", label: "Requirement", required: true },
    {
      name: "partyId",
      label: "Interested party",
      kind: "select",
      required: true,
      options: (parties.data ?? []).map((p) => ({ value: p.id, label: p.name })),
    },
    { name: "description", label: "Description", kind: "textarea" },
    { name: "source", label: "Source", description: "Where it is stated: contract, law, meeting, survey, …" },
    { name: "owner", label: "Owner" },
    ...(scale.data ? needFields(scale.data) : []),
    { name: "externalRef", label: "External reference" },
  ];
  return (
    <>
      <PageHeader
        title="Requirements"
        description="Activity 7.2: the interested parties, their information security requirements with a source and an owner, and what the obligations imply for confidentiality, integrity and availability."
        actions={
          <Stack gap="xs" align="flex-end">
            {(
              [
                ["interested-parties", "interested parties"],
                ["requirements", "requirements"],
              ] as const
            ).map(([register, noun]) => (
              <ImportExportActions
                key={register}
                orgId={org.id}
                register={register}
                noun={noun}
                named
                canImport={canEdit}
                refresh={[
                  ["register", org.id, register],
                  [ROADMAP_KEY, org.id],
                ]}
              />
            ))}
          </Stack>
        }
      />
      <Stack gap="xl" maw={1100}>
        <RegisterTable<InterestedParty>
          orgId={org.id}
          endpoints={partyRegister}
          fields={PARTY_FIELDS}
          columns={PARTY_COLUMNS}
          id="interested-parties"
          title="Interested parties"
          noun="interested party"
          canEdit={canEdit}
        />
        <QueryState isPending={scale.isPending} error={scale.error}>
          <RegisterTable<Requirement>
            orgId={org.id}
            endpoints={requirementRegister}
            fields={requirementFields}
            columns={REQUIREMENT_COLUMNS}
            id="requirements"
            title="Requirements of interested parties"
            noun="requirement"
            description={parties.data?.length === 0 ? "Add an interested party first: every requirement comes from one." : undefined}
            canEdit={canEdit && (parties.data?.length ?? 0) > 0}
          />
        </QueryState>
        {scale.data && <Obligations orgId={org.id} scale={scale.data} parties={parties.data ?? []} canEdit={canEdit} />}
      </Stack>
    </>
  );
}

/** The obligations as this page reads them, under the same key as every register list. */
const OBLIGATIONS_KEY = (orgId: string) => ["register", orgId, "requirements/obligations"];

interface ObligationsProps {
  orgId: string;
  scale: ValuationScaleDocument;
  parties: InterestedParty[];
  canEdit: boolean;
}

/** Phase 1's obligations, with what the requirements analysis adds; their own fields stay on the phase 1 page. */
function Obligations({ orgId, scale, parties, canEdit }: ObligationsProps) {
  const obligations = useQuery({
    queryKey: OBLIGATIONS_KEY(orgId),
    queryFn: () => allPages((query) => call(requirementsEndpoints.listObligations, { params: { orgId }, query })),
  });
  const [editing, setEditing] = useState<ObligationRequirement | null>(null);
  const save = useOrgWrite(
    orgId,
    ({ item, values }: { item: ObligationRequirement; values: Record<string, unknown> }) =>
      call(requirementsEndpoints.updateObligation.patch, {
        params: { orgId, itemId: item.id },
        body: { ...patchWith(ObligationNeedsInputSchema, { ...values, version: item.version }), version: item.version },
      }),
    { refresh: [OBLIGATIONS_KEY(orgId)] },
  );
  const close = () => {
    save.reset();
    setEditing(null);
  };
  const fields: FieldSpec[] = [
    ...needFields(scale),
    {
      name: "interestedPartyId",
      label: "Interested party",
      kind: "select",
      description: "Who imposes it: a regulator, a customer, …",
      options: [{ value: "", label: "None" }, ...parties.map((p) => ({ value: p.id, label: p.name }))],
    },
    { name: "externalRef", label: "External reference" },
  ];
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="obligations-title" id="obligations" tabIndex={-1}>
      <Group justify="space-between" align="flex-start" mb="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id="obligations-title">
            Obligations
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            The legal, regulatory, contractual and internal obligations recorded in phase 1; each needs a source and an owner, which are
            edited on the Priorities & obligations page.
          </Text>
        </Stack>
        <ExportActions orgId={orgId} register="obligations" />
      </Group>
      <QueryState isPending={obligations.isPending} error={obligations.error}>
        {obligations.data && obligations.data.length > 0 ? (
          <Table.ScrollContainer minWidth={720}>
            <Table striped withTableBorder verticalSpacing="xs" aria-label="Obligations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Obligation</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Source</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Interested party</Table.Th>
                  <Table.Th>Needs (C · I · A)</Table.Th>
                  {canEdit && <Table.Th>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {obligations.data.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>{o.title}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" size="sm">
                        {o.kind}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{o.source ?? "—"}</Table.Td>
                    <Table.Td>{o.owner ?? "—"}</Table.Td>
                    <Table.Td>{o.interestedPartyName ?? "—"}</Table.Td>
                    <Table.Td>{needs(o)}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Button size="xs" variant="subtle" aria-label={`Edit needs of “${o.title}”`} onClick={() => setEditing(o)}>
                          Edit needs
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text c="dimmed" size="sm">
            No obligations recorded yet.
          </Text>
        )}
      </QueryState>
      <Modal opened={editing !== null} onClose={close} title="Edit obligation needs" size="lg">
        {editing && (
          <RecordForm
            key={`${editing.id}:${editing.version}`}
            record={editing}
            fields={fields}
            noun="needs"
            pending={save.isPending}
            error={save.error}
            onCancel={close}
            onSubmit={(values) =>
              save.mutate(
                { item: editing, values },
                {
                  onSuccess: close,
                  onError: (error) => {
                    if (isStaleVersion(error)) setEditing(error.problem.current as ObligationRequirement);
                  },
                },
              )
            }
          />
        )}
      </Modal>
    </Paper>
  );
}
