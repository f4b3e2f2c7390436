import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Navigate, useSearchParams } from "react-router";
import { authEndpoints, LoginBodySchema } from "../../../contracts/auth";
import { call, fieldErrors, parseWith } from "../../app/api-client";
import { AuthCard } from "../../components/auth-card";
import { FormError } from "../../components/form-error";
import { formValues } from "../../components/format";
import { adoptSession, useSession } from "./session";

/** Only paths inside the app are followed after sign-in, so a crafted link cannot send anyone elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !/^\/[\\/]/.test(next) ? next : "/";
}

export function LoginPage() {
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const session = useSession();
  const login = useMutation({
    mutationFn: (values: Record<string, string>) =>
      call(authEndpoints.login, { body: parseWith(LoginBodySchema, values) }, { anonymous: true }),
    // With the session adopted, this page re-renders and redirects below.
    onSuccess: (info) => adoptSession(queryClient, info),
  });
  const errors = fieldErrors(login.error);

  if (session.data) return <Navigate to={next} replace />;

  return (
    <AuthCard title="Sign in">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          login.mutate(formValues(event.currentTarget));
        }}
      >
        <Stack>
          <TextInput name="email" type="email" label="Email" autoComplete="username" required error={errors.email} />
          <PasswordInput name="password" label="Password" autoComplete="current-password" required error={errors.password} />
          <FormError error={login.error} title="Could not sign in" />
          <Button type="submit" loading={login.isPending}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
