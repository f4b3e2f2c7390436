import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router";
import { activityHref } from "../../app/org-paths";
import { FormError } from "../../components/form-error";
import { formatDateTime } from "../../components/format";
import { QueryState } from "../../components/query-state";
import classes from "./soa.module.css";
import { type Soa, useIssueSoaVersion, useSoaVersion, useSoaVersions } from "./soa-api";
import { SoaTable } from "./soa-table";

/** The activity whose gate (G3) approves the issued Statement of Applicability. */
const G3_ACTIVITY = "8.4";

interface SoaVersionsProps {
  orgId: string;
  soa: Soa;
  canIssue: boolean;
}

/** Issued versions: what management approves at G3, and whether the SoA has moved on since the latest one. */
export function SoaVersions({ orgId, soa, canIssue }: SoaVersionsProps) {
  const versions = useSoaVersions(orgId);
  const issue = useIssueSoaVersion(orgId);
  const [note, setNote] = useState("");
  const [viewing, setViewing] = useState<number | null>(null);
  const { issued, summary } = soa;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="soa-versions-title" id="soa-versions" tabIndex={-1}>
      <Title order={2} size="h4" id="soa-versions-title" mb="xs">
        Issued versions
      </Title>
      <Stack gap="sm">
        {issued === null ? (
          <Text size="sm">
            No version issued yet. Issue the SoA once every control is decided, then ask for its approval at{" "}
            <Anchor component={Link} to={activityHref(orgId, G3_ACTIVITY)} inherit>
              gate G3 (activity {G3_ACTIVITY})
            </Anchor>
            .
          </Text>
        ) : issued.matches ? (
          <Group gap="xs">
            <Text size="sm">
              Version {issued.number}, issued {formatDateTime(issued.createdAt)}.
            </Text>
            <Badge color="teal" variant="light">
              The SoA matches version {issued.number}
            </Badge>
          </Group>
        ) : (
          <Alert color="orange" variant="light" title={`Changed since version ${issued.number}: issue a new version`}>
            Version {issued.number} was issued {formatDateTime(issued.createdAt)}. Decisions or justifications have changed since, so its
            approval at{" "}
            <Anchor component={Link} to={activityHref(orgId, G3_ACTIVITY)} inherit>
              G3
            </Anchor>{" "}
            no longer covers the SoA as it stands.
          </Alert>
        )}
        {canIssue && (
          <form
            className={classes.noPrint}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              issue.mutate(note.trim() || null, {
                onSuccess: (version) => {
                  setNote("");
                  notifications.show({
                    color: "teal",
                    title: `SoA version ${version.number} issued`,
                    message: `Ask for its approval at gate G3 (activity ${G3_ACTIVITY}).`,
                  });
                },
              });
            }}
          >
            <Stack gap="xs" maw={720}>
              <Textarea
                label="Version note"
                description="What this version is for or what changed, e.g. “For G3 approval”"
                autosize
                minRows={1}
                maxRows={4}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
              {summary.problems > 0 && (
                <Text size="sm" c="orange.8">
                  {summary.problems} control(s) still need attention; the SoA can be issued once every one is decided and justified.
                </Text>
              )}
              <FormError error={issue.error} title="The SoA was not issued" />
              <Group>
                <Button type="submit" loading={issue.isPending}>
                  Issue SoA version
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <QueryState isPending={versions.isPending} error={versions.error}>
          {versions.data && versions.data.length > 0 && (
            <Table.ScrollContainer minWidth={640}>
              <Table withTableBorder striped verticalSpacing="xs" aria-label="Issued SoA versions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Version</Table.Th>
                    <Table.Th>Issued</Table.Th>
                    <Table.Th>By</Table.Th>
                    <Table.Th>Note</Table.Th>
                    <Table.Th>Fingerprint</Table.Th>
                    <Table.Th className={classes.noPrint}>Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {versions.data.map((v) => (
                    <Table.Tr key={v.id}>
                      <Table.Td>{v.number}</Table.Td>
                      <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                      <Table.Td>{v.issuedBy}</Table.Td>
                      <Table.Td>{v.note ?? "—"}</Table.Td>
                      <Table.Td ff="monospace" title={v.hash}>
                        {v.hash.slice(0, 12)}
                      </Table.Td>
                      <Table.Td className={classes.noPrint}>
                        <Button size="xs" variant="subtle" aria-label={`View SoA version ${v.number}`} onClick={() => setViewing(v.number)}>
                          View
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Stack>
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing !== null ? `SoA version ${viewing} as issued` : ""}
        size="100%"
      >
        {viewing !== null && <FrozenVersion orgId={orgId} number={viewing} />}
      </Modal>
    </Paper>
  );
}

function FrozenVersion({ orgId, number }: { orgId: string; number: number }) {
  const version = useSoaVersion(orgId, number);
  return (
    <QueryState isPending={version.isPending} error={version.error}>
      {version.data && (
        <Stack>
          <Text size="sm" c="dimmed">
            Issued {formatDateTime(version.data.createdAt)} by {version.data.issuedBy}. Read only: the SoA exactly as it stood then.
          </Text>
          {version.data.note && <Text size="sm">Note: {version.data.note}</Text>}
          <SoaTable orgId={orgId} rows={version.data.rows} label={`SoA version ${number}`} />
        </Stack>
      )}
    </QueryState>
  );
}
