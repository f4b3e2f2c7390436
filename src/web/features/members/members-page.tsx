import { Badge, Button, Group, Paper, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useRef, useState } from "react";
import type { Member } from "../../../contracts/members";
import { memberPolicy } from "../../../core/access/policies";
import { ROLE_LABELS, type Role } from "../../../core/access/roles";
import { fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { ConfirmButton } from "../../components/confirm-button";
import { CursorPager, useCursorPages } from "../../components/cursor-pager";
import { FormError } from "../../components/form-error";
import { formatDate, formValues } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { RoleSelect } from "../../components/role-select";
import { useCurrentUser } from "../auth/session";
import { useAddMember, useChangeRole, useMembers, useRemoveMember } from "./member-api";

export function MembersPage() {
  const { org, role } = useCurrentOrg();
  const me = useCurrentUser();
  const canManage = memberPolicy.can({ role }, "manage");
  const [search, setSearch] = useState("");
  const [roleFilter, setRoleFilter] = useState<Role | null>(null);
  const [q] = useDebouncedValue(search, 300);
  const filter = { q, role: roleFilter };
  const pages = useCursorPages(JSON.stringify(filter));
  const members = useMembers(org.id, filter, pages.cursor);

  return (
    <>
      <PageHeader
        title="Members"
        description={`Everyone who works on the ISMS of ${org.name}, and what their role lets them do.${canManage ? " Invite people from the Invitations page." : ""}`}
      />
      {me.isInstanceAdmin && <AddMemberForm onAdded={pages.restart} />}
      <Group mb="md" align="flex-end">
        <TextInput
          label="Search members"
          placeholder="Name or email"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={280}
        />
        <RoleSelect label="Role" anyLabel="All roles" value={roleFilter} onChange={setRoleFilter} w={240} />
      </Group>
      <QueryState isPending={members.isPending} error={members.error}>
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover withTableBorder verticalSpacing="sm" aria-label="Members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Joined</Table.Th>
                {canManage && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data?.items.map((member) => (
                <MemberRow key={member.userId} member={member} canManage={canManage} onRemoved={pages.restart} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {members.data?.items.length === 0 && (
          <Text c="dimmed" ta="center" py="lg">
            No member matches these filters.
          </Text>
        )}
        <CursorPager pages={pages} nextCursor={members.data?.nextCursor} label="Members" />
      </QueryState>
    </>
  );
}

/** Instance administrators add an account that already exists, as `isms member add` does. */
function AddMemberForm({ onAdded }: { onAdded: () => void }) {
  const { org } = useCurrentOrg();
  const add = useAddMember(org.id);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(add.error);
  return (
    <Paper withBorder radius="md" p="lg" mb="lg">
      <Title order={2} size="h4" mb="xs">
        Add an existing user
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        As an instance administrator you can add someone who already has an account on this server. Everyone else is invited.
      </Text>
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(formValues(event.currentTarget), {
            onSuccess: () => {
              formRef.current?.reset();
              onAdded();
            },
          });
        }}
      >
        <Group align="flex-start">
          <TextInput name="email" type="email" label="Email of the account" required error={errors.email} w={280} />
          <RoleSelect name="role" label="Role" defaultValue="contributor" error={errors.role} w={240} />
          <Button type="submit" mt={25} loading={add.isPending}>
            Add member
          </Button>
        </Group>
        <FormError error={add.error} title="Could not add the member" />
      </form>
    </Paper>
  );
}

function MemberRow({ member, canManage, onRemoved }: { member: Member; canManage: boolean; onRemoved: () => void }) {
  const { org } = useCurrentOrg();
  const me = useCurrentUser();
  const changeRole = useChangeRole(org.id);
  const remove = useRemoveMember(org.id);
  const isMe = member.userId === me.id;

  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={500}>
            {member.displayName}
          </Text>
          {isMe && (
            <Badge size="xs" variant="outline">
              You
            </Badge>
          )}
          {member.disabled && (
            <Badge size="xs" color="gray">
              Disabled
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{member.email}</Text>
      </Table.Td>
      <Table.Td>
        {canManage ? (
          <RoleSelect
            aria-label={`Role of ${member.displayName}`}
            value={changeRole.isPending ? changeRole.variables.role : member.role}
            disabled={changeRole.isPending}
            onChange={(role) => role && role !== member.role && changeRole.mutate({ member, role })}
            size="xs"
            w={220}
          />
        ) : (
          <Badge variant="light">{ROLE_LABELS[member.role]}</Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(member.joinedAt)}</Text>
      </Table.Td>
      {canManage && (
        <Table.Td>
          <ConfirmButton
            aria-label={`Remove ${member.displayName}`}
            title={`Remove ${member.displayName}?`}
            message={
              isMe
                ? "You will lose access to this organization at once."
                : `${member.displayName} loses access to ${org.name} at once, and their API tokens for it stop working. Their account stays.`
            }
            loading={remove.isPending}
            onConfirm={() => remove.mutate(member, { onSuccess: onRemoved })}
          >
            Remove
          </ConfirmButton>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
