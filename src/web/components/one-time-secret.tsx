import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from "@mantine/core";
import type { ReactNode } from "react";

interface OneTimeSecretProps {
  title: string;
  label: string;
  value: string;
  children?: ReactNode;
  onDismiss: () => void;
}

/** A secret the server shows only once (an invitation link, an API token): easy to copy, impossible to miss. */
export function OneTimeSecret({ title, label, value, children, onDismiss }: OneTimeSecretProps) {
  return (
    <Alert color="teal" variant="light" title={title}>
      <Stack gap="sm">
        {children && <Text size="sm">{children}</Text>}
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            label={label}
            value={value}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            style={{ flex: 1 }}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          />
          <CopyButton value={value} timeout={2000}>
            {({ copied, copy }) => (
              <Button color={copied ? "teal" : "blue"} onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
                {copied ? "Copied" : "Copy"}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end">
          <Button variant="subtle" size="xs" onClick={onDismiss}>
            Done, hide it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
