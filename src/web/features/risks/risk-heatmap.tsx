import { Box, Table, Text, UnstyledButton } from "@mantine/core";
import { SideScroll } from "../../components/side-scroll";
import { textOn } from "../risk-method/method-view";
import { CASE_LABELS } from "./risk-labels";
import type { Heatmap, ScoreCase } from "./risks-api";

const LIKELIHOOD_WIDTH = 110;
/** The likelihood column stays in place while the matrix scrolls sideways, so every row keeps its name. */
const STICKY = { position: "sticky", left: 0, zIndex: 1, background: "var(--mantine-color-body)" } as const;

interface HeatmapGridProps {
  map: Heatmap;
  /** The cell the list is filtered to, if it is one of this map's. */
  selected: { likelihood: number; impact: number } | null;
  onSelect: (cell: { levelOf: ScoreCase; likelihood: number; impact: number }) => void;
}

/**
 * Open risks per cell of the matrix in force, each cell in its level's colour with its count;
 * a cell is a button that filters the register to the risks in it.
 */
export function HeatmapGrid({ map, selected, onSelect }: HeatmapGridProps) {
  const name = CASE_LABELS[map.case];
  const rows = map.likelihood.map((_, i) => i + 1).reverse();
  const cell = (likelihood: number, impact: number) => map.cells.find((c) => c.likelihood === likelihood && c.impact === impact);
  if (map.likelihood.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No risk method yet: the heat map appears once a method exists.
      </Text>
    );
  }
  return (
    <>
      {/* On a phone the matrix is wider than the screen: it scrolls sideways inside its box, with a hint and a fade, never the page. */}
      <SideScroll label={`${name} heat map`} minWidth={420} stickyStart={LIKELIHOOD_WIDTH}>
        <Table withColumnBorders withTableBorder layout="fixed" aria-label={`${name} heat map`} fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={LIKELIHOOD_WIDTH} style={STICKY}>
                Likelihood \ Impact
              </Table.Th>
              {map.impact.map((impact, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a scale level's or a matrix cell's position is its score, its identity
                <Table.Th key={`${j}-${impact}`} ta="center">
                  {impact}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((likelihood) => (
              <Table.Tr key={likelihood}>
                <Table.Th scope="row" style={STICKY}>
                  {map.likelihood[likelihood - 1]}
                </Table.Th>
                {map.impact.map((impactName, j) => {
                  const impact = j + 1;
                  const c = cell(likelihood, impact);
                  const level = c ? map.levels[c.level] : undefined;
                  const colour = level?.colour ?? "#dee2e6";
                  const active = selected?.likelihood === likelihood && selected.impact === impact;
                  const count = c?.count ?? 0;
                  return (
                    <Table.Td key={impactName} p={0}>
                      <UnstyledButton
                        w="100%"
                        aria-pressed={active}
                        aria-label={`${name}: likelihood ${map.likelihood[likelihood - 1]}, impact ${impactName}, ${level?.name ?? "no level"}: ${count} risk${count === 1 ? "" : "s"}`}
                        onClick={() => onSelect({ levelOf: map.case, likelihood, impact })}
                      >
                        <Box
                          bg={colour}
                          c={textOn(colour)}
                          ta="center"
                          py={10}
                          fw={count === 0 ? 400 : 700}
                          fz="md"
                          bd={active ? "3px solid var(--mantine-color-blue-9)" : "3px solid transparent"}
                          // An empty cell is told by its light weight, not by fading it, which would fade its text below AA contrast.
                          fs={count === 0 ? "italic" : undefined}
                        >
                          {count}
                        </Box>
                      </UnstyledButton>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SideScroll>
      <Text size="xs" c="dimmed" mt={4}>
        {map.unscored > 0 ? `${map.unscored} open risk(s) without a ${map.case} score. ` : ""}
        {map.rescoreNeeded > 0 ? `${map.rescoreNeeded} risk(s) scored with an earlier method version are left out until re-scored.` : ""}
      </Text>
    </>
  );
}
