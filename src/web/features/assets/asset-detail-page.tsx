import { Anchor, Badge, Button, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { AssetDetail } from "../../../contracts/assets";
import { registerPolicy } from "../../../core/access/policies";
import { errorMessage } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { AssetRisks } from "../risks/asset-risks";
import { KIND_LABELS } from "./asset-form";
import { AssetGraph } from "./asset-graph";
import { useAsset, useAssetGraph, useAssetMutations, usePrimaryAssets, useValuationScale } from "./assets-api";
import { AssetDialog } from "./assets-page";

const SOURCE_LABELS: Record<AssetDetail["derivation"][number]["source"], { label: string; color: string }> = {
  own: { label: "Own value", color: "blue" },
  derived: { label: "Derived", color: "teal" },
  override: { label: "Override", color: "orange" },
  none: { label: "Not valued", color: "gray" },
};

/** One asset: where each of its values comes from, what it supports or depends on, and the graph of those links. */
export function AssetDetailPage() {
  const { org, role } = useCurrentOrg();
  const { assetId = "" } = useParams();
  const asset = useAsset(org.id, assetId);
  const scale = useValuationScale(org.id);
  const [editing, setEditing] = useState(false);
  const canEdit = registerPolicy.can({ role }, "write");
  const back = (
    <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.assets)} size="sm">
      Back to the inventory
    </Anchor>
  );
  return (
    <QueryState isPending={asset.isPending} error={asset.error}>
      {asset.data && (
        <>
          <PageHeader
            title={asset.data.name}
            description={`${KIND_LABELS[asset.data.kind]} · ${asset.data.category === "primary" ? "primary" : "supporting"} asset · ${asset.data.inScope ? "in scope" : "out of scope"}${asset.data.owner ? ` · owner ${asset.data.owner}` : ""}`}
            actions={
              <Group>
                {back}
                {canEdit && <Button onClick={() => setEditing(true)}>Edit asset</Button>}
              </Group>
            }
          />
          <Stack gap="xl" maw={1100}>
            <Valuation asset={asset.data} />
            <Links asset={asset.data} orgId={org.id} canEdit={canEdit} />
            <AssetRisks orgId={org.id} assetId={asset.data.id} />
            <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="asset-graph-title">
              <Title order={2} size="h4" id="asset-graph-title" mb="md">
                Dependency graph
              </Title>
              <GraphOf orgId={org.id} assetId={asset.data.id} />
            </Paper>
          </Stack>
          {scale.data && (
            <AssetDialog
              orgId={org.id}
              scale={scale.data}
              editing={editing ? { mode: "edit", asset: asset.data } : null}
              onEditing={(next) => setEditing(next !== null)}
            />
          )}
        </>
      )}
    </QueryState>
  );
}

function Valuation({ asset }: { asset: AssetDetail }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="asset-valuation-title">
      <Title order={2} size="h4" id="asset-valuation-title" mb="md">
        Valuation
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder verticalSpacing="xs" aria-label="Valuation by objective">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Objective</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Explanation</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {asset.derivation.map((value) => (
              <Table.Tr key={value.objective}>
                <Table.Td>{value.label}</Table.Td>
                <Table.Td>{value.value === null ? "—" : `${value.value}${value.levelLabel ? ` – ${value.levelLabel}` : ""}`}</Table.Td>
                <Table.Td>
                  <Badge variant="light" size="sm" color={SOURCE_LABELS[value.source].color}>
                    {SOURCE_LABELS[value.source].label}
                  </Badge>
                </Table.Td>
                <Table.Td>{value.explanation}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {asset.overrideReason && (
        <Text size="sm" mt="sm">
          Override reason: {asset.overrideReason}
        </Text>
      )}
    </Paper>
  );
}

function Links({ asset, orgId, canEdit }: { asset: AssetDetail; orgId: string; canEdit: boolean }) {
  const supporting = asset.category === "supporting";
  const primaries = usePrimaryAssets(orgId, supporting && canEdit);
  const { link, unlink } = useAssetMutations(orgId);
  const [choice, setChoice] = useState("");
  const linked = new Set(asset.supports.map((a) => a.id));
  const options = (primaries.data ?? []).filter((a) => !linked.has(a.id));
  const refs = supporting ? asset.supports : asset.supportedBy;
  const failed = (error: unknown) => notifications.show({ color: "red", title: "Could not change the link", message: errorMessage(error) });
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="asset-links-title">
      <Title order={2} size="h4" id="asset-links-title" mb="md">
        {supporting ? "Supports" : "Supported by"}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {refs.length > 0 ? (
          <List spacing="xs" aria-label={supporting ? "Primary assets it supports" : "Supporting assets it depends on"}>
            {refs.map((ref) => (
              <List.Item key={ref.id}>
                <Group gap="xs">
                  <Anchor component={Link} to={orgHref(orgId, `${ORG_PATHS.assets}/${ref.id}`)}>
                    {ref.name}
                  </Anchor>
                  <Text span size="sm" c="dimmed">
                    {KIND_LABELS[ref.kind]}
                  </Text>
                  {supporting && canEdit && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove the link to “${ref.name}”`}
                      loading={unlink.isPending}
                      onClick={() => unlink.mutate({ assetId: asset.id, primaryAssetId: ref.id }, { onError: failed })}
                    >
                      Remove
                    </Button>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            {supporting ? "It supports no primary asset yet, so it has no derived value." : "No supporting asset is linked to it yet."}
          </Text>
        )}
        {supporting && canEdit && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (choice) link.mutate({ assetId: asset.id, primaryAssetId: choice }, { onSuccess: () => setChoice(""), onError: failed });
            }}
          >
            <Group align="flex-end">
              <NativeSelect
                label="Primary asset to support"
                data={[{ value: "", label: "Choose a primary asset" }, ...options.map((a) => ({ value: a.id, label: a.name }))]}
                value={choice}
                onChange={(e) => setChoice(e.currentTarget.value)}
              />
              <Button type="submit" variant="light" disabled={!choice} loading={link.isPending}>
                Add link
              </Button>
            </Group>
          </form>
        )}
      </SimpleGrid>
    </Paper>
  );
}

function GraphOf({ orgId, assetId }: { orgId: string; assetId: string }) {
  const graph = useAssetGraph(orgId, assetId);
  return (
    <QueryState isPending={graph.isPending} error={graph.error}>
      {graph.data && <AssetGraph graph={graph.data} focusId={assetId} />}
    </QueryState>
  );
}
