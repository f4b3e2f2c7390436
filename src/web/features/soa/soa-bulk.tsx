import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import type { SoaRow } from "../../../contracts/soa";
import { FormError } from "../../components/form-error";
import { useDecideSeveral } from "./soa-api";

/**
 * Deciding controls one by one is ninety-odd drawers on a fresh SoA. This decides every
 * undecided control the filters show with one note (inclusion) or justification (exclusion);
 * controls a risk treatment or a requirement already justifies are left alone.
 */
export function DecideSeveral({ orgId, shown }: { orgId: string; shown: SoaRow[] }) {
  const undecided = shown.filter((row) => row.applicable === null);
  const [open, setOpen] = useState(false);
  const [decision, setDecision] = useState<"include" | "exclude">("include");
  const [justification, setJustification] = useState("");
  const decide = useDecideSeveral(orgId);
  if (undecided.length === 0) return null;
  const close = () => {
    setOpen(false);
    decide.reset();
  };
  return (
    <>
      <Button variant="light" size="xs" onClick={() => setOpen(true)}>
        Decide the {undecided.length} undecided control{undecided.length === 1 ? "" : "s"} shown
      </Button>
      <Modal opened={open} onClose={close} title={`Decide ${undecided.length} undecided control${undecided.length === 1 ? "" : "s"}`}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            decide.mutate(
              { controlIds: undecided.map((row) => row.control.id), decision, justification: justification.trim() },
              { onSuccess: close },
            );
          }}
        >
          <Stack>
            <Text size="sm">
              {undecided
                .slice(0, 12)
                .map((row) => row.control.ref)
                .join(", ")}
              {undecided.length > 12 ? ` and ${undecided.length - 12} more` : ""}
            </Text>
            <NativeSelect
              label="Decision for all of them"
              data={[
                { value: "include", label: "Include, with this note" },
                { value: "exclude", label: "Exclude, with this justification" },
              ]}
              value={decision}
              onChange={(event) => setDecision(event.currentTarget.value as "include" | "exclude")}
            />
            <Textarea
              label={decision === "exclude" ? "Justification of the exclusion" : "Note on the inclusion"}
              required
              autosize
              minRows={2}
              value={justification}
              onChange={(event) => setJustification(event.currentTarget.value)}
            />
            <FormError error={decide.error} title="Nothing was changed" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={decide.isPending} disabled={!justification.trim()}>
                Decide {undecided.length}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
