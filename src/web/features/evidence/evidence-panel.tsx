import { Alert, Anchor, Button, Code, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useId, useRef, useState } from "react";
import { registerPolicy } from "../../../core/access/policies";
import { ApiError, errorMessage } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { DeleteButton } from "../../components/delete-button";
import { formatDateTime } from "../../components/format";
import { QueryState } from "../../components/query-state";
import { type EvidenceOwner, evidenceHref, sizeText, useEvidence, useEvidenceActions } from "./evidence-api";

/** Why the server refused a file, in words that say what to do: the limit for a large file, the type for a refused one. */
function refusalTitle(error: unknown): string {
  if (error instanceof ApiError && error.status === 413) return "The file is too large";
  if (error instanceof ApiError && error.status === 415) return "This type of file is not accepted";
  return "The file was not uploaded";
}

interface EvidencePanelProps extends EvidenceOwner {
  /** What the files prove, for the heading: "Evidence for A.5.15". */
  title?: string;
  /** Fewer columns, for a drawer or a narrow column. */
  compact?: boolean;
}

/**
 * Evidence files attached to one record (a document, a control, a task): upload, list with the
 * SHA-256 the server computed, download and delete. The same component serves every page.
 */
export function EvidencePanel({ entityType, entityId, title = "Evidence files", compact = false }: EvidencePanelProps) {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const owner = { entityType, entityId };
  const files = useEvidence(org.id, owner);
  const { upload, remove } = useEvidenceActions(org.id, owner);
  const inputId = useId();
  const headingId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  return (
    <Paper withBorder radius="md" p={compact ? "md" : "lg"} component="section" aria-labelledby={headingId}>
      <Title order={compact ? 3 : 2} size="h4" id={headingId} mb="sm">
        {title}
      </Title>
      <QueryState isPending={files.isPending} error={files.error}>
        {(files.data ?? []).length === 0 ? (
          <Text size="sm" c="dimmed" mb="sm">
            No file attached yet.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={compact ? 360 : 720}>
            <Table fz="sm" withTableBorder striped verticalSpacing="xs" aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Type and size</Table.Th>
                  {!compact && <Table.Th>Uploaded</Table.Th>}
                  <Table.Th>SHA-256</Table.Th>
                  {canEdit && <Table.Th>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {files.data?.map((file) => (
                  <Table.Tr key={file.id}>
                    <Table.Td>
                      <Anchor href={evidenceHref(org.id, file)} download={file.filename} size="sm">
                        {file.filename}
                      </Anchor>
                      {compact && (
                        <Text size="xs">
                          {file.uploadedBy.name ?? "—"}, {formatDateTime(file.createdAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {file.contentType}
                      <Text size="xs">
                        {sizeText(file.sizeBytes)} ({file.sizeBytes.toLocaleString("en-US")} bytes)
                      </Text>
                    </Table.Td>
                    {!compact && (
                      <Table.Td>
                        {file.uploadedBy.name ?? "—"}
                        <Text size="xs">{formatDateTime(file.createdAt)}</Text>
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Code style={{ wordBreak: "break-all", whiteSpace: "normal" }} aria-label={`SHA-256 of ${file.filename}`}>
                        {file.sha256}
                      </Code>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <DeleteButton
                          aria-label={`Delete evidence file “${file.filename}”`}
                          title={`Delete “${file.filename}”?`}
                          message="The file is removed. The audit log keeps its name and SHA-256."
                          failure={`Could not delete “${file.filename}”`}
                          onDelete={(callbacks) => remove.mutate(file, callbacks)}
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {canEdit && (
        <form
          noValidate
          aria-label={`Upload to ${title.toLowerCase()}`}
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) return;
            upload.mutate(chosen, {
              onSuccess: (file) => {
                notifications.show({ color: "teal", message: `${file.filename} uploaded (SHA-256 ${file.sha256.slice(0, 12)}…).` });
                setChosen(null);
                if (input.current) input.current.value = "";
              },
            });
          }}
        >
          <Stack gap="xs" mt="sm">
            <Group align="flex-end" gap="sm">
              <Stack gap={2}>
                <Text component="label" htmlFor={inputId} size="sm" fw={500}>
                  File to attach
                </Text>
                <input
                  ref={input}
                  id={inputId}
                  type="file"
                  onChange={(e) => {
                    upload.reset();
                    setChosen(e.currentTarget.files?.[0] ?? null);
                  }}
                />
              </Stack>
              <Button type="submit" size="sm" disabled={!chosen} loading={upload.isPending}>
                Upload
              </Button>
            </Group>
            <Text size="xs">The type is read from the file's content, not its name; programs are refused.</Text>
            {upload.error && (
              <Alert color="red" variant="light" role="alert" title={refusalTitle(upload.error)}>
                {errorMessage(upload.error)}
              </Alert>
            )}
          </Stack>
        </form>
      )}
    </Paper>
  );
}
