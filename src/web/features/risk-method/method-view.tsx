import { Badge, Box, ColorSwatch, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { ROLE_LABELS } from "../../../core/access/roles";
import { AUTHORITY_DECIDERS } from "../../../core/risk/decisions";
import type { AcceptanceAuthority } from "../../../core/risk/method";
import type { RiskMethodDefinition } from "./risk-method-api";
import { AUTHORITY_LABELS } from "./risk-method-api";

type Scale = RiskMethodDefinition["likelihood"];

/** Black or white, whichever reads better on a level's colour. */
export function textOn(hex: string): string {
  const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = rgb.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  // Black reads better above a relative luminance of about 0.18, where both contrasts are equal (WCAG 2.1).
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? "black" : "white";
}

const bound = (value: number | null) => (value === null ? "open" : value.toLocaleString());

function ScaleTable({ scale, label }: { scale: Scale; label: string }) {
  return (
    <Table withTableBorder verticalSpacing={4} aria-label={label} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Score</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Description</Table.Th>
          <Table.Th>Bounds</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {scale.map((level, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a scale level's or a matrix cell's position is its score, its identity
          <Table.Tr key={`${i}-${level.name}`}>
            <Table.Td>{i + 1}</Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <ColorSwatch color={level.colour} size={14} aria-hidden />
                {level.name}
              </Group>
            </Table.Td>
            <Table.Td>{level.description || "—"}</Table.Td>
            <Table.Td>{level.lower === null && level.upper === null ? "—" : `${bound(level.lower)} to ${bound(level.upper)}`}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The risk matrix as a table: likelihood rows from the highest down, impact columns from the
 * lowest, each cell in its level's colour with the level's name, so it reads without colour too.
 */
export function MatrixTable({ method, label }: { method: RiskMethodDefinition; label: string }) {
  const rows = method.likelihood.map((_, i) => i).reverse();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder withColumnBorders aria-label={label} fz="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Likelihood \ Impact</Table.Th>
            {method.impact.map((impact, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a scale level's or a matrix cell's position is its score, its identity
              <Table.Th key={`${j}-${impact.name}`} ta="center">
                {j + 1} {impact.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((i) => (
            <Table.Tr key={i}>
              <Table.Th scope="row">
                {i + 1} {method.likelihood[i]?.name}
              </Table.Th>
              {method.impact.map((_, j) => {
                const level = method.grid[i]?.[j];
                const def = level === undefined ? undefined : method.levels[level];
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a scale level's or a matrix cell's position is its score, its identity
                  <Table.Td key={j} p={0}>
                    <Box bg={def?.colour ?? "gray.2"} c={def ? textOn(def.colour) : "dimmed"} p={6} ta="center" fw={600}>
                      {def?.name ?? "?"}
                    </Box>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function LevelsTable({ method, label }: { method: RiskMethodDefinition; label: string }) {
  return (
    <Table withTableBorder verticalSpacing={4} aria-label={label} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Level</Table.Th>
          <Table.Th>Retained without acceptance</Table.Th>
          <Table.Th>Residual risk accepted by</Table.Th>
          <Table.Th>Longest acceptance</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {method.levels.map((level, i) => {
          const rule = method.acceptance[i];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a scale level's or a matrix cell's position is its score, its identity
            <Table.Tr key={`${i}-${level.name}`}>
              <Table.Td>
                <Badge color={level.colour} autoContrast size="sm">
                  {level.name}
                </Badge>
              </Table.Td>
              <Table.Td>{i <= method.threshold ? "Yes" : "No: needs treatment or an explicit acceptance"}</Table.Td>
              <Table.Td>{rule ? AUTHORITY_LABELS[rule.authority] : "—"}</Table.Td>
              <Table.Td>{rule ? (rule.maxMonths === null ? "No limit" : `${rule.maxMonths} months`) : "—"}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Which member roles count as each acceptance authority: what the server checks when a decision is recorded. */
export function AuthoritiesTable({ label }: { label: string }) {
  return (
    <Table withTableBorder verticalSpacing={4} aria-label={label} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Authority</Table.Th>
          <Table.Th>Who decides (member roles)</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(Object.entries(AUTHORITY_DECIDERS) as [AcceptanceAuthority, (typeof AUTHORITY_DECIDERS)[AcceptanceAuthority]][]).map(
          ([authority, deciders]) => (
            <Table.Tr key={authority}>
              <Table.Td>{AUTHORITY_LABELS[authority]}</Table.Td>
              <Table.Td>
                {[...(deciders.riskOwner ? ["The risk's owner"] : []), ...deciders.roles.map((role) => ROLE_LABELS[role])].join(", ")}
              </Table.Td>
            </Table.Tr>
          ),
        )}
      </Table.Tbody>
    </Table>
  );
}

/** A method version read-only: scales, matrix, levels with the threshold and who accepts what. */
export function MethodView({ method, idPrefix }: { method: RiskMethodDefinition; idPrefix: string }) {
  const threshold = method.levels[method.threshold]?.name ?? `level ${method.threshold}`;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack gap="xs">
          <Title order={3} size="h5">
            Likelihood scale
          </Title>
          <ScaleTable scale={method.likelihood} label={`${idPrefix} likelihood scale`} />
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            Impact scale
          </Title>
          <ScaleTable scale={method.impact} label={`${idPrefix} impact scale`} />
        </Stack>
      </SimpleGrid>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Risk matrix
        </Title>
        <MatrixTable method={method} label={`${idPrefix} risk matrix`} />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Levels and acceptance criteria
        </Title>
        <Text size="sm">
          Threshold: risks up to <strong>{threshold}</strong> may be retained without an explicit acceptance.
        </Text>
        <LevelsTable method={method} label={`${idPrefix} levels and acceptance`} />
      </Stack>
    </Stack>
  );
}
