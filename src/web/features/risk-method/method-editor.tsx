import {
  Alert,
  Button,
  ColorSwatch,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import type { RiskMethodVersion } from "../../../contracts/risk-method";
import { ApiError, sentence } from "../../app/api-client";
import { SaveError } from "../../components/form-error";
import { textOn } from "./method-view";
import { AUTHORITY_LABELS, type RiskMethodDefinition } from "./risk-method-api";

type Axis = "likelihood" | "impact";
const AXIS_LABELS: Record<Axis, string> = { likelihood: "Likelihood", impact: "Impact" };
const MAX = 10;
const MIN = 2;

/** The server names problems both as zod paths (grid.2.4) and as the core's (grid[2][4]); one spelling here. */
export const normalPath = (path: string) => path.replace(/\[(\d+)\]/g, ".$1").replace(/^definition\./, "");

function problemsOf(error: unknown): Map<string, string> {
  if (!(error instanceof ApiError)) return new Map();
  return new Map((error.problem.errors ?? []).map((e) => [normalPath(e.field), sentence(e.message)]));
}

const blankLevel = (n: number) => ({ name: `Level ${n}`, description: "", colour: "#868e96", lower: null, upper: null });

interface MethodEditorProps {
  draft: RiskMethodVersion;
  pending: boolean;
  error: unknown;
  onSave: (definition: RiskMethodDefinition, note: string | null) => void;
}

/**
 * The draft's structured editor. Every field carries the server's message for its path
 * (likelihood.2.name, grid.3.1, acceptance.4.maxMonths); problems of a whole part (a scale's
 * size, a level no cell reaches) show above that part.
 */
export function MethodEditor({ draft, pending, error, onSave }: MethodEditorProps) {
  const [method, setMethod] = useState<RiskMethodDefinition>(() => structuredClone(draft.definition));
  const [note, setNote] = useState(draft.note ?? "");
  const problems = problemsOf(error);
  const used = new Set<string>();
  const err = (path: string) => {
    const message = problems.get(path);
    if (message) used.add(path);
    return message;
  };
  const partProblems = (prefix: string) =>
    [...problems.entries()].filter(
      ([path]) => (path === prefix || path.startsWith(`${prefix}.`)) && !/\.\d+\.\w+$/.test(path) && !/^grid\.\d+\.\d+$/.test(path),
    );

  const update = (change: (m: RiskMethodDefinition) => void) =>
    setMethod((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });

  const addLevel = (axis: Axis) =>
    update((m) => {
      m[axis].push(blankLevel(m[axis].length + 1));
      if (axis === "likelihood") m.grid.push(Array.from({ length: m.impact.length }, () => m.levels.length - 1));
      else for (const row of m.grid) row.push(m.levels.length - 1);
    });
  const removeLevel = (axis: Axis) =>
    update((m) => {
      m[axis].pop();
      if (axis === "likelihood") m.grid.pop();
      else for (const row of m.grid) row.pop();
    });
  const addRiskLevel = () =>
    update((m) => {
      m.levels.push({ name: `Level ${m.levels.length + 1}`, colour: "#862e9c" });
      m.acceptance.push({ authority: "top_management", maxMonths: 12 });
    });
  const removeRiskLevel = () =>
    update((m) => {
      m.levels.pop();
      m.acceptance.pop();
      const top = m.levels.length - 1;
      m.grid = m.grid.map((row) => row.map((cell) => Math.min(cell, top)));
      m.threshold = Math.min(m.threshold, top);
    });

  const levelOptions = method.levels.map((l, k) => ({ value: String(k), label: l.name || `Level ${k + 1}` }));

  const scaleEditor = (axis: Axis) => (
    <Stack gap="xs" key={axis}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {AXIS_LABELS[axis]} scale
        </Title>
        <Group gap="xs">
          <Button size="xs" variant="default" disabled={method[axis].length >= MAX} onClick={() => addLevel(axis)}>
            Add {axis} level
          </Button>
          <Button size="xs" variant="default" disabled={method[axis].length <= MIN} onClick={() => removeLevel(axis)}>
            Remove highest {axis} level
          </Button>
        </Group>
      </Group>
      <PartProblems items={partProblems(axis)} />
      <Table.ScrollContainer minWidth={900}>
        <Table withTableBorder verticalSpacing={4} aria-label={`${AXIS_LABELS[axis]} scale of the draft`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>Score</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th w={140}>Colour</Table.Th>
              <Table.Th w={130}>Lower bound</Table.Th>
              <Table.Th w={130}>Upper bound</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {method[axis].map((level, i) => {
              const at = `${axis}.${i}`;
              const label = `${AXIS_LABELS[axis]} ${i + 1}`;
              const set = (patch: Partial<typeof level>) => update((m) => Object.assign(m[axis][i] as object, patch));
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a scale level's or a matrix cell's position is its score, its identity
                <Table.Tr key={`${axis}-${i}`} id={`method-${axis}-${i}`}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${label} name`}
                      value={level.name}
                      error={err(`${at}.name`)}
                      onChange={(e) => set({ name: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Textarea
                      aria-label={`${label} description`}
                      autosize
                      minRows={1}
                      value={level.description}
                      error={err(`${at}.description`)}
                      onChange={(e) => set({ description: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${label} colour`}
                      value={level.colour}
                      leftSection={<ColorSwatch color={/^#[0-9a-f]{6}$/i.test(level.colour) ? level.colour : "#ffffff"} size={14} />}
                      error={err(`${at}.colour`)}
                      onChange={(e) => set({ colour: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${label} lower bound`}
                      value={level.lower ?? ""}
                      error={err(`${at}.lower`)}
                      onChange={(v) => set({ lower: typeof v === "number" ? v : null })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${label} upper bound`}
                      value={level.upper ?? ""}
                      error={err(`${at}.upper`)}
                      onChange={(v) => set({ upper: typeof v === "number" ? v : null })}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );

  const rows = method.likelihood.map((_, i) => i).reverse();
  // Rendering registers which problems have a place of their own; the rest are listed after.
  const body = (
    <Stack gap="xl">
      {scaleEditor("likelihood")}
      {scaleEditor("impact")}

      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Risk levels and acceptance criteria
          </Title>
          <Group gap="xs">
            <Button size="xs" variant="default" disabled={method.levels.length >= MAX} onClick={addRiskLevel}>
              Add risk level
            </Button>
            <Button size="xs" variant="default" disabled={method.levels.length <= MIN} onClick={removeRiskLevel}>
              Remove highest risk level
            </Button>
          </Group>
        </Group>
        <PartProblems items={[...partProblems("levels"), ...partProblems("acceptance")]} />
        <Table.ScrollContainer minWidth={800}>
          <Table withTableBorder verticalSpacing={4} aria-label="Risk levels of the draft">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>Level</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th w={140}>Colour</Table.Th>
                <Table.Th>Residual risk accepted by</Table.Th>
                <Table.Th w={170}>Longest acceptance (months)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {method.levels.map((level, k) => {
                const rule = method.acceptance[k];
                const label = `Risk level ${k + 1}`;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a scale level's or a matrix cell's position is its score, its identity
                  <Table.Tr key={`level-${k}`} id={`method-level-${k}`}>
                    <Table.Td>{k + 1}</Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`${label} name`}
                        value={level.name}
                        error={err(`levels.${k}.name`)}
                        onChange={(e) => {
                          const name = e.currentTarget.value;
                          update((m) => Object.assign(m.levels[k] as object, { name }));
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`${label} colour`}
                        value={level.colour}
                        leftSection={<ColorSwatch color={/^#[0-9a-f]{6}$/i.test(level.colour) ? level.colour : "#ffffff"} size={14} />}
                        error={err(`levels.${k}.colour`)}
                        onChange={(e) => {
                          const colour = e.currentTarget.value;
                          update((m) => Object.assign(m.levels[k] as object, { colour }));
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`${label} accepted by`}
                        data={Object.entries(AUTHORITY_LABELS).map(([value, text]) => ({ value, label: text }))}
                        value={rule?.authority ?? "top_management"}
                        error={err(`acceptance.${k}.authority`)}
                        onChange={(e) => {
                          const authority = e.currentTarget.value as "risk_owner";
                          update((m) => {
                            m.acceptance[k] = { maxMonths: null, ...m.acceptance[k], authority };
                          });
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`${label} longest acceptance in months`}
                        placeholder="No limit"
                        min={1}
                        allowDecimal={false}
                        value={rule?.maxMonths ?? ""}
                        error={err(`acceptance.${k}.maxMonths`)}
                        onChange={(v) => {
                          const maxMonths = typeof v === "number" ? v : null;
                          update((m) => {
                            m.acceptance[k] = { authority: "top_management", ...m.acceptance[k], maxMonths };
                          });
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <NativeSelect
          id="method-threshold"
          label="Acceptance threshold"
          description="The highest level that may be retained without treatment or an explicit acceptance."
          maw={360}
          data={levelOptions}
          value={String(method.threshold)}
          error={err("threshold")}
          onChange={(e) => {
            const threshold = Number(e.currentTarget.value);
            update((m) => {
              m.threshold = threshold;
            });
          }}
        />
      </Stack>

      <Stack gap="xs">
        <Title order={3} size="h5">
          Risk matrix
        </Title>
        <Text size="sm" c="dimmed">
          The level of each combination of likelihood (rows, highest first) and impact (columns).
        </Text>
        <PartProblems items={partProblems("grid").filter(([path]) => !/^grid\.\d+\.\d+$/.test(path))} />
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder withColumnBorders aria-label="Risk matrix of the draft" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Likelihood \ Impact</Table.Th>
                {method.impact.map((impact, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a scale level's or a matrix cell's position is its score, its identity
                  <Table.Th key={`impact-${j}`} ta="center" fz="xs">
                    {j + 1} {impact.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((i) => (
                <Table.Tr key={`row-${i}`}>
                  <Table.Th scope="row" fz="xs">
                    {i + 1} {method.likelihood[i]?.name}
                  </Table.Th>
                  {method.impact.map((impact, j) => {
                    const level = method.grid[i]?.[j] ?? 0;
                    const colour = method.levels[level]?.colour ?? "#ffffff";
                    const valid = /^#[0-9a-f]{6}$/i.test(colour);
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a scale level's or a matrix cell's position is its score, its identity
                      <Table.Td key={`cell-${i}-${j}`} p={4} bg={valid ? colour : undefined}>
                        <NativeSelect
                          id={`method-grid-${i}-${j}`}
                          size="xs"
                          aria-label={`Level for likelihood ${i + 1} ${method.likelihood[i]?.name ?? ""} and impact ${j + 1} ${impact.name}`}
                          data={levelOptions}
                          value={String(level)}
                          error={err(`grid.${i}.${j}`)}
                          c={valid ? textOn(colour) : undefined}
                          onChange={(e) => {
                            const value = Number(e.currentTarget.value);
                            update((m) => {
                              const row = m.grid[i];
                              if (row) row[j] = value;
                            });
                          }}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>

      <Textarea
        label="Note on this version"
        description="What changed and why; the approvers read it."
        autosize
        minRows={2}
        value={note}
        error={err("note")}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </Stack>
  );
  const unplaced = [...problems.entries()].filter(([path]) => !used.has(path) && !partProblemPaths(path));

  return (
    <form
      noValidate
      aria-label={`Edit draft version ${draft.number}`}
      onSubmit={(event) => {
        event.preventDefault();
        onSave(method, note.trim() === "" ? null : note.trim());
      }}
    >
      <Stack>
        {body}
        {unplaced.length > 0 && <PartProblems items={unplaced} />}
        <SaveError error={error} what="the draft" />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            Save draft
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Problems shown above a part rather than on one field. */
const partProblemPaths = (path: string) => /^(likelihood|impact|levels|acceptance|grid)(\.\d+)?$/.test(path) || /^grid\.\d+$/.test(path);

function PartProblems({ items }: { items: [string, string][] }) {
  if (items.length === 0) return null;
  return (
    <Alert color="red" variant="light" role="alert" p="xs">
      <List size="sm">
        {items.map(([path, message]) => (
          <List.Item key={path}>{message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function MethodWarnings({ warnings }: { warnings: RiskMethodVersion["warnings"] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" title="Allowed, but check these" role="status">
      <List size="sm">
        {warnings.map((w) => (
          <List.Item key={`${w.path}:${w.message}`}>{sentence(w.message)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
