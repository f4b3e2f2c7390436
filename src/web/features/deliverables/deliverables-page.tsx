import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  ColorInput,
  FileInput,
  Group,
  Modal,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { deliverablePolicy, orgPolicy } from "../../../core/access/policies";
import { FORMATS, type Format } from "../../../core/deliverables/freshness";
import { sentence } from "../../app/api-client";
import { orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { PageHeader } from "../../components/page-header";
import { DeliverableDownloads } from "./deliverable-downloads";
import {
  type Deliverable,
  FORMAT_LABELS,
  fileBase64,
  issueFileHref,
  packFileHref,
  useBranding,
  useDeliverables,
  useIssue,
  useIssues,
  usePackJob,
  useSaveBranding,
  useStartPack,
  useUploadLogo,
  useUploadTemplate,
} from "./deliverables-api";

const FRESHNESS: Record<Deliverable["freshness"], { label: string; color: string; hint: string }> = {
  "never-issued": { label: "Never issued", color: "gray", hint: "no version has been issued yet" },
  current: { label: "Current", color: "green", hint: "the last issued version matches the data" },
  stale: { label: "Stale", color: "red", hint: "the data changed since the last issued version" },
  "not-available": { label: "Not available yet", color: "gray", hint: "its register is not part of the product yet" },
};

const LOGO_MAX_BYTES = 256 * 1024;
const errorText = (error: unknown) => sentence(error instanceof Error ? error.message : String(error));

function FreshnessBadge({ d }: { d: Deliverable }) {
  const f = FRESHNESS[d.freshness];
  return (
    <Badge variant="outline" color={f.color === "gray" ? "dark" : f.color === "green" ? "teal.9" : "red.9"} title={f.hint}>
      {f.label}
    </Badge>
  );
}

function IssueDialog({
  orgId,
  deliverable,
  onClose,
  canIssue,
}: {
  orgId: string;
  deliverable: Deliverable;
  onClose: () => void;
  canIssue: boolean;
}) {
  const issues = useIssues(orgId, deliverable.id);
  const issue = useIssue(orgId);
  const [formats, setFormats] = useState<string[]>(deliverable.formats.filter((f) => f === "pdf" || f === "docx"));
  const [note, setNote] = useState("");
  return (
    <Modal opened onClose={onClose} title={`Issued versions of ${deliverable.title}`} size="xl">
      <Stack>
        {canIssue && (
          <Stack gap="xs">
            <Checkbox.Group label="Formats to issue" value={formats} onChange={setFormats}>
              <Group mt={4}>
                {deliverable.formats.map((f) => (
                  <Checkbox key={f} value={f} label={FORMAT_LABELS[f]} />
                ))}
              </Group>
            </Checkbox.Group>
            <Textarea
              label="Note"
              description="Why this version is issued (optional)"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            {issue.error && <Alert color="red">{errorText(issue.error)}</Alert>}
            <Group>
              <Button
                loading={issue.isPending}
                disabled={formats.length === 0}
                onClick={() => issue.mutate({ deliverableId: deliverable.id, formats: formats as Format[], note: note.trim() || null })}
              >
                Issue version {(deliverable.lastIssue?.number ?? 0) + 1}
              </Button>
              <Text size="sm" c="dimmed">
                The files and their SHA-256 go into the document register as a generated deliverable.
              </Text>
            </Group>
          </Stack>
        )}
        <Table striped aria-label="Issued versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Format</Table.Th>
              <Table.Th>Issued</Table.Th>
              <Table.Th>SHA-256</Table.Th>
              <Table.Th>File</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(issues.data ?? []).map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.number}</Table.Td>
                <Table.Td>{FORMAT_LABELS[i.format]}</Table.Td>
                <Table.Td>
                  {i.issuedAt.slice(0, 10)} by {i.issuedBy}
                  {i.note ? ` — ${i.note}` : ""}
                </Table.Td>
                <Table.Td>
                  <Code title={i.sha256}>{i.sha256.slice(0, 16)}…</Code>
                </Table.Td>
                <Table.Td>
                  <Anchor href={issueFileHref(orgId, deliverable.id, i.id)} download>
                    Download v{i.number} {FORMAT_LABELS[i.format]}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
            {issues.data?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>No version issued yet.</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Stack>
    </Modal>
  );
}

function CertificationPack({ orgId }: { orgId: string }) {
  const [formats, setFormats] = useState<string[]>(["pdf"]);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartPack(orgId);
  const job = usePackJob(orgId, jobId);
  const j = job.data;
  return (
    <Stack gap="sm" component="section" aria-labelledby="pack-title">
      <Title order={2} size="h3" id="pack-title">
        Certification pack
      </Title>
      <Text size="sm" c="dimmed">
        One ZIP with every available deliverable in the chosen formats and an index (INDEX.md, index.json) for the auditor.
      </Text>
      <Checkbox.Group label="Formats in the pack" value={formats} onChange={setFormats}>
        <Group mt={4}>
          {FORMATS.map((f) => (
            <Checkbox key={f} value={f} label={FORMAT_LABELS[f]} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group>
        <Button
          loading={start.isPending}
          disabled={formats.length === 0 || j?.status === "running"}
          onClick={() => start.mutate(formats as Format[], { onSuccess: (created) => setJobId(created.id) })}
        >
          Generate the certification pack
        </Button>
      </Group>
      {start.error && <Alert color="red">{errorText(start.error)}</Alert>}
      {j && (
        <Stack gap={4}>
          <Progress value={j.progress} aria-label="Certification pack progress" size="lg" />
          <Text size="sm" aria-live="polite" data-testid="pack-status">
            {j.status === "running"
              ? `${j.progress} % — ${j.done} of ${j.total} done${j.message ? `: ${j.message}` : ""}`
              : j.status === "done"
                ? `100 % — done, ${(j.size ?? 0).toLocaleString("en")} bytes`
                : `Failed: ${j.error ?? "unknown error"}`}
          </Text>
          {j.status === "done" && (
            <Group>
              <Button component="a" href={packFileHref(orgId, j.id)} download>
                Download the certification pack (ZIP)
              </Button>
              {j.sha256 && <Code title={j.sha256}>SHA-256 {j.sha256.slice(0, 16)}…</Code>}
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function BrandingSettings({ orgId, deliverables, canEdit }: { orgId: string; deliverables: Deliverable[]; canEdit: boolean }) {
  const branding = useBranding(orgId);
  const save = useSaveBranding(orgId);
  const logo = useUploadLogo(orgId);
  const template = useUploadTemplate(orgId);
  const [colour, setColour] = useState<string | null>(null);
  const [classification, setClassification] = useState<string | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const [templateFor, setTemplateFor] = useState<string | null>("soa");
  const [templateError, setTemplateError] = useState<string | null>(null);
  const b = branding.data;
  if (!b) return null;
  const docx = deliverables.filter((d) => d.formats.includes("docx") && d.available);
  return (
    <Stack gap="sm" component="section" aria-labelledby="branding-title">
      <Title order={2} size="h3" id="branding-title">
        Branding and templates
      </Title>
      <Text size="sm" c="dimmed">
        Every document carries the organization's name, this colour, logo and classification marking. A DOCX template with placeholders such
        as {"{{title}}"}, {"{{identifier}}"} and {"{{body}}"} replaces the built-in layout of one deliverable.
      </Text>
      <Group align="flex-end">
        <ColorInput
          label="Colour"
          value={colour ?? b.colour}
          onChange={setColour}
          disabled={!canEdit}
          format="hex"
          withEyeDropper={false}
          w={180}
        />
        <TextInput
          label="Classification marking"
          value={classification ?? b.classification}
          onChange={(e) => setClassification(e.currentTarget.value)}
          disabled={!canEdit}
        />
        <Button
          disabled={!canEdit}
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { colour: colour ?? b.colour, classification: classification ?? b.classification, version: b.version },
              {
                onSuccess: () => {
                  setColour(null);
                  setClassification(null);
                },
              },
            )
          }
        >
          Save branding
        </Button>
      </Group>
      {save.error && <Alert color="red">{errorText(save.error)}</Alert>}
      <Group align="flex-end">
        <FileInput
          label="Logo"
          description={`PNG or JPEG, at most 256 KiB${b.logo ? ` (now: ${b.logo.type}, ${b.logo.size.toLocaleString("en")} bytes)` : ""}`}
          accept="image/png,image/jpeg"
          disabled={!canEdit}
          w={280}
          onChange={async (file) => {
            setLogoError(null);
            if (!file) return;
            if (file.type !== "image/png" && file.type !== "image/jpeg") return setLogoError("The logo must be a PNG or JPEG image.");
            if (file.size > LOGO_MAX_BYTES) return setLogoError("The logo must be at most 256 KiB.");
            logo.mutate({ type: file.type, contentBase64: await fileBase64(file) });
          }}
        />
      </Group>
      {(logoError || logo.error) && <Alert color="red">{logoError ?? errorText(logo.error)}</Alert>}
      <Group align="flex-end">
        <Select
          label="Template for"
          data={docx.map((d) => ({ value: d.id, label: `${d.title}${d.template ? ` (template: ${d.template.filename})` : ""}` }))}
          value={templateFor}
          onChange={setTemplateFor}
          disabled={!canEdit}
          w={340}
        />
        <FileInput
          label="DOCX template"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          description="A .docx file with placeholders"
          disabled={!canEdit || !templateFor}
          w={260}
          onChange={async (file) => {
            setTemplateError(null);
            if (!file || !templateFor) return;
            if (!file.name.toLowerCase().endsWith(".docx")) return setTemplateError("The template must be a .docx file.");
            template.mutate({ deliverableId: templateFor, filename: file.name, contentBase64: await fileBase64(file) });
          }}
        />
      </Group>
      {(templateError || template.error) && <Alert color="red">{templateError ?? errorText(template.error)}</Alert>}
      {template.isSuccess && <Text size="sm">Template saved.</Text>}
    </Stack>
  );
}

/** The "Documents" page: every deliverable with its freshness, downloads, issued versions, the certification pack and branding. */
export function DeliverablesPage() {
  const { org, role } = useCurrentOrg();
  const list = useDeliverables(org.id);
  const [open, setOpen] = useState<Deliverable | null>(null);
  const canIssue = deliverablePolicy.can({ role }, "issue");
  const items = list.data ?? [];
  return (
    <>
      <PageHeader
        title="Documents"
        description="The ISMS deliverables, generated from the registers as DOCX, PDF, XLSX and Markdown. Stale: the data changed since the last issued version."
      />
      <Stack gap="xl" maw={1200}>
        {list.error && <Alert color="red">{errorText(list.error)}</Alert>}
        <Table striped aria-label="Deliverables" data-testid="deliverables-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Activity</Table.Th>
              <Table.Th>Deliverable</Table.Th>
              <Table.Th>Freshness</Table.Th>
              <Table.Th>Last issued</Table.Th>
              <Table.Th>Download now</Table.Th>
              <Table.Th>Versions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id} data-deliverable={d.id}>
                <Table.Td>{d.activity}</Table.Td>
                <Table.Td>
                  {d.path ? (
                    <Anchor component={Link} to={orgHref(org.id, d.path.replace(/^\//, ""))}>
                      {d.title}
                    </Anchor>
                  ) : (
                    d.title
                  )}
                </Table.Td>
                <Table.Td>
                  <FreshnessBadge d={d} />
                </Table.Td>
                <Table.Td>{d.lastIssue ? `v${d.lastIssue.number}, ${d.lastIssue.issuedAt.slice(0, 10)}` : "—"}</Table.Td>
                <Table.Td>{d.available ? <DeliverableDownloads orgId={org.id} deliverable={d} /> : (d.reason ?? "—")}</Table.Td>
                <Table.Td>
                  {d.available && (
                    <Button size="compact-sm" variant="light" onClick={() => setOpen(d)} aria-label={`Versions of ${d.title}`}>
                      Versions
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <CertificationPack orgId={org.id} />
        <BrandingSettings orgId={org.id} deliverables={items} canEdit={orgPolicy.can({ role }, "update")} />
      </Stack>
      {open && <IssueDialog orgId={org.id} deliverable={open} canIssue={canIssue} onClose={() => setOpen(null)} />}
    </>
  );
}
