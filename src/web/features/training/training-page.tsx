import { Alert, Badge, List, Paper, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { type IsmsRole, raciEndpoints } from "../../../contracts/raci";
import {
  type CourseSchema,
  courseEndpoints,
  type RecordSchema,
  type RequirementSchema,
  requirementEndpoints,
  trainingEndpoints,
  trainingRecordRegister,
} from "../../../contracts/training";
import { registerPolicy } from "../../../core/access/policies";
import { call } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { DirectImportButton } from "../imports/direct-import";
import { useMemberOptions } from "../members/member-api";
import type { FieldSpec } from "../registers/fields";
import { useRegisterItems } from "../registers/register-api";
import { type Column, RegisterTable } from "../registers/register-table";

type Course = z.infer<typeof CourseSchema>;
type Requirement = z.infer<typeof RequirementSchema>;
type CompletionRecord = z.infer<typeof RecordSchema>;

const none = { value: "", label: "—" };
const percent = (p: number | null) => (p === null ? "—" : `${Math.round(p)} %`);

/** 9.4c: competence per ISMS role, courses and campaigns, who completed them, coverage and refreshers. */
export function TrainingPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const roles = useRegisterItems<IsmsRole & { version: number }>(org.id, { list: raciEndpoints.listRoles });
  const courses = useRegisterItems<Course>(org.id, courseEndpoints);
  const members = useMemberOptions(org.id);
  const coverage = useQuery({
    // Below the records' key: a completion recorded refreshes it.
    queryKey: ["register", org.id, "training/records", "coverage"],
    queryFn: () => call(trainingEndpoints.coverage, { params: { orgId: org.id } }),
  });
  const roleTitle = new Map((roles.data ?? []).map((r) => [r.id, r.title]));
  const courseTitle = new Map((courses.data ?? []).map((c) => [c.id, c.title]));
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.id, label: r.title }));
  const courseOptions = (courses.data ?? []).map((c) => ({ value: c.id, label: c.title }));

  const courseFields: FieldSpec[] = [
    { name: "title", label: "Course or campaign" },
    {
      name: "kind",
      label: "Kind",
      kind: "select",
      options: [
        { value: "course", label: "training course" },
        { value: "campaign", label: "awareness campaign" },
      ],
    },
    { name: "description", label: "Description", kind: "textarea" },
    {
      name: "targetRoleNames",
      label: "Target ISMS roles",
      kind: "tags",
      description: `Role titles: ${roleOptions.map((r) => r.label).join(", ") || "none yet"}`,
    },
    { name: "targetGroups", label: "Other audiences", kind: "tags", description: "e.g. all staff, developers" },
    { name: "refresherMonths", label: "Refresher after (months)", kind: "number", description: "Blank: once" },
    { name: "startsOn", label: "Starts on", kind: "date" },
    {
      name: "ownerUserId",
      label: "Owner",
      kind: "select",
      options: [none, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))],
    },
  ];
  const roleIdByTitle = new Map(roleOptions.map((r) => [r.label.toLowerCase(), r.value]));
  const requirementFields: FieldSpec[] = [
    { name: "roleId", label: "ISMS role", kind: "select", options: [none, ...roleOptions] },
    { name: "title", label: "Competence needed" },
    { name: "courseId", label: "Course that gives it", kind: "select", options: [none, ...courseOptions] },
  ];
  const recordFields: FieldSpec[] = [
    { name: "courseId", label: "Course or campaign", kind: "select", options: [none, ...courseOptions] },
    {
      name: "userId",
      label: "Member",
      kind: "select",
      options: [none, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))],
    },
    { name: "personName", label: "Or a person who is not a member" },
    { name: "completedOn", label: "Completed on", kind: "date" },
    { name: "note", label: "Note" },
  ];

  const courseColumns: Column<Course>[] = [
    { header: "Course", cell: (c) => c.title },
    { header: "Kind", cell: (c) => (c.kind === "campaign" ? "awareness campaign" : "training course") },
    { header: "For", cell: (c) => [...c.targetRoleIds.map((id) => roleTitle.get(id) ?? "?"), ...c.targetGroups].join(", ") || "—" },
    { header: "Refresher", cell: (c) => (c.refresherMonths ? `every ${c.refresherMonths} months` : "once") },
  ];
  const requirementColumns: Column<Requirement>[] = [
    { header: "Role", cell: (r) => roleTitle.get(r.roleId) ?? "?" },
    { header: "Competence", cell: (r) => r.title },
    { header: "Course", cell: (r) => (r.courseId ? (courseTitle.get(r.courseId) ?? "?") : "—") },
  ];
  const recordColumns: Column<CompletionRecord>[] = [
    { header: "Person", cell: (r) => r.personName },
    { header: "Course", cell: (r) => courseTitle.get(r.courseId) ?? "?" },
    { header: "Completed", cell: (r) => r.completedOn },
    { header: "Valid until", cell: (r) => r.validUntil ?? "no expiry" },
    { header: "Source", cell: (r) => r.source },
  ];

  return (
    <>
      <PageHeader
        title="Training and awareness"
        description="9.4c: the competence each ISMS role needs, the courses and awareness campaigns that give it, who completed them, and whose refresher is due."
        actions={
          canEdit && (
            <DirectImportButton
              orgId={org.id}
              endpoint={trainingEndpoints.importRecords}
              noun="completion records"
              columns="course (its title), person (a member's e-mail or name, or anyone's name), completed_on and note"
              done={(r) => `${r.created ?? 0} completion record(s) imported`}
            />
          )
        }
      />
      <Stack gap="xl" maw={1100}>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="coverage-title" id="coverage">
          <Title order={2} size="h4" id="coverage-title" mb="md">
            Coverage
          </Title>
          <QueryState isPending={coverage.isPending} error={coverage.error}>
            {coverage.data && (
              <Stack>
                <Text data-testid="coverage-overall">
                  Overall: {percent(coverage.data.percent)} ({coverage.data.covered} of {coverage.data.required} required completions valid)
                </Text>
                <Progress value={coverage.data.percent ?? 0} aria-label={`Overall training coverage ${percent(coverage.data.percent)}`} />
                {coverage.data.roles.length > 0 && (
                  <Table striped withTableBorder aria-label="Coverage per role">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Role</Table.Th>
                        <Table.Th>Coverage</Table.Th>
                        <Table.Th>Missing</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {coverage.data.roles.map((r) => (
                        <Table.Tr key={r.roleId}>
                          <Table.Td>{r.title}</Table.Td>
                          <Table.Td>
                            {percent(r.percent)} ({r.covered} of {r.required})
                          </Table.Td>
                          <Table.Td>
                            {r.missing.length === 0
                              ? "—"
                              : r.missing
                                  .map((m) => `${m.name}: ${m.course} (${m.reason === "never" ? "never completed" : "expired"})`)
                                  .join("; ")}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
                {coverage.data.refreshersDue.length > 0 ? (
                  <Alert color="orange" variant="light" title={`Refreshers due (${coverage.data.refreshersDue.length})`} role="region">
                    <List size="sm">
                      {coverage.data.refreshersDue.map((d) => (
                        <List.Item key={`${d.name}-${d.course}`}>
                          {d.name}: {d.course}, due {d.due}{" "}
                          {d.due < new Date().toISOString().slice(0, 10) && (
                            <Badge size="xs" color="red" variant="light">
                              overdue
                            </Badge>
                          )}
                        </List.Item>
                      ))}
                    </List>
                  </Alert>
                ) : (
                  <Text size="sm" c="dimmed">
                    No refresher is due.
                  </Text>
                )}
              </Stack>
            )}
          </QueryState>
        </Paper>
        <RegisterTable<Requirement>
          orgId={org.id}
          endpoints={requirementEndpoints}
          fields={requirementFields}
          columns={requirementColumns}
          id="requirements"
          title="Competence requirements"
          noun="competence requirement"
          description="What each ISMS role must know or be able to do, and the course that gives it."
          canEdit={canEdit}
        />
        <RegisterTable<Course>
          orgId={org.id}
          endpoints={courseEndpoints}
          fields={courseFields}
          columns={courseColumns}
          id="courses"
          title="Courses and campaigns"
          noun="course"
          canEdit={canEdit}
          toForm={(c) => ({ ...c, targetRoleNames: c.targetRoleIds.map((id) => roleTitle.get(id) ?? id) })}
          fromForm={({ targetRoleNames, ...rest }) => ({
            ...rest,
            targetRoleIds: (targetRoleNames as string[]).map((t) => roleIdByTitle.get(t.trim().toLowerCase()) ?? t),
          })}
        />
        <RegisterTable<CompletionRecord>
          orgId={org.id}
          endpoints={trainingRecordRegister}
          fields={recordFields}
          columns={recordColumns}
          id="records"
          title="Completion records"
          noun="completion record"
          canEdit={canEdit}
          toForm={(r) => (r.userId ? { ...r, personName: "" } : r)}
        />
      </Stack>
    </>
  );
}
