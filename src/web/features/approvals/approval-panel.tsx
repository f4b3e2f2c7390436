import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { Approval } from "../../../contracts/approvals";
import { approvalPolicy } from "../../../core/access/policies";
import { ApiError, fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { ChangesTable } from "../../components/changes-table";
import { FormError } from "../../components/form-error";
import { formatDateTime } from "../../components/format";
import { QueryState } from "../../components/query-state";
import { useCurrentUser } from "../auth/session";
import type { RoadmapActivity } from "../roadmap/roadmap-api";
import { useProcessSettings } from "../roadmap/roadmap-api";
import { GateBadge } from "../roadmap/status";
import { type Decision, type GateArtifact, useApprovalHistory, useDecide, useGate, useRequestApproval, useRevoke } from "./approval-api";
import { WhoDecides } from "./who-decides";

const STATUS_COLORS: Record<Approval["status"], string> = { pending: "blue", approved: "green", rejected: "red", revoked: "red" };

/** A blank comment is no comment. */
const comment = (text: string) => text.trim() || null;

interface ApprovalPanelProps {
  activity: RoadmapActivity;
  gate: { id: string; title: string | undefined };
}

/** Management approval of a gated activity: its state, what changed since it was approved, the request, the decision and the history. */
export function ApprovalPanel({ activity, gate }: ApprovalPanelProps) {
  const { org } = useCurrentOrg();
  const artifact = useGate(org.id, gate.id);
  const unavailable = artifact.error instanceof ApiError && artifact.error.problem.type.endsWith("/gate-unavailable");
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="approval-title">
      <Group justify="space-between" align="flex-start" mb="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id="approval-title">
            Management approval ({gate.id})
          </Title>
          {gate.title && (
            <Text size="sm" c="dimmed">
              {gate.title}
            </Text>
          )}
        </Stack>
        {activity.gate && <GateBadge gate={activity.gate} />}
      </Group>
      {unavailable ? (
        <Alert color="gray" variant="light" title="Not available yet">
          The registers this gate approves are not in the app yet. Approval can be requested once they are.
        </Alert>
      ) : (
        <QueryState isPending={artifact.isPending} error={artifact.error}>
          {artifact.data && <GateDetails activity={activity} artifact={artifact.data} />}
        </QueryState>
      )}
    </Paper>
  );
}

function GateDetails({ activity, artifact }: { activity: RoadmapActivity; artifact: GateArtifact }) {
  const { role } = useCurrentOrg();
  const latest = artifact.latest;
  const stale = activity.gate?.state === "stale";
  return (
    <Stack gap="lg">
      {stale && (
        <Alert color="orange" variant="light" title="Approval is stale" role="alert">
          <Stack gap="sm">
            <Text size="sm">
              What management approved at gate {artifact.gateId} has changed since. Activities that depend on it wait until it is approved
              again. These fields differ from the approved version:
            </Text>
            <ChangesTable changes={artifact.changes} label={`Changes since gate ${artifact.gateId} was approved`} />
          </Stack>
        </Alert>
      )}
      {latest?.status === "pending" && <PendingRequest approval={latest} />}
      {approvalPolicy.can({ role }, "request") && latest?.status !== "pending" && <RequestForm activity={activity} artifact={artifact} />}
      {latest?.status === "approved" && approvalPolicy.can({ role }, "revoke") && <RevokeForm approval={latest} />}
      <History gateId={artifact.gateId} />
    </Stack>
  );
}

/** Why a request cannot be made now, or null when it can. */
function requestBlocker(activity: RoadmapActivity, artifact: GateArtifact): string | null {
  if (activity.gate?.state === "approved") return "The gate is approved and nothing changed since: there is nothing new to approve.";
  if (!artifact.ready) {
    const reasons = activity.reasons.filter((r) => !r.startsWith(`Gate ${artifact.gateId}`));
    return `The activity is not complete yet${reasons.length ? `: ${reasons.join(" ")}` : "."}`;
  }
  return null;
}

function RequestForm({ activity, artifact }: { activity: RoadmapActivity; artifact: GateArtifact }) {
  const { org } = useCurrentOrg();
  const request = useRequestApproval(org.id, artifact.gateId);
  const [text, setText] = useState("");
  const blocker = requestBlocker(activity, artifact);
  return (
    <form
      noValidate
      aria-labelledby="request-title"
      onSubmit={(event) => {
        event.preventDefault();
        request.mutate(
          { comment: comment(text) },
          {
            onSuccess: () => {
              setText("");
              notifications.show({ color: "teal", message: `Approval requested at gate ${artifact.gateId}.` });
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id="request-title">
          Ask for approval
        </Title>
        <Textarea
          label="Note to the approvers"
          description="Optional: what to look at, what changed since a previous request"
          autosize
          minRows={2}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={fieldErrors(request.error).comment}
          disabled={blocker !== null}
        />
        <FormError error={request.error} title="The request was refused" />
        <Group>
          <Button
            type="submit"
            loading={request.isPending}
            disabled={blocker !== null}
            aria-describedby={blocker ? "request-blocker" : undefined}
          >
            Request approval
          </Button>
          {blocker && (
            <Text size="sm" c="dimmed" id="request-blocker" maw={640}>
              {blocker}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function PendingRequest({ approval }: { approval: Approval }) {
  const { org, role } = useCurrentOrg();
  const me = useCurrentUser();
  const sod = useProcessSettings(org.id).data?.separationOfDuties ?? true;
  const decide = useDecide(org.id);
  const [text, setText] = useState("");
  const send = (decision: Decision) =>
    decide.mutate(
      { approval, decision, values: { comment: comment(text) } },
      {
        onSuccess: () =>
          notifications.show({ color: "teal", message: `Gate ${approval.gateId} ${decision === "approve" ? "approved" : "rejected"}.` }),
      },
    );
  return (
    <Stack gap="sm" component="section" aria-labelledby="pending-title">
      <Title order={3} size="h5" id="pending-title">
        Awaiting a decision
      </Title>
      <Text size="sm">
        Requested by {approval.requestedBy.name ?? "a former member"} on {formatDateTime(approval.requestedAt)}.
        {approval.requestComment && ` Note: “${approval.requestComment}”`}
      </Text>
      {approvalPolicy.can({ role }, "decide") && !(approval.requestedBy.id === me.id && sod) ? (
        <>
          <Textarea
            label="Comment on your decision"
            description="Recorded with the decision; optional"
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fieldErrors(decide.error).comment}
          />
          <FormError error={decide.error} title="The decision was refused" />
          <Group>
            <Button color="green" loading={decide.isPending && decide.variables.decision === "approve"} onClick={() => send("approve")}>
              Approve
            </Button>
            <Button
              color="red"
              variant="light"
              loading={decide.isPending && decide.variables.decision === "reject"}
              onClick={() => send("reject")}
            >
              Reject
            </Button>
          </Group>
        </>
      ) : (
        <WhoDecides approval={approval} />
      )}
    </Stack>
  );
}

function RevokeForm({ approval }: { approval: Approval }) {
  const { org } = useCurrentOrg();
  const revoke = useRevoke(org.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) {
    return (
      <Group>
        <Button variant="light" color="red" onClick={() => setOpen(true)}>
          Revoke approval
        </Button>
      </Group>
    );
  }
  return (
    <form
      noValidate
      aria-labelledby="revoke-title"
      onSubmit={(event) => {
        event.preventDefault();
        revoke.mutate(
          { approval, values: { reason } },
          {
            onSuccess: () => {
              setOpen(false);
              notifications.show({ color: "teal", message: `The approval at gate ${approval.gateId} was revoked.` });
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id="revoke-title">
          Revoke the approval
        </Title>
        <Textarea
          label="Reason"
          description="Everyone sees why the approval no longer holds"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldErrors(revoke.error).reason}
          data-autofocus
        />
        <FormError error={revoke.error} title="Could not revoke" />
        <Group>
          <Button type="submit" color="red" loading={revoke.isPending}>
            Revoke approval
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function History({ gateId }: { gateId: string }) {
  const { org } = useCurrentOrg();
  const history = useApprovalHistory(org.id, gateId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="history-title">
      <Title order={3} size="h5" id="history-title">
        Requests and decisions
      </Title>
      <QueryState isPending={history.isPending} error={history.error}>
        {history.data?.items.length ? (
          <Table.ScrollContainer minWidth={720}>
            <Table withTableBorder striped verticalSpacing="xs" fz="sm" aria-label={`Approval history of gate ${gateId}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Requested</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Decision</Table.Th>
                  <Table.Th>Revoked</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.items.map((approval) => (
                  <Table.Tr key={approval.id}>
                    <Table.Td>
                      {formatDateTime(approval.requestedAt)} by {approval.requestedBy.name ?? "a former member"}
                      {approval.requestComment && <Text size="xs">“{approval.requestComment}”</Text>}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge variant="light" color={STATUS_COLORS[approval.status]}>
                          {approval.status}
                        </Badge>
                        {approval.stale && (
                          <Badge variant="filled" color="orange">
                            stale
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {approval.decidedBy
                        ? `${formatDateTime(approval.decidedAt)} by ${approval.decidedBy.name ?? "a former member"}`
                        : "—"}
                      {approval.decisionComment && <Text size="xs">“{approval.decisionComment}”</Text>}
                      {approval.separationOfDutiesOff && (
                        <Badge variant="light" color="orange" size="sm" mt={4}>
                          approved while separation of duties was off
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {approval.revokedAt ? formatDateTime(approval.revokedAt) : "—"}
                      {approval.revokeReason && <Text size="xs">“{approval.revokeReason}”</Text>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text size="sm" c="dimmed">
            Approval has not been requested yet.
          </Text>
        )}
      </QueryState>
    </Stack>
  );
}
