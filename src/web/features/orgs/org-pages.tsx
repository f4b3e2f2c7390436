import { Button, Divider, Paper, Stack, Text, Title } from "@mantine/core";
import { Navigate, useNavigate } from "react-router";
import { DEMO_SUMMARY } from "../../../contracts/demo";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { FormError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { CreateOrgForm } from "./create-org-form";
import { lastOrg, useCreateDemo, useOrgs } from "./org-api";

/** The start page: the organization last worked in, or a first organization to create. */
export function HomePage() {
  const orgs = useOrgs();
  const items = orgs.data ?? [];
  const target = items.find((o) => o.id === lastOrg.get()) ?? items[0];
  return (
    <QueryState isPending={orgs.isPending} error={orgs.error}>
      {target ? (
        <Navigate to={`/orgs/${target.id}`} replace />
      ) : (
        <Paper withBorder radius="md" p="xl" maw={640}>
          <Stack>
            <Title order={1} size="h2">
              Start with your organization
            </Title>
            <Text c="dimmed">
              You are not a member of any organization yet. Create one to start building its information security management system, or ask
              an administrator of an existing one to invite you.
            </Text>
            <CreateOrgForm />
            <Divider label="or" labelPosition="center" />
            <DemoButton />
          </Stack>
        </Paper>
      )}
    </QueryState>
  );
}

function DemoButton() {
  const demo = useCreateDemo();
  const navigate = useNavigate();
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        Not ready yet? Look around {DEMO_SUMMARY}. You are its administrator; asking again opens the same one.
      </Text>
      <Button
        variant="light"
        style={{ alignSelf: "flex-start" }}
        loading={demo.isPending}
        onClick={() => demo.mutate(undefined, { onSuccess: ({ orgId }) => navigate(orgHref(orgId, ORG_PATHS.roadmap)) })}
      >
        Explore a demo organization
      </Button>
      <FormError error={demo.error} title="Could not create the demo" />
    </Stack>
  );
}

export function CreateOrgPage() {
  return (
    <>
      <PageHeader
        title="Create an organization"
        description="Each organization has its own ISMS, members and audit trail. You can belong to several."
      />
      <Paper withBorder radius="md" p="lg" maw={640}>
        <Stack>
          <CreateOrgForm />
          <Divider label="or" labelPosition="center" />
          {/* Offered whether or not the user already has organizations. */}
          <DemoButton />
        </Stack>
      </Paper>
    </>
  );
}
