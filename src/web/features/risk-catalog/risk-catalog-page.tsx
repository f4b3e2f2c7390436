import { Alert, Badge, Button, Stack, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useLocation } from "react-router";
import type { z } from "zod";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { type CatalogEntrySchema, riskEndpoints, threatEndpoints, vulnerabilityEndpoints } from "../../../contracts/risks";
import { type CustomControlSchema, customControlEndpoints } from "../../../contracts/soa";
import { registerPolicy } from "../../../core/access/policies";
import { call } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { useOrgWrite } from "../../app/org-write";
import { FormError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import type { FieldSpec } from "../registers/fields";
import { useRegisterItems } from "../registers/register-api";
import type { Column } from "../registers/register-table";
import { RegisterTable } from "../registers/register-table";

type CatalogEntry = z.infer<typeof CatalogEntrySchema>;
type CustomControl = z.infer<typeof CustomControlSchema>;
type StarterLoad = EndpointOutput<typeof riskEndpoints.loadStarterCatalog>;

const OBJECTIVES = ["confidentiality", "integrity", "availability"] as const;
const OBJECTIVE_LABELS: Record<(typeof OBJECTIVES)[number], string> = {
  confidentiality: "Confidentiality",
  integrity: "Integrity",
  availability: "Availability",
};

const entryFields = (withObjectives: boolean): FieldSpec[] => [
  { name: "title", label: "Title" },
  { name: "category", label: "Category", description: "A grouping such as Human, Technical, Physical, Organizational" },
  { name: "description", label: "Description", kind: "textarea" },
  ...(withObjectives
    ? OBJECTIVES.map(
        (o): FieldSpec => ({ name: `objective-${o}`, label: `Threatens ${OBJECTIVE_LABELS[o].toLowerCase()}`, kind: "checkbox" }),
      )
    : []),
];

/** The objectives are edited as one check box each and sent as the list the API expects. */
const toEntryForm = (item: CatalogEntry) => ({
  ...item,
  ...Object.fromEntries(OBJECTIVES.map((o) => [`objective-${o}`, item.objectives.includes(o)])),
});
const fromEntryForm = (values: Record<string, unknown>) => {
  const { title, category, description } = values;
  return { title, category, description, objectives: OBJECTIVES.filter((o) => values[`objective-${o}`] === true) };
};

const starterBadge = (e: CatalogEntry) =>
  e.starterKey ? (
    <Badge variant="outline" size="xs" color="gray" ml={6}>
      starter
    </Badge>
  ) : null;

const THREAT_COLUMNS: Column<CatalogEntry>[] = [
  {
    header: "Threat",
    cell: (e) => (
      <>
        {e.title}
        {starterBadge(e)}
      </>
    ),
  },
  { header: "Category", cell: (e) => e.category ?? "—" },
  {
    header: "Threatens",
    cell: (e) =>
      e.objectives.length === 0 ? (
        "—"
      ) : (
        <Text size="sm" title={e.objectives.map((o) => OBJECTIVE_LABELS[o as keyof typeof OBJECTIVE_LABELS] ?? o).join(", ")}>
          {e.objectives.map((o) => o.charAt(0).toUpperCase()).join(" · ")}
        </Text>
      ),
  },
  { header: "Description", cell: (e) => <Text size="sm">{e.description ?? "—"}</Text> },
];

const VULNERABILITY_COLUMNS: Column<CatalogEntry>[] = [
  {
    header: "Vulnerability",
    cell: (e) => (
      <>
        {e.title}
        {starterBadge(e)}
      </>
    ),
  },
  { header: "Category", cell: (e) => e.category ?? "—" },
  { header: "Description", cell: (e) => <Text size="sm">{e.description ?? "—"}</Text> },
];

const CONTROL_FIELDS: FieldSpec[] = [
  {
    name: "ref",
    label: "Identifier",
    description: "A short identifier such as CC-01; not starting with “A.”, which Annex A uses",
  },
  { name: "title", label: "Title" },
  { name: "category", label: "Category", description: "Groups it in the Statement of Applicability, e.g. Group policy" },
  { name: "description", label: "Description", kind: "textarea" },
];

const CONTROL_COLUMNS: Column<CustomControl>[] = [
  { header: "Identifier", cell: (c) => <Text ff="monospace">{c.ref}</Text> },
  { header: "Control", cell: (c) => c.title },
  { header: "Category", cell: (c) => c.category ?? "—" },
  { header: "Description", cell: (c) => <Text size="sm">{c.description ?? "—"}</Text> },
];

const TABS = [
  { value: "threats", label: "Threats" },
  { value: "vulnerabilities", label: "Vulnerabilities" },
  { value: "custom-controls", label: "Custom controls" },
] as const;
type Tab = (typeof TABS)[number]["value"];

const tabOfHash = (hash: string): Tab => TABS.find((t) => t.value === hash.slice(1))?.value ?? "threats";

function useLoadStarter(orgId: string) {
  return useOrgWrite(orgId, () => call(riskEndpoints.loadStarterCatalog, { params: { orgId } }), {
    refresh: [
      ["register", orgId, "threats"],
      ["register", orgId, "vulnerabilities"],
    ],
  });
}

function loadedMessage({ threatsAdded, vulnerabilitiesAdded }: StarterLoad): string {
  if (threatsAdded === 0 && vulnerabilitiesAdded === 0) return "Every starter entry is already in the catalog: nothing was added.";
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `Added ${n(threatsAdded, "threat", "threats")} and ${n(vulnerabilitiesAdded, "vulnerability", "vulnerabilities")} from the starter catalog.`;
}

/** Activity 8.2's building blocks: the threats and vulnerabilities risks are built from, and the organization's own controls beyond Annex A. */
export function RiskCatalogPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const { hash } = useLocation();
  const [tab, setTab] = useState<Tab>(() => tabOfHash(hash));
  const threats = useRegisterItems<CatalogEntry>(org.id, threatEndpoints);
  const vulnerabilities = useRegisterItems<CatalogEntry>(org.id, vulnerabilityEndpoints);
  const controls = useRegisterItems<CustomControl>(org.id, customControlEndpoints);
  const starter = useLoadStarter(org.id);
  const [loaded, setLoaded] = useState<StarterLoad | null>(null);
  const load = () =>
    starter.mutate(undefined, {
      onSuccess: (result) => {
        setLoaded(result);
        notifications.show({ color: "teal", message: loadedMessage(result) });
      },
    });
  // Prominent while there is nothing to start from; afterwards it only tops up what is missing.
  const catalogEmpty = threats.data?.length === 0 && vulnerabilities.data?.length === 0;
  const counts: Record<Tab, number | undefined> = {
    threats: threats.data?.length,
    vulnerabilities: vulnerabilities.data?.length,
    "custom-controls": controls.data?.length,
  };
  const emptyCatalog = (what: string) => (
    <Text size="sm" c="dimmed" maw={720}>
      No {what} recorded yet.
      {canEdit &&
        " Start from the shipped catalog of common threats and vulnerabilities with “Load starter catalog” and adapt it, or add your own."}
    </Text>
  );

  return (
    <>
      <PageHeader
        title="Threats, vulnerabilities and controls"
        description="Activity 8.2: the threats and vulnerabilities that asset-based risks are built from, and the organization's own controls beyond Annex A, which risk treatments and the Statement of Applicability use. Entries a risk uses cannot be deleted."
        actions={
          canEdit && (
            <Stack gap={4} align="flex-end">
              <Button variant={catalogEmpty ? "filled" : "default"} onClick={load} loading={starter.isPending}>
                Load starter catalog
              </Button>
              <Text size="xs" c="dimmed" maw={260} ta="right">
                Adds only the starter entries not yet in the catalog.
              </Text>
            </Stack>
          )
        }
      />
      <Stack gap="md" maw={1200}>
        {loaded && (
          <Alert color="teal" variant="light" title="Starter catalog loaded" withCloseButton onClose={() => setLoaded(null)}>
            {loadedMessage(loaded)}
          </Alert>
        )}
        <FormError error={starter.error} title="The starter catalog was not loaded" />
        <Tabs value={tab} onChange={(next) => next && setTab(next as Tab)} keepMounted={false}>
          <Tabs.List mb="md">
            {TABS.map((t) => (
              <Tabs.Tab key={t.value} value={t.value}>
                {t.label}
                {counts[t.value] !== undefined && ` (${counts[t.value]})`}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="threats">
            <RegisterTable<CatalogEntry>
              orgId={org.id}
              endpoints={threatEndpoints}
              fields={entryFields(true)}
              columns={THREAT_COLUMNS}
              id="threats"
              title="Threats"
              noun="threat"
              description="What could happen: a potential cause of an incident, and which of confidentiality, integrity and availability it threatens."
              canEdit={canEdit}
              searchable={(e) => [e.title, e.category, e.description]}
              toForm={toEntryForm}
              fromForm={fromEntryForm}
              empty={emptyCatalog("threats")}
            />
          </Tabs.Panel>
          <Tabs.Panel value="vulnerabilities">
            <RegisterTable<CatalogEntry>
              orgId={org.id}
              endpoints={vulnerabilityEndpoints}
              fields={entryFields(false)}
              columns={VULNERABILITY_COLUMNS}
              id="vulnerabilities"
              title="Vulnerabilities"
              noun="vulnerability"
              description="Weaknesses a threat can exploit."
              canEdit={canEdit}
              searchable={(e) => [e.title, e.category, e.description]}
              fromForm={fromEntryForm}
              empty={emptyCatalog("vulnerabilities")}
            />
          </Tabs.Panel>
          <Tabs.Panel value="custom-controls">
            <RegisterTable<CustomControl>
              orgId={org.id}
              endpoints={customControlEndpoints}
              fields={CONTROL_FIELDS}
              columns={CONTROL_COLUMNS}
              id="custom-controls"
              title="Custom controls"
              noun="custom control"
              description="Controls beyond ISO/IEC 27001 Annex A, such as group policies or sector requirements. They can treat risks and appear in the Statement of Applicability after the Annex A controls."
              canEdit={canEdit}
              searchable={(c) => [c.ref, c.title, c.category, c.description]}
              empty={
                <Text size="sm" c="dimmed">
                  No custom controls. Annex A is often enough; add one when a risk needs a control it does not have.
                </Text>
              }
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
