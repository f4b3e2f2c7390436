import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type ReactNode, useState } from "react";
import type { RiskDetail } from "../../../contracts/risks";
import { fieldErrors } from "../../app/api-client";
import { useCurrentOrg } from "../../app/org-scope";
import { changedFields, StaleApprovalWarning } from "../registers/approval-warning";
import type { RiskMethodDefinition } from "../risk-method/risk-method-api";
import { CASE_LABELS, LevelBadge, TREATMENT_OPTIONS } from "./risk-labels";
import type { CatalogEntry } from "./risks-api";

type Case = "inherent" | "current" | "residual";
const CASES: Case[] = ["inherent", "current", "residual"];
const CASE_HELP: Record<Case, string> = {
  inherent: "Without any control.",
  current: "With the controls in place today.",
  residual: "Expected after the planned treatment.",
};

interface ScoreState {
  likelihood: string;
  impact: string;
  rationale: string;
}
interface EstimateState {
  min: string;
  mostLikely: string;
  max: string;
  confidence: string;
}
interface QuantCaseState {
  frequency: EstimateState;
  magnitude: EstimateState;
}

export interface RiskFormState {
  kind: "asset" | "scenario";
  title: string;
  description: string;
  assetId: string;
  threatId: string;
  vulnerabilityId: string;
  consequence: string;
  riskSource: string;
  event: string;
  affectedAssetIds: string[];
  ownerUserId: string;
  inherent: ScoreState;
  current: ScoreState;
  residual: ScoreState;
  treatment: string;
  treatmentPlan: string;
  treatmentOwner: string;
  treatmentDue: string;
  controlIds: string[];
  reviewDate: string;
  status: "open" | "closed";
  quantified: boolean;
  quantCurrent: QuantCaseState;
  withResidualQuant: boolean;
  quantResidual: QuantCaseState;
  annualControlCost: string;
  currency: string;
}

const text = (v: string | null | undefined) => v ?? "";
const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const blankEstimate = (): EstimateState => ({ min: "", mostLikely: "", max: "", confidence: "medium" });
const blankQuant = (): QuantCaseState => ({ frequency: blankEstimate(), magnitude: blankEstimate() });

type QuantCase = NonNullable<RiskDetail["quant"]>["current"];

function estimateState(e: QuantCase["frequency"]): EstimateState {
  return { min: String(e.min), mostLikely: String(e.mostLikely), max: String(e.max), confidence: e.confidence };
}
function quantCaseState(c: QuantCase | null | undefined): QuantCaseState {
  return c ? { frequency: estimateState(c.frequency), magnitude: estimateState(c.magnitude) } : blankQuant();
}

export function riskFormState(risk: RiskDetail | null, currency = "EUR"): RiskFormState {
  const score = (s: RiskDetail["inherent"] | undefined): ScoreState => ({
    likelihood: num(s?.likelihood),
    impact: num(s?.impact),
    rationale: text(s?.rationale),
  });
  return {
    kind: risk?.kind ?? "asset",
    title: text(risk?.title),
    description: text(risk?.description),
    assetId: risk?.asset?.id ?? "",
    threatId: risk?.threat?.id ?? "",
    vulnerabilityId: risk?.vulnerability?.id ?? "",
    consequence: text(risk?.consequence),
    riskSource: text(risk?.riskSource),
    event: text(risk?.event),
    affectedAssetIds: risk?.affectedAssets.map((a) => a.id) ?? [],
    ownerUserId: risk?.owner?.id ?? "",
    inherent: score(risk?.inherent),
    current: score(risk?.current),
    residual: score(risk?.residual),
    treatment: risk?.treatment ?? "",
    treatmentPlan: text(risk?.treatmentPlan),
    treatmentOwner: text(risk?.treatmentOwner),
    treatmentDue: text(risk?.treatmentDue),
    controlIds: risk?.controlIds ?? [],
    reviewDate: text(risk?.reviewDate),
    status: risk?.status ?? "open",
    quantified: risk?.quant != null,
    quantCurrent: quantCaseState(risk?.quant?.current),
    withResidualQuant: risk?.quant?.residual != null,
    quantResidual: quantCaseState(risk?.quant?.residual),
    annualControlCost: num(risk?.quant?.annualControlCost ?? null),
    currency: risk?.quant?.currency ?? currency,
  };
}

const orNull = (v: string) => (v.trim() === "" ? null : v.trim());
const number = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

function estimateInput(e: EstimateState) {
  return { min: number(e.min), mostLikely: number(e.mostLikely), max: number(e.max), confidence: e.confidence };
}

/** The form as the API's input: blank optional fields as null, the other kind's fields left out, numbers as numbers. */
export function riskInput(s: RiskFormState): Record<string, unknown> {
  const score = (c: ScoreState) =>
    c.likelihood === "" && c.impact === ""
      ? null
      : { likelihood: Number(c.likelihood), impact: Number(c.impact), rationale: orNull(c.rationale) };
  const asset = s.kind === "asset";
  return {
    kind: s.kind,
    title: s.title,
    description: orNull(s.description),
    assetId: asset ? orNull(s.assetId) : null,
    threatId: asset ? orNull(s.threatId) : null,
    vulnerabilityId: asset ? orNull(s.vulnerabilityId) : null,
    consequence: asset ? orNull(s.consequence) : null,
    riskSource: asset ? null : orNull(s.riskSource),
    event: asset ? null : orNull(s.event),
    affectedAssetIds: asset ? [] : s.affectedAssetIds,
    ownerUserId: orNull(s.ownerUserId),
    inherent: score(s.inherent),
    current: score(s.current),
    residual: score(s.residual),
    treatment: orNull(s.treatment),
    treatmentPlan: orNull(s.treatmentPlan),
    treatmentOwner: orNull(s.treatmentOwner),
    treatmentDue: orNull(s.treatmentDue),
    controlIds: s.treatment === "modify" ? s.controlIds : [],
    reviewDate: orNull(s.reviewDate),
    status: s.status,
    quant: s.quantified
      ? {
          current: { frequency: estimateInput(s.quantCurrent.frequency), magnitude: estimateInput(s.quantCurrent.magnitude) },
          residual: s.withResidualQuant
            ? { frequency: estimateInput(s.quantResidual.frequency), magnitude: estimateInput(s.quantResidual.magnitude) }
            : null,
          annualControlCost: s.annualControlCost.trim() === "" ? 0 : Number(s.annualControlCost),
          currency: s.currency.trim().toUpperCase() || "EUR",
        }
      : null,
  };
}

export interface RiskFormOptions {
  method: RiskMethodDefinition | null;
  assets: { id: string; name: string; category: string; inScope: boolean }[];
  threats: CatalogEntry[];
  vulnerabilities: CatalogEntry[];
  controls: { id: string; ref: string; title: string }[];
  members: { userId: string; displayName: string }[];
}

interface RiskFormProps {
  risk: RiskDetail | null;
  options: RiskFormOptions;
  readOnly: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (input: Record<string, unknown>) => void;
  /** Under the form's fields, before the save button: the save error. */
  footer?: ReactNode;
  /** Shown when the threat list is empty: loads the starter catalog. */
  catalogAction?: ReactNode;
}

function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title} id={id}>
      <Title order={2} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * A risk's form: identification by kind, owner, the three scores on the method's scales, the
 * treatment with its controls, the review, and optional estimates for the quantitative view.
 * Levels are never typed: they show as the server computed them at the last save.
 */
/** A risk's input as decisions and G3 freeze it: scores by likelihood and impact, without their rationale. */
function decidedFacts(input: Record<string, unknown>): Record<string, unknown> {
  const score = (v: unknown) => (v && typeof v === "object" ? { ...v, rationale: undefined } : v);
  return { ...input, inherent: score(input.inherent), current: score(input.current), residual: score(input.residual) };
}

export function RiskForm({ risk, options, readOnly, pending, error, onSubmit, footer, catalogAction }: RiskFormProps) {
  const { org } = useCurrentOrg();
  // A new quantification starts in the organization's currency.
  const [s, setS] = useState(() => riskFormState(risk, org.currency));
  const [stored] = useState(() => decidedFacts(riskInput(riskFormState(risk, org.currency))));
  const errors = fieldErrors(error);
  const err = (name: string) => errors[name] ?? Object.entries(errors).find(([key]) => key.startsWith(`${name}.`))?.[1];
  const set = <K extends keyof RiskFormState>(name: K, value: RiskFormState[K]) => setS((v) => ({ ...v, [name]: value }));
  const method = options.method;
  const scaleOptions = (axis: "likelihood" | "impact") => [
    { value: "", label: "Not scored" },
    ...(method?.[axis] ?? []).map((l, i) => ({ value: String(i + 1), label: `${i + 1} ${l.name}` })),
  ];
  const primary = options.assets.filter((a) => a.category === "primary");
  const scoreMismatch = (c: Case) => {
    const saved = risk?.[c];
    return String(saved?.likelihood ?? "") !== s[c].likelihood || String(saved?.impact ?? "") !== s[c].impact;
  };

  const estimateRow = (which: "quantCurrent" | "quantResidual", part: "frequency" | "magnitude", label: string) => {
    const prefix = `quant.${which === "quantCurrent" ? "current" : "residual"}.${part}`;
    const caseWord = which === "quantCurrent" ? "Current" : "Residual";
    const value = s[which][part];
    const change = (field: keyof EstimateState, v: string) =>
      setS((st) => ({ ...st, [which]: { ...st[which], [part]: { ...st[which][part], [field]: v } } }));
    return (
      <Table.Tr>
        <Table.Th scope="row">{label}</Table.Th>
        {(["min", "mostLikely", "max"] as const).map((field) => (
          <Table.Td key={field}>
            <NumberInput
              aria-label={`${caseWord} ${part} ${field === "mostLikely" ? "most likely" : field === "min" ? "minimum" : "maximum"}`}
              min={0}
              value={value[field]}
              error={errors[`${prefix}.${field}`]}
              onChange={(v) => change(field, String(v))}
            />
          </Table.Td>
        ))}
        <Table.Td>
          <NativeSelect
            aria-label={`${caseWord} ${part} confidence`}
            data={[
              { value: "low", label: "Low" },
              { value: "medium", label: "Medium" },
              { value: "high", label: "High" },
            ]}
            value={value.confidence}
            onChange={(e) => change("confidence", e.currentTarget.value)}
          />
        </Table.Td>
      </Table.Tr>
    );
  };

  const estimatesTable = (which: "quantCurrent" | "quantResidual", caption: string) => (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder verticalSpacing={4} aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{caption}</Table.Th>
            <Table.Th>Minimum</Table.Th>
            <Table.Th>Most likely</Table.Th>
            <Table.Th>Maximum</Table.Th>
            <Table.Th>Confidence</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {estimateRow(which, "frequency", "Loss events per year")}
          {estimateRow(which, "magnitude", `Loss per event (${s.currency || "EUR"})`)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );

  return (
    <form
      noValidate
      aria-label={risk ? `Risk ${risk.ref}` : "New risk"}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(riskInput(s));
      }}
    >
      <Fieldset variant="unstyled" disabled={readOnly}>
        <Stack gap="lg">
          <Section title="Identification">
            <Stack>
              <SegmentedControl
                aria-label="Kind of risk"
                value={s.kind}
                onChange={(v) => set("kind", v as RiskFormState["kind"])}
                data={[
                  { value: "asset", label: "Asset-based (asset, threat, vulnerability)" },
                  { value: "scenario", label: "Scenario (risk source and event)" },
                ]}
                maw={640}
              />
              <TextInput
                label="Title"
                required
                value={s.title}
                error={err("title")}
                onChange={(e) => set("title", e.currentTarget.value)}
              />
              <Textarea
                label="Description"
                autosize
                minRows={2}
                value={s.description}
                error={err("description")}
                onChange={(e) => set("description", e.currentTarget.value)}
              />
              {s.kind === "asset" ? (
                <SimpleGrid cols={{ base: 1, md: 3 }}>
                  <NativeSelect
                    label="Asset"
                    required
                    data={[{ value: "", label: "Choose an asset" }, ...options.assets.map((a) => ({ value: a.id, label: a.name }))]}
                    value={s.assetId}
                    error={err("assetId")}
                    onChange={(e) => set("assetId", e.currentTarget.value)}
                  />
                  <NativeSelect
                    label="Threat"
                    required
                    description={options.threats.length === 0 ? "No threats in the catalog yet." : undefined}
                    data={[{ value: "", label: "Choose a threat" }, ...options.threats.map((t) => ({ value: t.id, label: t.title }))]}
                    value={s.threatId}
                    error={err("threatId")}
                    onChange={(e) => set("threatId", e.currentTarget.value)}
                  />
                  <NativeSelect
                    label="Vulnerability"
                    data={[{ value: "", label: "None named" }, ...options.vulnerabilities.map((t) => ({ value: t.id, label: t.title }))]}
                    value={s.vulnerabilityId}
                    error={err("vulnerabilityId")}
                    onChange={(e) => set("vulnerabilityId", e.currentTarget.value)}
                  />
                </SimpleGrid>
              ) : (
                <SimpleGrid cols={{ base: 1, md: 2 }}>
                  <TextInput
                    label="Risk source"
                    description="Who or what causes it"
                    value={s.riskSource}
                    error={err("riskSource")}
                    onChange={(e) => set("riskSource", e.currentTarget.value)}
                  />
                  <TextInput
                    label="Event"
                    required
                    description="What happens"
                    value={s.event}
                    error={err("event")}
                    onChange={(e) => set("event", e.currentTarget.value)}
                  />
                </SimpleGrid>
              )}
              {s.kind === "asset" && options.threats.length === 0 && catalogAction}
              {s.kind === "asset" ? (
                <Textarea
                  label="Consequence"
                  autosize
                  minRows={2}
                  value={s.consequence}
                  error={err("consequence")}
                  onChange={(e) => set("consequence", e.currentTarget.value)}
                />
              ) : (
                <MultiSelect
                  label="Affected primary assets"
                  required
                  description="The business processes and information the scenario harms"
                  searchable
                  data={primary.map((a) => ({ value: a.id, label: a.name }))}
                  value={s.affectedAssetIds}
                  error={err("affectedAssetIds")}
                  nothingFoundMessage="No primary asset matches"
                  onChange={(v) => set("affectedAssetIds", v)}
                />
              )}
              <NativeSelect
                label="Risk owner"
                description="The member accountable for the risk; they approve its treatment plan"
                maw={420}
                data={[{ value: "", label: "No owner yet" }, ...options.members.map((m) => ({ value: m.userId, label: m.displayName }))]}
                value={s.ownerUserId}
                error={err("ownerUserId")}
                onChange={(e) => set("ownerUserId", e.currentTarget.value)}
              />
            </Stack>
          </Section>

          <Section title="Analysis and evaluation">
            {!method && (
              <Text size="sm" c="dimmed" mb="sm">
                No risk method yet: saving the first score starts a draft from the shipped 5 × 5 method.
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, lg: 3 }}>
              {CASES.map((c) => {
                const saved = risk?.[c];
                return (
                  <Stack key={c} gap="xs" id={`risk-score-${c}`}>
                    <Title order={3} size="h5">
                      {CASE_LABELS[c]} risk
                    </Title>
                    <Text size="xs" c="dimmed">
                      {CASE_HELP[c]}
                    </Text>
                    <NativeSelect
                      label={`${CASE_LABELS[c]} likelihood`}
                      data={scaleOptions("likelihood")}
                      value={s[c].likelihood}
                      error={errors[`${c}.likelihood`] ?? (c === "inherent" ? undefined : errors[c])}
                      onChange={(e) => {
                        const likelihood = e.currentTarget.value;
                        setS((st) => ({ ...st, [c]: { ...st[c], likelihood } }));
                      }}
                    />
                    <NativeSelect
                      label={`${CASE_LABELS[c]} impact`}
                      data={scaleOptions("impact")}
                      value={s[c].impact}
                      error={errors[`${c}.impact`]}
                      onChange={(e) => {
                        const impact = e.currentTarget.value;
                        setS((st) => ({ ...st, [c]: { ...st[c], impact } }));
                      }}
                    />
                    <Group gap="xs" aria-label={`${CASE_LABELS[c]} level`} role="group">
                      <Text size="sm">Level:</Text>
                      <LevelBadge name={saved?.levelName} colour={saved?.colour} data-testid={`${c}-level`} />
                      {risk && scoreMismatch(c) && (
                        <Text size="xs" c="dimmed">
                          recomputed when you save
                        </Text>
                      )}
                    </Group>
                    <Textarea
                      label={`${CASE_LABELS[c]} rationale`}
                      autosize
                      minRows={2}
                      value={s[c].rationale}
                      error={errors[`${c}.rationale`]}
                      onChange={(e) => {
                        const rationale = e.currentTarget.value;
                        setS((st) => ({ ...st, [c]: { ...st[c], rationale } }));
                      }}
                    />
                  </Stack>
                );
              })}
            </SimpleGrid>
          </Section>

          <Section title="Treatment" id="risk-treatment">
            <Stack>
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <NativeSelect
                  label="Treatment option"
                  data={[{ value: "", label: "Not decided" }, ...TREATMENT_OPTIONS]}
                  value={s.treatment}
                  error={err("treatment")}
                  onChange={(e) => set("treatment", e.currentTarget.value)}
                />
                <TextInput
                  label="Treatment owner"
                  description="Who carries the plan out"
                  value={s.treatmentOwner}
                  error={err("treatmentOwner")}
                  onChange={(e) => set("treatmentOwner", e.currentTarget.value)}
                />
                <TextInput
                  type="date"
                  label="Treatment due"
                  value={s.treatmentDue}
                  error={err("treatmentDue")}
                  onChange={(e) => set("treatmentDue", e.currentTarget.value)}
                />
              </SimpleGrid>
              <Textarea
                label="Treatment plan"
                autosize
                minRows={2}
                value={s.treatmentPlan}
                error={err("treatmentPlan")}
                onChange={(e) => set("treatmentPlan", e.currentTarget.value)}
              />
              {s.treatment === "modify" ? (
                <MultiSelect
                  label="Controls"
                  description="Annex A and custom controls that carry out the treatment; type a reference or part of a title"
                  searchable
                  data={options.controls.map((c) => ({ value: c.id, label: `${c.ref} ${c.title}` }))}
                  value={s.controlIds}
                  error={err("controlIds")}
                  nothingFoundMessage="No control matches"
                  maxDropdownHeight={280}
                  onChange={(v) => set("controlIds", v)}
                />
              ) : (
                <Text size="xs" c="dimmed">
                  Controls are chosen when the risk is modified.
                </Text>
              )}
            </Stack>
          </Section>

          <Section title="Review and status">
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <TextInput
                type="date"
                label="Review date"
                value={s.reviewDate}
                error={err("reviewDate")}
                onChange={(e) => set("reviewDate", e.currentTarget.value)}
              />
              <NativeSelect
                label="Status"
                data={[
                  { value: "open", label: "Open" },
                  { value: "closed", label: "Closed" },
                ]}
                value={s.status}
                error={err("status")}
                onChange={(e) => set("status", e.currentTarget.value as RiskFormState["status"])}
              />
            </SimpleGrid>
          </Section>

          <Section title="Quantitative estimates (optional)">
            <Stack>
              <Checkbox
                label="Estimate the loss in money (Monte Carlo)"
                checked={s.quantified}
                onChange={(e) => set("quantified", e.currentTarget.checked)}
              />
              {s.quantified && (
                <>
                  {estimatesTable("quantCurrent", "Current estimates")}
                  <Checkbox
                    label="Estimate the residual loss after treatment"
                    checked={s.withResidualQuant}
                    onChange={(e) => set("withResidualQuant", e.currentTarget.checked)}
                  />
                  {s.withResidualQuant && estimatesTable("quantResidual", "Residual estimates")}
                  <SimpleGrid cols={{ base: 1, md: 3 }}>
                    <NumberInput
                      label="Annual control cost"
                      min={0}
                      value={s.annualControlCost}
                      error={errors["quant.annualControlCost"]}
                      onChange={(v) => set("annualControlCost", String(v))}
                    />
                    <TextInput
                      label="Currency"
                      maxLength={3}
                      value={s.currency}
                      error={errors["quant.currency"]}
                      onChange={(e) => set("currency", e.currentTarget.value.toUpperCase())}
                    />
                  </SimpleGrid>
                  {Object.keys(errors).some((k) => k.startsWith("quant.")) && (
                    <Text c="red" size="sm" role="alert">
                      Check the estimates:{" "}
                      {Object.entries(errors)
                        .filter(([k]) => k.startsWith("quant."))
                        .map(([k, m]) => `${k.slice(6)} ${m.toLowerCase()}`)
                        .join("; ")}
                    </Text>
                  )}
                </>
              )}
            </Stack>
          </Section>
          {footer}
          {risk && !readOnly && (
            <StaleApprovalWarning
              orgId={org.id}
              target={{ recordId: risk.id }}
              changed={changedFields(stored, decidedFacts(riskInput(s)))}
            />
          )}
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={pending}>
                {risk ? "Save risk" : "Create risk"}
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
