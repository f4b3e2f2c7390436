import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { DisplayNameSchema, PasswordSchema } from "../../../contracts/common";
import { AcceptInviteBodySchema, inviteEndpoints } from "../../../contracts/invites";
import { ROLE_LABELS } from "../../../core/access/roles";
import { call, errorMessage, fieldErrors, parseWith, validationError } from "../../app/api-client";
import { AuthCard } from "../../components/auth-card";
import { FormError } from "../../components/form-error";
import { formatDateTime, formValues } from "../../components/format";
import { QueryState } from "../../components/query-state";
import { adoptSession } from "../auth/session";
import { type InviteInfo, useInviteInfo } from "./invite-api";

export function AcceptInvitePage() {
  const { token = "" } = useParams();
  const info = useInviteInfo(token);

  if (info.error) {
    return (
      <AuthCard title="This invitation link doesn't work">
        <Alert color="orange" variant="light" role="alert">
          {errorMessage(info.error)}
        </Alert>
        <Anchor component={Link} to="/login">
          Go to sign-in
        </Anchor>
      </AuthCard>
    );
  }
  return (
    <QueryState isPending={info.isPending} error={null}>
      {info.data && <AcceptForm token={token} invite={info.data} />}
    </QueryState>
  );
}

/** A new account gets the rules the server applies when it creates one; an existing one just needs its password. */
const NewAccountBodySchema = AcceptInviteBodySchema.extend({ password: PasswordSchema, displayName: DisplayNameSchema });

function AcceptForm({ token, invite }: { token: string; invite: InviteInfo }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const accept = useMutation({
    mutationFn: ({ confirmPassword, ...values }: Record<string, string>) => {
      const body = parseWith(invite.accountExists ? AcceptInviteBodySchema : NewAccountBodySchema, values);
      if (!invite.accountExists && confirmPassword !== values.password) {
        throw validationError([{ field: "confirmPassword", message: "does not match the password" }]);
      }
      return call(inviteEndpoints.accept, { params: { token }, body }, { anonymous: true });
    },
    onSuccess: (session) => {
      adoptSession(queryClient, session);
      navigate(`/orgs/${session.orgId}`, { replace: true });
    },
  });
  const errors = fieldErrors(accept.error);

  return (
    <AuthCard
      title={`Join ${invite.orgName}`}
      description={
        <>
          You are invited to join <strong>{invite.orgName}</strong> as <strong>{ROLE_LABELS[invite.role]}</strong>. The invitation expires
          on {formatDateTime(invite.expiresAt)}.
        </>
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          accept.mutate(formValues(event.currentTarget));
        }}
      >
        <Stack>
          <TextInput label="Email" value={invite.email} readOnly description="The invitation is for this address." />
          {invite.accountExists ? (
            <>
              <Text size="sm">You already have an account. Enter its password to accept.</Text>
              <PasswordInput name="password" label="Password" autoComplete="current-password" required error={errors.password} />
            </>
          ) : (
            <>
              <TextInput name="displayName" label="Your name" autoComplete="name" required error={errors.displayName} />
              <PasswordInput
                name="password"
                label="Choose a password"
                description="At least 12 characters"
                autoComplete="new-password"
                required
                error={errors.password}
              />
              <PasswordInput
                name="confirmPassword"
                label="Confirm password"
                autoComplete="new-password"
                required
                error={errors.confirmPassword}
              />
            </>
          )}
          <FormError error={accept.error} title="Could not accept the invitation" />
          <Button type="submit" loading={accept.isPending}>
            {invite.accountExists ? "Accept and sign in" : "Create account and join"}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
