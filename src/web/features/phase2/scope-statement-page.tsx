import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { ScopeNarrativeInputSchema } from "../../../contracts/scope";
import { registerPolicy } from "../../../core/access/policies";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError } from "../../components/form-error";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { DocumentForm } from "../registers/document-form";
import type { FieldSpec } from "../registers/fields";
import { useDocument } from "../registers/register-api";
import { Markdown } from "./markdown";
import { useFreezeStatement, useScopeStatement, useStatementVersions } from "./scope-api";

const NARRATIVE_PATH = "scope/narrative";

const NARRATIVE_FIELDS: FieldSpec[] = [
  {
    name: "narrative",
    label: "Narrative",
    kind: "textarea",
    description: "In Markdown: what the ISMS covers and why the boundaries lie where they do. The registers add the lists of elements.",
  },
];

/** Activity 6.5: the scope document, assembled from the scope registers around the organization's own words. */
export function ScopeStatementPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  return (
    <>
      <PageHeader
        title="Scope statement"
        description="Activity 6.5: the ISMS scope and boundaries as one document. Write the narrative; the lists of units, technology, places, exclusions and interfaces come from the Scope page. Freeze a version when the document is ready to be shared."
      />
      <Stack gap="xl" maw={1100}>
        <DocumentForm
          orgId={org.id}
          path={NARRATIVE_PATH}
          input={ScopeNarrativeInputSchema}
          fields={NARRATIVE_FIELDS}
          title="Scope narrative"
          canEdit={canEdit}
        />
        <StatementSection canEdit={canEdit} />
        <VersionsSection />
      </Stack>
    </>
  );
}

function StatementSection({ canEdit }: { canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const narrative = useDocument(org.id, NARRATIVE_PATH);
  const statement = useScopeStatement(org.id, narrative.data?.version);
  const freeze = useFreezeStatement(org.id);
  const [note, setNote] = useState("");
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="scope-statement-title">
      <Group justify="space-between" align="flex-start" mb="md">
        <Title order={2} size="h4" id="scope-statement-title">
          The document as it reads now
        </Title>
        {statement.data && (
          <Badge variant="light" color={statement.data.changedSinceLatest ? "orange" : "teal"}>
            {statement.data.latestVersion === null
              ? "Not frozen yet"
              : statement.data.changedSinceLatest
                ? `Changed since version ${statement.data.latestVersion}`
                : `Same as version ${statement.data.latestVersion}`}
          </Badge>
        )}
      </Group>
      <QueryState isPending={statement.isPending} error={statement.error}>
        {statement.data && <Markdown source={statement.data.markdown} label="Scope statement" />}
      </QueryState>
      {canEdit && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            freeze.mutate(note.trim() || null, {
              onSuccess: (version) => {
                setNote("");
                notifications.show({ color: "teal", message: `Frozen as version ${version.number}.` });
              },
            });
          }}
        >
          <Stack gap="xs" mt="lg">
            <Group align="flex-end">
              <TextInput
                label="Version note"
                description="What this version is for or what changed"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                w={420}
              />
              <Button type="submit" loading={freeze.isPending} disabled={statement.data?.changedSinceLatest === false}>
                Freeze as version
              </Button>
            </Group>
            <FormError error={freeze.error} title="Could not freeze the document" />
          </Stack>
        </form>
      )}
    </Paper>
  );
}

function VersionsSection() {
  const { org } = useCurrentOrg();
  const versions = useStatementVersions(org.id);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="scope-versions-title">
      <Title order={2} size="h4" id="scope-versions-title" mb="md">
        Frozen versions
      </Title>
      <QueryState isPending={versions.isPending} error={versions.error}>
        {versions.data && versions.data.length > 0 ? (
          <Table striped withTableBorder verticalSpacing="xs" aria-label="Frozen versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Note</Table.Th>
                <Table.Th>Frozen by</Table.Th>
                <Table.Th>When</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.map((v) => (
                <Table.Tr key={v.number}>
                  <Table.Td>{v.number}</Table.Td>
                  <Table.Td>{v.note ?? "—"}</Table.Td>
                  <Table.Td>{v.createdBy.name ?? "—"}</Table.Td>
                  <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            No version frozen yet.
          </Text>
        )}
      </QueryState>
    </Paper>
  );
}
