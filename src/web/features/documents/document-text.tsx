import { Alert, Button, Group, List, Paper, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { DocumentItem, DocumentVersion } from "../../../contracts/documents";
import { sectionTemplate } from "../../../core/documents/documents";
import { fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError, SaveError } from "../../components/form-error";
import { formatDateTime } from "../../components/format";
import { Markdown } from "../../components/markdown";
import { QueryState } from "../../components/query-state";
import { StatusBadge } from "./document-versions";
import { useApprovalState, useApproveVersion } from "./documents-api";
import { useDocumentVersion, useDraftActions } from "./policy-api";

/** The type's template sections first, in its order, with their guidance; then those the authors added. */
export function sectionsOf(document: DocumentItem, version: DocumentVersion) {
  const template = sectionTemplate(document.type);
  const stored = new Map(version.sections.map((s) => [s.key, s]));
  return [
    ...template.map((t) => ({ ...t, title: stored.get(t.key)?.title ?? t.title, markdown: stored.get(t.key)?.markdown ?? "" })),
    ...version.sections.filter((s) => !template.some((t) => t.key === s.key)).map((s) => ({ ...s, guidance: "", required: false })),
  ];
}

export type DraftActions = ReturnType<typeof useDraftActions>;

/** The newest version of a register document: written while a draft, then submitted, approved by its approver, revised as a new draft. */
export function DocumentText({ document, canEdit, canDecide }: { document: DocumentItem; canEdit: boolean; canDecide: boolean }) {
  const { org } = useCurrentOrg();
  const number = document.latestVersion.number;
  const version = useDocumentVersion(org.id, document.id, number);
  const actions = useDraftActions(org.id, document.id);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="document-text-title" id="document-text" tabIndex={-1}>
      <Group justify="space-between" align="flex-start" mb="md">
        <Title order={2} size="h4" id="document-text-title">
          Version {number}
        </Title>
        <StatusBadge status={document.latestVersion.status} />
      </Group>
      <QueryState isPending={version.isPending} error={version.error}>
        {version.data &&
          (version.data.status === "draft" && canEdit && document.status !== "retired" ? (
            <DraftForm key={version.data.version} document={document} draft={version.data} actions={actions} />
          ) : (
            <ReadOnlyVersion document={document} version={version.data} actions={actions} canEdit={canEdit} canDecide={canDecide} />
          ))}
      </QueryState>
    </Paper>
  );
}

/** A draft's sections with their guidance, the change summary, save and submit (also the ISMS policy page's editor). */
export function DraftForm({ document, draft, actions }: { document: DocumentItem; draft: DocumentVersion; actions: DraftActions }) {
  const { save, submit } = actions;
  const sections = sectionsOf(document, draft);
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(sections.map((s) => [s.key, s.markdown])));
  const [changeSummary, setChangeSummary] = useState(draft.changeSummary ?? "");
  const errors = fieldErrors(submit.error ?? save.error);
  const change = () => ({
    sections: sections.map((s) => ({ key: s.key, title: s.title, markdown: texts[s.key] ?? "" })),
    changeSummary: changeSummary.trim() || null,
  });
  return (
    <form
      noValidate
      aria-label={`Draft of version ${draft.number}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit.reset();
        save.mutate({ draft, change: change() }, { onSuccess: () => notifications.show({ color: "teal", message: "Draft saved." }) });
      }}
    >
      <Stack>
        {draft.missingSections.length > 0 && (
          <Text size="sm" c="dimmed">
            Still to write before it can be submitted: {draft.missingSections.map((s) => s.title).join(", ")}.
          </Text>
        )}
        {sections.length === 0 && (
          <Text size="sm" c="dimmed">
            Documents of this type have no fixed sections.
          </Text>
        )}
        {sections.map((section) => (
          <Textarea
            key={section.key}
            id={`document-section-${section.key}`}
            label={section.title}
            description={section.guidance || undefined}
            required={section.required}
            autosize
            minRows={3}
            maxRows={20}
            value={texts[section.key] ?? ""}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setTexts((t) => ({ ...t, [section.key]: text }));
            }}
            error={errors[`sections.${section.key}`]}
          />
        ))}
        <TextInput
          label="Change summary"
          description="What this version changes, for the change history"
          value={changeSummary}
          onChange={(e) => setChangeSummary(e.currentTarget.value)}
        />
        {submit.error ? <FormError error={submit.error} title="Not submitted" /> : <SaveError error={save.error} what="the draft" />}
        <Group>
          <Button type="submit" variant="default" loading={save.isPending}>
            Save draft
          </Button>
          <Button
            loading={submit.isPending}
            onClick={() => {
              save.reset();
              submit.mutate(
                { draft, change: change() },
                { onSuccess: () => notifications.show({ color: "teal", message: "Submitted for review." }) },
              );
            }}
          >
            Submit for review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReadOnlyVersion({
  document,
  version,
  actions,
  canEdit,
  canDecide,
}: {
  document: DocumentItem;
  version: DocumentVersion;
  actions: DraftActions;
  canEdit: boolean;
  canDecide: boolean;
}) {
  const { org } = useCurrentOrg();
  const { withdraw, newDraft } = actions;
  const approve = useApproveVersion(org.id, document.id);
  const [comment, setComment] = useState("");
  const isIsmsPolicy = document.type === "isms_policy";
  return (
    <Stack>
      {version.status === "in_review" && (
        <Alert color="blue" variant="light" title="In review">
          Submitted {formatDateTime(version.submittedAt)} by {version.author.name ?? "—"}.{" "}
          {isIsmsPolicy
            ? "Top management decides on it at gate G2."
            : "Its approver decides on it; the approval binds this exact text and the document's control data."}
        </Alert>
      )}
      {sectionsOf(document, version)
        .filter((s) => s.markdown.trim() !== "")
        .map((s) => (
          <Markdown key={s.key} source={`# ${s.title}\n\n${s.markdown}`} label={s.title} />
        ))}
      <FormError error={withdraw.error ?? newDraft.error} />
      {version.status === "in_review" && canDecide && !isIsmsPolicy && (
        <form
          noValidate
          aria-label={`Approve version ${version.number}`}
          onSubmit={(event) => {
            event.preventDefault();
            approve.mutate(
              { version, comment: comment.trim() || null },
              { onSuccess: () => notifications.show({ color: "teal", message: `Version ${version.number} approved.` }) },
            );
          }}
        >
          <Stack gap="xs" maw={560}>
            <TextInput label="Approval comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
            <FormError error={approve.error} title="Not approved" />
            <Group>
              <Button type="submit" color="green" loading={approve.isPending}>
                Approve version {version.number}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {canEdit && version.status === "in_review" && (
        <Group>
          <Button variant="default" loading={withdraw.isPending} onClick={() => withdraw.mutate(version)}>
            Withdraw to edit
          </Button>
        </Group>
      )}
      {canEdit && version.status === "approved" && document.status !== "retired" && (
        <Group>
          <Button variant="light" loading={newDraft.isPending} onClick={() => newDraft.mutate(null)}>
            Start a new draft
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Whether the approval in force still holds; when the bound content changed, what changed, by section or field. */
export function ApprovalStatus({ document }: { document: DocumentItem }) {
  const { org } = useCurrentOrg();
  const state = useApprovalState(org.id, document.id);
  if (!state.data || state.data.state === "none") return null;
  if (state.data.state === "valid")
    return (
      <Alert color="green" variant="light" title={`Version ${state.data.approvedVersion} is approved and in force`}>
        Approved by {document.approvedVersion?.approvedBy?.name ?? "—"} on {formatDateTime(document.approvedVersion?.approvedAt)}; the
        approval still matches the content.
      </Alert>
    );
  return (
    <Alert color="orange" variant="light" role="alert" title={`The approval of version ${state.data.approvedVersion} is stale`}>
      The content it approved has changed since:
      <List size="sm" mt={4}>
        {state.data.changes.map((c) => (
          <List.Item key={c.path}>{c.description}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
