import { Alert, Button, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type ChangeEvent, Fragment, useState } from "react";
import type { AuditEvent } from "../../../contracts/audit";
import { auditPolicy } from "../../../core/access/policies";
import { actionLabel, entityTypeLabel } from "../../../core/audit/names";
import { errorMessage } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { ChangesTable } from "../../components/changes-table";
import { CursorPager, useCursorPages } from "../../components/cursor-pager";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { type AuditFilter, useAuditActions, useAuditEvents, useVerifyAudit } from "./audit-api";

const NO_FILTER: AuditFilter = { action: "", entityType: "", from: "", to: "" };

export function AuditPage() {
  const { org, role } = useCurrentOrg();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [debounced] = useDebouncedValue(filter, 300);
  const pages = useCursorPages(JSON.stringify(debounced));
  const events = useAuditEvents(org.id, debounced, pages.cursor);
  const [expanded, setExpanded] = useState<string | null>(null);
  const actions = useAuditActions(org.id);
  const set = (field: keyof AuditFilter) => (event: ChangeEvent<HTMLInputElement>) => {
    const { value } = event.currentTarget;
    setFilter((f) => ({ ...f, [field]: value }));
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change in ${org.name}: who made it, when, and what it was before and after. Entries cannot be edited or deleted, and each one is chained to the one before it.`}
        actions={auditPolicy.can({ role }, "verify") && <VerifyChain />}
      />
      <Group mb="md" align="flex-end">
        <Select
          label="Action"
          placeholder="Any action"
          data={(actions.data?.items ?? []).map((a) => ({ value: a.action, label: a.label }))}
          value={filter.action || null}
          onChange={(value) => setFilter((f) => ({ ...f, action: value ?? "" }))}
          searchable
          clearable
          w={260}
        />
        <TextInput label="Entity type" placeholder="e.g. membership" value={filter.entityType} onChange={set("entityType")} w={180} />
        <TextInput label="From" type="date" value={filter.from} onChange={set("from")} w={170} />
        <TextInput label="To" type="date" value={filter.to} onChange={set("to")} w={170} />
        <Button variant="default" onClick={() => setFilter(NO_FILTER)} disabled={Object.values(filter).every((value) => !value)}>
          Clear filters
        </Button>
      </Group>
      <QueryState isPending={events.isPending} error={events.error}>
        <Table.ScrollContainer minWidth={860}>
          <Table withTableBorder verticalSpacing="sm" aria-label="Audit log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Entity</Table.Th>
                <Table.Th>Changes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data?.items.map((event) => {
                const open = expanded === event.id;
                const fields = Object.keys(event.changes).length;
                return (
                  <Fragment key={event.id}>
                    <Table.Tr>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(event.at)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{actorOf(event)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" title={event.action}>
                          {actionLabel(event.action)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{entityTypeLabel(event.entityType)}</Text>
                        {event.entityId && (
                          <Text size="sm" fw={500} title={`Id ${event.entityId}`}>
                            {event.entityLabel ?? "A record without a name"}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {fields > 0 ? (
                          <Button
                            variant="subtle"
                            size="xs"
                            aria-expanded={open}
                            aria-controls={`changes-${event.id}`}
                            onClick={() => setExpanded(open ? null : event.id)}
                          >
                            {open ? "Hide" : "Show"} {fields} {fields === 1 ? "change" : "changes"}
                          </Button>
                        ) : (
                          <Text size="sm" c="dimmed">
                            None
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                    {open && (
                      <Table.Tr id={`changes-${event.id}`}>
                        <Table.Td colSpan={5} bg="var(--mantine-color-gray-0)">
                          <ChangesTable
                            label={`Changes of ${event.action}`}
                            changes={Object.entries(event.changes).map(([path, change]) => ({ path, ...change }))}
                          />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {events.data?.items.length === 0 && (
          <Text c="dimmed" ta="center" py="lg">
            No entry matches these filters.
          </Text>
        )}
        <CursorPager pages={pages} nextCursor={events.data?.nextCursor} label="Audit log" />
      </QueryState>
    </>
  );
}

function actorOf(event: AuditEvent): string {
  if (event.actor.type === "system") return "System";
  const who = event.actor.label ?? "A deleted user";
  return event.actor.type === "token" ? `${who} (API token)` : who;
}

function VerifyChain() {
  const { org } = useCurrentOrg();
  const verify = useVerifyAudit(org.id);
  return (
    <Stack gap="xs" align="flex-end" maw={420}>
      <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
        Verify integrity
      </Button>
      {verify.error && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(verify.error)}
        </Alert>
      )}
      {verify.data &&
        (verify.data.intact ? (
          <Alert color="teal" variant="light" role="status">
            Intact: all {verify.data.events} entries are unaltered and in order.
          </Alert>
        ) : (
          <Alert color="red" variant="light" title="The audit log was tampered with" role="alert">
            The chain breaks at entry {verify.data.brokenAt?.seq}: {verify.data.brokenAt?.reason}.
          </Alert>
        ))}
    </Stack>
  );
}
