import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { type DocumentItem, DocumentUpdateSchema } from "../../../contracts/documents";
import { approvalPolicy, registerPolicy } from "../../../core/access/policies";
import { DOCUMENT_TYPE_LABELS } from "../../../core/documents/documents";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError } from "../../components/form-error";
import { formatDateTime, formatDay } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { EvidencePanel } from "../evidence/evidence-panel";
import { RecordForm } from "../registers/record-form";
import { capitalised, documentFields, fromDocumentForm, toDocumentForm } from "./document-fields";
import { usePickers } from "./document-register-page";
import { ApprovalStatus, DocumentText } from "./document-text";
import { StatusBadge, VersionHistory } from "./document-versions";
import { useDocumentItem } from "./documents-api";
import { useRetireDocument, useUpdateDocument } from "./policy-api";

/** One document of the register: its control data, its text and versions, its approval and its evidence. */
/** What the edit form changes: the control data, the version sent beside it. */
const DOCUMENT_CONTROL_SCHEMA = DocumentUpdateSchema.omit({ version: true });

export function DocumentPage() {
  const { documentId = "" } = useParams();
  const { org } = useCurrentOrg();
  const document = useDocumentItem(org.id, documentId);
  return (
    <>
      <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.documentRegister)} size="sm">
        ← Document register
      </Anchor>
      <QueryState isPending={document.isPending} error={document.error}>
        {document.data && <DocumentView document={document.data} />}
      </QueryState>
    </>
  );
}

function DocumentView({ document }: { document: DocumentItem }) {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const canDecide = approvalPolicy.can({ role }, "decide");
  const { members, roles } = usePickers(org.id);
  const [mode, setMode] = useState<"view" | "edit" | "retire">("view");
  const update = useUpdateDocument(org.id);
  const retired = document.status === "retired";
  const name = (id: string | null) => members.find((m) => m.value === id)?.label ?? "—";
  return (
    <>
      <PageHeader
        title={`${document.identifier} ${document.title}`}
        description={`${DOCUMENT_TYPE_LABELS[document.type]}, version ${document.latestVersion.number}.`}
        actions={<StatusBadge status={document.status} />}
      />
      <Stack gap="xl" maw={1100}>
        <ApprovalStatus document={document} />
        {document.type === "isms_policy" && (
          <Alert color="blue" variant="light">
            The ISMS policy is written and approved (at gate G2) on its own page:{" "}
            <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.ismsPolicy)}>
              open the ISMS policy
            </Anchor>
            .
          </Alert>
        )}
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="control-title">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="control-title">
              Document control
            </Title>
            {canEdit && !retired && document.type !== "isms_policy" && (
              <Group gap="xs">
                <Button size="xs" variant="light" onClick={() => setMode("edit")}>
                  Edit details
                </Button>
                <Button size="xs" variant="subtle" color="red" onClick={() => setMode("retire")}>
                  Retire document
                </Button>
              </Group>
            )}
          </Group>
          {retired && (
            <Alert color="gray" title="Retired" mb="sm">
              {`Withdrawn ${formatDateTime(document.retiredAt)}${document.retireReason ? `: ${document.retireReason}` : ""}.`}
            </Alert>
          )}
          <Table fz="sm" aria-label="Document control" maw={760}>
            <Table.Tbody>
              {[
                ["Type", DOCUMENT_TYPE_LABELS[document.type]],
                ["Owner", document.owner],
                ["Approver", name(document.approverUserId)],
                ["Classification", capitalised(document.classification)],
                ["Next review", `${formatDay(document.nextReviewDate)} (every ${document.reviewCycleMonths} months)`],
                ["Version in force", document.approvedVersion ? String(document.approvedVersion.number) : "None approved yet"],
                ...(document.type === "procedure"
                  ? [
                      [
                        "Responsible role",
                        roles.find((r) => r.value === document.responsibleRole)?.label ?? document.responsibleRole ?? "—",
                      ],
                    ]
                  : []),
                ["Controls addressed", document.links.controls.join(", ") || "—"],
                ["Clauses", document.links.clauses.join(", ") || "—"],
              ].map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={200}>{label}</Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {mode === "retire" && <RetireForm document={document} onDone={() => setMode("view")} />}
        </Paper>
        {document.type !== "isms_policy" && (
          <DocumentText key={document.latestVersion.number} document={document} canEdit={canEdit} canDecide={canDecide} />
        )}
        <VersionHistory document={document} idPrefix="document" />
        <EvidencePanel entityType="document" entityId={document.id} title={`Evidence for ${document.identifier}`} />
      </Stack>
      <Modal opened={mode === "edit"} onClose={() => setMode("view")} title={`Edit ${document.identifier}`} size="lg">
        {mode === "edit" && (
          <RecordForm
            key={document.version}
            record={toDocumentForm(document)}
            schema={DOCUMENT_CONTROL_SCHEMA}
            fields={documentFields({ members, roles, withType: false })}
            fromForm={(values) => fromDocumentForm(values, members, document)}
            noun="document"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setMode("view")}
            onSubmit={(values) =>
              update.mutate(
                { document, values },
                {
                  onSuccess: () => {
                    notifications.show({ color: "teal", message: "Document control data saved." });
                    setMode("view");
                  },
                },
              )
            }
          />
        )}
      </Modal>
    </>
  );
}

function RetireForm({ document, onDone }: { document: DocumentItem; onDone: () => void }) {
  const { org } = useCurrentOrg();
  const retire = useRetireDocument(org.id);
  const [reason, setReason] = useState("");
  return (
    <form
      noValidate
      aria-label="Retire the document"
      onSubmit={(event) => {
        event.preventDefault();
        retire.mutate(
          { document, reason: reason.trim() || null },
          {
            onSuccess: () => {
              notifications.show({ color: "teal", message: `${document.identifier} is retired.` });
              onDone();
            },
          },
        );
      }}
    >
      <Stack maw={560} mt="md">
        <Text size="sm">Retiring withdraws the document: the approved version leaves force and an open draft is abandoned.</Text>
        <Textarea label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <FormError error={retire.error} title="Could not retire the document" />
        <Group>
          <Button type="submit" color="red" loading={retire.isPending}>
            Retire
          </Button>
          <Button variant="default" onClick={onDone}>
            Keep it
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
