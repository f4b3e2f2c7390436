import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { measureEndpoints } from "../../../contracts/measures";
import { registerPolicy } from "../../../core/access/policies";
import { STATUS_LABELS } from "../../../core/measurement/indicator";
import { call, fieldErrors } from "../../app/api-client";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { SaveError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useMeasureWrite, useSeries } from "./measures-api";
import { StatusBadge, TrendChart, valueText } from "./trend-chart";

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div>
    <Text size="xs" c="dimmed">
      {label}
    </Text>
    <Text size="sm">{children || "—"}</Text>
  </div>
);

/** One indicator: its model, its trend against the decision criteria, and its values. */
export function MeasurePage() {
  const { org, role } = useCurrentOrg();
  const { measureId = "" } = useParams();
  const series = useSeries(org.id, measureId);
  const write = useMeasureWrite(org.id);
  const [period, setPeriod] = useState(new Date().toISOString().slice(0, 10));
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [notANumber, setNotANumber] = useState(false);
  const canEdit = registerPolicy.can({ role }, "write");
  const m = series.data?.measure;
  const errors = fieldErrors(write.error);
  return (
    <QueryState isPending={series.isPending} error={series.error}>
      {series.data && m && (
        <>
          <PageHeader
            title={`${m.ref} ${m.title}`}
            description={m.informationNeed}
            actions={
              <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.measures)} size="sm">
                Back to measurement
              </Anchor>
            }
          />
          <Stack gap="xl" maw={1100}>
            <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="model-title">
              <Title order={2} size="h4" id="model-title" mb="md">
                Measure
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Fact label="Kind">{m.kind}</Fact>
                <Fact label="Formula">{m.formula}</Fact>
                <Fact label="Built-in">{m.builtinKey}</Fact>
                <Fact label="ISMS objective">{m.objectiveTitle}</Fact>
                <Fact label="Control / process">{[m.controlRef, m.processRef].filter(Boolean).join(" · ")}</Fact>
                <Fact label="Collection">
                  {[m.collectionMethod, m.dataSource, m.frequency && `every ${m.interval} ${m.frequency}`].filter(Boolean).join(" · ")}
                </Fact>
                <Fact label="Owner">{m.ownerName}</Fact>
                <Fact label="Decision criteria">
                  {m.onTarget === null || m.act === null
                    ? ""
                    : `${m.direction === "higher_is_better" ? "higher" : "lower"} is better: on target ${m.direction === "higher_is_better" ? "≥" : "≤"} ${m.onTarget}, act ${m.direction === "higher_is_better" ? "<" : ">"} ${m.act}, watch between`}
                </Fact>
                <Fact label="Target">{m.target === null ? "" : valueText(m.target, m.unit)}</Fact>
                <Fact label="Reporting">{[m.reportedBy, m.reportedTo].filter(Boolean).join(" → ")}</Fact>
                <Fact label="Latest status">
                  <StatusBadge status={m.latest?.status} reason={m.latest?.reason} value={m.latest?.value} criteria={m} />
                </Fact>
              </SimpleGrid>
            </Paper>
            <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="trend-title">
              <Title order={2} size="h4" id="trend-title" mb="xs">
                Trend
              </Title>
              {series.data.crossings.length > 0 && (
                <Text size="sm" mb="sm" data-testid="crossings">
                  Status changes:{" "}
                  {series.data.crossings.map((c) => `${c.period} ${STATUS_LABELS[c.from]} → ${STATUS_LABELS[c.to]}`).join("; ")}
                </Text>
              )}
              {series.data.points.length > 0 ? (
                <TrendChart measure={m} points={series.data.points} />
              ) : (
                <Text c="dimmed" size="sm">
                  No value yet.
                </Text>
              )}
            </Paper>
            {m.kind === "base" && canEdit && (
              <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="entry-title">
                <Title order={2} size="h4" id="entry-title" mb="md">
                  Enter a value
                </Title>
                <form
                  noValidate
                  onSubmit={(e) => {
                    e.preventDefault();
                    const number = value.trim() === "" ? null : Number(value.replace(",", "."));
                    setNotANumber(number !== null && !Number.isFinite(number));
                    if (number !== null && !Number.isFinite(number)) return;
                    write.mutate(
                      () =>
                        call(measureEndpoints.addValue, {
                          params: { orgId: org.id, measureId: m.id },
                          body: { period, value: number, note: note.trim() || null },
                        }),
                      {
                        onSuccess: () => {
                          setValue("");
                          setNote("");
                        },
                      },
                    );
                  }}
                >
                  <Stack>
                    <Group align="flex-start">
                      <TextInput
                        label="Any date in the period"
                        type="date"
                        required
                        value={period}
                        onChange={(e) => setPeriod(e.currentTarget.value)}
                        error={errors.period}
                      />
                      <TextInput
                        label={`Value${m.unit ? ` (${m.unit})` : ""}`}
                        inputMode="decimal"
                        value={value}
                        onChange={(e) => setValue(e.currentTarget.value)}
                        error={notANumber ? "must be a number" : errors.value}
                        description="Blank: no value could be collected"
                      />
                      <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
                    </Group>
                    <SaveError error={write.error} what="the value" />
                    <Group>
                      <Button type="submit" loading={write.isPending}>
                        Save value
                      </Button>
                    </Group>
                  </Stack>
                </form>
              </Paper>
            )}
          </Stack>
        </>
      )}
    </QueryState>
  );
}
