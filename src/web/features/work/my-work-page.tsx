import { Anchor, Badge, Code, List, NativeSelect, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { endpointPath } from "../../../contracts/endpoint";
import { workEndpoints } from "../../../contracts/work";
import { tokenPolicy } from "../../../core/access/policies";
import { call } from "../../app/api-client";
import { orgHref, workHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";

/** What each kind of due item is, in words. */
export const WORK_KINDS: Record<string, string> = {
  measure_collection: "Data collection",
  training_refresher: "Refresher training",
  audit: "Audit",
  "corrective-action": "Corrective action",
  "management-review": "Management review",
  "review-action": "Management review action",
  "document-review": "Document review",
};
const kindLabel = (kind: string) => WORK_KINDS[kind] ?? kind.replaceAll(/[_-]/g, " ");

export function useMyWork(orgId: string, days: number) {
  return useQuery({
    queryKey: ["register", orgId, "my-work", days],
    queryFn: () => call(workEndpoints.myWork, { params: { orgId }, query: { days } }),
  });
}

/** Everything due for the current user within the next N days, overdue first, by date and kind; and the calendar feed. */
export function MyWorkPage() {
  const { org, role } = useCurrentOrg();
  const [days, setDays] = useState(30);
  const work = useMyWork(org.id, days);
  const items = work.data?.items ?? [];
  const byDate = new Map<string, typeof items>();
  for (const item of [...items].sort(
    (a, b) => a.due.localeCompare(b.due) || a.kind.localeCompare(b.kind) || a.reference.localeCompare(b.reference),
  ))
    byDate.set(item.due, [...(byDate.get(item.due) ?? []), item]);
  const feed = `${window.location.origin}/api/v1${endpointPath(workEndpoints.calendar.path, { orgId: org.id })}`;
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <>
      <PageHeader
        title="My work"
        description="Data collections, refresher training, audits, corrective actions, reviews and document reviews due for you (and, for the ISMS manager, work nobody owns)."
      />
      <Stack gap="xl" maw={1100}>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="due-title">
          <Title order={2} size="h4" id="due-title" mb="md">
            Due{" "}
            {overdue > 0 && (
              <Badge color="red" variant="light">
                {overdue} overdue
              </Badge>
            )}
          </Title>
          <NativeSelect
            label="Look ahead"
            w={200}
            mb="md"
            value={String(days)}
            onChange={(e) => setDays(Number(e.currentTarget.value))}
            data={[7, 14, 30, 90, 180, 365].map((d) => ({ value: String(d), label: `${d} days` }))}
          />
          <QueryState isPending={work.isPending} error={work.error}>
            {items.length === 0 ? (
              <Text c="dimmed" size="sm">
                Nothing due within {days} days.
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table withTableBorder aria-label="My work by due date">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Due</Table.Th>
                      <Table.Th>Kind</Table.Th>
                      <Table.Th>What</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {[...byDate].flatMap(([due, list]) =>
                      list.map((item, i) => (
                        <Table.Tr key={`${item.kind}-${item.id}`} data-overdue={item.overdue}>
                          {i === 0 && (
                            <Table.Td rowSpan={list.length} style={{ verticalAlign: "top" }}>
                              {due}{" "}
                              {item.overdue && (
                                <Badge color="red" variant="light">
                                  overdue
                                </Badge>
                              )}
                            </Table.Td>
                          )}
                          <Table.Td>{kindLabel(item.kind)}</Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={workHref(org.id, item.path)}>
                              {item.reference}
                            </Anchor>{" "}
                            {item.title}
                          </Table.Td>
                        </Table.Tr>
                      )),
                    )}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </QueryState>
        </Paper>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="calendar-title">
          <Title order={2} size="h4" id="calendar-title" mb="md">
            Calendar feed
          </Title>
          <Stack gap="xs">
            <Text size="sm">
              The organization's recurring work as an iCalendar feed (one all-day event per item, 180 days ahead; add <Code>?days=365</Code>{" "}
              for more):
            </Text>
            <Code block data-testid="calendar-url">
              {feed}
            </Code>
            <Text size="sm">To subscribe from a calendar application:</Text>
            <List size="sm" type="ordered">
              <List.Item>
                Create an API token{" "}
                {tokenPolicy.can({ role }, "read") ? (
                  <Anchor component={Link} to={orgHref(org.id, "tokens")}>
                    on the API tokens page
                  </Anchor>
                ) : (
                  "(ask an administrator for one)"
                )}
                ; it is shown once.
              </List.Item>
              <List.Item>
                Subscribe to the address above (in Outlook "Add calendar from the internet", in Thunderbird "New calendar on the network",
                in Apple Calendar "New calendar subscription").
              </List.Item>
              <List.Item>
                When asked, give any user name and the token as the password. A client that sends headers can use{" "}
                <Code>Authorization: Bearer &lt;token&gt;</Code> instead.
              </List.Item>
            </List>
            <Anchor href={feed} size="sm">
              Download the feed now (uses your session)
            </Anchor>
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}
