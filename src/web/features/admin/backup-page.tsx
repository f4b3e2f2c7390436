import { Alert, Anchor, Button, FileInput, Group, List, NativeSelect, Progress, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { backupEndpoints, type RestoreResult } from "../../../contracts/backup";
import { currentCsrfToken, endpointHref } from "../../app/api-client";
import { PageHeader } from "../../components/page-header";
import { ORGS_KEY, useOrgs } from "../orgs/org-api";
import { BackupDownload, INSTANCE_BACKUP_HREF, orgBackupHref } from "./backup-download";

/** The largest upload the server accepts by default (ISMS_RESTORE_MAX_BYTES); the server has the last word. */
const MAX_BYTES = 1024 ** 3;

/** Sends the file as the raw body, reporting the upload's progress. */
function upload(file: File, onProgress: (fraction: number) => void): Promise<RestoreResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", endpointHref(backupEndpoints.restore, {}));
    xhr.setRequestHeader("content-type", "application/octet-stream");
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader("x-csrf-token", csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { detail?: string } & Partial<RestoreResult> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON
      }
      if (xhr.status === 200) resolve(body as RestoreResult);
      else reject(new Error(body.detail ?? `the server answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error("the upload failed: the connection was lost"));
    xhr.send(file);
  });
}

/** Instance administration: download backups of the instance or of one organization, and restore an organization's backup. */
export function BackupPage() {
  const orgs = useOrgs();
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<RestoreResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = orgId || orgs.data?.[0]?.id || "";

  const restore = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    if (file.size > MAX_BYTES) {
      setError(`the file is larger than ${MAX_BYTES.toLocaleString("en-US")} bytes, the server's default limit (ISMS_RESTORE_MAX_BYTES)`);
      return;
    }
    setProgress(0);
    try {
      setResult(await upload(file, setProgress));
      await queryClient.invalidateQueries({ queryKey: ORGS_KEY });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <PageHeader
        title="Backups"
        description="Download a backup of the whole instance or of one organization (a gzip file of JSON lines with checksums), and restore an organization's backup as a new organization."
      />
      <Stack gap="lg" maw={720}>
        <section aria-labelledby="download-heading">
          <Title order={2} size="h4" id="download-heading" mb="xs">
            Download
          </Title>
          <Group align="flex-end">
            <BackupDownload href={INSTANCE_BACKUP_HREF}>Download the whole instance</BackupDownload>
          </Group>
          <Group align="flex-end" mt="sm">
            <NativeSelect
              label="Organization"
              value={chosen}
              onChange={(e) => setOrgId(e.currentTarget.value)}
              data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              w={280}
            />
            <BackupDownload href={orgBackupHref(chosen, true)} variant="default" disabled={!chosen}>
              Download this organization
            </BackupDownload>
          </Group>
        </section>
        <section aria-labelledby="restore-heading">
          <Title order={2} size="h4" id="restore-heading" mb="xs">
            Restore
          </Title>
          <Text size="sm" mb="sm">
            An organization's backup is added as a new organization (with new ids if it is already here); members are matched by email,
            unknown emails become disabled accounts without a password. A whole instance is restored with <code>isms restore</code> into an
            empty database.
          </Text>
          <Group align="flex-end">
            <FileInput label="Backup file" value={file} onChange={setFile} w={320} />
            <Button onClick={restore} disabled={!file || progress !== null} loading={progress !== null}>
              Restore
            </Button>
          </Group>
          {progress !== null && <Progress value={progress * 100} mt="sm" aria-label={`Uploading: ${Math.round(progress * 100)} %`} />}
          {error && (
            <Alert color="red" title="The backup was not restored" mt="sm" role="alert">
              {error}
            </Alert>
          )}
          {result && (
            <Alert color="green" title="Restored" mt="sm" role="status">
              {result.scope === "organization" ? (
                <List size="sm">
                  <List.Item>
                    Organization{" "}
                    <Anchor href={`/orgs/${result.orgId}`} c="inherit" underline="always">
                      {result.name}
                    </Anchor>
                    {result.newIds ? " (new ids: it was already here)" : ""}: {result.rows} rows, {result.auditEvents} audit events, the
                    audit chain verifies.
                  </List.Item>
                  {(result.usersLinked ?? []).length > 0 && <List.Item>Members linked: {result.usersLinked?.join(", ")}</List.Item>}
                  {(result.usersCreated ?? []).length > 0 && (
                    <List.Item>Accounts created, disabled and without a password: {result.usersCreated?.join(", ")}</List.Item>
                  )}
                </List>
              ) : (
                <Text size="sm">
                  {result.tables} tables, {result.rows} rows restored.
                </Text>
              )}
            </Alert>
          )}
        </section>
      </Stack>
    </>
  );
}
