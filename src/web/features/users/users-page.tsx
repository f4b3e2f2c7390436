import { Badge, Button, Group, NativeSelect, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import type { User } from "../../../contracts/users";
import { ConfirmButton } from "../../components/confirm-button";
import { CursorPager, useCursorPages } from "../../components/cursor-pager";
import { formatDate } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useCurrentUser } from "../auth/session";
import { type UserFilter, useSetUserDisabled, useUsers } from "./user-api";

const STATUS_OPTIONS = [
  { value: "", label: "All" },
  { value: "false", label: "Active" },
  { value: "true", label: "Disabled" },
];

/** Instance administration: every account on this installation, whatever organizations it belongs to. */
export function UsersPage() {
  const [search, setSearch] = useState("");
  const [disabled, setDisabled] = useState<UserFilter["disabled"]>(null);
  const [q] = useDebouncedValue(search, 300);
  const filter = { q, disabled };
  const pages = useCursorPages(JSON.stringify(filter));
  const users = useUsers(filter, pages.cursor);

  return (
    <>
      <PageHeader
        title="Users"
        description="Every account on this instance. Disabling an account signs it out everywhere at once and stops its API tokens; its memberships and history stay."
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label="Search users"
          placeholder="Name or email"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <NativeSelect
          label="Status"
          data={STATUS_OPTIONS}
          value={disabled ?? ""}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setDisabled(value === "true" || value === "false" ? value : null);
          }}
          w={180}
        />
      </Group>
      <QueryState isPending={users.isPending} error={users.error}>
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder verticalSpacing="sm" aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.items.map((user) => (
                <UserRow key={user.id} user={user} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {users.data?.items.length === 0 && (
          <Text c="dimmed" ta="center" py="lg">
            No user matches these filters.
          </Text>
        )}
        <CursorPager pages={pages} nextCursor={users.data?.nextCursor} label="Users" />
      </QueryState>
    </>
  );
}

function UserRow({ user }: { user: User }) {
  const me = useCurrentUser();
  const setDisabled = useSetUserDisabled();
  const isMe = user.id === me.id;
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={500}>
            {user.displayName}
          </Text>
          {user.isInstanceAdmin && (
            <Badge size="xs" variant="light" color="grape">
              Instance admin
            </Badge>
          )}
          {isMe && (
            <Badge size="xs" variant="outline">
              You
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{user.email}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={user.disabled ? "gray" : "teal"}>
          {user.disabled ? "Disabled" : "Active"}
        </Badge>
      </Table.Td>
      <Table.Td>{formatDate(user.createdAt)}</Table.Td>
      <Table.Td>
        {user.disabled ? (
          <Button
            size="xs"
            variant="light"
            aria-label={`Enable ${user.displayName}`}
            loading={setDisabled.isPending}
            onClick={() => setDisabled.mutate({ user, disabled: false })}
          >
            Enable
          </Button>
        ) : (
          !isMe && (
            <ConfirmButton
              aria-label={`Disable ${user.displayName}`}
              title={`Disable ${user.displayName}?`}
              message={`${user.displayName} is signed out everywhere at once, cannot sign in, and their API tokens stop working until you enable the account again.`}
              loading={setDisabled.isPending}
              onConfirm={() => setDisabled.mutate({ user, disabled: true })}
            >
              Disable
            </ConfirmButton>
          )
        )}
      </Table.Td>
    </Table.Tr>
  );
}
