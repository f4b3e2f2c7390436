import { Button, type ButtonProps, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";

interface ConfirmButtonProps extends ButtonProps {
  /** The button's text; also the confirming button's text in the dialog. */
  children: string;
  /** Accessible name when the visible text alone is ambiguous, e.g. "Remove Ada Lovelace". */
  "aria-label"?: string;
  title: string;
  message: ReactNode;
  onConfirm: () => void;
}

/** A destructive action asks first; the dialog is keyboard-usable and returns focus to the button. */
export function ConfirmButton({ children, title, message, onConfirm, "aria-label": ariaLabel, ...buttonProps }: ConfirmButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button size="xs" variant="subtle" color="red" aria-label={ariaLabel} onClick={open} {...buttonProps}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack>
          <Text size="sm">{message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red"
              data-autofocus
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {children}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
