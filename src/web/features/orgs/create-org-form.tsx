import { Button, Stack, TextInput } from "@mantine/core";
import { useNavigate } from "react-router";
import { fieldErrors } from "../../app/api-client";
import { FormError } from "../../components/form-error";
import { formValues } from "../../components/format";
import { useCreateOrg } from "./org-api";

export function CreateOrgForm() {
  const navigate = useNavigate();
  const create = useCreateOrg();
  const errors = fieldErrors(create.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(formValues(event.currentTarget), { onSuccess: (org) => navigate(`/orgs/${org.id}`) });
      }}
    >
      <Stack>
        <TextInput
          name="name"
          label="Organization name"
          description="The company or unit whose ISMS you are building. You become its administrator."
          required
          error={errors.name}
        />
        <FormError error={create.error} />
        <Button type="submit" loading={create.isPending} style={{ alignSelf: "flex-start" }}>
          Create organization
        </Button>
      </Stack>
    </form>
  );
}
