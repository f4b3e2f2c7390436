import { Alert, Anchor, Box, Button, Group, List, Paper, Progress, RingProgress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { Fragment, type ReactNode } from "react";
import { Link } from "react-router";
import type { Roadmap } from "../../../contracts/process";
import { approvalPolicy } from "../../../core/access/policies";
import type { ProcessCatalog } from "../../../core/process/catalog";
import { activityHref, ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { InboxPanel } from "../inbox/inbox-panel";
import { linkTarget } from "./register-links";
import { type RoadmapActivity, useCatalog, useRoadmap } from "./roadmap-api";
import { checklistProgress, GateBadge, presentStatus, StatusBadge, unsatisfiedPrerequisites } from "./status";

const PHASE_MIN_WIDTH = 190;
/** Below this width (Mantine's "sm") the phases are stacked as cards instead of side by side. */
const PHONE = "(max-width: 48em)";

export function RoadmapPage() {
  const { org } = useCurrentOrg();
  const roadmap = useRoadmap(org.id);
  const catalog = useCatalog(org.id);
  return (
    <>
      <PageHeader
        title="Roadmap"
        description={
          roadmap.data
            ? `${roadmap.data.catalog.title} (catalog ${roadmap.data.catalog.version}${roadmap.data.catalog.custom ? ", your organization's own" : ""}). Each activity's status is worked out from what is recorded in the registers, never typed in.`
            : undefined
        }
        actions={
          <Button variant="default" component={Link} to={orgHref(org.id, ORG_PATHS.checklist)}>
            Printable checklist
          </Button>
        }
      />
      <QueryState isPending={roadmap.isPending || catalog.isPending} error={roadmap.error ?? catalog.error}>
        {roadmap.data && catalog.data && <RoadmapView roadmap={roadmap.data} catalog={catalog.data.catalog} />}
      </QueryState>
    </>
  );
}

function RoadmapView({ roadmap, catalog }: { roadmap: Roadmap; catalog: ProcessCatalog }) {
  const prerequisites = new Map(catalog.activities.map((a) => [a.id, a.prerequisites]));
  const phone = useMediaQuery(PHONE);
  const phaseColumn = (phase: Roadmap["phases"][number]): ReactNode => (
    <Stack gap="sm" component="section" aria-labelledby={`phase-${phase.id}`}>
      <Stack gap={6}>
        <Title order={2} size="h5" id={`phase-${phase.id}`}>
          {phase.id} · {phase.title}
        </Title>
        <Progress value={phase.percent} aria-label={`${phase.id} progress`} color="teal" />
        <Text size="xs" c="dimmed">
          {phase.done} of {phase.total} done ({phase.percent}%)
        </Text>
      </Stack>
      {roadmap.activities
        .filter((a) => a.phase === phase.id)
        .map((activity) => (
          <ActivityCard
            key={activity.id}
            activity={activity}
            waitingFor={unsatisfiedPrerequisites(prerequisites.get(activity.id) ?? [], roadmap.activities)}
          />
        ))}
    </Stack>
  );
  return (
    <Stack gap="lg">
      <InboxPanel />
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <OverallProgress roadmap={roadmap} />
        <NextSteps roadmap={roadmap} />
        <CriticalPath roadmap={roadmap} />
      </SimpleGrid>
      <Alert color="blue" variant="light" title="Work in any order" id="roadmap-order">
        Every activity's pages accept data at any time, so you can start wherever you have the information. The order below only decides
        when an activity counts as done: one that waits for an earlier activity or an approval says so, and keeps what you record.
      </Alert>
      {phone ? (
        // A phone has no room for the phases side by side: each phase is a card, stacked in order, and nothing scrolls sideways.
        <Stack gap="md">
          {roadmap.phases.map((phase) => (
            <Paper key={phase.id} withBorder radius="md" p="sm">
              {phaseColumn(phase)}
            </Paper>
          ))}
        </Stack>
      ) : (
        // Phases stay side by side, in order, like the process itself; a narrower screen scrolls them sideways.
        <Box tabIndex={0} role="region" aria-label="Phases" style={{ overflowX: "auto" }} pb="xs">
          <SimpleGrid cols={roadmap.phases.length} miw={roadmap.phases.length * PHASE_MIN_WIDTH} spacing="md">
            {roadmap.phases.map((phase) => (
              <Fragment key={phase.id}>{phaseColumn(phase)}</Fragment>
            ))}
          </SimpleGrid>
        </Box>
      )}
    </Stack>
  );
}

function OverallProgress({ roadmap }: { roadmap: Roadmap }) {
  const { overall } = roadmap;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="overall-title">
      <Title order={2} size="h5" id="overall-title" mb="xs">
        Overall progress
      </Title>
      <Group wrap="nowrap">
        <RingProgress
          size={96}
          thickness={10}
          roundCaps={overall.percent > 0}
          sections={[{ value: overall.percent, color: "teal" }]}
          label={
            <Text ta="center" fw={700}>
              {overall.percent}%
            </Text>
          }
          aria-hidden
        />
        <Text size="sm">
          {overall.done} of {overall.total} activities done ({overall.percent}%). Done means complete, approved where a gate asks for it, or
          not applicable.
        </Text>
      </Group>
    </Paper>
  );
}

/**
 * What the engine says can be worked on, the gates that wait for someone to ask for approval,
 * and the gates that wait for a decision: top management's next step, which the engine's
 * "next actions" (work on registers) never lists.
 */
function NextSteps({ roadmap }: { roadmap: Roadmap }) {
  const { org, role } = useCurrentOrg();
  const decides = approvalPolicy.can({ role }, "decide");
  const approvals = roadmap.activities.filter((a) => a.status === "complete" && a.gate && a.gate.state !== "pending");
  const pending = roadmap.activities.filter((a) => a.gate?.state === "pending");
  const empty = roadmap.nextActions.length === 0 && approvals.length === 0 && pending.length === 0;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="next-steps-title">
      <Title order={2} size="h5" id="next-steps-title" mb="xs">
        Next steps
      </Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          Nothing is waiting to be recorded: every activity that can count as done now is done.
        </Text>
      ) : (
        <List spacing="xs" size="sm" listStyleType="none">
          {pending.map((activity) => (
            <List.Item key={activity.id}>
              <Anchor component={Link} to={activityHref(org.id, activity.id)} fw={600} size="sm">
                {activity.id} {activity.title}
              </Anchor>
              <Text size="sm">
                {decides
                  ? `Awaits your decision at gate ${activity.gate?.id}: review it, then approve or reject.`
                  : `Awaits top management's decision at gate ${activity.gate?.id}.`}
              </Text>
            </List.Item>
          ))}
          {approvals.map((activity) => (
            <List.Item key={activity.id}>
              <Anchor component={Link} to={activityHref(org.id, activity.id)} fw={600} size="sm">
                {activity.id} {activity.title}
              </Anchor>
              <Text size="sm">
                {activity.gate?.state === "stale"
                  ? `Its approval at gate ${activity.gate.id} is stale: ask for approval again.`
                  : `Complete: ask for approval at gate ${activity.gate?.id}.`}
              </Text>
            </List.Item>
          ))}
          {roadmap.nextActions.map((action) => {
            const target = linkTarget(org.id, action.link);
            return (
              <List.Item key={action.id}>
                <Anchor component={Link} to={activityHref(org.id, action.id)} fw={600} size="sm">
                  {action.id} {action.title}
                </Anchor>
                <Text size="sm">{action.message}</Text>
                {target && (
                  <Anchor component={Link} to={target.href} size="sm">
                    Enter it in {target.page}
                  </Anchor>
                )}
              </List.Item>
            );
          })}
        </List>
      )}
    </Paper>
  );
}

function CriticalPath({ roadmap }: { roadmap: Roadmap }) {
  const { org } = useCurrentOrg();
  const { activities, totalDays } = roadmap.criticalPath;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="critical-path-title">
      <Title order={2} size="h5" id="critical-path-title" mb="xs">
        Critical path
      </Title>
      {activities.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing is left on the way to the final plan.
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm">
            About <strong>{totalDays} days</strong> of work remain along the longest chain of unfinished activities:
          </Text>
          <Text size="sm">
            {activities.map((id, index) => (
              <Fragment key={id}>
                {index > 0 && " → "}
                <Anchor component={Link} to={activityHref(org.id, id)} size="sm">
                  {id}
                </Anchor>
              </Fragment>
            ))}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}

function ActivityCard({ activity, waitingFor }: { activity: RoadmapActivity; waitingFor: RoadmapActivity[] }) {
  const { org } = useCurrentOrg();
  const presented = presentStatus(activity, waitingFor);
  const { done, total } = checklistProgress(activity);
  const titleId = `activity-${activity.id}`;
  // A card that waits is not greyed out as if disabled: it keeps the page's background and a dashed edge.
  const finished = ["complete", "approved", "not_applicable"].includes(activity.status);
  const reason = activity.reasons[0];
  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      component="article"
      aria-labelledby={titleId}
      bg={finished ? `var(--mantine-color-${presented.color}-light)` : undefined}
      style={{ borderLeft: `4px ${presented.waiting ? "dashed" : "solid"} var(--mantine-color-${presented.color}-filled)` }}
    >
      <Stack gap={6}>
        <Anchor component={Link} to={activityHref(org.id, activity.id)} id={titleId} fw={600} size="sm" c="var(--mantine-color-text)">
          {activity.id} {activity.title}
        </Anchor>
        <Group gap={6}>
          <StatusBadge presented={presented} size="sm" />
          {activity.gate && <GateBadge gate={activity.gate} size="sm" />}
        </Group>
        {total > 0 && activity.status !== "not_applicable" && (
          <Stack gap={2}>
            <Progress value={(done / total) * 100} size="sm" color={presented.color} aria-label={`${activity.id} checklist`} />
            <Text size="xs" c="dimmed">
              Checklist: {done} of {total} done
            </Text>
          </Stack>
        )}
        {presented.action && (
          <Text size="xs" fw={600} c="var(--mantine-color-text)">
            {presented.action}
          </Text>
        )}
        {reason && (
          <Text size="xs" c="dimmed" lineClamp={4}>
            {reason}
          </Text>
        )}
        {activity.warnings.map((warning) => (
          <Text key={warning.message} size="xs" c="orange.9" fw={600} role="note">
            ⚠ {warning.message}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
