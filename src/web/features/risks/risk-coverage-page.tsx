import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { registerPolicy } from "../../../core/access/policies";
import { fieldErrors } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { ConfirmButton } from "../../components/confirm-button";
import { FormError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useScrollToHash } from "../../components/use-scroll-to-hash";
import { KIND_LABELS } from "../assets/asset-form";
import { type Coverage, useCoverage, useRiskMutations } from "./risks-api";
import { riskHref } from "./risks-page";

type CoveredAsset = Coverage["assets"][number];

/** Activity 8.2: every primary asset in scope is covered by a risk, or by an explicit "no risk identified" decision. */
export function RiskCoveragePage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const coverage = useCoverage(org.id);
  const { exempt, unexempt } = useRiskMutations(org.id);
  const [exempting, setExempting] = useState<CoveredAsset | null>(null);
  const [justification, setJustification] = useState("");
  useScrollToHash();
  const close = () => {
    setExempting(null);
    setJustification("");
    exempt.reset();
  };
  const assets = coverage.data?.assets ?? [];
  const uncovered = assets.filter((a) => a.risks.length === 0 && !a.exemption).length;

  return (
    <>
      <PageHeader
        title="Risk coverage"
        description="Activity 8.2: each primary asset in scope (business processes and information) with the risks identified for it. An asset without any risk needs an explicit, justified “no risk identified” decision."
        actions={
          canEdit && (
            <Button component={Link} to={orgHref(org.id, `${ORG_PATHS.risks}/new`)} variant="default">
              New risk
            </Button>
          )
        }
      />
      <Paper withBorder radius="md" p="lg" maw={1200} component="section" aria-label="Primary assets" id="risk-coverage" tabIndex={-1}>
        <QueryState isPending={coverage.isPending} error={coverage.error}>
          {assets.length === 0 ? (
            <Text size="sm" c="dimmed">
              No primary assets in scope yet. Add business processes and information to the{" "}
              <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.assets)}>
                asset inventory
              </Anchor>
              .
            </Text>
          ) : (
            <Stack>
              <Text size="sm" aria-live="polite">
                {uncovered === 0
                  ? `All ${assets.length} primary assets are covered.`
                  : `${uncovered} of ${assets.length} primary assets are covered by no risk and have no decision.`}
              </Text>
              <Table.ScrollContainer minWidth={800}>
                <Table withTableBorder striped verticalSpacing="xs" aria-label="Coverage of primary assets" fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Asset</Table.Th>
                      <Table.Th>Kind</Table.Th>
                      <Table.Th>Risks</Table.Th>
                      <Table.Th>Coverage</Table.Th>
                      {canEdit && <Table.Th>Actions</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {assets.map((asset) => (
                      <Table.Tr key={asset.id} id={`coverage-${asset.id}`} tabIndex={-1}>
                        <Table.Td>
                          <Anchor component={Link} to={orgHref(org.id, `${ORG_PATHS.assets}/${asset.id}`)}>
                            {asset.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{KIND_LABELS[asset.kind]}</Table.Td>
                        <Table.Td>
                          {asset.risks.length === 0
                            ? "—"
                            : asset.risks.map((r, i) => (
                                <span key={r.id}>
                                  {i > 0 && ", "}
                                  <Anchor component={Link} to={riskHref(org.id, r.id)} title={r.title}>
                                    {r.ref}
                                  </Anchor>
                                </span>
                              ))}
                        </Table.Td>
                        <Table.Td>
                          {asset.risks.length > 0 ? (
                            <Badge size="sm" variant="light" color="teal">
                              Covered
                            </Badge>
                          ) : asset.exemption ? (
                            <Stack gap={2}>
                              <Badge size="sm" variant="light" color="blue">
                                No risk identified
                              </Badge>
                              <Text size="xs">{asset.exemption}</Text>
                            </Stack>
                          ) : (
                            <Badge size="sm" variant="light" color="red">
                              Not covered
                            </Badge>
                          )}
                        </Table.Td>
                        {canEdit && (
                          <Table.Td>
                            {asset.exemption ? (
                              <ConfirmButton
                                aria-label={`Withdraw the decision for ${asset.name}`}
                                title={`Withdraw the decision for ${asset.name}?`}
                                message="The asset then needs a risk or a new decision."
                                onConfirm={() => unexempt.mutate(asset.id)}
                              >
                                Withdraw
                              </ConfirmButton>
                            ) : (
                              asset.risks.length === 0 && (
                                <Button
                                  size="xs"
                                  variant="subtle"
                                  aria-label={`No risk identified for ${asset.name}`}
                                  onClick={() => setExempting(asset)}
                                >
                                  No risk identified
                                </Button>
                              )
                            )}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <FormError error={unexempt.error} title="Could not withdraw the decision" />
            </Stack>
          )}
        </QueryState>
      </Paper>
      <Modal opened={exempting !== null} onClose={close} title={exempting ? `No risk identified for ${exempting.name}` : ""} size="lg">
        {exempting && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              exempt.mutate({ assetId: exempting.id, justification }, { onSuccess: close });
            }}
          >
            <Stack>
              <Text size="sm">Record why the risk assessment found no risk for this asset; the auditors read it.</Text>
              <Textarea
                label="Justification"
                required
                autosize
                minRows={3}
                value={justification}
                error={fieldErrors(exempt.error).justification}
                onChange={(e) => setJustification(e.currentTarget.value)}
              />
              <FormError error={exempt.error} title="Could not record the decision" />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={exempt.isPending}>
                  Record decision
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
