import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router";
import { registerPolicy } from "../../../core/access/policies";
import { fieldErrors } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { SaveError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useMemberOptions } from "../members/member-api";
import { type ProjectRole, useAssignProjectRole, useProjectRoles } from "./project-roles-api";

/** Activity 5.3.2: who sponsors, leads and plans the ISMS project. */
export function ProjectRolesPage() {
  const { org, role } = useCurrentOrg();
  const roles = useProjectRoles(org.id);
  const canEdit = registerPolicy.can({ role }, "write");
  return (
    <>
      <PageHeader
        title="Project roles"
        description="Activity 5.3.2: put a name against each role of the ISMS project. The sponsor and the project lead are required. Pick a member when the person uses ISMS Workbench, or just write their name. Each project role is an ISMS role held during the project: saving it puts the person in that role on Roles & RACI, where they stay once the ISMS runs."
      />
      <Paper withBorder radius="md" p="lg" maw={1100}>
        <QueryState isPending={roles.isPending} error={roles.error}>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-label="Project roles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Held by</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roles.data?.map((projectRole) => (
                  <Table.Tr key={projectRole.key}>
                    <Table.Td w={260}>
                      <Group gap="xs">
                        <Text size="sm" fw={600}>
                          {projectRole.title}
                        </Text>
                        {projectRole.required && (
                          <Badge size="xs" variant="outline">
                            Required
                          </Badge>
                        )}
                      </Group>
                      {projectRole.ismsRole && (
                        <Text size="xs" c="dimmed">
                          ISMS role:{" "}
                          <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.ismsRoles)} size="xs">
                            {projectRole.ismsRole.title}
                          </Anchor>
                        </Text>
                      )}
                      {projectRole.heldOnRaci && (
                        <Text size="xs" c="dimmed">
                          Held on Roles & RACI by {projectRole.holderName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {canEdit ? (
                        // Remounted at each version, so a save or a reload after a conflict shows what is stored.
                        <RoleHolderForm key={`${projectRole.key}:${projectRole.version}`} projectRole={projectRole} />
                      ) : (
                        <Text size="sm">{projectRole.holderName ?? "Nobody named yet"}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
      </Paper>
    </>
  );
}

function RoleHolderForm({ projectRole }: { projectRole: ProjectRole }) {
  const { org } = useCurrentOrg();
  const members = useMemberOptions(org.id);
  const assign = useAssignProjectRole(org.id);
  // A member holding the role shows by their name.
  const [personName, setPersonName] = useState(projectRole.personName ?? projectRole.holderName ?? "");
  const [userId, setUserId] = useState(projectRole.userId ?? "");
  const [nothingToSave, setNothingToSave] = useState(false);
  const errors = fieldErrors(assign.error);
  // A holder shown from Roles & RACI is not stored on the project role: emptying it saves nothing.
  const stored = !projectRole.heldOnRaci && (projectRole.personName !== null || projectRole.userId !== null);
  const memberOptions = [
    { value: "", label: "Not a member here" },
    ...(members.data ?? []).map((m) => ({ value: m.userId, label: `${m.displayName} (${m.email})` })),
  ];

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const empty = personName.trim() === "" && userId === "";
        // An empty row over an empty role changes nothing: saying "saved" would suggest the role is now held.
        if (empty && !stored) {
          setNothingToSave(true);
          return;
        }
        assign.mutate(
          { role: projectRole, values: { personName: personName.trim() || null, userId: userId || null } },
          {
            onSuccess: () =>
              notifications.show(
                empty
                  ? { color: "orange", message: `${projectRole.title}: cleared. Nobody holds this role now.` }
                  : { color: "teal", message: `${projectRole.title}: saved.` },
              ),
          },
        );
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            id={`project-role-${projectRole.key}`}
            label={`${projectRole.title}: name`}
            value={personName}
            onChange={(e) => {
              setPersonName(e.currentTarget.value);
              setNothingToSave(false);
            }}
            error={errors.personName ?? (nothingToSave ? "Nothing to save: write a name or pick a member" : undefined)}
            w={260}
          />
          <NativeSelect
            label={`${projectRole.title}: member`}
            data={memberOptions}
            value={userId}
            onChange={(e) => {
              const picked = members.data?.find((m) => m.userId === e.currentTarget.value);
              setUserId(e.currentTarget.value);
              setNothingToSave(false);
              // The roadmap counts a role as filled by its name, so picking a member fills the name in.
              if (picked) setPersonName(picked.displayName);
            }}
            error={errors.userId}
            w={300}
          />
          <Button type="submit" loading={assign.isPending} aria-label={`Save ${projectRole.title}`}>
            Save
          </Button>
        </Group>
        <SaveError error={assign.error} what={`the ${projectRole.title.toLowerCase()}`} />
      </Stack>
    </form>
  );
}
