import { Alert, Anchor, Button, FileInput, Group, Modal, Progress, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { ImportJob } from "../../../contracts/imports";
import { errorMessage, sentence } from "../../app/api-client";
import { FormError } from "../../components/form-error";
import { type ImportRegister, templateHref, useCommitImport, useImportProgress, usePreviewImport } from "./imports-api";

interface ImportDialogProps {
  orgId: string;
  register: ImportRegister;
  /** What the file holds, in lower case plural: "assets", "interested parties". */
  noun: string;
  opened: boolean;
  onClose: () => void;
  /** The query keys of the lists the import changes. */
  refresh: readonly (readonly unknown[])[];
}

/** A register filled from a CSV or XLSX file: previewed first, with every problem by row and column, then applied all or nothing. */
export function ImportDialog({ orgId, register, noun, opened, onClose, refresh }: ImportDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Import ${noun}`} size="xl" closeButtonProps={{ "aria-label": "Close" }}>
      {/* Remounted at each opening, so a new import never starts from the last one's file or preview. */}
      {opened && <ImportSteps orgId={orgId} register={register} noun={noun} onClose={onClose} refresh={refresh} />}
    </Modal>
  );
}

function ImportSteps({ orgId, register, noun, onClose, refresh }: Omit<ImportDialogProps, "opened">) {
  const [file, setFile] = useState<File | null>(null);
  const preview = usePreviewImport(orgId, register);
  const commit = useCommitImport(orgId, refresh);
  const job = preview.data ?? null;
  const progress = useImportProgress(orgId, commit.isPending && job ? job.id : null);

  const choose = (next: File | null) => {
    setFile(next);
    commit.reset();
    if (next) preview.mutate(next);
    else preview.reset();
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        A CSV (header row first; comma, semicolon or tab; UTF-8 or Windows-1252) or an XLSX workbook (its first sheet), with the columns of
        the export. Rows with an external reference, or else the same name, update the record they match; nothing is changed until you
        import.
      </Text>
      <Group gap="xs">
        <Text size="sm">Download template:</Text>
        <Anchor size="sm" href={templateHref(orgId, register, "csv")} download>
          CSV
        </Anchor>
        <Anchor size="sm" href={templateHref(orgId, register, "xlsx")} download>
          XLSX (with a description of each column)
        </Anchor>
      </Group>
      <FileInput
        label="File"
        placeholder="Choose a .csv or .xlsx file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={choose}
        clearable
        clearButtonProps={{ "aria-label": "Clear the file" }}
        disabled={commit.isPending}
      />
      {preview.isPending && <Text size="sm">Checking the file…</Text>}
      <FormError error={preview.error} title="Could not read the file" />
      {job && <PreviewSummary job={job} />}
      {commit.isPending && (
        <Stack gap={4}>
          <Text size="sm" id="import-progress-label">
            Importing… {progress.data ? `${progress.data.processed} of ${progress.data.total} records written` : ""}
          </Text>
          <Progress
            aria-labelledby="import-progress-label"
            value={progress.data && progress.data.total > 0 ? (100 * progress.data.processed) / progress.data.total : 0}
            animated
          />
        </Stack>
      )}
      <FormError error={commit.error} title="Nothing was imported" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={commit.isPending}>
          Cancel
        </Button>
        <Button
          disabled={!job || job.errorCount > 0 || job.create + job.update === 0}
          loading={commit.isPending}
          onClick={() =>
            job &&
            commit.mutate(job, {
              onSuccess: (done) => {
                notifications.show({
                  color: "teal",
                  message: `${sentence(noun, false)} imported: ${done.create} added, ${done.update} updated.`,
                });
                onClose();
              },
              onError: (error) => notifications.show({ color: "red", title: "Import failed", message: errorMessage(error) }),
            })
          }
        >
          Import
        </Button>
      </Group>
    </Stack>
  );
}

function PreviewSummary({ job }: { job: ImportJob }) {
  return (
    <Stack gap="sm" aria-live="polite">
      <Text size="sm">
        {job.rows} {job.rows === 1 ? "row" : "rows"}: <strong>{job.create}</strong> to create, <strong>{job.update}</strong> to update,{" "}
        <strong>{job.unchanged}</strong> unchanged.
      </Text>
      {job.errorCount > 0 ? (
        <>
          <Alert
            color="red"
            variant="light"
            title={`${job.errorCount} ${job.errorCount === 1 ? "problem" : "problems"} in the file`}
            role="alert"
          >
            Correct the file and choose it again: nothing is imported while it has problems.
            {job.errorCount > job.errors.length && ` The first ${job.errors.length} are listed.`}
          </Alert>
          <Table.ScrollContainer minWidth={480} mah={320}>
            <Table striped withTableBorder aria-label="Problems in the file">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Column</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {job.errors.map((problem, index) => (
                  // Problems have no identity of their own; their order is the server's, by row.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <Table.Tr key={index}>
                    <Table.Td>{problem.row ?? "—"}</Table.Td>
                    <Table.Td>{problem.column ?? "—"}</Table.Td>
                    <Table.Td>{sentence(problem.message)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : (
        job.create + job.update === 0 && <Text size="sm">The file changes nothing.</Text>
      )}
    </Stack>
  );
}
