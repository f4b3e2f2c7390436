import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router";
import type { DocumentItem, DocumentVersion } from "../../../contracts/documents";
import { registerPolicy } from "../../../core/access/policies";
import { CLASSIFICATIONS } from "../../../core/documents/documents";
import { fieldErrors } from "../../app/api-client";
import { activityHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError, SaveError } from "../../components/form-error";
import { formatDateTime, formatDay } from "../../components/format";
import { Markdown } from "../../components/markdown";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { type DraftActions, DraftForm, sectionsOf } from "../documents/document-text";
import { StatusBadge, VersionHistory } from "../documents/document-versions";
import { type FieldSpec, Fields, initialState, toInput } from "../registers/fields";
import { useCreatePolicy, useDocumentVersion, useDraftActions, useIsmsPolicy, useRetireDocument, useUpdateDocument } from "./policy-api";

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const CONTROL_FIELDS: FieldSpec[] = [
  { name: "identifier", label: "Identifier", required: true, description: "The document's reference, such as POL-001" },
  { name: "title", label: "Title", required: true },
  { name: "owner", label: "Owner", required: true, description: "Who keeps the policy current and brings it to review" },
  {
    name: "classification",
    label: "Classification",
    kind: "select",
    options: CLASSIFICATIONS.map((c) => ({ value: c, label: capitalised(c) })),
  },
  { name: "nextReviewDate", label: "Next review", kind: "date", required: true },
];

/** Activity 6.6: the ISMS policy under document control, written section by section and approved at gate G2. */
export function PolicyPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const policy = useIsmsPolicy(org.id);
  return (
    <>
      <PageHeader
        title="ISMS policy"
        description="Activity 6.6: the organization's top-level information security policy, written in the sections of the policy template. Submit it for review when every required section is written; top management approves it at gate G2 on the activity's page."
      />
      <Stack gap="xl" maw={1100}>
        <QueryState isPending={policy.isPending} error={policy.error}>
          {policy.data ? (
            <>
              <DocumentControl document={policy.data} canEdit={canEdit} />
              <SectionEditor
                // Each save moves the version on; the editor stays mounted through them so a refusal stays on screen.
                key={policy.data.latestVersion.number}
                document={policy.data}
                canEdit={canEdit}
              />
              <VersionHistory document={policy.data} />
            </>
          ) : canEdit ? (
            <CreatePolicy />
          ) : (
            <Text c="dimmed">The ISMS policy has not been created yet.</Text>
          )}
        </QueryState>
      </Stack>
    </>
  );
}

function CreatePolicy() {
  const { org } = useCurrentOrg();
  const create = useCreatePolicy(org.id);
  const [values, setValues] = useState(() =>
    initialState(CONTROL_FIELDS, { identifier: "POL-001", title: "Information security policy", classification: "internal" }),
  );
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="isms-policy-title" id="isms-policy" tabIndex={-1}>
      <Title order={2} size="h4" id="isms-policy-title" mb="md">
        Create the ISMS policy
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(toInput(CONTROL_FIELDS, values), {
            onSuccess: () => notifications.show({ color: "teal", message: "ISMS policy created." }),
          });
        }}
      >
        <Stack maw={560}>
          <Fields
            fields={CONTROL_FIELDS}
            values={values}
            onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
            errors={fieldErrors(create.error)}
            idPrefix="policy"
          />
          <FormError error={create.error} title="Could not create the policy" />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create policy
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

type ControlMode = "view" | "edit" | "retire";

function DocumentControl({ document, canEdit }: { document: DocumentItem; canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const [mode, setMode] = useState<ControlMode>("view");
  const update = useUpdateDocument(org.id);
  const retired = document.status === "retired";
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="document-control-title">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={2} size="h4" id="document-control-title">
          {document.identifier} {document.title}
        </Title>
        <Group gap="xs">
          <StatusBadge status={document.status} />
          {canEdit && !retired && mode === "view" && (
            <>
              <Button size="xs" variant="light" onClick={() => setMode("edit")}>
                Edit details
              </Button>
              <Button size="xs" variant="subtle" color="red" onClick={() => setMode("retire")}>
                Retire policy
              </Button>
            </>
          )}
        </Group>
      </Group>
      {retired && (
        <Alert color="gray" title="Retired" mb="sm" maw={640}>
          {`Withdrawn${document.retiredAt ? ` ${formatDateTime(document.retiredAt)}` : ""}${document.retireReason ? `: ${document.retireReason.replace(/\.$/, "")}` : ""}. No version is in force.`}
        </Alert>
      )}
      {mode === "edit" ? (
        <ControlForm
          // Remounted when the stored document changes (a save, or someone else's), so the form shows what is stored.
          key={document.version}
          document={document}
          update={update}
          onDone={() => {
            update.reset();
            setMode("view");
          }}
        />
      ) : (
        <Table fz="sm" aria-label="Document control" maw={640}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>Owner</Table.Th>
              <Table.Td>{document.owner}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Classification</Table.Th>
              <Table.Td>{capitalised(document.classification)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Next review</Table.Th>
              <Table.Td>{formatDay(document.nextReviewDate)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Version in force</Table.Th>
              <Table.Td>
                {document.approvedVersion ? document.approvedVersion.number : retired ? "None: retired" : "None approved yet"}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      {mode === "retire" && <RetireForm document={document} onDone={() => setMode("view")} />}
      {!retired && (
        <Anchor component={Link} to={activityHref(org.id, "6.6")} size="sm" mt="sm" display="inline-block">
          Request or decide approval (gate G2) on activity 6.6
        </Anchor>
      )}
    </Paper>
  );
}

/** The document's control data; its text and versions are edited below, not here. */
function ControlForm({
  document,
  update,
  onDone,
}: {
  document: DocumentItem;
  update: ReturnType<typeof useUpdateDocument>;
  onDone: () => void;
}) {
  const [values, setValues] = useState(() => initialState(CONTROL_FIELDS, document));
  return (
    <form
      noValidate
      aria-label="Document control data"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(
          { document, values: toInput(CONTROL_FIELDS, values) },
          {
            onSuccess: () => {
              notifications.show({ color: "teal", message: "Document control data saved." });
              onDone();
            },
          },
        );
      }}
    >
      <Stack maw={560}>
        <Fields
          fields={CONTROL_FIELDS}
          values={values}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
          errors={fieldErrors(update.error)}
          idPrefix="policy-control"
        />
        <SaveError error={update.error} what="the document control data" />
        <Group>
          <Button type="submit" loading={update.isPending}>
            Save details
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RetireForm({ document, onDone }: { document: DocumentItem; onDone: () => void }) {
  const { org } = useCurrentOrg();
  const retire = useRetireDocument(org.id);
  const [reason, setReason] = useState("");
  return (
    <form
      noValidate
      aria-label="Retire the policy"
      onSubmit={(event) => {
        event.preventDefault();
        retire.mutate(
          { document, reason: reason.trim() || null },
          {
            onSuccess: () => {
              notifications.show({ color: "teal", message: "The policy is retired." });
              onDone();
            },
          },
        );
      }}
    >
      <Stack maw={560} mt="md">
        <Alert color="red" variant="light">
          Retiring withdraws the policy: the approved version leaves force, an open draft is abandoned, and gate G2 is no longer met.
        </Alert>
        <Textarea
          label="Reason"
          description="Why the policy is withdrawn"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <FormError error={retire.error} title="Could not retire the policy" />
        <Group>
          <Button type="submit" color="red" loading={retire.isPending}>
            Retire
          </Button>
          <Button variant="default" onClick={onDone}>
            Keep the policy
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SectionEditor({ document, canEdit }: { document: DocumentItem; canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const number = document.latestVersion.number;
  const version = useDocumentVersion(org.id, document.id, number);
  const actions = useDraftActions(org.id, document.id);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="isms-policy-title" id="isms-policy" tabIndex={-1}>
      <Group justify="space-between" align="flex-start" mb="md">
        <Title order={2} size="h4" id="isms-policy-title">
          Version {number}
        </Title>
        <StatusBadge status={document.latestVersion.status} />
      </Group>
      <QueryState isPending={version.isPending} error={version.error}>
        {version.data &&
          (version.data.status === "draft" && canEdit ? (
            // Remounted at each version, so it shows what is stored after a save or someone else's change.
            <DraftForm key={version.data.version} document={document} draft={version.data} actions={actions} />
          ) : (
            <ReadOnlyVersion document={document} version={version.data} actions={actions} canEdit={canEdit} />
          ))}
      </QueryState>
    </Paper>
  );
}

function ReadOnlyVersion({
  document,
  version,
  actions,
  canEdit,
}: {
  document: DocumentItem;
  version: DocumentVersion;
  actions: DraftActions;
  canEdit: boolean;
}) {
  const { withdraw, newDraft } = actions;
  return (
    <Stack>
      {version.status === "in_review" && (
        <Alert color="blue" variant="light" title="In review">
          Submitted {formatDateTime(version.submittedAt)}. Top management decides on it at gate G2; withdraw it to change the text.
        </Alert>
      )}
      {sectionsOf(document, version)
        .filter((s) => s.markdown.trim() !== "")
        .map((s) => (
          <Markdown key={s.key} source={`# ${s.title}\n\n${s.markdown}`} label={s.title} />
        ))}
      <FormError error={withdraw.error ?? newDraft.error} />
      {canEdit && version.status === "in_review" && (
        <Group>
          <Button variant="default" loading={withdraw.isPending} onClick={() => withdraw.mutate(version)}>
            Withdraw to edit
          </Button>
        </Group>
      )}
      {canEdit && version.status === "approved" && (
        <Group>
          <Button variant="light" loading={newDraft.isPending} onClick={() => newDraft.mutate(null)}>
            Start a new draft
          </Button>
        </Group>
      )}
    </Stack>
  );
}
