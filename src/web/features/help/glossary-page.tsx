import { Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { PageHeader } from "../../components/page-header";
import { GLOSSARY } from "./glossary";

export function GlossaryPage() {
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const entries = GLOSSARY.filter((e) => !needle || e.term.toLowerCase().includes(needle) || e.meaning.toLowerCase().includes(needle));
  return (
    <>
      <PageHeader
        title="Glossary"
        description="The words this workbench uses, in plain language. Each activity's page also says what a good result looks like."
      />
      <Stack gap="md" maw={820}>
        <TextInput label="Filter the glossary" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} maw={360} />
        <Paper withBorder radius="md" p="lg">
          {entries.length === 0 ? (
            <Text c="dimmed" size="sm">
              No term matches “{filter.trim()}”.
            </Text>
          ) : (
            <dl style={{ margin: 0 }}>
              {entries.map((entry) => (
                <div key={entry.term} style={{ marginBottom: "var(--mantine-spacing-md)" }}>
                  <Title order={2} size="h5" component="dt">
                    {entry.term}
                  </Title>
                  <Text component="dd" size="sm" ml={0} mt={2}>
                    {entry.meaning}
                  </Text>
                </div>
              ))}
            </dl>
          )}
        </Paper>
      </Stack>
    </>
  );
}
