import { Table, Text } from "@mantine/core";
import { type Change, describeRecord } from "../../core/approvals/changes";

/** A change as the audit log reports it (path, before, after), or a full entry of a stale approval's change list. */
export type FieldChange = Pick<Change, "path" | "before" | "after"> & Partial<Omit<Change, "path" | "before" | "after">>;

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.length === 0 ? "(none)" : value.join(", ");
  return JSON.stringify(value);
}

/** A whole record added or removed, as "title: Training, amount: 900, currency: EUR". */
function summary(value: unknown): string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return show(value);
  return Object.entries(value)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(", ");
}

function fieldText(change: FieldChange): string {
  switch (change.kind) {
    case "added":
      return "(added)";
    case "removed":
      return "(removed)";
    case "reordered":
      return `order of ${change.field}`;
    default:
      return change.field ?? change.path;
  }
}

/**
 * Field-level before and after, as the audit log and stale approvals report them. Entries that
 * name a record (a cost line, a risk, a control) get a column saying which.
 */
export function ChangesTable({ changes, label }: { changes: readonly FieldChange[]; label: string }) {
  const withRecords = changes.some((c) => c.record);
  return (
    <Table withTableBorder withColumnBorders aria-label={label} fz="sm" bg="var(--mantine-color-body)">
      <Table.Thead>
        <Table.Tr>
          {withRecords && <Table.Th>Record</Table.Th>}
          <Table.Th>Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => {
          const whole = change.kind === "added" || change.kind === "removed";
          return (
            <Table.Tr key={`${change.path}:${change.kind ?? ""}`}>
              {withRecords && <Table.Td>{change.record ? describeRecord(change.record) : ""}</Table.Td>}
              <Table.Td ff="monospace">
                {fieldText(change)}
                {change.note && (
                  <Text span size="xs" c="dimmed" ff="text" display="block">
                    {change.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ff="monospace">{whole ? summary(change.before) : show(change.before)}</Table.Td>
              <Table.Td ff="monospace">{whole ? summary(change.after) : show(change.after)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
