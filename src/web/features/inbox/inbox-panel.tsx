import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useCurrentOrg } from "../../app/org-scope";
import { INBOX_KIND_LABELS, inboxHref, useInbox } from "./inbox-api";

/**
 * "Waiting for you" on the organization's start page: what this member has to decide, ask
 * for again or review. The header shows the same count on every page.
 */
export function InboxPanel() {
  const { org } = useCurrentOrg();
  const inbox = useInbox(org.id);
  const items = inbox.data?.items ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="inbox-title" id="inbox" tabIndex={-1}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id="inbox-title">
          Waiting for you
        </Title>
        {items.length > 0 && (
          <Badge color="orange" variant="filled" size="sm">
            {items.length}
          </Badge>
        )}
      </Group>
      {inbox.isPending ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : inbox.error ? (
        <Text size="sm" c="red">
          Could not load what awaits you.
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing awaits you: no approval to decide, no decision going stale and no review due in the coming weeks.
        </Text>
      ) : (
        <List spacing="sm" size="sm" listStyleType="none">
          {items.map((item) => {
            const href = inboxHref(org.id, item);
            return (
              <List.Item key={`${item.kind}:${item.title}`}>
                <Stack gap={2}>
                  <Group gap="xs" wrap="wrap">
                    <Badge size="xs" variant={item.overdue ? "filled" : "light"} color={item.kind === "gate_decision" ? "blue" : "orange"}>
                      {item.overdue ? "Overdue" : INBOX_KIND_LABELS[item.kind]}
                    </Badge>
                    {href ? (
                      <Anchor component={Link} to={href} fw={600} size="sm">
                        {item.title}
                      </Anchor>
                    ) : (
                      <Text fw={600} size="sm">
                        {item.title}
                      </Text>
                    )}
                  </Group>
                  <Text size="sm">{item.detail}</Text>
                </Stack>
              </List.Item>
            );
          })}
        </List>
      )}
    </Paper>
  );
}
