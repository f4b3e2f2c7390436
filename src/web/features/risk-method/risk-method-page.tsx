import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import type { RiskMethodVersion } from "../../../contracts/risk-method";
import { approvalPolicy, processPolicy } from "../../../core/access/policies";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError } from "../../components/form-error";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useScrollToHash } from "../../components/use-scroll-to-hash";
import { MethodEditor, MethodWarnings } from "./method-editor";
import { AuthoritiesTable, MethodView } from "./method-view";
import { type RiskMethodOverview, useMethodMutations, useRiskMethod } from "./risk-method-api";

const STATUS_COLORS: Record<RiskMethodVersion["status"], string> = { draft: "yellow", approved: "teal", superseded: "gray" };

function statusLine(version: RiskMethodVersion): string {
  if (version.status === "draft") return `Version ${version.number} · draft, not approved yet`;
  const by = version.approvedBy ? ` by ${version.approvedBy}` : "";
  return `Version ${version.number} · approved${by} on ${formatDateTime(version.approvedAt)}${version.status === "superseded" ? " · superseded" : ""}`;
}

/** Activity 8.2: how risks are rated and when they are acceptable, versioned and approved by top management. */
export function RiskMethodPage() {
  const { org, role } = useCurrentOrg();
  const overview = useRiskMethod(org.id);
  const canManage = processPolicy.can({ role }, "manage");
  const canApprove = approvalPolicy.can({ role }, "decide");
  const { start } = useMethodMutations(org.id);
  useScrollToHash();
  const draft = overview.data?.draft ?? null;

  return (
    <>
      <PageHeader
        title="Risk method"
        description="Activity 8.2: the likelihood and impact scales, the risk matrix, and the acceptance criteria (who may accept a residual risk at each level, and for how long). Each risk keeps the method version that scored it; approving a new version flags risks scored with an older one for re-scoring."
        actions={
          canManage &&
          overview.data &&
          !draft && (
            <Button loading={start.isPending} onClick={() => start.mutate(null)}>
              {overview.data.inForce ? "Start a new version" : "Start from the shipped 5 × 5 method"}
            </Button>
          )
        }
      />
      <FormError error={start.error} title="Could not start a new version" />
      <QueryState isPending={overview.isPending} error={overview.error}>
        {overview.data && <MethodOverview overview={overview.data} canManage={canManage} canApprove={canApprove} orgId={org.id} />}
      </QueryState>
    </>
  );
}

function MethodOverview({
  overview,
  canManage,
  canApprove,
  orgId,
}: {
  overview: RiskMethodOverview;
  canManage: boolean;
  canApprove: boolean;
  orgId: string;
}) {
  const { inForce, draft, approved } = overview;
  // While nothing is approved, the draft is the method in force: shown once, as the draft.
  const approvedInForce = approved ? inForce : null;
  if (!inForce && !draft) {
    return (
      <Paper withBorder radius="md" p="lg" id="risk-method" tabIndex={-1}>
        <Text size="sm">
          No risk method yet.{" "}
          {canManage
            ? "Start from the shipped 5 × 5 method, adapt its scales, matrix and acceptance criteria to the organization, then have top management approve it."
            : "The ISMS manager starts one; top management approves it."}{" "}
          Scoring the first risk also starts a draft from the shipped method.
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="xl" maw={1300}>
      {approvedInForce && (
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="method-in-force-title" id="risk-method" tabIndex={-1}>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="method-in-force-title">
              Method in force
            </Title>
            <Badge color="teal" variant="light">
              Approved
            </Badge>
          </Group>
          <Text size="sm" mb="xs">
            {statusLine(approvedInForce)}
            {approvedInForce.approvalComment ? ` · “${approvedInForce.approvalComment}”` : ""}
          </Text>
          <Text size="sm" c="dimmed" mb="md">
            {approvedInForce.risksScored} risk(s) scored with this version.
          </Text>
          <MethodView method={approvedInForce.definition} idPrefix="In force:" />
        </Paper>
      )}
      {draft && <DraftSection draft={draft} orgId={orgId} canManage={canManage} canApprove={canApprove} anchor={!approvedInForce} />}
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="authorities-title">
        <Title order={2} size="h4" id="authorities-title" mb="xs">
          Who decides
        </Title>
        <Text size="sm" mb="md">
          The acceptance criteria name an authority for each level; these member roles count as it (each member&apos;s role is set on the
          Members roles). A higher authority may always decide for a lower one. The risk&apos;s owner approves its treatment plan.
        </Text>
        <AuthoritiesTable label="Who counts as each acceptance authority" />
      </Paper>
      <Versions overview={overview} />
    </Stack>
  );
}

function DraftSection({
  draft,
  orgId,
  canManage,
  canApprove,
  anchor,
}: {
  draft: RiskMethodVersion;
  orgId: string;
  canManage: boolean;
  canApprove: boolean;
  anchor: boolean;
}) {
  const { save, approve } = useMethodMutations(orgId);
  const [comment, setComment] = useState("");
  const frozen = draft.risksScored > 0;
  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      component="section"
      aria-labelledby="method-draft-title"
      id={anchor ? "risk-method" : "risk-method-draft"}
      tabIndex={-1}
    >
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="method-draft-title">
          Draft version {draft.number}
        </Title>
        <Badge color="yellow" variant="light">
          Not approved
        </Badge>
      </Group>
      <Text size="sm" mb="xs">
        {anchor
          ? "No version is approved yet: risks are scored with this draft, but no decision can be taken on them until top management approves the method."
          : "Once approved, it replaces the method in force."}
        {draft.note ? ` Note: ${draft.note}` : ""}
      </Text>
      {frozen && (
        <Alert color="blue" variant="light" mb="md">
          This draft has scored {draft.risksScored} risk(s), so it can no longer change: changing it would change what their scores mean.
          Approve it, then start a new version to change the method.
        </Alert>
      )}
      <Stack gap="md">
        <MethodWarnings warnings={draft.warnings} />
        {canManage && !frozen ? (
          <MethodEditor
            key={`${draft.id}:${draft.version}`}
            draft={draft}
            pending={save.isPending}
            error={save.error}
            onSave={(definition, note) =>
              save.mutate(
                { draft, definition, note },
                // A stale save refreshes the draft; the editor then starts again from what is stored.
                { onSuccess: () => save.reset() },
              )
            }
          />
        ) : (
          <MethodView method={draft.definition} idPrefix="Draft:" />
        )}
        {canApprove && (
          <Paper withBorder p="md" radius="md" component="section" aria-label={`Approve version ${draft.number}`}>
            <Stack gap="xs">
              <Text size="sm">
                Approving makes version {draft.number} the method in force: its acceptance criteria then decide who accepts each residual
                risk.
              </Text>
              <Textarea
                label="Comment on your approval"
                autosize
                minRows={2}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
              />
              <FormError error={approve.error} title="Could not approve" />
              <Group justify="flex-end">
                <Button
                  color="teal"
                  loading={approve.isPending}
                  onClick={() => approve.mutate({ draft, comment: comment.trim() === "" ? null : comment.trim() })}
                >
                  Approve version {draft.number}
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
        {!canApprove && (
          <Text size="sm" c="dimmed">
            Top management (the approver role) approves the method.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function Versions({ overview }: { overview: RiskMethodOverview }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="method-versions-title">
      <Title order={2} size="h4" id="method-versions-title" mb="md">
        Versions
      </Title>
      <Table withTableBorder verticalSpacing={4} aria-label="Risk method versions" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Approved</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.versions.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>{v.number}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={STATUS_COLORS[v.status]}>
                  {v.status}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDateTime(v.approvedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
