import { Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { correctiveActionRegister, type Nonconformity, nonconformityEndpoints } from "../../../contracts/nonconformities";
import { nonconformityPolicy } from "../../../core/access/policies";
import { call } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { FormError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useOrgAction, useOrgRecord } from "../audit-programme/audit-api";
import { useMemberOptions } from "../members/member-api";
import type { FieldSpec } from "../registers/fields";
import { RegisterTable } from "../registers/register-table";

type Action = Nonconformity["actions"][number];

/** One nonconformity: its steps, its corrective actions, the effectiveness review and closing. */
export function NonconformityPage() {
  const { org, role } = useCurrentOrg();
  const { ncId = "" } = useParams();
  const params = { orgId: org.id, ncId };
  const nc = useOrgRecord(org.id, `nonconformities/${ncId}`, () => call(nonconformityEndpoints.get, { params }));
  const members = useMemberOptions(org.id);
  const close = useOrgAction(org.id);
  const review = useOrgAction(org.id);
  const [effective, setEffective] = useState(true);
  const [note, setNote] = useState("");
  const [coReviewer, setCoReviewer] = useState("");
  const canWrite = nonconformityPolicy.can({ role }, "write");
  const canReview = nonconformityPolicy.can({ role }, "review");
  const people = [{ value: "", label: "—" }, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))];
  const actionFields: FieldSpec[] = [
    { name: "title", label: "Corrective action" },
    { name: "ownerUserId", label: "Owner", kind: "select", options: people },
    { name: "dueDate", label: "Due", kind: "date" },
    {
      name: "status",
      label: "Status",
      kind: "select",
      options: [
        { value: "open", label: "open" },
        { value: "done", label: "done" },
      ],
    },
  ];
  const open = nc.data?.status === "open";
  return (
    <QueryState isPending={nc.isPending} error={nc.error}>
      {nc.data && (
        <>
          <PageHeader
            title={`${nc.data.ref} ${nc.data.title}`}
            description={`${nc.data.source}${nc.data.finding ? ` finding ${nc.data.finding.ref}` : ""} · detected ${nc.data.detectedOn} · ${nc.data.status}`}
            actions={
              <Group>
                <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.nonconformities)} size="sm">
                  Back to the nonconformities
                </Anchor>
                {open && canWrite && (
                  <Button
                    onClick={() =>
                      close.mutate(() => call(nonconformityEndpoints.close, { params, body: { version: nc.data?.version ?? 0 } }))
                    }
                  >
                    Close
                  </Button>
                )}
              </Group>
            }
          />
          <Stack gap="xl" maw={1100}>
            <FormError error={close.error} title="Could not close it" />
            <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="steps-title">
              <Title order={2} size="h4" id="steps-title" mb="xs">
                Steps
              </Title>
              <Text size="sm">Correction: {nc.data.correction ?? "not recorded"}</Text>
              <Text size="sm">Root cause: {nc.data.rootCause ?? "not recorded"}</Text>
              {nc.data.missingSteps.length > 0 ? (
                <List size="sm" mt="xs" aria-label="Still missing">
                  {nc.data.missingSteps.map((s) => (
                    <List.Item key={s.step}>{s.message}</List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm" mt="xs">
                  {open ? "Every step is recorded: it can be closed." : `Closed on ${nc.data.closedAt?.slice(0, 10)}.`}
                </Text>
              )}
              {nc.data.effectiveness && (
                <Text size="sm" mt="xs">
                  Effectiveness reviewed by {nc.data.effectiveness.reviewer.name}
                  {nc.data.effectiveness.coReviewer ? ` with ${nc.data.effectiveness.coReviewer.name}` : ""}:{" "}
                  <Badge variant="light" color={nc.data.effectiveness.effective ? "green" : "red"}>
                    {nc.data.effectiveness.effective ? "effective" : "not effective"}
                  </Badge>{" "}
                  {nc.data.effectiveness.note ?? ""}
                </Text>
              )}
            </Paper>
            <RegisterTable<Action & { title: string }>
              orgId={org.id}
              endpoints={correctiveActionRegister}
              params={{ ncId }}
              fields={actionFields}
              columns={[
                { header: "Corrective action", cell: (a) => a.title },
                { header: "Owner", cell: (a) => a.owner?.name ?? "—" },
                {
                  header: "Due",
                  cell: (a) => (a.overdue ? <Badge color="red" variant="light">{`overdue since ${a.dueDate}`}</Badge> : a.dueDate),
                },
                { header: "Status", cell: (a) => a.status },
              ]}
              id="corrective-actions"
              title="Corrective actions"
              noun="corrective action"
              canEdit={canWrite && open}
              toForm={(a) => ({ ...a, ownerUserId: a.owner?.id ?? "" })}
              fromForm={({ ownerUserId, ...rest }) => ({ ...rest, ownerUserId: ownerUserId || null })}
            />
            {open && canReview && (
              <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="effectiveness-title">
                <Title order={2} size="h4" id="effectiveness-title" mb="xs">
                  Effectiveness review
                </Title>
                <Stack gap="xs" maw={560}>
                  <Checkbox
                    label="The corrective actions worked"
                    checked={effective}
                    onChange={(e) => setEffective(e.currentTarget.checked)}
                  />
                  <Textarea label="What was checked" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
                  <NativeSelect
                    label="Co-reviewer"
                    description="Needed when you own one of the corrective actions"
                    data={people}
                    value={coReviewer}
                    onChange={(e) => setCoReviewer(e.currentTarget.value)}
                  />
                  <FormError error={review.error} title="Could not record the review" />
                  <Group>
                    <Button
                      onClick={() =>
                        review.mutate(() =>
                          call(nonconformityEndpoints.effectivenessReview, {
                            params,
                            body: { effective, note: note.trim() || null, coReviewerUserId: coReviewer || null },
                          }),
                        )
                      }
                    >
                      Record the review
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            )}
          </Stack>
        </>
      )}
    </QueryState>
  );
}
