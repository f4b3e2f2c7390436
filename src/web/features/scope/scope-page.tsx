import { Badge, Button, Group, Modal, Paper, Stack, Switch, Table, Tabs, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useLocation } from "react-router";
import { BoundaryInterfaceInputSchema, type BoundaryInterfaceItem, type ScopeElementItem } from "../../../contracts/scope";
import { registerPolicy } from "../../../core/access/policies";
import {
  INTERFACE_DIRECTIONS,
  type InterfaceDirection,
  KIND_LABELS,
  PARENT_KINDS,
  SCOPE_AREAS,
  type ScopeArea,
  type ScopeElementKind,
} from "../../../core/scope/data";
import { fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { DeleteButton } from "../../components/delete-button";
import { SaveError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { ExportActions, ImportExportActions } from "../imports/import-export-actions";
import { type FieldSpec, Fields, type FormState, initialState, toInput } from "../registers/fields";
import { RecordForm } from "../registers/record-form";
import { useEditing } from "../registers/use-editing";
import { ELEMENTS_PATH, useBoundaryInterfaces, useElementMutations, useInterfaceMutations, useScopeElements } from "./scope-api";

const AREAS: readonly { area: ScopeArea; tab: string; title: string; description: string }[] = [
  {
    area: "organizational",
    tab: "Organization",
    title: "Organizational units & processes",
    description: "Activity 6.2: the units and the business processes they run, inside the scope or left out with a reason.",
  },
  {
    area: "ict",
    tab: "ICT",
    title: "Systems, networks, platforms & cloud services",
    description: "Activity 6.3: the technology the ISMS covers. Everything in scope needs an owner.",
  },
  {
    area: "physical",
    tab: "Physical",
    title: "Sites, buildings & rooms",
    description: "Activity 6.4: the places the ISMS covers.",
  },
];

/** A roadmap link names a register; its tab opens so the section it points at exists. */
function areaOfHash(hash: string): ScopeArea {
  const register = hash.slice(1);
  return (Object.keys(SCOPE_AREAS) as ScopeArea[]).find((area) => SCOPE_AREAS[area].register === register) ?? "organizational";
}

const one = (kind: ScopeElementKind) => KIND_LABELS[kind].one;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Activities 6.2 to 6.4: what the ISMS covers and what it leaves out, and the interfaces across the boundary. */
export function ScopePage() {
  const { org, role } = useCurrentOrg();
  const { hash } = useLocation();
  const [area, setArea] = useState<ScopeArea>(() => areaOfHash(hash));
  const canEdit = registerPolicy.can({ role }, "write");
  const elements = useScopeElements(org.id);
  return (
    <>
      <PageHeader
        title="Scope"
        description="Activities 6.2 to 6.4: record the organizational units, technology and places inside the ISMS scope, justify every exclusion, and list the interfaces where information crosses the boundary."
        actions={
          <ImportExportActions
            orgId={org.id}
            register="scope-elements"
            noun="scope elements"
            canImport={canEdit}
            refresh={[["register", org.id, ELEMENTS_PATH]]}
          />
        }
      />
      <Stack gap="xl" maw={1100}>
        <Tabs value={area} onChange={(next) => next && setArea(next as ScopeArea)} keepMounted={false}>
          <Tabs.List mb="md">
            {AREAS.map((a) => (
              <Tabs.Tab key={a.area} value={a.area}>
                {a.tab}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {AREAS.map((a) => (
            <Tabs.Panel key={a.area} value={a.area}>
              <QueryState isPending={elements.isPending} error={elements.error}>
                <ElementsSection {...a} elements={elements.data ?? []} canEdit={canEdit} />
              </QueryState>
            </Tabs.Panel>
          ))}
        </Tabs>
        <InterfacesSection elements={elements.data ?? []} canEdit={canEdit} />
      </Stack>
    </>
  );
}

/** The area's elements, each under its parent, so the tree of units (or sites, buildings and rooms) reads top-down. */
function asTree(elements: readonly ScopeElementItem[]): { element: ScopeElementItem; depth: number }[] {
  const ids = new Set(elements.map((e) => e.id));
  const children = (parentId: string | null) =>
    elements.filter((e) => (parentId === null ? e.parentId === null || !ids.has(e.parentId) : e.parentId === parentId));
  const walk = (parentId: string | null, depth: number): { element: ScopeElementItem; depth: number }[] =>
    children(parentId).flatMap((element) => [{ element, depth }, ...walk(element.id, depth + 1)]);
  return walk(null, 0);
}

function ScopeBadge({ element }: { element: ScopeElementItem }) {
  return (
    <Badge variant="light" size="sm" color={element.inScope ? "teal" : "gray"}>
      {element.inScope ? "In scope" : "Excluded"}
    </Badge>
  );
}

interface ElementsSectionProps {
  area: ScopeArea;
  title: string;
  description: string;
  elements: readonly ScopeElementItem[];
  canEdit: boolean;
}

function ElementsSection({ area, title, description, elements, canEdit }: ElementsSectionProps) {
  const { org } = useCurrentOrg();
  const { create, update, remove } = useElementMutations(org.id);
  const { editing, setEditing, close, submit, pending, error, formKey } = useEditing<ScopeElementItem>(create, update);
  const kinds = SCOPE_AREAS[area].kinds;
  const rows = asTree(elements.filter((e) => kinds.includes(e.kind)));
  const id = SCOPE_AREAS[area].register;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={`${id}-title`} id={id} tabIndex={-1}>
      <Group justify="space-between" align="flex-start" mb="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {description}
          </Text>
        </Stack>
        {canEdit && (
          <Button variant="light" onClick={() => setEditing({ mode: "create" })}>
            Add element
          </Button>
        )}
      </Group>
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder verticalSpacing="xs" aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Scope</Table.Th>
                {canEdit && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ element, depth }) => (
                <Table.Tr key={element.id}>
                  <Table.Td pl={12 + depth * 24}>
                    <Text size="sm" fw={depth === 0 ? 600 : 400}>
                      {depth > 0 && "↳ "}
                      {element.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{capitalised(one(element.kind))}</Table.Td>
                  <Table.Td>{element.owner ?? "—"}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <ScopeBadge element={element} />
                      {!element.inScope && (
                        <Text size="xs" c="dimmed">
                          {element.exclusionJustification}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={`Edit “${element.name}”`}
                          onClick={() => setEditing({ mode: "edit", item: element })}
                        >
                          Edit
                        </Button>
                        <DeleteButton
                          aria-label={`Delete “${element.name}”`}
                          title={`Delete ${one(element.kind)} “${element.name}”?`}
                          message="It is removed from the scope registers. An element that contains others or ends a boundary interface cannot be deleted until those are moved or removed."
                          failure={`Could not delete “${element.name}”`}
                          onDelete={(callbacks) => remove.mutate(element, callbacks)}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text c="dimmed" size="sm">
          Nothing recorded yet.
        </Text>
      )}
      <Modal opened={editing !== null} onClose={close} title={editing?.mode === "edit" ? "Edit element" : "Add element"} size="lg">
        {editing && (
          <ElementForm
            key={formKey}
            area={area}
            element={editing.mode === "edit" ? editing.item : null}
            elements={elements}
            pending={pending}
            error={error}
            onCancel={close}
            onSubmit={submit}
          />
        )}
      </Modal>
    </Paper>
  );
}

const JUSTIFICATION: FieldSpec = {
  name: "exclusionJustification",
  label: "Exclusion justification",
  kind: "textarea",
  required: true,
  description: "Why the element is left out of the ISMS scope",
};

/** The element's fields for its kind: only kinds that sit inside another get a parent to choose. */
function elementFields(area: ScopeArea, kind: ScopeElementKind, elements: readonly ScopeElementItem[], selfId: string | null): FieldSpec[] {
  const parents = elements.filter((e) => PARENT_KINDS[kind].includes(e.kind) && e.id !== selfId);
  return [
    {
      name: "kind",
      label: "Kind",
      kind: "select",
      required: true,
      options: SCOPE_AREAS[area].kinds.map((k) => ({ value: k, label: capitalised(one(k)) })),
    },
    ...(PARENT_KINDS[kind].length > 0
      ? [
          {
            name: "parentId",
            label: "Part of",
            kind: "select" as const,
            description: `The ${PARENT_KINDS[kind].map(one).join(" or ")} it belongs to`,
            options: [{ value: "", label: "Nothing (top level)" }, ...parents.map((p) => ({ value: p.id, label: p.name }))],
          },
        ]
      : []),
    { name: "name", label: "Name", required: true },
    { name: "owner", label: "Owner", description: "Who answers for it" },
    { name: "description", label: "Description", kind: "textarea" },
  ];
}

interface ElementFormProps {
  area: ScopeArea;
  element: ScopeElementItem | null;
  elements: readonly ScopeElementItem[];
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (values: Record<string, unknown>) => void;
}

/** The fields depend on the kind chosen and on the switch, so this form keeps its own state around the shared fields. */
function ElementForm({ area, element, elements, pending, error, onCancel, onSubmit }: ElementFormProps) {
  const [values, setValues] = useState<FormState>(() =>
    initialState(
      [...elementFields(area, element?.kind ?? SCOPE_AREAS[area].kinds[0] ?? "org_unit", elements, null), JUSTIFICATION],
      element,
    ),
  );
  const [inScope, setInScope] = useState(element?.inScope ?? true);
  const kind = values.kind as ScopeElementKind;
  const fields = elementFields(area, kind, elements, element?.id ?? null);
  const errors = fieldErrors(error);
  const change = (name: string, value: FormState[string]) =>
    // A new kind may belong in different parents, so the old choice is dropped.
    setValues((v) => ({ ...v, [name]: value, ...(name === "kind" && { parentId: "" }) }));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ ...toInput([...fields, ...(inScope ? [] : [JUSTIFICATION])], values), inScope });
      }}
    >
      <Stack>
        {/* The justification's problem shows under it, below the switch. */}
        <Fields
          fields={fields}
          values={values}
          onChange={change}
          errors={{ ...errors, [JUSTIFICATION.name]: undefined }}
          idPrefix="scope-element"
        />
        <Switch
          id="scope-element-inScope"
          label="In scope"
          description="Switch off to leave the element out of the ISMS, with a justification"
          checked={inScope}
          onChange={(e) => setInScope(e.currentTarget.checked)}
          error={errors.inScope}
        />
        {!inScope && <Fields fields={[JUSTIFICATION]} values={values} onChange={change} errors={errors} idPrefix="scope-element" />}
        <SaveError error={error} what={`the ${one(kind)}`} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Save element
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const DIRECTION_LABELS: Record<InterfaceDirection, string> = {
  inbound: "Inbound (into the scope)",
  outbound: "Outbound (out of the scope)",
  bidirectional: "Both ways",
};

function interfaceFields(elements: readonly ScopeElementItem[]): FieldSpec[] {
  const label = (e: ScopeElementItem) => `${e.name} (${one(e.kind)})`;
  return [
    {
      name: "fromElementId",
      label: "From (inside the scope)",
      kind: "select",
      options: elements.filter((e) => e.inScope).map((e) => ({ value: e.id, label: label(e) })),
    },
    {
      name: "toElementId",
      label: "To an excluded element",
      kind: "select",
      description: "Or leave this and name an outside party below",
      options: [
        { value: "", label: "None: an outside party" },
        ...elements.filter((e) => !e.inScope).map((e) => ({ value: e.id, label: label(e) })),
      ],
    },
    { name: "toParty", label: "To an outside party", description: "A supplier, customer or authority" },
    { name: "dataExchanged", label: "Data exchanged", kind: "textarea" },
    {
      name: "direction",
      label: "Direction",
      kind: "select",
      options: INTERFACE_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] })),
    },
    { name: "protection", label: "Protection", kind: "textarea", description: "How the information is protected on the way" },
  ];
}

/** The stored interface in the shape of its input, for the edit form. */
const asInput = (i: BoundaryInterfaceItem) => ({
  fromElementId: i.fromElement.id,
  toElementId: i.toElement?.id ?? null,
  toParty: i.toParty,
  dataExchanged: i.dataExchanged,
  direction: i.direction,
  protection: i.protection,
});

function InterfacesSection({ elements, canEdit }: { elements: readonly ScopeElementItem[]; canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const interfaces = useBoundaryInterfaces(org.id);
  const { create, update, remove } = useInterfaceMutations(org.id);
  const { editing, setEditing, close, submit, pending, error, formKey } = useEditing<BoundaryInterfaceItem>(create, update);
  const hasInside = elements.some((e) => e.inScope);

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="scope-interfaces-title" id="scope-interfaces" tabIndex={-1}>
      <Group justify="space-between" align="flex-start" mb="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id="scope-interfaces-title">
            Boundary interfaces
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            Where information crosses the boundary: from an element inside the scope to an excluded element or an outside party.
          </Text>
        </Stack>
        <Group gap="xs">
          <ExportActions orgId={org.id} register="boundary-interfaces" />
          {canEdit && (
            <Button variant="light" onClick={() => setEditing({ mode: "create" })} disabled={!hasInside}>
              Add interface
            </Button>
          )}
        </Group>
      </Group>
      <QueryState isPending={interfaces.isPending} error={interfaces.error}>
        {interfaces.data && interfaces.data.length > 0 ? (
          <Table.ScrollContainer minWidth={720}>
            <Table striped withTableBorder verticalSpacing="xs" aria-label="Boundary interfaces">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>From (inside)</Table.Th>
                  <Table.Th>To (outside)</Table.Th>
                  <Table.Th>Data exchanged</Table.Th>
                  <Table.Th>Direction</Table.Th>
                  <Table.Th>Protection</Table.Th>
                  {canEdit && <Table.Th>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {interfaces.data.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{i.fromElement.name}</Table.Td>
                    <Table.Td>{i.toElement?.name ?? i.toParty}</Table.Td>
                    <Table.Td>{i.dataExchanged}</Table.Td>
                    <Table.Td>{DIRECTION_LABELS[i.direction]}</Table.Td>
                    <Table.Td>{i.protection ?? "—"}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-label={`Edit interface “${i.dataExchanged}”`}
                            onClick={() => setEditing({ mode: "edit", item: i })}
                          >
                            Edit
                          </Button>
                          <DeleteButton
                            aria-label={`Delete interface “${i.dataExchanged}”`}
                            title="Delete this boundary interface?"
                            message="It is removed from the register. The audit log keeps a record of it."
                            failure={"Could not delete the interface"}
                            onDelete={(callbacks) => remove.mutate(i, callbacks)}
                          />
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text c="dimmed" size="sm">
            {hasInside ? "Nothing recorded yet." : "Record an element inside the scope first: every interface starts at one."}
          </Text>
        )}
      </QueryState>
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing?.mode === "edit" ? "Edit boundary interface" : "Add boundary interface"}
        size="lg"
      >
        {editing && (
          <RecordForm
            key={formKey}
            record={editing.mode === "edit" ? asInput(editing.item) : null}
            schema={BoundaryInterfaceInputSchema}
            fields={interfaceFields(elements)}
            noun="interface"
            pending={pending}
            error={error}
            onCancel={close}
            onSubmit={submit}
          />
        )}
      </Modal>
    </Paper>
  );
}
