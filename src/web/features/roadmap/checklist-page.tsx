import { Anchor, Button, Group, Table } from "@mantine/core";
import { Link } from "react-router";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import classes from "./checklist.module.css";
import { useCatalog, useRoadmap } from "./roadmap-api";
import { GATE_STATE, presentStatus } from "./status";

/** The whole process on one table, in the shape of the standard's checklist annex, with today's status: made to be printed, so in plain words rather than badges. */
export function ChecklistPage() {
  const { org } = useCurrentOrg();
  const roadmap = useRoadmap(org.id);
  const catalog = useCatalog(org.id);
  const status = new Map(roadmap.data?.activities.map((a) => [a.id, a]));
  return (
    <>
      <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.roadmap)} size="sm" className={classes.noPrint}>
        ← Roadmap
      </Anchor>
      <PageHeader
        title="Implementation checklist"
        description={
          catalog.data
            ? `${org.name}: ${catalog.data.info.title}, catalog ${catalog.data.info.version}. Status as of ${new Date().toLocaleDateString()}.`
            : undefined
        }
        actions={
          <Group className={classes.noPrint}>
            <Button onClick={() => window.print()}>Print</Button>
          </Group>
        }
      />
      <QueryState isPending={roadmap.isPending || catalog.isPending} error={roadmap.error ?? catalog.error}>
        {catalog.data && (
          <Table
            withTableBorder
            withColumnBorders
            verticalSpacing="xs"
            fz="sm"
            className={classes.table}
            aria-label="Implementation checklist"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Id</Table.Th>
                <Table.Th>Phase</Table.Th>
                <Table.Th>Activity</Table.Th>
                <Table.Th>Prerequisites</Table.Th>
                <Table.Th>Outputs</Table.Th>
                <Table.Th>ISO/IEC 27001 clauses</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Gate</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {catalog.data.catalog.activities.map((activity) => {
                const current = status.get(activity.id);
                return (
                  <Table.Tr key={activity.id} className={classes.row}>
                    <Table.Td>{activity.id}</Table.Td>
                    <Table.Td>{activity.phase}</Table.Td>
                    <Table.Td>{activity.title}</Table.Td>
                    <Table.Td>{activity.prerequisites.join(", ") || "—"}</Table.Td>
                    <Table.Td>{activity.outputs.map((o) => o.title).join("; ")}</Table.Td>
                    <Table.Td>{activity.iso27001.join(", ") || "—"}</Table.Td>
                    <Table.Td>{current ? presentStatus(current, []).label : "—"}</Table.Td>
                    <Table.Td fw={current?.gate?.state === "stale" ? 700 : undefined}>
                      {current?.gate ? `${current.gate.id}: ${GATE_STATE[current.gate.state].label}` : "—"}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
