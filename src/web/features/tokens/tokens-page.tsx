import { Badge, Button, Code, Group, NativeSelect, Paper, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import type { ApiToken } from "../../../contracts/tokens";
import { tokenPolicy } from "../../../core/access/policies";
import { ROLE_LABELS } from "../../../core/access/roles";
import { errorMessage, fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { ConfirmButton } from "../../components/confirm-button";
import { CursorPager, useCursorPages } from "../../components/cursor-pager";
import { FormError } from "../../components/form-error";
import { formatDate, formatDateTime, formValues } from "../../components/format";
import { OneTimeSecret } from "../../components/one-time-secret";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { type CreatedToken, useCreateToken, useRevokeToken, useTokens } from "./token-api";

const LIFETIMES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never expires" },
];

export function TokensPage() {
  const { org, role } = useCurrentOrg();
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let scripts and the command-line tool use the API of {org.name} on your behalf, with your role
            {role ? ` (${ROLE_LABELS[role]})` : ""}. Send one as <Code>Authorization: Bearer &lt;token&gt;</Code>. Only you see your tokens.
          </>
        }
      />
      <Stack gap="xl">
        {tokenPolicy.can({ role }, "manage") && <TokenForm />}
        <TokenList />
      </Stack>
    </>
  );
}

function TokenForm() {
  const { org } = useCurrentOrg();
  const create = useCreateToken(org.id);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(create.error);

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} size="h4" mb="md">
        Create a token
      </Title>
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const { expiresInDays, ...values } = formValues(event.currentTarget);
          create.mutate(
            { ...values, expiresInDays: expiresInDays === "never" ? null : Number(expiresInDays) },
            {
              onSuccess: (token) => {
                setCreated(token);
                formRef.current?.reset();
              },
            },
          );
        }}
      >
        <Stack>
          <Group align="flex-start" grow>
            <TextInput name="name" label="Name" description="What uses it, e.g. “nightly export”" required error={errors.name} />
            <NativeSelect
              name="expiresInDays"
              label="Expires after"
              description="A token that never expires is a standing risk"
              data={LIFETIMES}
              defaultValue="90"
              error={errors.expiresInDays}
            />
          </Group>
          <FormError error={create.error} title="Could not create the token" />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
      {created && (
        <Stack mt="md">
          <OneTimeSecret
            title={`Token “${created.name}” created`}
            label="API token"
            value={created.token}
            onDismiss={() => setCreated(null)}
          >
            Copy it now and keep it somewhere safe: it is shown only once. If you lose it, revoke it and create another.
          </OneTimeSecret>
        </Stack>
      )}
    </Paper>
  );
}

function tokenStatus(token: ApiToken): { label: string; color: string } {
  if (token.revokedAt) return { label: "Revoked", color: "red" };
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return { label: "Expired", color: "gray" };
  return { label: "Active", color: "teal" };
}

function TokenList() {
  const { org, role } = useCurrentOrg();
  const canManage = tokenPolicy.can({ role }, "manage");
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const pages = useCursorPages(String(includeRevoked));
  const tokens = useTokens(org.id, includeRevoked, pages.cursor);
  const revoke = useRevokeToken(org.id);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Your tokens
        </Title>
        <Switch label="Show revoked tokens" checked={includeRevoked} onChange={(event) => setIncludeRevoked(event.currentTarget.checked)} />
      </Group>
      <QueryState isPending={tokens.isPending} error={tokens.error}>
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder verticalSpacing="sm" aria-label="API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Starts with</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                {canManage && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data?.items.map((token) => {
                const status = tokenStatus(token);
                return (
                  <Table.Tr key={token.id}>
                    <Table.Td>{token.name}</Table.Td>
                    <Table.Td>
                      <Code>{token.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={status.color}>
                        {status.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDate(token.createdAt)}</Table.Td>
                    <Table.Td>{token.expiresAt ? formatDate(token.expiresAt) : "Never"}</Table.Td>
                    <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</Table.Td>
                    {canManage && (
                      <Table.Td>
                        {!token.revokedAt && (
                          <ConfirmButton
                            aria-label={`Revoke token ${token.name}`}
                            title={`Revoke “${token.name}”?`}
                            message="Anything using this token loses access at once. This cannot be undone."
                            onConfirm={() =>
                              revoke.mutate(token.id, {
                                onSuccess: () => notifications.show({ color: "teal", message: `Token “${token.name}” was revoked.` }),
                                onError: (error) =>
                                  notifications.show({ color: "red", title: "Could not revoke the token", message: errorMessage(error) }),
                              })
                            }
                          >
                            Revoke
                          </ConfirmButton>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {tokens.data?.items.length === 0 && (
          <Text c="dimmed" ta="center" py="lg">
            You have no {includeRevoked ? "" : "active "}tokens for this organization.
          </Text>
        )}
        <CursorPager pages={pages} nextCursor={tokens.data?.nextCursor} label="API tokens" />
      </QueryState>
    </Stack>
  );
}
