import { Button, Group } from "@mantine/core";
import type { Format } from "../../../core/deliverables/freshness";
import { type Deliverable, FORMAT_LABELS, renderHref } from "./deliverables-api";

/** Download buttons for one deliverable, in every format it is made in: used here and on the register pages. */
export function DeliverableDownloads({
  orgId,
  deliverable,
  label,
}: {
  orgId: string;
  deliverable: Pick<Deliverable, "id" | "title"> & { formats: readonly Format[] };
  label?: string;
}) {
  return (
    <Group gap={6} wrap="wrap" role="group" aria-label={label ?? `Download ${deliverable.title}`}>
      {deliverable.formats.map((f) => (
        <Button
          key={f}
          component="a"
          href={renderHref(orgId, deliverable.id, f)}
          download
          size="compact-sm"
          variant="default"
          aria-label={`Download ${deliverable.title} as ${FORMAT_LABELS[f]}`}
        >
          {FORMAT_LABELS[f]}
        </Button>
      ))}
    </Group>
  );
}
