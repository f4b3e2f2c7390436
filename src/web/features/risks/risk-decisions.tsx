import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import type { RiskDecision, RiskDetail } from "../../../contracts/risks";
import type { Role } from "../../../core/access/roles";
import { addMonths, mayDecideAt, mayRevoke } from "../../../core/risk/decisions";
import { ChangesTable } from "../../components/changes-table";
import { FormError } from "../../components/form-error";
import { formatDateTime, formatDay } from "../../components/format";
import { AUTHORITY_WORDS, DECISION_STATE } from "./risk-labels";
import { useRiskMutations } from "./risks-api";

const KIND_WORDS: Record<RiskDecision["kind"], string> = { treatment: "Treatment plan approval", acceptance: "Residual risk acceptance" };

const mayAccept = (authority: string | null, role: Role | null, isOwner: boolean) => mayDecideAt(authority, { role, isOwner });

/** The longest expiry the method allows (a year when it sets no limit), counted as the server counts it. */
const defaultExpiry = (maxMonths: number | null) => addMonths(new Date().toISOString().slice(0, 10), Math.min(maxMonths ?? 12, 12));

interface PanelProps {
  risk: RiskDetail;
  orgId: string;
  role: Role | null;
  userId: string;
  methodApproved: boolean;
}

/**
 * The risk owner's approval of the treatment plan and the acceptance of the residual risk by
 * the authority the method names. Each decision freezes the risk; a later change of scores,
 * controls or treatment makes it stale, and the fields that changed are listed.
 */
export function DecisionsPanel({ risk, orgId, role, userId, methodApproved }: PanelProps) {
  const { decide } = useRiskMutations(orgId);
  const isOwner = risk.owner?.id === userId;
  const canAccept = role !== "auditor" && mayAccept(risk.acceptance.authority, role, isOwner);
  const [justification, setJustification] = useState("");
  const [treatmentNote, setTreatmentNote] = useState("");
  const [expiresOn, setExpiresOn] = useState(() => defaultExpiry(risk.acceptance.maxMonths));
  const blocked = !methodApproved
    ? "Decisions are taken once top management has approved the risk method."
    : risk.rescoreNeeded
      ? "This risk was scored with an earlier method version: re-score it before deciding on it."
      : risk.status === "closed"
        ? "The risk is closed."
        : null;
  const { acceptance } = risk;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="risk-decisions-title" id="risk-decisions">
      <Title order={2} size="h4" id="risk-decisions-title" mb="md">
        Decisions
      </Title>
      {blocked && (
        <Alert color="blue" variant="light" mb="md">
          {blocked}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="sm" component="section" aria-label="Treatment plan approval">
          <Title order={3} size="h5">
            Treatment plan approval
          </Title>
          <Text size="sm">The risk owner ({risk.owner?.name ?? "not named yet"}) approves the treatment plan.</Text>
          {risk.treatmentApproval ? (
            <DecisionCard decision={risk.treatmentApproval} riskId={risk.id} orgId={orgId} role={role} userId={userId} />
          ) : (
            <Text size="sm" c="dimmed">
              Not approved yet.
            </Text>
          )}
          {isOwner && !blocked && risk.treatment && risk.treatmentApproval?.state !== "valid" && (
            <Stack gap="xs">
              <Textarea
                label="Why you approve the treatment plan"
                autosize
                minRows={2}
                value={treatmentNote}
                onChange={(e) => setTreatmentNote(e.currentTarget.value)}
              />
              <FormError error={decide.variables?.kind === "treatment" ? decide.error : null} title="Could not approve the plan" />
              <Group>
                <Button
                  loading={decide.isPending && decide.variables?.kind === "treatment"}
                  onClick={() =>
                    decide.mutate(
                      { riskId: risk.id, kind: "treatment", justification: treatmentNote, expiresOn: null },
                      { onSuccess: () => setTreatmentNote("") },
                    )
                  }
                >
                  Approve treatment plan
                </Button>
              </Group>
            </Stack>
          )}
          {!risk.treatment && (
            <Text size="sm" c="dimmed">
              Choose a treatment first.
            </Text>
          )}
        </Stack>

        <Stack gap="sm" component="section" aria-label="Residual risk acceptance">
          <Title order={3} size="h5">
            Residual risk acceptance
          </Title>
          <Text size="sm">
            {acceptance.needed
              ? `Needed: the remaining level is above the method's threshold. It is accepted by ${AUTHORITY_WORDS[acceptance.authority ?? ""] ?? acceptance.authority}${acceptance.maxMonths !== null ? `, for at most ${acceptance.maxMonths} months` : ""}.`
              : "Not needed: the remaining level is within the method's threshold (it may still be accepted explicitly)."}
          </Text>
          {risk.acceptanceDecision ? (
            <DecisionCard decision={risk.acceptanceDecision} riskId={risk.id} orgId={orgId} role={role} userId={userId} />
          ) : (
            <Text size="sm" c="dimmed">
              Not accepted yet.
            </Text>
          )}
          {canAccept && !blocked && acceptance.authority && risk.acceptanceDecision?.state !== "valid" && (
            <Stack gap="xs">
              <Textarea
                label="Acceptance justification"
                autosize
                minRows={2}
                value={justification}
                onChange={(e) => setJustification(e.currentTarget.value)}
              />
              <TextInput
                type="date"
                label="Acceptance expires on"
                description={acceptance.maxMonths !== null ? `At most ${acceptance.maxMonths} months from today` : undefined}
                maw={240}
                value={expiresOn}
                onChange={(e) => setExpiresOn(e.currentTarget.value)}
              />
              <FormError error={decide.variables?.kind === "acceptance" ? decide.error : null} title="Could not accept the risk" />
              <Group>
                <Button
                  color="teal"
                  loading={decide.isPending && decide.variables?.kind === "acceptance"}
                  onClick={() =>
                    decide.mutate(
                      { riskId: risk.id, kind: "acceptance", justification, expiresOn: expiresOn || null },
                      { onSuccess: () => setJustification("") },
                    )
                  }
                >
                  Accept residual risk
                </Button>
              </Group>
            </Stack>
          )}
          {!canAccept && acceptance.needed && (
            <Text size="sm" c="dimmed">
              You cannot accept this risk: the method reserves it to {AUTHORITY_WORDS[acceptance.authority ?? ""] ?? acceptance.authority}.
            </Text>
          )}
        </Stack>
      </SimpleGrid>
      <History history={risk.history} />
    </Paper>
  );
}

function DecisionCard({
  decision,
  riskId,
  orgId,
  role,
  userId,
}: {
  decision: RiskDecision;
  riskId: string;
  orgId: string;
  role: Role | null;
  userId: string;
}) {
  const state = DECISION_STATE[decision.state];
  const label = KIND_WORDS[decision.kind];
  return (
    <Paper withBorder p="sm" radius="sm" component="article" aria-label={`${label}: ${state.label.toLowerCase()}`}>
      <Group justify="space-between" mb={4}>
        <Badge color={state.color} variant="light">
          {state.label}
        </Badge>
        {decision.state !== "revoked" && mayRevoke(decision.decidedById, { userId, role }) && (
          <RevokeButton decision={decision} riskId={riskId} orgId={orgId} label={label} />
        )}
      </Group>
      <Text size="sm">
        By {decision.decidedBy} on {formatDateTime(decision.decidedAt)}
        {decision.expiresOn ? `, until ${formatDay(decision.expiresOn)}` : ""}.
      </Text>
      <Text size="sm" c="dimmed">
        “{decision.justification}”
      </Text>
      {decision.state === "stale" && (
        <Stack gap={4} mt="xs">
          <Text size="sm" c="orange.8">
            The risk changed after this decision, so it no longer holds: it has to be taken again.
          </Text>
          <ChangesTable changes={decision.changes} label={`Changes since the ${label.toLowerCase()}`} />
        </Stack>
      )}
      {decision.state === "expired" && (
        <Text size="sm" c="red.8" mt={4}>
          The acceptance ran out on {formatDay(decision.expiresOn)}: it has to be renewed.
        </Text>
      )}
      {decision.state === "revoked" && (
        <Text size="sm" mt={4}>
          Revoked by {decision.revokedBy} on {formatDateTime(decision.revokedAt)}: {decision.revokeReason}
        </Text>
      )}
    </Paper>
  );
}

function RevokeButton({ decision, riskId, orgId, label }: { decision: RiskDecision; riskId: string; orgId: string; label: string }) {
  const { revoke } = useRiskMutations(orgId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const close = () => {
    setOpen(false);
    revoke.reset();
  };
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={() => setOpen(true)} aria-label={`Revoke the ${label.toLowerCase()}`}>
        Revoke
      </Button>
      <Modal opened={open} onClose={close} title={`Revoke the ${label.toLowerCase()}`} centered>
        <Stack>
          <Textarea label="Reason" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <FormError error={revoke.error} title="Could not revoke" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate({ riskId, decisionId: decision.id, reason }, { onSuccess: close })}
            >
              Revoke
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function History({ history }: { history: RiskDecision[] }) {
  return (
    <Stack gap="xs" mt="lg">
      <Title order={3} size="h5">
        History
      </Title>
      {history.length === 0 ? (
        <Text size="sm" c="dimmed">
          No decision has been taken on this risk.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder verticalSpacing={4} aria-label="Decision history" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Decision</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>On</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Justification</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{KIND_WORDS[d.kind]}</Table.Td>
                  <Table.Td>{d.decidedBy}</Table.Td>
                  <Table.Td>{formatDateTime(d.decidedAt)}</Table.Td>
                  <Table.Td>{formatDay(d.expiresOn)}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={DECISION_STATE[d.state].color}>
                      {DECISION_STATE[d.state].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {d.justification}
                    {d.revokeReason ? ` (revoked: ${d.revokeReason})` : ""}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
