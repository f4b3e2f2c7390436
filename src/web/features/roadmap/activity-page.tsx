import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Switch, Table, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import { processPolicy } from "../../../core/access/policies";
import type { Activity, ProcessCatalog } from "../../../core/process/catalog";
import { errorMessage, fieldErrors } from "../../app/api-client";
import { activityHref, ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { ApprovalPanel } from "../approvals/approval-panel";
import { ACTIVITY_HELP } from "../help/activity-help";
import { type RaciMatrix, useRaci } from "../raci/raci-api";
import { linkTarget } from "./register-links";
import { type RoadmapActivity, useCatalog, useNotApplicable, useRoadmap } from "./roadmap-api";
import { checklistProgress, GateBadge, presentStatus, StatusBadge, unsatisfiedPrerequisites } from "./status";

export function ActivityPage() {
  const { activityId = "" } = useParams();
  const { org } = useCurrentOrg();
  const roadmap = useRoadmap(org.id);
  const catalog = useCatalog(org.id);
  const activity = roadmap.data?.activities.find((a) => a.id === activityId);
  const definition = catalog.data?.catalog.activities.find((a) => a.id === activityId);
  return (
    <QueryState isPending={roadmap.isPending || catalog.isPending} error={roadmap.error ?? catalog.error}>
      {activity && definition && catalog.data ? (
        <ActivityView activity={activity} definition={definition} catalog={catalog.data.catalog} others={roadmap.data?.activities ?? []} />
      ) : (
        <Stack maw={560}>
          <Alert color="orange" variant="light" title="No such activity" role="alert">
            The process catalog of this organization has no activity “{activityId}”.
          </Alert>
          <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.roadmap)}>
            Back to the roadmap
          </Anchor>
        </Stack>
      )}
    </QueryState>
  );
}

interface ActivityViewProps {
  activity: RoadmapActivity;
  definition: Activity;
  catalog: ProcessCatalog;
  others: RoadmapActivity[];
}

function ActivityView({ activity, definition, catalog, others }: ActivityViewProps) {
  const { org } = useCurrentOrg();
  const phase = catalog.phases.find((p) => p.id === activity.phase);
  const presented = presentStatus(activity, unsatisfiedPrerequisites(definition.prerequisites, others));
  const help = ACTIVITY_HELP[activity.id];
  const progress = checklistProgress(activity);
  return (
    <>
      <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.roadmap)} size="sm">
        ← Roadmap
      </Anchor>
      <PageHeader
        title={`${activity.id} ${activity.title}`}
        description={definition.objective}
        actions={
          <Group gap="xs">
            <StatusBadge presented={presented} size="lg" />
            {activity.gate && <GateBadge gate={activity.gate} size="lg" />}
          </Group>
        }
      />
      <Stack gap="lg">
        {presented.note && (
          <Alert color="blue" variant="light" title={`${presented.label}: you can work on this now`}>
            {presented.note} Its pages accept data at any time; the order of the roadmap only decides when it counts as done.
          </Alert>
        )}
        {help && (
          <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="help-title" id="help">
            <Title order={2} size="h4" id="help-title" mb="xs">
              What a good result looks like
            </Title>
            <List size="sm" spacing={4}>
              {help.goodResult.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
            <Text size="sm" mt="sm">
              <strong>Tip:</strong> {help.tip}
            </Text>
          </Paper>
        )}
        {activity.warnings.map((warning) => (
          <Alert key={warning.message} color="orange" variant="light" title="Changed after approval" role="alert">
            {warning.message}
          </Alert>
        ))}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Stack gap="lg">
            <Section id="checklist" title={`Completion checklist (${progress.done} of ${progress.total} done)`}>
              <Checklist activity={activity} />
            </Section>
            <Section id="inputs" title="Inputs">
              {definition.prerequisites.length === 0 ? (
                <Text size="sm" c="dimmed">
                  None: this activity can start at once.
                </Text>
              ) : (
                <List spacing="xs" size="sm" listStyleType="none">
                  {definition.prerequisites.map((id) => {
                    const prerequisite = others.find((a) => a.id === id);
                    return (
                      <List.Item key={id}>
                        <Group gap="xs">
                          <Anchor component={Link} to={activityHref(org.id, id)} size="sm">
                            {id} {prerequisite?.title}
                          </Anchor>
                          {prerequisite && <StatusBadge presented={presentStatus(prerequisite, [])} size="sm" />}
                          {prerequisite?.gate && <GateBadge gate={prerequisite.gate} size="sm" />}
                        </Group>
                      </List.Item>
                    );
                  })}
                </List>
              )}
            </Section>
            <Section id="outputs" title="Outputs">
              <List size="sm" spacing={4}>
                {definition.outputs.map((output) => (
                  <List.Item key={output.id}>{output.title}</List.Item>
                ))}
              </List>
            </Section>
          </Stack>
          <Stack gap="lg">
            <Section id="details" title="About this activity">
              <Table fz="sm" aria-label="About this activity">
                <Table.Tbody>
                  <Row label="Phase">{phase ? `${phase.id} ${phase.title}` : activity.phase}</Row>
                  <Row label="ISO/IEC 27001:2022 clauses">{definition.iso27001.join(", ") || "—"}</Row>
                  <Row label="Estimated effort">{definition.estimatedDays} days</Row>
                </Table.Tbody>
              </Table>
            </Section>
            <Section id="raci" title="Who does what (RACI)">
              <ActivityRaci activityId={activity.id} />
            </Section>
            <Section id="not-applicable" title="Applicability">
              <NotApplicable activity={activity} />
            </Section>
          </Stack>
        </SimpleGrid>
        {activity.gate && (
          <ApprovalPanel
            activity={activity}
            gate={{ id: activity.gate.id, title: catalog.gates.find((g) => g.id === activity.gate?.id)?.title }}
          />
        )}
      </Stack>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h4" id={`${id}-title`} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={220}>{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function Checklist({ activity }: { activity: RoadmapActivity }) {
  const { org } = useCurrentOrg();
  return (
    <List spacing="sm" size="sm" listStyleType="none" aria-label="Checks">
      {activity.checks.map((check) => (
        <List.Item key={check.id}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={check.ok ? "teal" : "gray"} variant={check.ok ? "filled" : "outline"} size="sm" miw={64}>
              {check.ok ? "Done" : "Missing"}
            </Badge>
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                {check.label}
              </Text>
              {check.missing.map((item) => {
                const target = linkTarget(org.id, item.link);
                return (
                  <Text key={item.message} size="sm" c="dimmed">
                    {item.message}{" "}
                    {target && (
                      <Anchor component={Link} to={target.href} size="sm" underline="always">
                        Enter it in {target.page}
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
  );
}

function roleNames(matrix: RaciMatrix, ids: readonly string[]): string {
  return ids.map((id) => matrix.roles.find((r) => r.id === id)?.title ?? "a removed role").join(", ") || "—";
}

function ActivityRaci({ activityId }: { activityId: string }) {
  const { org } = useCurrentOrg();
  const raci = useRaci(org.id);
  const entry = raci.data?.entries.find((e) => e.activityId === activityId);
  return (
    <QueryState isPending={raci.isPending} error={raci.error}>
      {raci.data && entry && (
        <Stack gap="xs">
          <Table fz="sm" aria-label="RACI of this activity">
            <Table.Tbody>
              <Row label="Responsible (does the work)">{roleNames(raci.data, entry.responsible)}</Row>
              <Row label="Accountable (answers for it)">{roleNames(raci.data, entry.accountable ? [entry.accountable] : [])}</Row>
              <Row label="Consulted">{roleNames(raci.data, entry.consulted)}</Row>
              <Row label="Informed">{roleNames(raci.data, entry.informed)}</Row>
            </Table.Tbody>
          </Table>
          <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.ismsRoles)} size="sm">
            Roles and the whole RACI matrix
          </Anchor>
        </Stack>
      )}
    </QueryState>
  );
}

function NotApplicable({ activity }: { activity: RoadmapActivity }) {
  const { org, role } = useCurrentOrg();
  const canManage = processPolicy.can({ role }, "manage");
  const { mark, clear } = useNotApplicable(org.id, activity.id);
  const [editing, setEditing] = useState(false);
  const [justification, setJustification] = useState("");
  const decided = activity.notApplicable;

  return (
    <Stack gap="sm">
      <Switch
        label="This activity does not apply to the organization"
        checked={decided !== null || editing}
        disabled={!canManage || clear.isPending}
        onChange={(event) => {
          if (event.currentTarget.checked) setEditing(true);
          else if (decided)
            clear.mutate(undefined, {
              onSuccess: () => notifications.show({ color: "teal", message: `${activity.id} applies again.` }),
              onError: (error) => notifications.show({ color: "red", title: "Could not change it", message: errorMessage(error) }),
            });
          else setEditing(false);
        }}
      />
      {decided && (
        <Text size="sm">
          <strong>Justification:</strong> {decided.justification}
        </Text>
      )}
      {!decided && editing && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            mark.mutate(
              { justification },
              {
                onSuccess: () => {
                  setEditing(false);
                  setJustification("");
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <Textarea
              label="Justification"
              description="Why the activity does not apply; auditors read it"
              required
              autosize
              minRows={2}
              value={justification}
              onChange={(e) => setJustification(e.currentTarget.value)}
              error={fieldErrors(mark.error).justification}
            />
            <FormError error={mark.error} title="Could not mark it not applicable" />
            <Group>
              <Button type="submit" loading={mark.isPending}>
                Mark not applicable
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {!canManage && !decided && (
        <Text size="sm" c="dimmed">
          The activity applies. An ISMS manager or administrator can mark it not applicable, with a justification.
        </Text>
      )}
    </Stack>
  );
}
