import { Paper, Stack, Text, Title } from "@mantine/core";
import { Navigate } from "react-router";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { CreateOrgForm } from "./create-org-form";
import { lastOrg, useOrgs } from "./org-api";

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
          </Stack>
        </Paper>
      )}
    </QueryState>
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
        <CreateOrgForm />
      </Paper>
    </>
  );
}
