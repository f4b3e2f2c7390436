import { Anchor, Paper, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { riskEndpoints } from "../../../contracts/risks";
import { call } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { QueryState } from "../../components/query-state";
import { KIND_LABELS, LevelBadge, TREATMENT_LABELS } from "./risk-labels";
import { RISKS_KEY } from "./risks-api";

/** The other direction of the asset → risk link: the risks on an asset or affecting it, from its own page. */
export function AssetRisks({ orgId, assetId }: { orgId: string; assetId: string }) {
  const risks = useQuery({
    queryKey: [RISKS_KEY, orgId, "of-asset", assetId],
    queryFn: () => call(riskEndpoints.list, { params: { orgId }, query: { assetId, limit: 100 } }),
  });
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="asset-risks-title">
      <Title order={2} size="h4" id="asset-risks-title" mb="md">
        Risks
      </Title>
      <QueryState isPending={risks.isPending} error={risks.error}>
        {risks.data?.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No risk names this asset yet. Identify its risks in the{" "}
            <Anchor component={Link} to={orgHref(orgId, ORG_PATHS.risks)}>
              risk register
            </Anchor>
            , or record on the risk coverage page that none was identified.
          </Text>
        ) : (
          <Table aria-label="Risks on this asset">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Ref</Table.Th>
                <Table.Th>Title</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Inherent</Table.Th>
                <Table.Th>Residual</Table.Th>
                <Table.Th>Treatment</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {risks.data?.items.map((risk) => (
                <Table.Tr key={risk.id}>
                  <Table.Td>
                    <Anchor component={Link} to={orgHref(orgId, `${ORG_PATHS.risks}/${risk.id}`)}>
                      {risk.ref}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{risk.title}</Table.Td>
                  <Table.Td>{KIND_LABELS[risk.kind]}</Table.Td>
                  <Table.Td>
                    <LevelBadge name={risk.inherent?.levelName} colour={risk.inherent?.colour} />
                  </Table.Td>
                  <Table.Td>
                    <LevelBadge name={risk.residual?.levelName} colour={risk.residual?.colour} />
                  </Table.Td>
                  <Table.Td>{risk.treatment ? TREATMENT_LABELS[risk.treatment] : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Paper>
  );
}
