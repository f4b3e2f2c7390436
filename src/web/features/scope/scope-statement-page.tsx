import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { scopeNarrativeEndpoints } from "../../../contracts/scope";
import { registerPolicy } from "../../../core/access/policies";
import { useCurrentOrg } from "../../app/org-scope";
import classes from "../../components/document-text.module.css";
import { FormError } from "../../components/form-error";
import { formatDateTime } from "../../components/format";
import { Markdown } from "../../components/markdown";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { DocumentForm } from "../registers/document-form";
import type { FieldSpec } from "../registers/fields";
import { useDocument } from "../registers/register-api";
import { useFreezeStatement, useScopeStatement, useStatementDiff, useStatementVersions } from "./scope-api";

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
          endpoints={scopeNarrativeEndpoints}
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
  const narrative = useDocument(org.id, scopeNarrativeEndpoints);
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
        {versions.data && versions.data.length > 0 && <StatementComparison numbers={versions.data.map((v) => v.number)} />}
      </QueryState>
    </Paper>
  );
}

/** "now" stands for the document as it reads today, which has no version number yet. */
const NOW = "now";

/** Two versions side by side as one list of lines: what the newer adds and what it drops. */
function StatementComparison({ numbers }: { numbers: readonly number[] }) {
  const { org } = useCurrentOrg();
  const sorted = [...numbers].sort((a, b) => a - b);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<string | null>(null);
  // Until someone picks, the newest version is compared with the one before it, or with today's text when there is one version.
  const shownFrom = from ?? (sorted.length > 1 ? (sorted.at(-2) as number) : (sorted[0] as number));
  const shownTo = to ?? (sorted.length > 1 ? String(sorted.at(-1)) : NOW);
  const toNumber = shownTo === NOW ? null : Number(shownTo);
  const narrative = useDocument(org.id, scopeNarrativeEndpoints);
  const diff = useStatementDiff(org.id, shownFrom, toNumber, narrative.data?.version);
  const options = sorted.map((n) => ({ value: String(n), label: `Version ${n}` }));
  const label = `Changes from version ${shownFrom} to ${toNumber === null ? "the document as it reads now" : `version ${toNumber}`}`;
  return (
    <Stack mt="lg" gap="sm">
      <Title order={3} size="h5">
        Compare versions
      </Title>
      <Group align="flex-end">
        <NativeSelect label="Compare" data={options} value={String(shownFrom)} onChange={(e) => setFrom(Number(e.currentTarget.value))} />
        <NativeSelect
          label="With"
          data={[...options, { value: NOW, label: "The document now" }]}
          value={shownTo}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      {shownFrom === toNumber ? (
        <Text size="sm">Pick two different versions to compare.</Text>
      ) : (
        <QueryState isPending={diff.isPending} error={diff.error}>
          {diff.data &&
            (diff.data.lines.every((l) => l.op === "same") ? (
              <Text size="sm">The two read the same.</Text>
            ) : (
              <section className={classes.diff} aria-label={label}>
                {diff.data.lines.map((line, i) => (
                  <div
                    // Lines repeat; their position is what identifies them.
                    // biome-ignore lint/suspicious/noArrayIndexKey: a diff's lines are fixed once fetched
                    key={i}
                    className={line.op === "added" ? classes.added : line.op === "removed" ? classes.removed : undefined}
                    data-op={line.op}
                  >
                    {line.op === "added" ? "+ " : line.op === "removed" ? "− " : "  "}
                    {line.text}
                  </div>
                ))}
              </section>
            ))}
        </QueryState>
      )}
    </Stack>
  );
}
