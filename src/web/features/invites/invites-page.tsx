import { Badge, Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { InviteStatusSchema } from "../../../contracts/invites";
import { invitePolicy } from "../../../core/access/policies";
import { ROLE_LABELS } from "../../../core/access/roles";
import { errorMessage, fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { ConfirmButton } from "../../components/confirm-button";
import { CursorPager, useCursorPages } from "../../components/cursor-pager";
import { FormError } from "../../components/form-error";
import { formatDateTime, formValues } from "../../components/format";
import { OneTimeSecret } from "../../components/one-time-secret";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { RoleSelect } from "../../components/role-select";
import { type CreatedInvite, type InviteStatus, useCreateInvite, useInvites, useRevokeInvite } from "./invite-api";

const STATUS_COLORS: Record<InviteStatus, string> = { pending: "blue", accepted: "teal", expired: "gray", revoked: "red" };
const STATUS_LABELS: Record<InviteStatus, string> = { pending: "Pending", accepted: "Accepted", expired: "Expired", revoked: "Revoked" };

export function InvitesPage() {
  const { org } = useCurrentOrg();
  return (
    <>
      <PageHeader
        title="Invitations"
        description={`Invite people to ${org.name} with a one-time link. There is no email: you send the link yourself, by whatever channel you trust.`}
      />
      <Stack gap="xl">
        <InviteForm />
        <InviteList />
      </Stack>
    </>
  );
}

function InviteForm() {
  const { org } = useCurrentOrg();
  const create = useCreateInvite(org.id);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(create.error);

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} size="h4" mb="md">
        Invite someone
      </Title>
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const { expiresInHours, ...values } = formValues(event.currentTarget);
          create.mutate(
            { ...values, expiresInHours: Number(expiresInHours) },
            {
              onSuccess: (invite) => {
                setCreated(invite);
                formRef.current?.reset();
              },
            },
          );
        }}
      >
        <Stack>
          <Group align="flex-start" grow>
            <TextInput name="email" type="email" label="Email" required error={errors.email} />
            <RoleSelect name="role" label="Role" defaultValue="contributor" error={errors.role} />
            <NumberInput
              name="expiresInHours"
              label="Link valid for (hours)"
              defaultValue={72}
              min={1}
              max={720}
              allowDecimal={false}
              error={errors.expiresInHours}
            />
          </Group>
          <FormError error={create.error} title="Could not create the invitation" />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create invitation
            </Button>
          </Group>
        </Stack>
      </form>
      {created && (
        <Stack mt="md">
          <OneTimeSecret
            title={`Invitation for ${created.email}`}
            label="Invitation link"
            value={window.location.origin + created.path}
            onDismiss={() => setCreated(null)}
          >
            Send this link to {created.email}. It is shown only now, works once, and expires on {formatDateTime(created.expiresAt)}. Whoever
            opens it joins as {ROLE_LABELS[created.role]}.
          </OneTimeSecret>
        </Stack>
      )}
    </Paper>
  );
}

function InviteList() {
  const { org, role } = useCurrentOrg();
  const canManage = invitePolicy.can({ role }, "manage");
  const [status, setStatus] = useState<InviteStatus | null>("pending");
  const pages = useCursorPages(String(status));
  const invites = useInvites(org.id, status, pages.cursor);
  const revoke = useRevokeInvite(org.id);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h4">
          Sent invitations
        </Title>
        <NativeSelect
          label="Status"
          data={[{ value: "", label: "All" }, ...InviteStatusSchema.options.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
          value={status ?? ""}
          onChange={(event) => {
            const parsed = InviteStatusSchema.safeParse(event.currentTarget.value);
            setStatus(parsed.success ? parsed.data : null);
          }}
          w={180}
        />
      </Group>
      <QueryState isPending={invites.isPending} error={invites.error}>
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder verticalSpacing="sm" aria-label="Invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Invited by</Table.Th>
                <Table.Th>Expires</Table.Th>
                {canManage && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invites.data?.items.map((invite) => (
                <Table.Tr key={invite.id}>
                  <Table.Td>{invite.email}</Table.Td>
                  <Table.Td>{ROLE_LABELS[invite.role]}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[invite.status]}>
                      {STATUS_LABELS[invite.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{invite.createdBy ?? "—"}</Table.Td>
                  <Table.Td>{formatDateTime(invite.expiresAt)}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      {invite.status === "pending" && (
                        <ConfirmButton
                          aria-label={`Revoke the invitation for ${invite.email}`}
                          title="Revoke this invitation?"
                          message={`The link sent to ${invite.email} stops working. You can invite them again later.`}
                          onConfirm={() =>
                            revoke.mutate(invite.id, {
                              onSuccess: () =>
                                notifications.show({ color: "teal", message: `The invitation for ${invite.email} was revoked.` }),
                              onError: (error) =>
                                notifications.show({
                                  color: "red",
                                  title: "Could not revoke the invitation",
                                  message: errorMessage(error),
                                }),
                            })
                          }
                        >
                          Revoke
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {invites.data?.items.length === 0 && (
          <Text c="dimmed" ta="center" py="lg">
            {status ? `No ${STATUS_LABELS[status].toLowerCase()} invitations.` : "No invitations yet."}
          </Text>
        )}
        <CursorPager pages={pages} nextCursor={invites.data?.nextCursor} label="Invitations" />
      </QueryState>
    </Stack>
  );
}
