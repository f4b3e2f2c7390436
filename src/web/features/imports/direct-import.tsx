import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { measureEndpoints } from "../../../contracts/measures";
import type { trainingEndpoints } from "../../../contracts/training";
import { ApiError, call, errorMessage } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";
import { base64Of, formatOf } from "./imports-api";

interface DirectImportProps {
  orgId: string;
  /** The area's import endpoint. */
  endpoint: typeof measureEndpoints.importValues | typeof trainingEndpoints.importRecords;
  /** What the file holds, in lower case: "completion records". */
  noun: string;
  /** The columns the file has, for the help text. */
  columns: string;
  /** The query keys the import changes (the registers, the roadmap and the gates are refreshed anyway). */
  refresh?: readonly (readonly unknown[])[];
  /** Says what was imported, from the route's answer. */
  done: (result: Record<string, number>) => string;
}

/** Problems the server lists as rows.<row>.<column>, back as a table. */
function rowProblems(error: unknown): { row: string; column: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).flatMap((e: { field: string; message: string }) => {
    const m = /^rows\.(\d+)\.(.+)$/.exec(e.field);
    return m ? [{ row: m[1] as string, column: m[2] as string, message: e.message }] : [];
  });
}

/**
 * A file imported in one step by an area's own import route (values, completion records): all
 * rows or, when any has a problem, none, with the problems by row and column.
 */
export function DirectImportButton({ orgId, endpoint, noun, columns, refresh = [], done }: DirectImportProps) {
  const [opened, setOpened] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const upload = useOrgWrite(
    orgId,
    async (chosen: File) => {
      const format = formatOf(chosen.name);
      if (!format) throw new Error("Choose a .csv or .xlsx file.");
      const result: Record<string, number> = await call(endpoint, {
        params: { orgId },
        body: { filename: chosen.name, format, contentBase64: await base64Of(chosen) },
      });
      return result;
    },
    {
      refresh: [...refresh, ["register", orgId]],
      on: "success",
      onSuccess: (result) => {
        notifications.show({ color: "green", message: done(result) });
        setOpened(false);
        setFile(null);
      },
    },
  );
  const problems = rowProblems(upload.error);
  const close = () => {
    setOpened(false);
    setFile(null);
    upload.reset();
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        Import {noun}
      </Button>
      <Modal opened={opened} onClose={close} title={`Import ${noun}`} size="lg" closeButtonProps={{ "aria-label": "Close" }}>
        <Stack>
          <Text size="sm" c="dimmed">
            A CSV (header row first) or an XLSX workbook (its first sheet) with the columns {columns}. Every row is imported, or, when any
            row has a problem, none.
          </Text>
          <FileInput label="File" placeholder="Choose a .csv or .xlsx file" accept=".csv,.xlsx" value={file} onChange={setFile} clearable />
          {upload.error && (
            <Alert color="red" variant="light" title="Nothing was imported" role="alert">
              {problems.length === 0 && errorMessage(upload.error)}
              {problems.length > 0 && (
                <Table withTableBorder aria-label="Problems by row and column" mt="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Row</Table.Th>
                      <Table.Th>Column</Table.Th>
                      <Table.Th>Problem</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {problems.map((p) => (
                      <Table.Tr key={`${p.row}-${p.column}`}>
                        <Table.Td>{p.row}</Table.Td>
                        <Table.Td>{p.column}</Table.Td>
                        <Table.Td>{p.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
              Import
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
