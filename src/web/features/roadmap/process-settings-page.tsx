import { Alert, Button, FileInput, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { CURRENCIES, formatMoney, LOCALES } from "../../../core/money/money";
import { ApiError, errorMessage } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { ConfirmButton } from "../../components/confirm-button";
import { FormError, SaveError } from "../../components/form-error";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { BackupDownload, orgBackupHref } from "../admin/backup-download";
import { useUpdateOrg } from "../orgs/org-api";
import {
  useCatalog,
  useDecideSod,
  useProcessSettings,
  useProposeSod,
  useResetCatalog,
  useSaveProcessSettings,
  useUploadCatalog,
} from "./roadmap-api";

export function ProcessSettingsPage() {
  return (
    <>
      <PageHeader
        title="Process settings"
        description="How the organization runs its ISMS implementation: who may decide approvals, and which process catalog the roadmap follows."
      />
      <Stack gap="xl" maw={880}>
        <OrganizationSettings />
        <SeparationOfDuties />
        <CatalogSettings />
      </Stack>
    </>
  );
}

/** The organization's name, and the currency and locale every money field, the Monte Carlo views and the documents use. */
function OrganizationSettings() {
  const { org, role } = useCurrentOrg();
  const update = useUpdateOrg(org.id);
  const [values, setValues] = useState({ name: org.name, currency: org.currency, locale: org.locale });
  const canEdit = role === "admin";
  const currencies = CURRENCIES.includes(values.currency as never) ? CURRENCIES : [values.currency, ...CURRENCIES];
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="org-settings-title">
      <Title order={2} size="h4" id="org-settings-title" mb="sm">
        Organization
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate(
            { ...values, version: org.version },
            { onSuccess: () => notifications.show({ color: "teal", message: "The organization's settings are saved." }) },
          );
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            readOnly={!canEdit}
            value={values.name}
            onChange={(e) => setValues((v) => ({ ...v, name: e.currentTarget.value }))}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label="Currency"
              description="The default of every money field, the Monte Carlo views and the documents"
              disabled={!canEdit}
              data={currencies.map((c) => ({ value: c, label: c }))}
              value={values.currency}
              onChange={(e) => setValues((v) => ({ ...v, currency: e.currentTarget.value }))}
            />
            <NativeSelect
              label="Number format"
              description={`Amounts are typed and shown this way: ${formatMoney(12500, values.currency, values.locale)}`}
              disabled={!canEdit}
              data={LOCALES.map((l) => ({ value: l.value, label: l.label }))}
              value={values.locale}
              onChange={(e) => setValues((v) => ({ ...v, locale: e.currentTarget.value }))}
            />
          </Group>
          {canEdit && (
            <Group>
              <Button type="submit" loading={update.isPending}>
                Save organization settings
              </Button>
            </Group>
          )}
          <SaveError error={update.error} what="the organization's settings" />
        </Stack>
      </form>
      {canEdit && (
        <Group mt="md" align="center">
          <BackupDownload href={orgBackupHref(org.id)} variant="default">
            Download backup
          </BackupDownload>
          <Text size="sm" c="dimmed">
            Everything of this organization in one file; an instance administrator restores it.
          </Text>
        </Group>
      )}
    </Paper>
  );
}

function SeparationOfDuties() {
  const { org, role } = useCurrentOrg();
  const settings = useProcessSettings(org.id);
  const save = useSaveProcessSettings(org.id);
  const propose = useProposeSod(org.id);
  const decide = useDecideSod(org.id);
  const [reason, setReason] = useState("");
  const pending = settings.data?.pendingChange ?? null;
  const canManage = role === "admin" || role === "isms_manager";
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="sod-title">
      <Title order={2} size="h4" id="sod-title" mb="sm">
        Approvals
      </Title>
      <QueryState isPending={settings.isPending} error={settings.error}>
        {settings.data && (
          <Stack gap="sm">
            <Text size="sm">
              Separation of duties is <strong>{settings.data.separationOfDuties ? "on" : "off"}</strong>: the person who requested an
              approval {settings.data.separationOfDuties ? "may not" : "may"} decide it. Turning it off needs an approver's decision;
              turning it on takes effect at once.
            </Text>
            {pending ? (
              <Alert color="yellow" variant="light" title="A change is waiting for an approver" role="status">
                <Stack gap="xs">
                  <Text size="sm">
                    {pending.proposedBy.name ?? "A former member"} proposed on {formatDateTime(pending.proposedAt)} to turn separation of
                    duties {pending.separationOfDuties ? "on" : "off"}: “{pending.reason}”
                  </Text>
                  {role === "approver" && (
                    <Group>
                      <Button
                        size="xs"
                        loading={decide.isPending}
                        onClick={() => decide.mutate({ id: pending.id, decision: "approve", version: pending.version })}
                      >
                        Approve the change
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        loading={decide.isPending}
                        onClick={() => decide.mutate({ id: pending.id, decision: "reject", version: pending.version })}
                      >
                        Reject
                      </Button>
                    </Group>
                  )}
                  <SaveError error={decide.error} what="the decision" />
                </Stack>
              </Alert>
            ) : settings.data.separationOfDuties ? (
              canManage && (
                <form
                  noValidate
                  onSubmit={(event) => {
                    event.preventDefault();
                    propose.mutate({ separationOfDuties: false, reason }, { onSuccess: () => setReason("") });
                  }}
                >
                  <Stack gap="xs">
                    <TextInput
                      label="Reason for turning it off"
                      description="An approver other than you decides; until then the setting stays on."
                      value={reason}
                      onChange={(event) => setReason(event.currentTarget.value)}
                    />
                    <Group>
                      <Button type="submit" variant="default" loading={propose.isPending}>
                        Propose turning it off
                      </Button>
                    </Group>
                    <SaveError error={propose.error} what="the proposal" />
                  </Stack>
                </form>
              )
            ) : (
              canManage && (
                <Group>
                  <Button
                    loading={save.isPending}
                    onClick={() =>
                      save.mutate(
                        { separationOfDuties: true, version: settings.data.version },
                        { onSuccess: () => notifications.show({ color: "teal", message: "Separation of duties is on." }) },
                      )
                    }
                  >
                    Turn separation of duties on
                  </Button>
                </Group>
              )
            )}
            <SaveError error={save.error} what="the setting" />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

const FORMATS: Record<string, "yaml" | "json"> = { yaml: "yaml", yml: "yaml", json: "json" };

/** Each problem the server found in an uploaded catalog, or its one message when it has no list. */
function catalogProblems(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.problem.errors?.map((e) => e.message) ?? [];
}

function CatalogSettings() {
  const { org } = useCurrentOrg();
  const catalog = useCatalog(org.id);
  const upload = useUploadCatalog(org.id);
  const reset = useResetCatalog(org.id);
  const [file, setFile] = useState<File | null>(null);
  const problems = catalogProblems(upload.error);
  const info = catalog.data?.info;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="catalog-title">
      <Title order={2} size="h4" id="catalog-title" mb="sm">
        Process catalog
      </Title>
      <QueryState isPending={catalog.isPending} error={catalog.error}>
        {info && (
          <Stack gap="md">
            <Text size="sm">
              The roadmap follows <strong>{info.title}</strong> (catalog “{info.id}”, version {info.version}),{" "}
              {info.custom
                ? `your organization's own file, uploaded ${formatDateTime(info.uploadedAt)}.`
                : "the catalog shipped with ISMS Workbench."}
            </Text>
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                if (!file) return;
                const format = FORMATS[file.name.split(".").pop()?.toLowerCase() ?? ""] ?? "yaml";
                void file.text().then((source) =>
                  upload.mutate(
                    { format, source },
                    {
                      onSuccess: (uploaded) => {
                        setFile(null);
                        notifications.show({ color: "teal", message: `The roadmap now follows ${uploaded.title} (${uploaded.version}).` });
                      },
                    },
                  ),
                );
              }}
            >
              <Stack gap="sm">
                <FileInput
                  label="Upload your own catalog"
                  description="A YAML or JSON file shaped like the shipped catalog. It is checked in full before it replaces the current one."
                  accept=".yaml,.yml,.json"
                  value={file}
                  onChange={setFile}
                  clearable
                />
                {problems.length > 0 ? (
                  <Alert
                    color="red"
                    variant="light"
                    title={`The catalog was refused: ${problems.length} ${problems.length === 1 ? "problem" : "problems"}`}
                    role="alert"
                  >
                    <List size="sm" spacing={4}>
                      {problems.map((problem) => (
                        <List.Item key={problem}>{problem}</List.Item>
                      ))}
                    </List>
                  </Alert>
                ) : (
                  <FormError error={upload.error} title="The catalog was refused" />
                )}
                <Group>
                  <Button type="submit" disabled={!file} loading={upload.isPending}>
                    Upload catalog
                  </Button>
                  {info.custom && (
                    <ConfirmButton
                      size="sm"
                      variant="default"
                      color="gray"
                      title="Go back to the shipped catalog?"
                      message="The roadmap follows the catalog that ships with ISMS Workbench again. Your registers stay as they are."
                      loading={reset.isPending}
                      onConfirm={() =>
                        reset.mutate(undefined, {
                          onSuccess: () => notifications.show({ color: "teal", message: "The roadmap follows the shipped catalog again." }),
                          onError: (error) =>
                            notifications.show({ color: "red", title: "Could not reset the catalog", message: errorMessage(error) }),
                        })
                      }
                    >
                      Reset to the shipped catalog
                    </ConfirmButton>
                  )}
                </Group>
              </Stack>
            </form>
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
