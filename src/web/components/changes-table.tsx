import { Table } from "@mantine/core";

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Field-level before and after, as the audit log and stale approvals report them. */
export function ChangesTable({ changes, label }: { changes: readonly FieldChange[]; label: string }) {
  return (
    <Table withTableBorder withColumnBorders aria-label={label} fz="sm" bg="var(--mantine-color-body)">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map(({ path, before, after }) => (
          <Table.Tr key={path}>
            <Table.Td ff="monospace">{path}</Table.Td>
            <Table.Td ff="monospace">{show(before)}</Table.Td>
            <Table.Td ff="monospace">{show(after)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
