import { Badge, Group, NativeSelect, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { DocumentItem } from "../../../contracts/documents";
import type { VersionStatus } from "../../../core/documents/documents";
import { useCurrentOrg } from "../../app/org-scope";
import classes from "../../components/document-text.module.css";
import { formatDateTime } from "../../components/format";
import { QueryState } from "../../components/query-state";
import { useDocumentDiff, useDocumentVersions } from "./policy-api";

/**
 * What every controlled document shows alike, the ISMS policy's page and the document register's:
 * a version's status, the change history and the comparison of two versions.
 */
export const STATUS_LABELS: Record<VersionStatus, { label: string; color: string }> = {
  draft: { label: "Draft", color: "gray" },
  in_review: { label: "In review", color: "blue" },
  approved: { label: "Approved", color: "green" },
  retired: { label: "Retired", color: "dark" },
};

export function StatusBadge({ status }: { status: VersionStatus }) {
  return (
    <Badge variant="light" color={STATUS_LABELS[status].color}>
      {STATUS_LABELS[status].label}
    </Badge>
  );
}

/** The versions of a document, newest first, and a line-by-line comparison of any two. */
export function VersionHistory({ document, idPrefix = "policy" }: { document: DocumentItem; idPrefix?: string }) {
  const { org } = useCurrentOrg();
  const versions = useDocumentVersions(org.id, document.id);
  const numbers = (versions.data ?? []).map((v) => v.number).sort((a, b) => a - b);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  // Until someone picks, the newest version is compared with the one before it.
  const shownTo = to ?? numbers.at(-1) ?? null;
  const shownFrom = from ?? numbers.at(-2) ?? null;
  const options = numbers.map((n) => ({ value: String(n), label: `Version ${n}` }));
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={`${idPrefix}-history-title`}>
      <Title order={2} size="h4" id={`${idPrefix}-history-title`} mb="md">
        Version history
      </Title>
      <QueryState isPending={versions.isPending} error={versions.error}>
        <Table striped withTableBorder verticalSpacing="xs" aria-label="Versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Change summary</Table.Th>
              <Table.Th>Author</Table.Th>
              <Table.Th>Approved</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.data?.map((v) => (
              <Table.Tr key={v.number}>
                <Table.Td>{v.number}</Table.Td>
                <Table.Td>
                  <StatusBadge status={v.status} />
                </Table.Td>
                <Table.Td>{v.changeSummary ?? "—"}</Table.Td>
                <Table.Td>{v.author.name ?? "—"}</Table.Td>
                <Table.Td>{v.approvedAt ? `${formatDateTime(v.approvedAt)} by ${v.approvedBy?.name ?? "—"}` : "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {numbers.length > 1 && shownFrom !== null && shownTo !== null && (
          <Stack mt="lg" gap="sm">
            <Group align="flex-end">
              <NativeSelect
                label="Compare"
                data={options}
                value={String(shownFrom)}
                onChange={(e) => setFrom(Number(e.currentTarget.value))}
              />
              <NativeSelect label="With" data={options} value={String(shownTo)} onChange={(e) => setTo(Number(e.currentTarget.value))} />
            </Group>
            <DiffView documentId={document.id} from={shownFrom} to={shownTo} />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

const CHANGE_LABELS = { unchanged: "Unchanged", changed: "Changed", added: "Added", removed: "Removed" } as const;

export function DiffView({ documentId, from, to }: { documentId: string; from: number; to: number }) {
  const { org } = useCurrentOrg();
  const diff = useDocumentDiff(org.id, documentId, from, to);
  if (from === to) return <Text size="sm">Pick two different versions to compare.</Text>;
  return (
    <QueryState isPending={diff.isPending} error={diff.error}>
      <Stack gap="md" aria-label={`Changes from version ${from} to version ${to}`} role="region">
        {diff.data?.sections
          .filter((s) => s.change !== "unchanged")
          .map((s) => (
            <Stack key={s.key} gap={4}>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {s.title}
                </Text>
                <Badge size="xs" variant="outline">
                  {CHANGE_LABELS[s.change]}
                </Badge>
              </Group>
              <div className={classes.diff}>
                {s.lines.map((line, i) => (
                  <div
                    // Lines repeat; their position is what identifies them.
                    // biome-ignore lint/suspicious/noArrayIndexKey: a diff's lines are fixed once fetched
                    key={i}
                    className={line.op === "added" ? classes.added : line.op === "removed" ? classes.removed : undefined}
                  >
                    {line.op === "added" ? "+ " : line.op === "removed" ? "− " : "  "}
                    {line.text}
                  </div>
                ))}
              </div>
            </Stack>
          ))}
        {diff.data?.sections.every((s) => s.change === "unchanged") && <Text size="sm">The two versions read the same.</Text>}
      </Stack>
    </QueryState>
  );
}
