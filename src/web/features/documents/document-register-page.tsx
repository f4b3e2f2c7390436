import { Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { DocumentInputSchema, type DocumentItem, FromTemplateSchema } from "../../../contracts/documents";
import { registerPolicy } from "../../../core/access/policies";
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, VERSION_STATUSES } from "../../../core/documents/documents";
import { fieldErrors } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError } from "../../components/form-error";
import { formatDay } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useMemberOptions } from "../members/member-api";
import { useRaci } from "../raci/raci-api";
import { Fields } from "../registers/fields";
import { RecordForm } from "../registers/record-form";
import { useFieldsForm } from "../registers/use-fields-form";
import { documentFields, fromDocumentForm, type Option } from "./document-fields";
import { STATUS_LABELS, StatusBadge } from "./document-versions";
import {
  type RegisterReview,
  useCreateDocument,
  useCreateFromTemplate,
  useDocuments,
  usePolicyTemplates,
  useRegisterReview,
} from "./documents-api";

const today = () => new Date().toISOString().slice(0, 10);
const inAYear = () => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
};

export const documentHref = (orgId: string, documentId: string) => orgHref(orgId, `${ORG_PATHS.documentRegister}/${documentId}`);

/** The members and ISMS roles the forms offer. */
export function usePickers(orgId: string): { members: Option[]; roles: Option[] } {
  const members = useMemberOptions(orgId);
  const raci = useRaci(orgId);
  return {
    members: (members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName })),
    roles: (raci.data?.roles ?? []).map((r) => ({ value: r.key, label: r.title })),
  };
}

/** Activities 9.2.2 to 9.2.4: every piece of documented information, the policy set and procedures, and what they cover. */
export function DocumentRegisterPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const documents = useDocuments(org.id);
  const [filters, setFilters] = useState({ type: "", status: "", q: "" });
  const [dialog, setDialog] = useState<"create" | "template" | null>(null);
  const q = filters.q.trim().toLowerCase();
  const all = documents.data ?? [];
  const shown = all.filter(
    (d) =>
      (!filters.type || d.type === filters.type) &&
      (!filters.status || d.status === filters.status) &&
      (!q || `${d.identifier} ${d.title}`.toLowerCase().includes(q)),
  );
  return (
    <>
      <PageHeader
        title="Document register"
        description="Activities 9.2.2 to 9.2.4: every document of the ISMS under control (owner, approver, version, review date), the topic-specific policies made from the template library, the procedures, and whether every control of the SoA is addressed."
        actions={
          canEdit && (
            <Group gap="xs">
              <Button variant="light" onClick={() => setDialog("template")}>
                Create policy from a template
              </Button>
              <Button variant="default" onClick={() => setDialog("create")}>
                Register a document
              </Button>
            </Group>
          )
        }
      />
      <Stack gap="xl" maw={1400}>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="documents-title" id="documents" tabIndex={-1}>
          <Title order={2} size="h4" id="documents-title" mb="md">
            Documents
          </Title>
          <Group align="flex-end" mb="sm" role="search" aria-label="Filter documents">
            <TextInput
              label="Search"
              placeholder="Identifier or title"
              value={filters.q}
              onChange={(e) => setFilters({ ...filters, q: e.currentTarget.value })}
            />
            <NativeSelect
              label="Type"
              data={[{ value: "", label: "All types" }, ...DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))]}
              value={filters.type}
              onChange={(e) => setFilters({ ...filters, type: e.currentTarget.value })}
            />
            <NativeSelect
              label="Status"
              data={[{ value: "", label: "All statuses" }, ...VERSION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s].label }))]}
              value={filters.status}
              onChange={(e) => setFilters({ ...filters, status: e.currentTarget.value })}
            />
            <Text size="sm" c="dimmed" aria-live="polite">
              {shown.length} of {all.length} shown
            </Text>
          </Group>
          <QueryState isPending={documents.isPending} error={documents.error}>
            <DocumentTable documents={shown} />
          </QueryState>
        </Paper>
        <Coverage />
      </Stack>
      <Modal opened={dialog === "create"} onClose={() => setDialog(null)} title="Register a document" size="lg">
        {dialog === "create" && <CreateDocument onDone={() => setDialog(null)} />}
      </Modal>
      <Modal opened={dialog === "template"} onClose={() => setDialog(null)} title="Create a policy from a template" size="lg">
        {dialog === "template" && <FromTemplate onDone={() => setDialog(null)} />}
      </Modal>
    </>
  );
}

function DocumentTable({ documents }: { documents: DocumentItem[] }) {
  const { org } = useCurrentOrg();
  if (documents.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No document matches.
      </Text>
    );
  const now = today();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped withTableBorder verticalSpacing="xs" aria-label="Documents">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Identifier</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Classification</Table.Th>
            <Table.Th>Version</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Next review</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((d) => {
            const overdue = d.status !== "retired" && d.nextReviewDate < now;
            return (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor component={Link} to={documentHref(org.id, d.id)} size="sm">
                    {d.identifier}
                  </Anchor>
                </Table.Td>
                <Table.Td>{d.title}</Table.Td>
                <Table.Td>{DOCUMENT_TYPE_LABELS[d.type]}</Table.Td>
                <Table.Td>{d.owner}</Table.Td>
                <Table.Td>{d.classification}</Table.Td>
                <Table.Td>
                  {d.latestVersion.number}
                  {d.approvedVersion && d.approvedVersion.number !== d.latestVersion.number && (
                    <Text size="xs">{d.approvedVersion.number} in force</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={d.status} />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {formatDay(d.nextReviewDate)}
                    {overdue && (
                      <Badge color="red" variant="light">
                        Overdue
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CreateDocument({ onDone }: { onDone: () => void }) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const { members, roles } = usePickers(org.id);
  const create = useCreateDocument(org.id);
  const fields = documentFields({ members, roles, withType: true });
  return (
    <RecordForm
      record={{ type: "procedure", classification: "internal", nextReviewDate: inAYear(), reviewCycleMonths: 12 }}
      schema={DocumentInputSchema}
      fields={fields}
      fromForm={(values) => fromDocumentForm(values, members, null)}
      noun="document"
      pending={create.isPending}
      error={create.error}
      onCancel={onDone}
      onSubmit={(values) =>
        create.mutate(values, {
          onSuccess: (document) => {
            notifications.show({ color: "teal", message: `${document.identifier} registered: version 1 is a draft.` });
            onDone();
            navigate(documentHref(org.id, document.id));
          },
        })
      }
    />
  );
}

function FromTemplate({ onDone }: { onDone: () => void }) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const templates = usePolicyTemplates(org.id);
  const { members } = usePickers(org.id);
  const create = useCreateFromTemplate(org.id);
  const people = [{ value: "", label: "— nobody yet —" }, ...members];
  const fields = [
    {
      name: "templateKey",
      label: "Template",
      kind: "select" as const,
      options: [
        { value: "", label: "— pick a template —" },
        ...(templates.data ?? []).map((t) => ({ value: t.key, label: `${t.title} (${t.identifier})` })),
      ],
    },
    { name: "ownerUserId", label: "Owner", kind: "select" as const, options: people },
    {
      name: "approverUserId",
      label: "Approver",
      kind: "select" as const,
      options: people,
      description: "Approves its versions: not the author",
    },
  ];
  const form = useFieldsForm({ schema: FromTemplateSchema, fields, source: null });
  const template = templates.data?.find((t) => t.key === form.values.templateKey);
  return (
    <QueryState isPending={templates.isPending} error={templates.error}>
      <form
        noValidate
        aria-label="Create a policy from a template"
        onSubmit={form.onSubmit((values) =>
          create.mutate(values, {
            onSuccess: (document) => {
              notifications.show({ color: "teal", message: `${document.identifier} created from the template as a draft.` });
              onDone();
              navigate(documentHref(org.id, document.id));
            },
          }),
        )}
      >
        <Stack>
          <Fields
            fields={form.fields}
            values={form.values}
            onChange={form.setValue}
            onBlur={form.blur}
            errors={{ ...fieldErrors(create.error), ...form.errors }}
            idPrefix="from-template"
          />
          {template && (
            <Paper withBorder p="sm" radius="sm" aria-label="About the template">
              <Text size="sm">{template.summary}</Text>
              <Text size="xs" c="dimmed" mt={4}>
                Supports {template.controls.join(", ")}. The draft is filled with the organization's name, scope and role holders.
              </Text>
            </Paper>
          )}
          <FormError error={create.error} title="The policy was not created" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create draft
            </Button>
          </Group>
        </Stack>
      </form>
    </QueryState>
  );
}

/** What the register covers: the mandatory documented information and every control the SoA includes. */
function Coverage() {
  const { org } = useCurrentOrg();
  const review = useRegisterReview(org.id);
  return (
    <QueryState isPending={review.isPending} error={review.error}>
      {review.data && <CoverageView review={review.data} orgId={org.id} />}
    </QueryState>
  );
}

function CoverageView({ review, orgId }: { review: RegisterReview; orgId: string }) {
  const gaps = review.coverage.filter((c) => c.addressedBy.length === 0);
  const missing = review.mandatory.filter((m) => m.coveredBy.length === 0);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }} component="section" aria-label="Coverage summary">
        {[
          {
            label: "Controls addressed",
            value: `${review.coverage.length - gaps.length} of ${review.coverage.length}`,
            warn: gaps.length > 0,
          },
          {
            label: "Mandatory documents covered",
            value: `${review.mandatory.length - missing.length} of ${review.mandatory.length}`,
            warn: missing.length > 0,
          },
          { label: "Reviews overdue", value: String(review.overdue.length), warn: review.overdue.length > 0 },
        ].map((s) => (
          <Paper key={s.label} withBorder radius="md" p="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {s.label}
            </Text>
            <Text size="xl" fw={700} c={s.warn ? "orange.9" : undefined}>
              {s.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="coverage-title" id="coverage" tabIndex={-1}>
        <Title order={2} size="h4" id="coverage-title" mb={4}>
          Control coverage
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Every control the SoA includes, with the approved policies and procedures that address it. A control no approved document
          addresses is a gap.
        </Text>
        {review.coverage.length === 0 ? (
          <Text size="sm" c="dimmed">
            The SoA includes no control yet.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped withTableBorder verticalSpacing={4} fz="sm" aria-label="Control coverage">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Control</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Addressed by</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {review.coverage.map((c) => (
                  <Table.Tr key={c.control}>
                    <Table.Td>{c.control}</Table.Td>
                    <Table.Td>{c.title}</Table.Td>
                    <Table.Td>
                      {c.addressedBy.length === 0 ? (
                        <Badge color="red" variant="light">
                          Gap
                        </Badge>
                      ) : (
                        <Group gap={6}>
                          {c.addressedBy.map((d) => (
                            <Anchor key={d.id} component={Link} to={documentHref(orgId, d.id)} size="sm">
                              {d.identifier}
                            </Anchor>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="mandatory-title" id="mandatory" tabIndex={-1}>
        <Title order={2} size="h4" id="mandatory-title" mb={4}>
          Mandatory documented information
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          What ISO/IEC 27001 requires to be documented, and which register entries cover it (through their clause links).
        </Text>
        <Table striped withTableBorder verticalSpacing={4} fz="sm" aria-label="Mandatory documented information">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Clause</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Covered by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {review.mandatory.map((m) => (
              <Table.Tr key={m.clause}>
                <Table.Td>{m.clause}</Table.Td>
                <Table.Td>{m.title}</Table.Td>
                <Table.Td>
                  {m.coveredBy.length === 0 ? (
                    <Badge color="red" variant="light">
                      Missing
                    </Badge>
                  ) : (
                    <Group gap={6}>
                      {m.coveredBy.map((d) => (
                        <Anchor key={d.id} component={Link} to={documentHref(orgId, d.id)} size="sm">
                          {d.identifier}
                        </Anchor>
                      ))}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {review.overdue.length > 0 && (
          <Stack gap={4} mt="md">
            <Text fw={600} size="sm">
              Reviews overdue
            </Text>
            {review.overdue.map((d) => (
              <Text key={d.id} size="sm">
                <Anchor component={Link} to={documentHref(orgId, d.id)} size="sm">
                  {d.identifier} {d.title}
                </Anchor>{" "}
                was due {formatDay(d.nextReviewDate)}
              </Text>
            ))}
          </Stack>
        )}
      </Paper>
    </>
  );
}
