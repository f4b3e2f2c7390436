import { Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { Link } from "react-router";
import { type Asset, AssetInputSchema, type ValuationScaleDocument } from "../../../contracts/assets";
import { registerPolicy } from "../../../core/access/policies";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { reopenWhenStale } from "../../app/stale-version";
import { CursorPager, useCursorPages } from "../../components/cursor-pager";
import { DeleteButton } from "../../components/delete-button";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { ImportExportActions } from "../imports/import-export-actions";
import { RecordForm } from "../registers/record-form";
import { assetFields, assetInput, flatAsset, KIND_LABELS, KIND_OPTIONS } from "./asset-form";
import {
  ASSETS_KEY,
  type AssetFilters,
  useAnyAsset,
  useAssetMutations,
  useAssets,
  useScopeElements,
  useValuationScale,
} from "./assets-api";

type Editing = { mode: "create" } | { mode: "edit"; asset: Asset };

const NO_FILTERS: AssetFilters = { q: "", kind: "", owner: "", inScope: "" };

/** Activity 7.3: the inventory of primary and supporting assets and what they are worth. */
export function AssetsPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const [filters, setFilters] = useState(NO_FILTERS);
  const [debounced] = useDebouncedValue(filters, 300);
  const pages = useCursorPages(JSON.stringify(debounced));
  const assets = useAssets(org.id, debounced, pages.cursor);
  const scale = useValuationScale(org.id);
  const [editing, setEditing] = useState<Editing | null>(null);
  const filtered = JSON.stringify(debounced) !== JSON.stringify(NO_FILTERS) || pages.cursor !== undefined;
  // With filters on and nothing listed, ask once whether any asset exists at all: "none match" and "none yet" need different words.
  const anyAsset = useAnyAsset(org.id, filtered && assets.data?.items.length === 0);
  const filter = (name: keyof AssetFilters) => (value: string) => setFilters((f) => ({ ...f, [name]: value }));

  return (
    <>
      <PageHeader
        title="Assets"
        description="Activity 7.3: the primary assets (business processes and information) and the supporting assets they depend on, each with an owner and a value for every security objective."
        actions={
          <Group gap="xs">
            <ImportExportActions orgId={org.id} register="assets" noun="assets" canImport={canEdit} refresh={[[ASSETS_KEY, org.id]]} />
            {canEdit && <Button onClick={() => setEditing({ mode: "create" })}>Add asset</Button>}
          </Group>
        }
      />
      <Paper withBorder radius="md" p="lg" component="section" aria-label="Asset inventory" id="assets" tabIndex={-1}>
        <Group align="flex-end" mb="md" role="search" aria-label="Filter assets">
          <TextInput label="Search" placeholder="Part of the name" value={filters.q} onChange={(e) => filter("q")(e.currentTarget.value)} />
          <NativeSelect
            label="Kind"
            data={[{ value: "", label: "All kinds" }, ...KIND_OPTIONS]}
            value={filters.kind}
            onChange={(e) => filter("kind")(e.currentTarget.value)}
          />
          <TextInput
            label="Owner"
            placeholder="Exact owner"
            value={filters.owner}
            onChange={(e) => filter("owner")(e.currentTarget.value)}
          />
          <NativeSelect
            label="In scope"
            data={[
              { value: "", label: "All" },
              { value: "true", label: "In scope" },
              { value: "false", label: "Out of scope" },
            ]}
            value={filters.inScope}
            onChange={(e) => filter("inScope")(e.currentTarget.value)}
          />
        </Group>
        <QueryState isPending={assets.isPending || scale.isPending} error={assets.error ?? scale.error}>
          {assets.data && scale.data && (
            <AssetTable
              filtered={filtered && anyAsset.data !== false}
              onAdd={() => setEditing({ mode: "create" })}
              onClearFilters={() => setFilters(NO_FILTERS)}
              assets={assets.data.items}
              scale={scale.data}
              orgId={org.id}
              canEdit={canEdit}
              onEdit={(asset) => setEditing({ mode: "edit", asset })}
              onRemoved={pages.restart}
            />
          )}
          <CursorPager pages={pages} nextCursor={assets.data?.nextCursor} label="Assets" />
        </QueryState>
      </Paper>
      {scale.data && <AssetDialog orgId={org.id} scale={scale.data} editing={editing} onEditing={setEditing} />}
    </>
  );
}

interface AssetTableProps {
  /** Whether filters narrow the list: an empty list then means "none match", not "none yet". */
  filtered: boolean;
  onAdd: () => void;
  onClearFilters: () => void;
  assets: Asset[];
  scale: ValuationScaleDocument;
  orgId: string;
  canEdit: boolean;
  onEdit: (asset: Asset) => void;
  onRemoved: () => void;
}

function AssetTable({ filtered, onAdd, onClearFilters, assets, scale, orgId, canEdit, onEdit, onRemoved }: AssetTableProps) {
  const { remove } = useAssetMutations(orgId);
  if (assets.length === 0 && filtered) {
    return (
      <Group gap="sm">
        <Text c="dimmed" size="sm">
          No assets match these filters.
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={onClearFilters}>
          Clear filters
        </Button>
      </Group>
    );
  }
  if (assets.length === 0) {
    return (
      <Stack gap="xs" align="flex-start">
        <Text fw={600}>No assets yet</Text>
        <Text size="sm" c="dimmed" maw={640}>
          Start with the primary assets: the information and business processes the scope exists for. Then add the systems, people and
          places that carry them.
          {canEdit && " Add them one by one, or import a spreadsheet with Import above."}
        </Text>
        {canEdit && <Button onClick={onAdd}>Add the first asset</Button>}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped withTableBorder verticalSpacing="xs" aria-label="Assets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Classification</Table.Th>
            <Table.Th>Scope</Table.Th>
            {scale.objectives.map((o) => (
              <Table.Th key={o.key}>{o.label}</Table.Th>
            ))}
            {canEdit && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assets.map((asset) => (
            <Table.Tr key={asset.id}>
              <Table.Td>
                <Anchor component={Link} to={orgHref(orgId, `${ORG_PATHS.assets}/${asset.id}`)}>
                  {asset.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{KIND_LABELS[asset.kind]}</Table.Td>
              <Table.Td>{asset.owner ?? "—"}</Table.Td>
              <Table.Td>{asset.classification ?? "—"}</Table.Td>
              <Table.Td>
                <Badge variant="light" size="sm" color={asset.inScope ? "teal" : "gray"}>
                  {asset.inScope ? "In scope" : "Out of scope"}
                </Badge>
              </Table.Td>
              {scale.objectives.map((o) => (
                <Table.Td key={o.key}>{asset.effectiveValuation[o.key] ?? "—"}</Table.Td>
              ))}
              {canEdit && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" aria-label={`Edit asset “${asset.name}”`} onClick={() => onEdit(asset)}>
                      Edit
                    </Button>
                    <DeleteButton
                      aria-label={`Delete asset “${asset.name}”`}
                      title={`Delete asset “${asset.name}”?`}
                      message="It is removed from the inventory with its supports links. The audit log keeps a record of it."
                      failure={`Could not delete “${asset.name}”`}
                      onDelete={(callbacks) => remove.mutate(asset, { ...callbacks, onSuccess: onRemoved })}
                    />
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface AssetDialogProps {
  orgId: string;
  scale: ValuationScaleDocument;
  editing: Editing | null;
  onEditing: (editing: Editing | null) => void;
}

/** The add and edit form, shared by the inventory and an asset's own page. */
export function AssetDialog({ orgId, scale, editing, onEditing }: AssetDialogProps) {
  const elements = useScopeElements(orgId);
  const { create, update } = useAssetMutations(orgId);
  const close = () => {
    create.reset();
    update.reset();
    onEditing(null);
  };
  return (
    <Modal opened={editing !== null} onClose={close} title={editing?.mode === "edit" ? "Edit asset" : "Add asset"} size="lg">
      {editing && (
        <QueryState isPending={elements.isPending} error={elements.error}>
          <RecordForm
            // A stale edit is reloaded with the stored asset, which has a new version: the form starts again from it.
            key={editing.mode === "edit" ? `${editing.asset.id}:${editing.asset.version}` : "new"}
            record={editing.mode === "edit" ? flatAsset(editing.asset) : null}
            schema={AssetInputSchema}
            fields={assetFields(scale, elements.data?.items ?? [])}
            fromForm={(flat) => assetInput(flat, scale)}
            noun="asset"
            pending={create.isPending || update.isPending}
            error={editing.mode === "edit" ? update.error : create.error}
            onCancel={close}
            onSubmit={(values) => {
              if (editing.mode === "create") {
                create.mutate(values, { onSuccess: close });
                return;
              }
              update.mutate(
                { asset: editing.asset, values },
                { onSuccess: close, onError: reopenWhenStale<Asset>({ reopen: (asset) => onEditing({ mode: "edit", asset }) }) },
              );
            }}
          />
        </QueryState>
      )}
    </Modal>
  );
}
