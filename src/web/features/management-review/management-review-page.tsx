import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { type ManagementReview, managementReviewEndpoints, reviewOutputRegister } from "../../../contracts/management-review";
import { managementReviewPolicy } from "../../../core/access/policies";
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

type Output = ManagementReview["outputs"][number];

/** One management review: the frozen inputs by 9.3.2 topic, the decisions and actions, and the minutes' approval. */
export function ManagementReviewPage() {
  const { org, role } = useCurrentOrg();
  const { reviewId = "" } = useParams();
  const review = useOrgRecord(org.id, `management-reviews/${reviewId}`, () =>
    call(managementReviewEndpoints.get, { params: { orgId: org.id, reviewId } }),
  );
  const members = useMemberOptions(org.id);
  const step = useOrgAction(org.id);
  const canWrite = managementReviewPolicy.can({ role }, "write");
  const canApprove = managementReviewPolicy.can({ role }, "approve");
  const people = [{ value: "", label: "—" }, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))];
  const outputFields: FieldSpec[] = [
    { name: "kind", label: "Kind" },
    { name: "title", label: "Decision or action" },
    { name: "ownerUserId", label: "Owner", kind: "select", options: people },
    { name: "dueDate", label: "Due", kind: "date" },
    { name: "status", label: "Status" },
  ];
  const r = review.data;
  const approved = r?.status === "approved";
  const post = (endpoint: "addInput" | "submit" | "approve") =>
    step.mutate(() =>
      call(managementReviewEndpoints[endpoint], { params: { orgId: org.id, reviewId }, body: { version: r?.version ?? 0 } }),
    );
  return (
    <QueryState isPending={review.isPending} error={review.error}>
      {r && (
        <>
          <PageHeader
            title={`${r.ref} ${r.title}`}
            description={`${r.plannedDate ?? "no date"} · every ${r.frequencyMonths ?? "?"} months · minutes ${r.approval === "none" ? r.status : r.approval}`}
            actions={
              <Group>
                <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.managementReviews)} size="sm">
                  Back to the reviews
                </Anchor>
                {!approved && canWrite && <Button onClick={() => post("addInput")}>Take the inputs</Button>}
                {!approved && canWrite && (
                  <Button variant="light" onClick={() => post("submit")}>
                    Submit the minutes
                  </Button>
                )}
                {r.status === "submitted" && canApprove && <Button onClick={() => post("approve")}>Approve the minutes</Button>}
              </Group>
            }
          />
          <Stack gap="xl" maw={1100}>
            <FormError error={step.error} />
            <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="minutes-title">
              <Title order={2} size="h4" id="minutes-title" mb="xs">
                Participants and minutes
              </Title>
              <Text size="sm">{r.participants ?? "No participants named."}</Text>
              <Text size="sm" mt="xs" style={{ whiteSpace: "pre-wrap" }}>
                {r.minutes ?? "No minutes yet."}
              </Text>
              {approved && (
                <Text size="sm" mt="xs" role="status">
                  Approved by {r.approvedBy?.name} on {r.approvedAt?.slice(0, 10)}: the minutes no longer change.
                </Text>
              )}
            </Paper>
            <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="inputs-title">
              <Title order={2} size="h4" id="inputs-title" mb="xs">
                Inputs {r.inputsTakenAt ? `(taken ${r.inputsTakenAt.slice(0, 10)})` : ""}
              </Title>
              {r.inputs ? (
                <Table.ScrollContainer minWidth={640}>
                  <Table withTableBorder aria-label="Inputs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Topic</Table.Th>
                        <Table.Th>Summary</Table.Th>
                        <Table.Th>Records</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.inputs.topics.map((t) => (
                        <Table.Tr key={t.id}>
                          <Table.Td>
                            {t.id} {t.title}
                          </Table.Td>
                          <Table.Td>
                            {t.available ? (
                              t.summary
                            ) : (
                              <Badge variant="light" color="gray">
                                not available
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td>
                            {t.items.map((i) => (
                              <Text key={i.id} size="sm">
                                {i.ref} {i.title}
                                {i.detail ? ` (${i.detail})` : ""}
                              </Text>
                            ))}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              ) : (
                <Text size="sm">Not taken yet: take the inputs from the registers before the meeting.</Text>
              )}
            </Paper>
            <RegisterTable<Output>
              orgId={org.id}
              endpoints={reviewOutputRegister}
              params={{ reviewId }}
              fields={outputFields}
              columns={[
                { header: "Kind", cell: (o) => o.kind },
                { header: "Decision or action", cell: (o) => o.title },
                { header: "Owner", cell: (o) => o.owner?.name ?? "—" },
                { header: "Due", cell: (o) => o.dueDate ?? "—" },
                { header: "Status", cell: (o) => o.status },
              ]}
              id="review-outputs"
              title="Decisions and actions"
              noun="decision or action"
              canEdit={canWrite && !approved}
              toForm={(o) => ({ ...o, ownerUserId: o.owner?.id ?? "" })}
              fromForm={({ ownerUserId, ...rest }) => ({ ...rest, ownerUserId: ownerUserId || null })}
            />
          </Stack>
        </>
      )}
    </QueryState>
  );
}
