import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  MultiSelect,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router";
import { committeeEndpoints } from "../../../contracts/organization";
import type { IsmsRole } from "../../../contracts/raci";
import { processPolicy, registerPolicy } from "../../../core/access/policies";
import { activityHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError, SaveError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useMemberOptions } from "../members/member-api";
import { useAddPerson, useRaci, useRemovePerson } from "../raci/raci-api";
import { RegisterTable } from "../registers/register-table";
import { linkTarget } from "../roadmap/register-links";
import {
  type OrganizationReview,
  type RoleLines,
  type SodRules,
  useOrganizationReview,
  useRefreshOrganization,
  useRoleLines,
  useSaveRoleLines,
  useSaveSodRules,
  useSodRules,
} from "./organization-api";

interface Committee {
  id: string;
  title: string;
  chairUserId: string | null;
  memberUserIds: string[];
  meetingFrequency: string;
  remit: string;
  version: number;
}

/** Activity 9.2.1: the ISMS roles with their holders, deputies and reporting lines, the committees, and segregation of duties. */
export function SecurityOrganizationPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const canAssign = processPolicy.can({ role }, "manage");
  const review = useOrganizationReview(org.id);
  const members = useMemberOptions(org.id);
  const people = (members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }));
  const nameOf = (id: string | null) => people.find((p) => p.value === id)?.label ?? "—";
  return (
    <>
      <PageHeader
        title="Security organization"
        description="Activity 9.2.1: who holds each ISMS role, who stands in and whom they report to, the committees that steer information security, and the segregation-of-duties rules with the conflicts they find."
        actions={
          <Anchor component={Link} to={activityHref(org.id, "9.2.1")} size="sm">
            Activity 9.2.1 on the roadmap
          </Anchor>
        }
      />
      <Stack gap="xl" maw={1300}>
        <QueryState isPending={review.isPending} error={review.error}>
          {review.data && (
            <>
              <Checks review={review.data} />
              <Conflicts review={review.data} />
            </>
          )}
        </QueryState>
        <Roles people={people} canEdit={canEdit} canAssign={canAssign} />
        <RegisterTable<Committee>
          orgId={org.id}
          endpoints={committeeEndpoints}
          id="committees"
          title="Committees and forums"
          noun="committee"
          description="The bodies that steer information security: who chairs them, who sits on them, how often they meet and what they decide."
          canEdit={canEdit}
          fields={[
            { name: "title", label: "Name" },
            { name: "chairUserId", label: "Chair", kind: "select", options: [{ value: "", label: "— nobody yet —" }, ...people] },
            { name: "memberUserIds", label: "Members", kind: "multiselect", options: people },
            { name: "meetingFrequency", label: "Meets", description: "e.g. quarterly" },
            { name: "remit", label: "Remit", kind: "textarea" },
          ]}
          columns={[
            { header: "Committee", cell: (c) => c.title },
            { header: "Chair", cell: (c) => nameOf(c.chairUserId) },
            { header: "Members", cell: (c) => c.memberUserIds.map(nameOf).join(", ") || "—" },
            { header: "Meets", cell: (c) => c.meetingFrequency },
            { header: "Remit", cell: (c) => c.remit },
          ]}
        />
        <RulesEditor canEdit={canEdit} />
      </Stack>
    </>
  );
}

function Checks({ review }: { review: OrganizationReview }) {
  const { org } = useCurrentOrg();
  const done = review.checks.filter((c) => c.ok).length;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="checks-title" id="checks" tabIndex={-1}>
      <Title order={2} size="h4" id="checks-title" mb="sm">
        Checklist of 9.2.1 ({done} of {review.checks.length} done)
      </Title>
      <List spacing="xs" size="sm" listStyleType="none">
        {review.checks.map((check) => (
          <List.Item key={check.id}>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <Badge color={check.ok ? "green" : "orange"} variant="light" miw={80}>
                {check.ok ? "Done" : "To do"}
              </Badge>
              <Stack gap={2}>
                <Text size="sm">{check.label}</Text>
                {check.missing.map((m) => {
                  const target = m.link.register === "security-organization" ? null : linkTarget(org.id, m.link);
                  return (
                    <Text key={m.message} size="sm" c="dimmed">
                      {m.message}{" "}
                      {target && (
                        <Anchor component={Link} to={target.href} size="sm">
                          Open {target.page}
                        </Anchor>
                      )}
                    </Text>
                  );
                })}
              </Stack>
            </Group>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

function Conflicts({ review }: { review: OrganizationReview }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="conflicts-title" id="conflicts" tabIndex={-1}>
      <Title order={2} size="h4" id="conflicts-title" mb="sm">
        Segregation-of-duties conflicts
      </Title>
      {review.conflicts.length === 0 ? (
        <Text size="sm">No conflict: the enabled rules find nobody holding duties that should be kept apart.</Text>
      ) : (
        <Table striped withTableBorder fz="sm" verticalSpacing="xs" aria-label="Segregation-of-duties conflicts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>People</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th>About</Table.Th>
              <Table.Th>What is wrong</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {review.conflicts.map((c) => (
              <Table.Tr key={`${c.ruleId}:${c.item}:${c.people.map((p) => p.id).join(",")}`}>
                <Table.Td>{c.people.map((p) => p.name).join(", ")}</Table.Td>
                <Table.Td>{c.ruleTitle}</Table.Td>
                <Table.Td>{c.item}</Table.Td>
                <Table.Td>{c.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

type Option = { value: string; label: string };

/** The ISMS roles with their holders (the RACI module's), deputies and reporting lines (this page's). */
function Roles({ people, canEdit, canAssign }: { people: Option[]; canEdit: boolean; canAssign: boolean }) {
  const { org } = useCurrentOrg();
  const raci = useRaci(org.id);
  const lines = useRoleLines(org.id);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="roles-title" id="roles" tabIndex={-1}>
      <Title order={2} size="h4" id="roles-title" mb={4}>
        ISMS roles
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Every role of the ISMS with who holds it, who stands in and whom it reports to. Roles themselves and the RACI are kept on Roles
        &amp; RACI.
      </Text>
      <QueryState isPending={raci.isPending || lines.isPending} error={raci.error ?? lines.error}>
        {raci.data && lines.data && (
          <RolesForm
            key={lines.data.version}
            roles={raci.data.roles}
            lines={lines.data}
            people={people}
            canEdit={canEdit}
            canAssign={canAssign}
          />
        )}
      </QueryState>
    </Paper>
  );
}

function RolesForm({
  roles,
  lines,
  people,
  canEdit,
  canAssign,
}: {
  roles: IsmsRole[];
  lines: RoleLines;
  people: Option[];
  canEdit: boolean;
  canAssign: boolean;
}) {
  const { org } = useCurrentOrg();
  const save = useSaveRoleLines(org.id);
  const add = useAddPerson(org.id);
  const remove = useRemovePerson(org.id);
  const refresh = useRefreshOrganization(org.id);
  const [state, setState] = useState(() =>
    Object.fromEntries(
      roles.map((r) => {
        const line = lines.roles.find((l) => l.roleKey === r.key);
        return [r.key, { reportsToRoleKey: line?.reportsToRoleKey ?? "", deputyUserId: line?.deputyUserId ?? "" }];
      }),
    ),
  );
  const [adding, setAdding] = useState<Record<string, string>>({});
  const set = (key: string, field: "reportsToRoleKey" | "deputyUserId", value: string) =>
    setState((s) => ({ ...s, [key]: { ...(s[key] ?? { reportsToRoleKey: "", deputyUserId: "" }), [field]: value } }));
  return (
    <form
      noValidate
      aria-label="Deputies and reporting lines"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          {
            roles: Object.entries(state)
              .filter(([, l]) => l.reportsToRoleKey || l.deputyUserId)
              .map(([roleKey, l]) => ({
                id: roleKey,
                roleKey,
                reportsToRoleKey: l.reportsToRoleKey || null,
                deputyUserId: l.deputyUserId || null,
              })),
            version: lines.version,
          },
          { onSuccess: () => notifications.show({ color: "teal", message: "Deputies and reporting lines saved." }) },
        );
      }}
    >
      <Table.ScrollContainer minWidth={900}>
        <Table striped withTableBorder fz="sm" verticalSpacing="xs" aria-label="ISMS roles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Role</Table.Th>
              <Table.Th>Held by</Table.Th>
              <Table.Th>Deputy</Table.Th>
              <Table.Th>Reports to</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roles.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  {r.title}
                  {r.mandatory && <Text size="xs">Mandatory</Text>}
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    {r.people.length === 0 && (
                      <Text size="sm" fw={r.mandatory ? 600 : undefined}>
                        Nobody yet
                      </Text>
                    )}
                    {r.people.map((p) => (
                      <Group key={p.assignmentId} gap={4} wrap="nowrap">
                        <Text size="sm">{p.personName}</Text>
                        {canAssign && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            aria-label={`Remove ${p.personName} from ${r.title}`}
                            onClick={() => remove.mutate({ role: r, assignmentId: p.assignmentId }, { onSettled: refresh })}
                          >
                            Remove
                          </Button>
                        )}
                      </Group>
                    ))}
                    {canAssign && (
                      <Group gap={4} wrap="nowrap" align="flex-end">
                        <NativeSelect
                          size="xs"
                          aria-label={`Member to add to ${r.title}`}
                          data={[
                            { value: "", label: "Add a member…" },
                            ...people.filter((p) => !r.people.some((x) => x.userId === p.value)),
                          ]}
                          value={adding[r.key] ?? ""}
                          onChange={(e) => setAdding((a) => ({ ...a, [r.key]: e.currentTarget.value }))}
                        />
                        <Button
                          size="compact-sm"
                          variant="light"
                          disabled={!adding[r.key]}
                          aria-label={`Add to ${r.title}`}
                          loading={add.isPending && add.variables?.role.id === r.id}
                          onClick={() =>
                            add.mutate(
                              { role: r, values: { userId: adding[r.key], personName: null } },
                              {
                                onSuccess: () => {
                                  setAdding((a) => ({ ...a, [r.key]: "" }));
                                  refresh();
                                },
                              },
                            )
                          }
                        >
                          Add
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={`Deputy of ${r.title}`}
                    disabled={!canEdit}
                    data={[{ value: "", label: "— none —" }, ...people]}
                    value={state[r.key]?.deputyUserId ?? ""}
                    onChange={(e) => set(r.key, "deputyUserId", e.currentTarget.value)}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={`${r.title} reports to`}
                    disabled={!canEdit}
                    data={[
                      { value: "", label: "— top —" },
                      ...roles.filter((o) => o.key !== r.key).map((o) => ({ value: o.key, label: o.title })),
                    ]}
                    value={state[r.key]?.reportsToRoleKey ?? ""}
                    onChange={(e) => set(r.key, "reportsToRoleKey", e.currentTarget.value)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <FormError error={add.error ?? remove.error} title="The holder was not changed" />
      <SaveError error={save.error} what="the deputies and reporting lines" />
      {canEdit && (
        <Group mt="sm">
          <Button type="submit" loading={save.isPending}>
            Save deputies and reporting lines
          </Button>
        </Group>
      )}
    </form>
  );
}

const KIND_LABELS: Record<string, string> = {
  "gate-requester-decides": "Gate requester and decider",
  "auditor-owns-audited": "Auditor and owner",
  "risk-owner-sole-acceptor": "Risk owner and acceptor",
  "action-owner-reviews": "Action owner and reviewer",
  "roles-exclusive": "Roles held together",
};

/** The organization's segregation-of-duties rules: enable, reword, and add pairs of roles one person may not hold together. */
function RulesEditor({ canEdit }: { canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const rules = useSodRules(org.id);
  const raci = useRaci(org.id);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="sod-title" id="sod-rules" tabIndex={-1}>
      <Title order={2} size="h4" id="sod-title" mb={4}>
        Segregation-of-duties rules
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The rules the conflicts above are found by. Switch a rule off, reword it, or add roles one person may not hold together.
      </Text>
      <QueryState isPending={rules.isPending} error={rules.error}>
        {rules.data && (
          <RulesForm
            key={rules.data.version}
            rules={rules.data}
            roles={(raci.data?.roles ?? []).map((r) => ({ value: r.key, label: r.title }))}
            canEdit={canEdit}
          />
        )}
      </QueryState>
    </Paper>
  );
}

function RulesForm({ rules, roles, canEdit }: { rules: SodRules; roles: Option[]; canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const save = useSaveSodRules(org.id);
  const [list, setList] = useState(rules.rules);
  const [newRoles, setNewRoles] = useState<string[]>([]);
  const change = (i: number, patch: Partial<SodRules["rules"][number]>) =>
    setList((l) => l.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const roleTitle = (key: string) => roles.find((r) => r.value === key)?.label ?? key;
  return (
    <form
      noValidate
      aria-label="Segregation-of-duties rules"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          { rules: list, version: rules.version },
          { onSuccess: () => notifications.show({ color: "teal", message: "Segregation-of-duties rules saved." }) },
        );
      }}
    >
      <Stack gap="sm">
        {list.map((rule, i) => (
          <Group key={rule.id} align="flex-end" wrap="nowrap">
            <Checkbox
              label="On"
              aria-label={`Rule “${rule.title}” enabled`}
              disabled={!canEdit}
              checked={rule.enabled}
              onChange={(e) => change(i, { enabled: e.currentTarget.checked })}
            />
            <TextInput
              style={{ flex: 1 }}
              label={`${KIND_LABELS[rule.kind] ?? rule.kind}${rule.kind === "roles-exclusive" ? `: ${rule.roleKeys.map(roleTitle).join(" + ")}` : ""}`}
              readOnly={!canEdit}
              value={rule.title}
              onChange={(e) => change(i, { title: e.currentTarget.value })}
            />
            {canEdit && rule.kind === "roles-exclusive" && (
              <Button
                variant="subtle"
                color="red"
                size="xs"
                onClick={() => setList((l) => l.filter((_, j) => j !== i))}
                aria-label={`Remove rule “${rule.title}”`}
              >
                Remove
              </Button>
            )}
          </Group>
        ))}
        {canEdit && (
          <Group align="flex-end">
            <MultiSelect
              label="Add a rule: roles one person may not hold together"
              data={roles}
              value={newRoles}
              onChange={setNewRoles}
              searchable
              w={480}
            />
            <Button
              variant="light"
              disabled={newRoles.length < 2}
              onClick={() => {
                const titles = newRoles.map(roleTitle);
                const id = `roles-${newRoles.join("-").replaceAll("_", "-")}`.slice(0, 60);
                setList((l) => [
                  ...l,
                  {
                    id,
                    kind: "roles-exclusive",
                    title: `One person does not hold ${titles.join(" and ")}`,
                    enabled: true,
                    roleKeys: newRoles,
                  },
                ]);
                setNewRoles([]);
              }}
            >
              Add rule
            </Button>
          </Group>
        )}
        <SaveError error={save.error} what="the rules" />
        {canEdit && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save rules
            </Button>
          </Group>
        )}
        {!canEdit && (
          <Alert color="gray" variant="light">
            Only members who may change registers edit the rules.
          </Alert>
        )}
      </Stack>
    </form>
  );
}
