import { Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { type ReactNode, useState } from "react";
import type { z } from "zod";
import { DeleteButton } from "../../components/delete-button";
import { QueryState } from "../../components/query-state";
import type { FieldSpec } from "./fields";
import { RecordForm } from "./record-form";
import { type ListParams, type RegisterItem, type RegisterSource, useRegisterItems, useRegisterMutations } from "./register-api";
import { useEditing } from "./use-editing";

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

interface RegisterTableProps<T extends RegisterItem> {
  orgId: string;
  /** The register's endpoints (src/contracts: `registerEndpoints`, or a list grouped with its item's updates the same way). */
  endpoints: RegisterSource;
  /** The list's path parameters besides orgId (an audit's findings: `{ auditId }`). */
  params?: ListParams;
  fields: readonly FieldSpec[];
  columns: readonly Column<T>[];
  /** The section's id, which links from the roadmap point at. */
  id: string;
  title: string;
  /** One item, in lower case: "objective", "cost line". */
  noun: string;
  description?: ReactNode;
  canEdit: boolean;
  /** Shown under the table, e.g. totals; gets every item. */
  footer?: (items: T[]) => ReactNode;
  /** For long registers (catalogs): the texts a search box looks in. */
  searchable?: (item: T) => (string | null)[];
  /** What the form edits, when it differs from the record (e.g. a list as check boxes). The form is checked with the contract's input schema. */
  toForm?: (item: T) => object;
  /** The form's values as the API's input, when they differ. */
  fromForm?: (values: Record<string, unknown>) => Record<string, unknown>;
  /** Shown instead of the table while the register is empty. */
  empty?: ReactNode;
}

const nameOf = (item: RegisterItem) => item.title ?? item.name ?? "";

/** A register as a table with add, edit and delete: one component for every register, so they all work alike. */
export function RegisterTable<T extends RegisterItem>(props: RegisterTableProps<T>) {
  const { orgId, endpoints, params, fields, columns, id, title, noun, description, canEdit, footer, searchable, toForm, fromForm, empty } =
    props;
  const items = useRegisterItems<T>(orgId, endpoints, params);
  const { create, update, remove } = useRegisterMutations<T>(orgId, endpoints, params);
  const { editing, setEditing, close, submit, pending, error, formKey } = useEditing<T>(create, update);
  const [q, setQ] = useState("");
  const all = items.data ?? [];
  const needle = q.trim().toLowerCase();
  const shown = searchable && needle ? all.filter((item) => searchable(item).some((text) => text?.toLowerCase().includes(needle))) : all;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={`${id}-title`} id={id} tabIndex={-1}>
      <Group justify="space-between" align="flex-start" mb="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" maw={720}>
              {description}
            </Text>
          )}
        </Stack>
        {canEdit && (
          <Button variant="light" onClick={() => setEditing({ mode: "create" })}>
            Add {noun}
          </Button>
        )}
      </Group>
      <QueryState isPending={items.isPending} error={items.error}>
        {all.length > 0 && searchable && (
          <Group align="flex-end" mb="sm" role="search" aria-label={`Filter ${title.toLowerCase()}`}>
            <TextInput label="Search" placeholder="Title, category, description" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
            <Text size="sm" c="dimmed" aria-live="polite">
              {shown.length} of {all.length} shown
            </Text>
          </Group>
        )}
        {all.length > 0 ? (
          <Table.ScrollContainer minWidth={640}>
            <Table striped withTableBorder verticalSpacing="xs" aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <Table.Th key={column.header}>{column.header}</Table.Th>
                  ))}
                  {canEdit && <Table.Th>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((item) => (
                  <Table.Tr key={item.id}>
                    {columns.map((column) => (
                      <Table.Td key={column.header}>{column.cell(item)}</Table.Td>
                    ))}
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-label={`Edit ${noun} “${nameOf(item)}”`}
                            onClick={() => setEditing({ mode: "edit", item })}
                          >
                            Edit
                          </Button>
                          {endpoints.remove && (
                            <DeleteButton
                              aria-label={`Delete ${noun} “${nameOf(item)}”`}
                              title={`Delete ${noun} “${nameOf(item)}”?`}
                              message="It is removed from the register. The audit log keeps a record of it."
                              failure={`Could not delete “${nameOf(item)}”`}
                              onDelete={(callbacks) => remove.mutate(item, callbacks)}
                            />
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          (empty ?? (
            <Text c="dimmed" size="sm">
              Nothing recorded yet.
            </Text>
          ))
        )}
        {items.data && footer?.(items.data)}
      </QueryState>
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing?.mode === "edit" ? `Edit ${noun}` : `Add ${noun}`}
        size="lg"
        closeButtonProps={{ "aria-label": "Close" }}
      >
        {editing && (
          <RecordForm
            key={formKey}
            record={editing.mode === "edit" ? (toForm ? toForm(editing.item) : editing.item) : null}
            recordId={editing.mode === "edit" ? editing.item.id : undefined}
            schema={endpoints.create.body as z.ZodObject}
            fields={fields}
            fromForm={fromForm}
            noun={noun}
            pending={pending}
            error={error}
            onCancel={close}
            onSubmit={submit}
          />
        )}
      </Modal>
    </Paper>
  );
}
