import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NativeSelect,
  Paper,
  Pill,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { type IsmsRole, IsmsRoleInputSchema } from "../../../contracts/raci";
import { processPolicy } from "../../../core/access/policies";
import { errorMessage, fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { reopenWhenStale } from "../../app/stale-version";
import { DeleteButton } from "../../components/delete-button";
import { FormError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useMemberOptions } from "../members/member-api";
import type { FieldSpec } from "../registers/fields";
import { RecordForm } from "../registers/record-form";
import { useCatalog } from "../roadmap/roadmap-api";
import {
  type RaciEntry,
  type RaciMatrix,
  useAddPerson,
  useDeleteRole,
  useRaci,
  useRemovePerson,
  useSaveRole,
  useSetRaci,
} from "./raci-api";

/** Design of the security organization (9.2.1): the roles, who holds them, and who is responsible for what. */
export function RolesRaciPage() {
  const { org } = useCurrentOrg();
  const raci = useRaci(org.id);
  return (
    <>
      <PageHeader
        title="Roles & RACI"
        description="The roles of the ISMS and the people in them, and for each activity of the roadmap who is Responsible, Accountable (exactly one role), Consulted and Informed."
      />
      <QueryState isPending={raci.isPending} error={raci.error}>
        {raci.data && (
          <Stack gap="xl">
            <Roles matrix={raci.data} />
            <Matrix matrix={raci.data} />
          </Stack>
        )}
      </QueryState>
    </>
  );
}

const ROLE_FIELDS: FieldSpec[] = [
  { name: "title", label: "Title" },
  { name: "description", label: "What the role does", kind: "textarea" },
  { name: "mandatory", label: "Mandatory: the ISMS needs someone in this role", kind: "checkbox" },
];

function Roles({ matrix }: { matrix: RaciMatrix }) {
  const { org, role } = useCurrentOrg();
  const canManage = processPolicy.can({ role }, "manage");
  const save = useSaveRole(org.id);
  const { refetch } = useRaci(org.id);
  const [editing, setEditing] = useState<{ role: IsmsRole | null } | null>(null);
  const close = () => {
    save.reset();
    setEditing(null);
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="roles-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="roles-title">
          Roles
        </Title>
        {canManage && (
          <Button variant="light" onClick={() => setEditing({ role: null })}>
            Add role
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        {matrix.roles.map((ismsRole) => (
          <RoleCard key={ismsRole.id} ismsRole={ismsRole} canManage={canManage} onEdit={() => setEditing({ role: ismsRole })} />
        ))}
      </SimpleGrid>
      <Modal opened={editing !== null} onClose={close} title={editing?.role ? `Edit role ${editing.role.title}` : "Add role"} size="lg">
        {editing && (
          <RecordForm
            key={editing.role ? `${editing.role.id}:${editing.role.version}` : "new"}
            record={editing.role}
            schema={IsmsRoleInputSchema}
            fields={ROLE_FIELDS}
            noun="role"
            pending={save.isPending}
            error={save.error}
            onCancel={close}
            onSubmit={(values) =>
              save.mutate(
                { role: editing.role, values },
                {
                  onSuccess: close,
                  // The refusal carries the stored row, not the role as the API shows it: the form reloads from the list instead.
                  onError: reopenWhenStale<IsmsRole>({
                    reload: async () => (await refetch()).data?.roles.find((r) => r.id === editing.role?.id),
                    reopen: (stored) => setEditing({ role: stored }),
                  }),
                },
              )
            }
          />
        )}
      </Modal>
    </Stack>
  );
}

function RoleCard({ ismsRole, canManage, onEdit }: { ismsRole: IsmsRole; canManage: boolean; onEdit: () => void }) {
  const { org } = useCurrentOrg();
  const remove = useDeleteRole(org.id);
  const removePerson = useRemovePerson(org.id);
  const titleId = `role-${ismsRole.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="xs">
            <Title order={3} size="h5" id={titleId}>
              {ismsRole.title}
            </Title>
            {ismsRole.mandatory && (
              <Badge size="xs" variant="outline">
                Mandatory
              </Badge>
            )}
          </Group>
          {canManage && (
            <Group gap={4} wrap="nowrap">
              <Button size="xs" variant="subtle" onClick={onEdit} aria-label={`Edit role ${ismsRole.title}`}>
                Edit
              </Button>
              <DeleteButton
                aria-label={`Delete role ${ismsRole.title}`}
                title={`Delete the role ${ismsRole.title}?`}
                message="The role and its place in the RACI matrix are removed. A role that is accountable for an activity cannot be deleted."
                failure={`Could not delete ${ismsRole.title}`}
                onDelete={(callbacks) => remove.mutate(ismsRole, callbacks)}
              />
            </Group>
          )}
        </Group>
        {ismsRole.description && (
          <Text size="sm" c="dimmed">
            {ismsRole.description}
          </Text>
        )}
        {ismsRole.people.length > 0 ? (
          <Group gap={6} role="list" aria-label={`People in ${ismsRole.title}`}>
            {ismsRole.people.map((person) => (
              <Pill
                key={person.assignmentId}
                role="listitem"
                size="md"
                withRemoveButton={canManage}
                // Mantine hides a pill's remove button from the keyboard and assistive technology: shown here.
                removeButtonProps={{
                  "aria-label": `Remove ${person.personName} from ${ismsRole.title}`,
                  "aria-hidden": false,
                  tabIndex: 0,
                }}
                onRemove={() =>
                  removePerson.mutate(
                    { role: ismsRole, assignmentId: person.assignmentId },
                    {
                      onError: (error) =>
                        notifications.show({ color: "red", title: "Could not remove the person", message: errorMessage(error) }),
                    },
                  )
                }
              >
                {person.personName}
              </Pill>
            ))}
          </Group>
        ) : (
          <Text size="sm" c={ismsRole.mandatory ? "var(--mantine-color-orange-light-color)" : "dimmed"}>
            {ismsRole.mandatory ? "Nobody holds this mandatory role yet." : "Nobody holds this role yet."}
          </Text>
        )}
        {canManage && <AddPersonForm ismsRole={ismsRole} />}
      </Stack>
    </Paper>
  );
}

function AddPersonForm({ ismsRole }: { ismsRole: IsmsRole }) {
  const { org } = useCurrentOrg();
  const members = useMemberOptions(org.id);
  const add = useAddPerson(org.id);
  const [userId, setUserId] = useState("");
  const [personName, setPersonName] = useState("");
  const errors = fieldErrors(add.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate(
          { role: ismsRole, values: { userId: userId || null, personName: userId ? null : personName.trim() || null } },
          {
            onSuccess: () => {
              setUserId("");
              setPersonName("");
            },
          },
        );
      }}
    >
      <Stack gap={6}>
        <Group align="flex-end" gap="xs">
          <NativeSelect
            label="Member"
            size="xs"
            aria-label={`Member to add to ${ismsRole.title}`}
            data={[{ value: "", label: "Someone else…" }, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))]}
            value={userId}
            onChange={(e) => setUserId(e.currentTarget.value)}
            error={errors.userId}
            w={170}
          />
          {!userId && (
            <TextInput
              label="Name"
              size="xs"
              aria-label={`Name of the person to add to ${ismsRole.title}`}
              value={personName}
              onChange={(e) => setPersonName(e.currentTarget.value)}
              error={errors.personName}
              w={170}
            />
          )}
          <Button type="submit" size="xs" variant="default" loading={add.isPending} aria-label={`Add person to ${ismsRole.title}`}>
            Add
          </Button>
        </Group>
        {!errors.personName && !errors.userId && <FormError error={add.error} title="Could not add the person" />}
      </Stack>
    </form>
  );
}

const LETTERS = [
  { key: "responsible", letter: "R", label: "Responsible" },
  { key: "accountable", letter: "A", label: "Accountable" },
  { key: "consulted", letter: "C", label: "Consulted" },
  { key: "informed", letter: "I", label: "Informed" },
] as const;

type LetterKey = (typeof LETTERS)[number]["key"];

function lettersOf(entry: RaciEntry | undefined, roleId: string): LetterKey[] {
  if (!entry) return [];
  return LETTERS.filter(({ key }) => (key === "accountable" ? entry.accountable === roleId : entry[key].includes(roleId))).map(
    (l) => l.key,
  );
}

function Matrix({ matrix }: { matrix: RaciMatrix }) {
  const { org, role } = useCurrentOrg();
  const catalog = useCatalog(org.id);
  const canManage = processPolicy.can({ role }, "manage");
  const [editing, setEditing] = useState<string | null>(null);
  const titles = new Map(catalog.data?.catalog.activities.map((a) => [a.id, a.title]));
  const editedEntry = matrix.entries.find((e) => e.activityId === editing);
  return (
    <Stack gap="sm" component="section" aria-labelledby="matrix-title">
      <Title order={2} size="h3" id="matrix-title">
        Responsibility matrix
      </Title>
      <Text size="sm" c="dimmed">
        R: responsible, does the work. A: accountable, answers for it; exactly one role per activity. C: consulted. I: informed.
      </Text>
      <Table.ScrollContainer minWidth={1200}>
        <Table withTableBorder withColumnBorders striped fz="xs" verticalSpacing={4} aria-label="RACI matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Activity</Table.Th>
              {matrix.roles.map((r) => (
                <Table.Th key={r.id} ta="center">
                  {r.title}
                </Table.Th>
              ))}
              {canManage && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {matrix.entries.map((entry) => (
              <Table.Tr key={entry.activityId}>
                <Table.Th scope="row" fw={500}>
                  {entry.activityId} {titles.get(entry.activityId)}
                </Table.Th>
                {matrix.roles.map((r) => (
                  <Table.Td key={r.id} ta="center" fw={lettersOf(entry, r.id).includes("accountable") ? 700 : 400}>
                    {LETTERS.filter(({ key }) => lettersOf(entry, r.id).includes(key))
                      .map((l) => l.letter)
                      .join(" ")}
                  </Table.Td>
                ))}
                {canManage && (
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setEditing(entry.activityId)}
                      aria-label={`Edit RACI of ${entry.activityId}`}
                    >
                      Edit
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={`RACI of ${editing} ${titles.get(editing ?? "") ?? ""}`}
        size="lg"
      >
        {editing && (
          <RaciEditor key={editing} activityId={editing} entry={editedEntry} roles={matrix.roles} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}

interface RaciEditorProps {
  activityId: string;
  entry: RaciEntry | undefined;
  roles: IsmsRole[];
  onDone: () => void;
}

/** One activity's row as a grid of roles × letters; a role may hold several letters, exactly one role holds A. */
function RaciEditor({ activityId, entry, roles, onDone }: RaciEditorProps) {
  const { org } = useCurrentOrg();
  const setRaci = useSetRaci(org.id);
  const [cells, setCells] = useState(() => new Set(roles.flatMap((r) => lettersOf(entry, r.id).map((key) => `${key}:${r.id}`))));
  const toggle = (cell: string, on: boolean) =>
    setCells((current) => {
      const next = new Set(current);
      if (on) next.add(cell);
      else next.delete(cell);
      return next;
    });
  const holders = (key: LetterKey) => roles.filter((r) => cells.has(`${key}:${r.id}`)).map((r) => r.id);
  /** The server names a refused role by its place in the list it was sent ("consulted.1"). */
  const roleTitle = (field: string) => {
    const [key, index] = field.split(".");
    const letter = LETTERS.find((l) => l.key === key);
    if (!letter || index === undefined) return undefined;
    return roles.find((r) => r.id === holders(letter.key)[Number(index)])?.title;
  };
  const errors = Object.entries(fieldErrors(setRaci.error));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setRaci.mutate(
          {
            activityId,
            row: {
              responsible: holders("responsible"),
              accountable: holders("accountable"),
              consulted: holders("consulted"),
              informed: holders("informed"),
            },
          },
          {
            onSuccess: () => {
              notifications.show({ color: "teal", message: `RACI of ${activityId} saved.` });
              onDone();
            },
          },
        );
      }}
    >
      <Stack>
        <Table withTableBorder fz="sm" verticalSpacing={4} aria-label={`RACI of ${activityId}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Role</Table.Th>
              {LETTERS.map((l) => (
                <Table.Th key={l.key} ta="center" title={l.label}>
                  {l.letter}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roles.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Th scope="row" fw={500}>
                  {r.title}
                </Table.Th>
                {LETTERS.map((l) => (
                  <Table.Td key={l.key} ta="center">
                    <Checkbox
                      aria-label={`${r.title}: ${l.label}`}
                      checked={cells.has(`${l.key}:${r.id}`)}
                      onChange={(e) => toggle(`${l.key}:${r.id}`, e.currentTarget.checked)}
                      styles={{ body: { justifyContent: "center" } }}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {errors.length > 0 ? (
          <Alert color="red" variant="light" title="The RACI was refused" role="alert">
            <List size="sm" spacing={4}>
              {errors.map(([field, message]) => (
                <List.Item key={field}>
                  {LETTERS.find((l) => field.startsWith(l.key))?.label ?? field}
                  {roleTitle(field) ? ` (${roleTitle(field)})` : ""}: {message}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : (
          <FormError error={setRaci.error} title="The RACI was refused" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={setRaci.isPending}>
            Save RACI
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
