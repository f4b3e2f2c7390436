import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  ColorSwatch,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import type { Risk } from "../../../contracts/risks";
import { registerPolicy } from "../../../core/access/policies";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { CursorPager, useCursorPages } from "../../components/cursor-pager";
import { formatDay } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useScrollToHash } from "../../components/use-scroll-to-hash";
import { DeliverableDownloads } from "../deliverables/deliverable-downloads";
import { useMemberOptions } from "../members/member-api";
import { HeatmapGrid } from "./risk-heatmap";
import { CASE_LABELS, KIND_LABELS, LevelBadge, TREATMENT_LABELS, TREATMENT_OPTIONS } from "./risk-labels";
import { type RiskDashboard, type RiskFilters, useHeatmap, useRiskDashboard, useRisks } from "./risks-api";

const NO_FILTERS: RiskFilters = { q: "", kind: "", owner: "", treatment: "", status: "open", overdue: false, sort: "ref", cell: null };
const ALL = { value: "", label: "All" };

export const riskHref = (orgId: string, riskId: string) => orgHref(orgId, `${ORG_PATHS.risks}/${riskId}`);

/** Scrolls the risk list into view and moves focus to it, so keyboard and screen-reader users land where the result is. */
function revealList() {
  const list = document.getElementById("risks");
  if (!list) return;
  const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  list.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "start" });
  list.focus({ preventScroll: true });
}

/** Activities 8.2 and 8.3: the risk register with its dashboard and heat maps. */
export function RisksPage() {
  const { org, role } = useCurrentOrg();
  const canEdit = registerPolicy.can({ role }, "write");
  const [filters, setFilters] = useState(NO_FILTERS);
  const [debounced] = useDebouncedValue(filters, 250);
  const pages = useCursorPages(JSON.stringify(debounced));
  const risks = useRisks(org.id, debounced, pages.cursor);
  const dashboard = useRiskDashboard(org.id);
  const inherent = useHeatmap(org.id, "inherent");
  const residual = useHeatmap(org.id, "residual");
  const members = useMemberOptions(org.id);
  useScrollToHash();
  const set = <K extends keyof RiskFilters>(name: K, value: RiskFilters[K]) => setFilters((f) => ({ ...f, [name]: value }));
  const cell = filters.cell;

  return (
    <>
      <PageHeader
        title="Risk register"
        description="Activities 8.2 and 8.3: every risk to the assets in scope, asset-based or as a scenario, with its owner, its inherent, current and residual levels from the approved method, and its treatment."
        actions={
          <Group gap="xs">
            <DeliverableDownloads
              orgId={org.id}
              deliverable={{ id: "risk-report", title: "Risk assessment report", formats: ["pdf", "docx", "xlsx"] }}
            />
            {canEdit && (
              <Button component={Link} to={orgHref(org.id, `${ORG_PATHS.risks}/new`)}>
                New risk
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="xl" maw={1400}>
        <QueryState isPending={dashboard.isPending} error={dashboard.error}>
          {dashboard.data && <DashboardStrip data={dashboard.data} orgId={org.id} />}
        </QueryState>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {[inherent, residual].map((map, index) => {
            const scoreCase = index === 0 ? "inherent" : "residual";
            return (
              <Paper key={scoreCase} withBorder radius="md" p="lg" component="section" aria-labelledby={`heatmap-${scoreCase}-title`}>
                <Title order={2} size="h4" id={`heatmap-${scoreCase}-title`} mb="xs">
                  {CASE_LABELS[scoreCase]} risk
                </Title>
                <Text size="xs" c="dimmed" mb="xs">
                  {scoreCase === "inherent" ? "Without any control." : "Expected after the planned treatment."} Choose a cell to list its
                  risks.
                </Text>
                <QueryState isPending={map.isPending} error={map.error}>
                  {map.data && (
                    <HeatmapGrid
                      map={map.data}
                      selected={cell?.levelOf === scoreCase ? cell : null}
                      onSelect={(next) => {
                        const same = cell?.levelOf === next.levelOf && cell.likelihood === next.likelihood && cell.impact === next.impact;
                        set("cell", same ? null : next);
                        // The filtered list sits below the heat maps, often below the fold: bring it into view.
                        if (!same) revealList();
                      }}
                    />
                  )}
                </QueryState>
              </Paper>
            );
          })}
        </SimpleGrid>

        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="risks-title" id="risks" tabIndex={-1}>
          <Title order={2} size="h4" id="risks-title" mb="md">
            Risks
          </Title>
          <Group align="flex-end" mb="md" role="search" aria-label="Filter risks">
            <TextInput label="Search" placeholder="Part of the title" value={filters.q} onChange={(e) => set("q", e.currentTarget.value)} />
            <NativeSelect
              label="Kind"
              data={[ALL, { value: "asset", label: "Asset-based" }, { value: "scenario", label: "Scenario" }]}
              value={filters.kind}
              onChange={(e) => set("kind", e.currentTarget.value)}
            />
            <NativeSelect
              label="Owner"
              data={[ALL, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))]}
              value={filters.owner}
              onChange={(e) => set("owner", e.currentTarget.value)}
            />
            <NativeSelect
              label="Treatment"
              data={[ALL, ...TREATMENT_OPTIONS]}
              value={filters.treatment}
              onChange={(e) => set("treatment", e.currentTarget.value)}
            />
            <NativeSelect
              label="Status"
              data={[ALL, { value: "open", label: "Open" }, { value: "closed", label: "Closed" }]}
              value={filters.status}
              onChange={(e) => set("status", e.currentTarget.value)}
            />
            <NativeSelect
              label="Sort by"
              data={[
                { value: "ref", label: "Reference" },
                { value: "title", label: "Title" },
                { value: "inherentLevel", label: "Inherent level" },
                { value: "residualLevel", label: "Residual level" },
                { value: "reviewDate", label: "Review date" },
              ]}
              value={filters.sort}
              onChange={(e) => set("sort", e.currentTarget.value)}
            />
            <Checkbox label="Review overdue" checked={filters.overdue} onChange={(e) => set("overdue", e.currentTarget.checked)} mb={8} />
          </Group>
          {cell && (
            <Group mb="sm" gap="xs">
              <Badge variant="light" size="lg">
                {CASE_LABELS[cell.levelOf]} cell: likelihood {cell.likelihood}, impact {cell.impact}
              </Badge>
              <Button size="xs" variant="subtle" onClick={() => set("cell", null)}>
                Clear the cell filter
              </Button>
            </Group>
          )}
          <QueryState isPending={risks.isPending} error={risks.error}>
            {risks.data && <RiskTable risks={risks.data.items} orgId={org.id} canEdit={canEdit} filtered={filters !== NO_FILTERS} />}
            <CursorPager pages={pages} nextCursor={risks.data?.nextCursor} label="Risks" />
          </QueryState>
        </Paper>
      </Stack>
    </>
  );
}

/** Below this width the risk table's nine columns do not fit: each risk becomes a card instead. */
const PHONE = "(max-width: 48em)";

function RiskTable({ risks, orgId, canEdit, filtered }: { risks: Risk[]; orgId: string; canEdit: boolean; filtered: boolean }) {
  const phone = useMediaQuery(PHONE);
  if (risks.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {filtered
          ? "No risks match these filters."
          : canEdit
            ? "No risks yet. Choose “New risk” to identify the first one: an asset-based risk (asset, threat, vulnerability) or a scenario."
            : "No risks have been identified yet."}
      </Text>
    );
  }
  if (phone) return <RiskCards risks={risks} orgId={orgId} />;
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped withTableBorder verticalSpacing="xs" aria-label="Risks" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Ref</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Asset or affected</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Inherent</Table.Th>
            <Table.Th>Residual</Table.Th>
            <Table.Th>Treatment</Table.Th>
            <Table.Th>Review</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {risks.map((risk) => (
            <Table.Tr key={risk.id}>
              <Table.Td>
                <Anchor component={Link} to={riskHref(orgId, risk.id)}>
                  {risk.ref}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Anchor component={Link} to={riskHref(orgId, risk.id)}>
                    {risk.title}
                  </Anchor>
                  <Group gap={4}>
                    {risk.rescoreNeeded && (
                      <Badge size="xs" color="orange" variant="light">
                        Re-score needed
                      </Badge>
                    )}
                    {risk.status === "closed" && (
                      <Badge size="xs" color="gray" variant="light">
                        Closed
                      </Badge>
                    )}
                  </Group>
                </Stack>
              </Table.Td>
              <Table.Td>{KIND_LABELS[risk.kind]}</Table.Td>
              <Table.Td>{risk.asset ? risk.asset.name : risk.affectedAssets.map((a) => a.name).join(", ") || "—"}</Table.Td>
              <Table.Td>{risk.owner?.name ?? "—"}</Table.Td>
              <Table.Td>
                <LevelBadge name={risk.inherent?.levelName} colour={risk.inherent?.colour} />
              </Table.Td>
              <Table.Td>
                <LevelBadge name={risk.residual?.levelName} colour={risk.residual?.colour} />
              </Table.Td>
              <Table.Td>{risk.treatment ? TREATMENT_LABELS[risk.treatment] : "—"}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {formatDay(risk.reviewDate)}
                  {risk.reviewOverdue && (
                    <Badge size="xs" color="red" variant="filled">
                      Overdue
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The risk list on a phone: one card per risk with what the table's columns say, stacked so nothing scrolls sideways. */
function RiskCards({ risks, orgId }: { risks: Risk[]; orgId: string }) {
  return (
    <Stack gap="sm" component="ul" aria-label="Risks" p={0} m={0} style={{ listStyle: "none" }}>
      {risks.map((risk) => {
        const titleId = `risk-card-${risk.id}`;
        return (
          <Paper key={risk.id} component="li" withBorder radius="sm" p="sm" aria-labelledby={titleId} data-risk-card>
            <Stack gap={6}>
              <Anchor component={Link} to={riskHref(orgId, risk.id)} id={titleId} fw={600} size="sm">
                {risk.ref} {risk.title}
              </Anchor>
              <Group gap={6}>
                <Text size="xs" span>
                  Inherent
                </Text>
                <LevelBadge name={risk.inherent?.levelName} colour={risk.inherent?.colour} />
                <Text size="xs" span>
                  Residual
                </Text>
                <LevelBadge name={risk.residual?.levelName} colour={risk.residual?.colour} />
              </Group>
              <Text size="xs">
                <strong>Owner:</strong> {risk.owner?.name ?? "none"} · <strong>Status:</strong>{" "}
                {risk.status === "closed" ? "Closed" : "Open"}
              </Text>
              <Text size="xs">
                <strong>Treatment:</strong> {risk.treatment ? TREATMENT_LABELS[risk.treatment] : "not chosen"} · <strong>Review:</strong>{" "}
                {formatDay(risk.reviewDate)}
              </Text>
              {(risk.rescoreNeeded || risk.reviewOverdue) && (
                <Group gap={4}>
                  {risk.rescoreNeeded && (
                    <Badge size="xs" color="orange" variant="light">
                      Re-score needed
                    </Badge>
                  )}
                  {risk.reviewOverdue && (
                    <Badge size="xs" color="red" variant="filled">
                      Review overdue
                    </Badge>
                  )}
                </Group>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

function Tile({ title, children, label }: { title: string; children: ReactNode; label?: string }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={label ?? title}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb={6}>
        {title}
      </Text>
      {children}
    </Paper>
  );
}

function RiskLines({
  items,
  orgId,
  empty,
  extra,
}: {
  items: { id: string; ref: string; title: string }[];
  orgId: string;
  empty: string;
  extra?: (i: number) => string;
}) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2}>
      {items.slice(0, 6).map((r, i) => (
        <List.Item key={r.id}>
          <Anchor component={Link} to={riskHref(orgId, r.id)} size="sm">
            {r.ref}
          </Anchor>{" "}
          {r.title}
          {extra ? ` · ${extra(i)}` : ""}
        </List.Item>
      ))}
    </List>
  );
}

/** What an ISMS manager checks every morning: levels before and after treatment, what needs attention, and who owns what. */
function DashboardStrip({ data, orgId }: { data: RiskDashboard; orgId: string }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} aria-label="Risk dashboard">
      <Tile title={`Open risks: ${data.open} of ${data.total}`} label="Risks by level">
        <Table fz="sm" verticalSpacing={2} aria-label="Open risks by level, inherent and residual">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Level</Table.Th>
              <Table.Th ta="right">Inherent</Table.Th>
              <Table.Th ta="right">Residual</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...data.byLevel].reverse().map((l) => (
              <Table.Tr key={l.level}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <ColorSwatch color={l.colour} size={12} aria-hidden />
                    {l.name}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{l.inherent}</Table.Td>
                <Table.Td ta="right">{l.residual}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Tile>
      <Tile title="Top risks">
        <RiskLines
          items={data.top}
          orgId={orgId}
          empty="No scored open risks."
          extra={(i) => `${data.top[i]?.levelName ?? "unscored"}${data.top[i]?.owner ? `, ${data.top[i]?.owner}` : ""}`}
        />
      </Tile>
      <Tile title="Risks by owner">
        {data.byOwner.length === 0 ? (
          <Text size="sm" c="dimmed">
            No open risks.
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {data.byOwner.map((o) => (
              <List.Item key={o.owner ?? "none"}>
                {o.owner ?? "No owner"}: {o.count}
                {o.aboveThreshold > 0 ? ` (${o.aboveThreshold} above the threshold)` : ""}
              </List.Item>
            ))}
          </List>
        )}
      </Tile>
      <Tile title="Needs attention">
        <Stack gap={6}>
          <Text size="sm">
            <strong>{data.awaitingAcceptance}</strong> awaiting acceptance · <strong>{data.rescoreNeeded}</strong> re-score needed
          </Text>
          <Text size="xs" fw={700}>
            Overdue reviews ({data.overdueReviews.length})
          </Text>
          <RiskLines
            items={data.overdueReviews}
            orgId={orgId}
            empty="None."
            extra={(i) => `due ${formatDay(data.overdueReviews[i]?.reviewDate)}`}
          />
          <Text size="xs" fw={700}>
            Expired acceptances ({data.expiredAcceptances.length})
          </Text>
          <RiskLines
            items={data.expiredAcceptances}
            orgId={orgId}
            empty="None."
            extra={(i) => `ran out ${formatDay(data.expiredAcceptances[i]?.expiresOn)}`}
          />
          <Text size="xs" fw={700}>
            Stale decisions ({data.staleDecisions.length})
          </Text>
          <RiskLines
            items={data.staleDecisions}
            orgId={orgId}
            empty="None."
            extra={(i) => (data.staleDecisions[i]?.kind === "acceptance" ? "acceptance" : "treatment approval")}
          />
        </Stack>
      </Tile>
    </SimpleGrid>
  );
}
