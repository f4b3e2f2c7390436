import { Anchor, Badge, Button, Stack, Table, Text } from "@mantine/core";
import { Fragment, type ReactNode } from "react";
import { Link } from "react-router";
import type { SoaRow } from "../../../contracts/soa";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import classes from "./soa.module.css";
import { applicability, BASIS_LABELS, groupLabel, groupOf, IMPLEMENTATION_COLORS, IMPLEMENTATION_LABELS } from "./soa-labels";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The computed justification names risks by reference: each becomes a link to the risk's page. */
export function LinkedJustification({ orgId, text, risks }: { orgId: string; text: string; risks: SoaRow["risks"] }) {
  if (!text) return <>—</>;
  if (risks.length === 0) return <>{text}</>;
  const byRef = new Map(risks.map((r) => [r.ref, r]));
  // A reference stands alone: R-0001 is not found inside R-00012.
  const pattern = new RegExp(`(?<![\\w-])(${[...byRef.keys()].map(escapeRegExp).join("|")})(?![\\w-])`, "g");
  const parts = text.split(pattern);
  return (
    <>
      {parts.map((part, i) => {
        const risk = i % 2 === 1 ? byRef.get(part) : undefined;
        return risk ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
          <Anchor key={i} component={Link} to={orgHref(orgId, `${ORG_PATHS.risks}/${risk.id}`)} title={risk.title} inherit>
            {part}
          </Anchor>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
          <Fragment key={i}>{part}</Fragment>
        );
      })}
    </>
  );
}

export function ApplicableBadge({ applicable }: { applicable: boolean | null }) {
  const { label, color } = applicability(applicable);
  return (
    <Badge variant={applicable === null ? "outline" : "light"} color={color} size="sm" miw="max-content">
      {label}
    </Badge>
  );
}

export function ImplementationBadge({ implementation }: { implementation: SoaRow["implementation"] }) {
  return (
    <Badge variant="light" color={IMPLEMENTATION_COLORS[implementation]} size="sm" miw="max-content">
      {IMPLEMENTATION_LABELS[implementation]}
    </Badge>
  );
}

interface SoaTableProps {
  orgId: string;
  rows: readonly SoaRow[];
  label: string;
  /** The live table's rows carry `soa-<control id>` ids, which the roadmap links to; a frozen version's do not. */
  withRowIds?: boolean;
  /** Shown in an extra column when given (the Edit button). */
  actions?: (row: SoaRow) => ReactNode;
}

/** The Statement of Applicability as a table, grouped by Annex A theme and then the custom controls, in the order the server gives. */
export function SoaTable({ orgId, rows, label, withRowIds = false, actions }: SoaTableProps) {
  const columns = actions ? 8 : 7;
  let previousGroup: string | null = null;
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table withTableBorder verticalSpacing={6} aria-label={label} className={classes.table}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Control</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Applicable</Table.Th>
            <Table.Th>Basis</Table.Th>
            <Table.Th w="32%">Justification</Table.Th>
            <Table.Th>Implementation</Table.Th>
            <Table.Th>Owner</Table.Th>
            {actions && <Table.Th className={classes.noPrint}>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const group = groupOf(row.control);
            const header = group !== previousGroup;
            previousGroup = group;
            const troubled = row.problems.length > 0;
            return (
              <Fragment key={row.control.id}>
                {header && (
                  <Table.Tr className={classes.group}>
                    <Table.Th colSpan={columns} scope="colgroup">
                      {groupLabel(group)}
                    </Table.Th>
                  </Table.Tr>
                )}
                <Table.Tr
                  id={withRowIds ? `soa-${row.control.id}` : undefined}
                  tabIndex={withRowIds ? -1 : undefined}
                  className={troubled ? classes.problem : undefined}
                  data-problem={troubled || undefined}
                >
                  <Table.Td ff="monospace" style={{ whiteSpace: "nowrap" }}>
                    {row.control.ref}
                  </Table.Td>
                  <Table.Td>
                    {row.control.title}
                    {row.control.source === "custom" && row.control.group && (
                      <Text size="xs" c="dimmed">
                        {row.control.group}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <ApplicableBadge applicable={row.applicable} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{BASIS_LABELS[row.basis]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Text size="sm">
                        <LinkedJustification orgId={orgId} text={row.justification} risks={row.risks} />
                      </Text>
                      {row.problems.map((problem) => (
                        <Text key={problem} size="sm" c="red.8" fw={500}>
                          Needs attention: {problem}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <ImplementationBadge implementation={row.implementation} />
                  </Table.Td>
                  <Table.Td>{row.owner ?? "—"}</Table.Td>
                  {actions && <Table.Td className={classes.noPrint}>{actions(row)}</Table.Td>}
                </Table.Tr>
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function EditRowButton({ row, onEdit }: { row: SoaRow; onEdit: (row: SoaRow) => void }) {
  return (
    <Button size="xs" variant="subtle" aria-label={`Edit ${row.control.ref}`} onClick={() => onEdit(row)}>
      Edit
    </Button>
  );
}
