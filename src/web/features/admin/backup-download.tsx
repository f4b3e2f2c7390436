import { Button, type ButtonProps } from "@mantine/core";
import type { ReactNode } from "react";
import { backupEndpoints } from "../../../contracts/backup";
import { endpointHref } from "../../app/api-client";

/** Where an organization's backup is downloaded: by an instance administrator, or by the organization's own administrators. */
export const orgBackupHref = (orgId: string, asInstanceAdmin = false) =>
  asInstanceAdmin
    ? endpointHref(backupEndpoints.instance, { query: { orgId } })
    : endpointHref(backupEndpoints.organization, { params: { orgId } });
export const INSTANCE_BACKUP_HREF = endpointHref(backupEndpoints.instance, {});

/**
 * A backup download: a link the browser saves as a file, named by the server (a gzip file of JSON
 * lines with checksums), sent with the session cookie.
 */
export function BackupDownload({
  href,
  children,
  variant,
  disabled,
}: {
  href: string;
  children: ReactNode;
  variant?: ButtonProps["variant"];
  disabled?: boolean;
}) {
  return (
    <Button component="a" href={href} download variant={variant} disabled={disabled}>
      {children}
    </Button>
  );
}
