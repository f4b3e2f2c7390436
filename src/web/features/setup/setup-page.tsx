import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { authEndpoints, SetupBodySchema } from "../../../contracts/auth";
import { call, fieldErrors, parseWith, validationError } from "../../app/api-client";
import { AuthCard } from "../../components/auth-card";
import { FormError } from "../../components/form-error";
import { formValues } from "../../components/format";
import { adoptSession } from "../auth/session";
import { SETUP_KEY, type SetupStatus } from "./setup-status";

/** First run: no user exists yet, so whoever opens the app creates the instance's first administrator. */
export function SetupPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const setup = useMutation({
    mutationFn: ({ confirmPassword, ...values }: Record<string, string>) => {
      const body = parseWith(SetupBodySchema, values);
      if (confirmPassword !== values.password)
        throw validationError([{ field: "confirmPassword", message: "does not match the password" }]);
      return call(authEndpoints.setup, { body }, { anonymous: true });
    },
    onSuccess: (info) => {
      adoptSession(queryClient, info);
      queryClient.setQueryData<SetupStatus>(SETUP_KEY, { needsSetup: false });
      navigate("/", { replace: true });
    },
  });
  const errors = fieldErrors(setup.error);

  return (
    <AuthCard
      title="Create the first administrator"
      description="Welcome. This instance has no users yet. The account you create now administers the instance: it manages user accounts and can create organizations."
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setup.mutate(formValues(event.currentTarget));
        }}
      >
        <Stack>
          <TextInput name="displayName" label="Your name" autoComplete="name" required error={errors.displayName} />
          <TextInput name="email" type="email" label="Email" autoComplete="email" required error={errors.email} />
          <PasswordInput
            name="password"
            label="Password"
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
          <FormError error={setup.error} />
          <Button type="submit" loading={setup.isPending}>
            Create administrator
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
