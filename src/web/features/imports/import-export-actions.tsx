import { Button, Group } from "@mantine/core";
import { useState } from "react";
import { ImportDialog } from "./import-dialog";
import { type ExportRegister, exportHref, type ImportRegister } from "./imports-api";

interface ImportExportActionsProps {
  orgId: string;
  register: ImportRegister;
  /** What the file holds, in lower case plural: "assets", "interested parties". */
  noun: string;
  canImport: boolean;
  /** The query keys of the lists an import changes (the roadmap and the gates are refreshed anyway). */
  refresh: readonly (readonly unknown[])[];
  /** Only where a page offers several registers: names the buttons after the register. */
  named?: boolean;
}

/** Import from and export to CSV or XLSX, the same on every register that has file columns. */
export function ImportExportActions({ orgId, register, noun, canImport, refresh, named = false }: ImportExportActionsProps) {
  const [importing, setImporting] = useState(false);
  const suffix = named ? ` ${noun}` : "";
  return (
    <Group gap="xs">
      {canImport && (
        <Button variant="default" onClick={() => setImporting(true)}>
          {`Import${suffix}`}
        </Button>
      )}
      <ExportButtons orgId={orgId} register={register} suffix={suffix} />
      <ImportDialog
        orgId={orgId}
        register={register}
        noun={noun}
        opened={importing}
        onClose={() => setImporting(false)}
        refresh={refresh}
      />
    </Group>
  );
}

function ExportButtons({ orgId, register, suffix }: { orgId: string; register: ExportRegister; suffix: string }) {
  return (
    <>
      <Button component="a" variant="default" href={exportHref(orgId, register, "csv")} download>
        {`Export${suffix} CSV`}
      </Button>
      <Button component="a" variant="default" href={exportHref(orgId, register, "xlsx")} download>
        {`Export${suffix} XLSX`}
      </Button>
    </>
  );
}

/** Export only, for the registers that are not imported (boundary interfaces, obligations, the gap assessment). */
export function ExportActions({ orgId, register, noun }: { orgId: string; register: ExportRegister; noun?: string }) {
  return (
    <Group gap="xs">
      <ExportButtons orgId={orgId} register={register} suffix={noun ? ` ${noun}` : ""} />
    </Group>
  );
}
