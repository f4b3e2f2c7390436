import { Alert, Button, Group, List, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import type { Approval } from "../../../contracts/approvals";
import { invitePolicy } from "../../../core/access/policies";
import { fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError } from "../../components/form-error";
import { formatDateTime } from "../../components/format";
import { OneTimeSecret } from "../../components/one-time-secret";
import { useCurrentUser } from "../auth/session";
import { type CreatedInvite, useCreateInvite } from "../invites/invite-api";
import { useMembers } from "../members/member-api";
import { useProcessSettings } from "../roadmap/roadmap-api";

/**
 * Who can decide a pending approval, and a way forward when nobody can yet (issue 11, item 1):
 * the members with the approver role by name, why the requester may not decide it themselves
 * (separation of duties), and for an administrator an invitation of an approver right here,
 * with the link to copy and send.
 */
export function WhoDecides({ approval }: { approval: Approval }) {
  const { org, role } = useCurrentOrg();
  const me = useCurrentUser();
  const approvers = useMembers(org.id, { q: "", role: "approver" }, undefined);
  const settings = useProcessSettings(org.id);
  const sod = settings.data?.separationOfDuties ?? true;
  const requestedByMe = approval.requestedBy.id === me.id;
  const others = (approvers.data?.items ?? []).filter((m) => !m.disabled && !(sod && m.userId === approval.requestedBy.id));
  const canInvite = invitePolicy.can({ role }, "manage");
  return (
    <Stack gap="xs" aria-label="Who decides">
      {approvers.isPending ? null : others.length > 0 ? (
        <>
          <Text size="sm">{others.length === 1 ? "This member can decide it:" : `These ${others.length} members can decide it:`}</Text>
          <List size="sm">
            {others.map((m) => (
              <List.Item key={m.userId}>
                {m.displayName} ({m.email})
              </List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text size="sm" fw={500}>
          Nobody can decide it yet: no{sod ? " other" : ""} member holds the approver role.
        </Text>
      )}
      {sod && (
        <Text size="sm">
          {requestedByMe
            ? "You asked for this approval, so you cannot decide it yourself"
            : "Whoever asked for an approval cannot decide it"}
          : separation of duties is on, so that top management's decision is a second person's judgement, not the requester confirming their
          own work. {others.length === 0 && (canInvite ? "Invite an approver below." : "Ask an administrator to invite an approver.")}
        </Text>
      )}
      {canInvite && <InviteApprover />}
    </Stack>
  );
}

function InviteApprover() {
  const { org } = useCurrentOrg();
  const create = useCreateInvite(org.id);
  const [email, setEmail] = useState("");
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  if (created)
    return (
      <OneTimeSecret
        title={`Invitation for ${created.email}`}
        label="Invitation link"
        value={window.location.origin + created.path}
        onDismiss={() => setCreated(null)}
      >
        Send this link to {created.email}. It is shown only now, works once, and expires on {formatDateTime(created.expiresAt)}. Whoever
        opens it joins as an approver and finds this approval waiting in their inbox.
      </OneTimeSecret>
    );
  return (
    <form
      noValidate
      aria-label="Invite an approver"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          { email, role: "approver", expiresInHours: 72 },
          {
            onSuccess: (invite) => {
              setCreated(invite);
              setEmail("");
            },
          },
        );
      }}
    >
      <Group align="flex-end">
        <TextInput
          label="Approver's email"
          description="Top management, or whoever decides the gates"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldErrors(create.error).email}
          w={320}
        />
        <Button type="submit" variant="light" loading={create.isPending}>
          Invite an approver
        </Button>
      </Group>
      {create.error && !fieldErrors(create.error).email && (
        <Alert color="red" variant="light" mt="xs">
          <FormError error={create.error} title="Could not create the invitation" />
        </Alert>
      )}
    </form>
  );
}
