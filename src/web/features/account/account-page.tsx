import { Badge, Button, Group, Paper, PasswordInput, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef } from "react";
import { errorMessage, fieldErrors } from "../../app/api-client";
import { ConfirmButton } from "../../components/confirm-button";
import { FormError } from "../../components/form-error";
import { formatDateTime, formValues } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useCurrentUser } from "../auth/session";
import { useChangePassword, useMySessions, useRevokeOtherSessions, useRevokeSession } from "./account-api";

export function AccountPage() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="My account" description={`Signed in as ${user.displayName} (${user.email}).`} />
      <Stack gap="xl" maw={960}>
        <PasswordForm />
        <Sessions />
      </Stack>
    </>
  );
}

function PasswordForm() {
  const change = useChangePassword();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(change.error);
  return (
    <Paper withBorder radius="md" p="lg" maw={520}>
      <Title order={2} size="h4" mb="md">
        Change password
      </Title>
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate(formValues(event.currentTarget), {
            onSuccess: () => {
              formRef.current?.reset();
              notifications.show({ color: "teal", message: "Your password was changed. Your other sessions were signed out." });
            },
          });
        }}
      >
        <Stack>
          <PasswordInput
            name="currentPassword"
            label="Current password"
            autoComplete="current-password"
            required
            error={errors.currentPassword}
          />
          <PasswordInput
            name="newPassword"
            label="New password"
            description="At least 12 characters"
            autoComplete="new-password"
            required
            error={errors.newPassword}
          />
          <PasswordInput
            name="confirmPassword"
            label="Confirm new password"
            autoComplete="new-password"
            required
            error={errors.confirmPassword}
          />
          <FormError error={change.error} title="Could not change the password" />
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/Firefox\//, "Firefox"],
  [/Chrom(e|ium)\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, "Windows"],
  [/Android/, "Android"],
  [/iPhone|iPad/, "iOS"],
  [/Mac OS X/, "macOS"],
  [/Linux/, "Linux"],
];

/** A user agent string is long; the browser and system are what a person recognises. Order matters: Edge also says Chrome. */
function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser && !system) return userAgent.slice(0, 60);
  return [browser, system].filter(Boolean).join(" on ");
}

function Sessions() {
  const sessions = useMySessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h4">
            Where you are signed in
          </Title>
          <Text size="sm" c="dimmed">
            Sign out a session you do not recognise, and change your password.
          </Text>
        </Stack>
        <ConfirmButton
          title="Sign out everywhere else?"
          message="Every other session of yours ends at once. This one stays signed in."
          disabled={others === 0}
          loading={revokeOthers.isPending}
          onConfirm={() =>
            revokeOthers.mutate(undefined, {
              onSuccess: ({ revoked }) =>
                notifications.show({ color: "teal", message: `Signed out ${revoked} other session${revoked === 1 ? "" : "s"}.` }),
              onError: (error) => notifications.show({ color: "red", title: "Could not sign out", message: errorMessage(error) }),
            })
          }
        >
          Sign out everywhere else
        </ConfirmButton>
      </Group>
      <QueryState isPending={sessions.isPending} error={sessions.error}>
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder verticalSpacing="sm" aria-label="My sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last active</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data?.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" title={session.userAgent ?? undefined}>
                        {describeDevice(session.userAgent)}
                      </Text>
                      {session.current && (
                        <Badge size="xs" variant="light" color="teal">
                          This session
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{session.ip ?? "—"}</Table.Td>
                  <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    {!session.current && (
                      <ConfirmButton
                        aria-label={`Sign out the session on ${describeDevice(session.userAgent)} from ${formatDateTime(session.createdAt)}`}
                        title="Sign out this session?"
                        message="Whoever uses it has to sign in again."
                        onConfirm={() =>
                          revoke.mutate(session.id, {
                            onError: (error) =>
                              notifications.show({ color: "red", title: "Could not sign out", message: errorMessage(error) }),
                          })
                        }
                      >
                        Sign out
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </Stack>
  );
}
