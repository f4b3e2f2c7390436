import type { Issue } from "../../../contracts/deliverables.js";
import { canonicalJson } from "../../../core/audit/chain.js";
import { addDays } from "../../../core/dates.js";
import type { DocumentModel } from "../../../core/deliverables/model.js";
import { STRINGS } from "../../../core/deliverables/strings.js";
import { CLASSIFICATIONS, type Classification } from "../../../core/documents/documents.js";
import { emptyLinks } from "../../../core/documents/register.js";
import type { WriteContext } from "../../db/audited.js";
import { approveVersion, createDocument, findDocument, loadDocumentsData, newDraft, saveDraft, submitVersion } from "../documents/index.js";
import { sha256Of } from "./deliverables.repo.js";

/**
 * Puts an issued version of a deliverable under document control: the document register holds a
 * document of type "generated deliverable" per deliverable (its identifier the deliverable's,
 * e.g. NA-SOA), and each issue becomes its next version, approved on issue, whose text names
 * every file with its SHA-256 and the content hash, bound to those hashes.
 */
export async function registerIssue(ctx: WriteContext, orgId: string, model: DocumentModel, issued: Issue[]): Promise<string> {
  const c = model.control;
  const number = issued[0]?.number ?? 0;
  const lower = c.classification.toLowerCase();
  const classification: Classification = (CLASSIFICATIONS as readonly string[]).includes(lower) ? (lower as Classification) : "internal";
  const files = issued.map(
    (i) =>
      `- ${i.format.toUpperCase()}: ${c.identifier}-v${i.number}.${i.format}, ${i.size} bytes, SHA-256 ${i.sha256} (issued file ${i.id})`,
  );
  const sections = [
    {
      key: "issue",
      title: STRINGS.register.issued(number),
      markdown: [
        `${c.title}, version ${number}, issued by ${issued[0]?.issuedBy ?? "—"} on ${ctx.now.slice(0, 10)}.`,
        "",
        `${STRINGS.common.contentHash}: ${c.contentHash}`,
        ...(issued[0]?.note ? ["", `${STRINGS.register.note}: ${issued[0].note}`] : []),
      ].join("\n"),
    },
    { key: "files", title: STRINGS.register.files, markdown: files.join("\n") },
  ];
  const data = await loadDocumentsData(ctx, orgId);
  const existing = data.documents.find((d) => d.type === "deliverable" && d.identifier === c.identifier);
  let documentId: string;
  let versionNumber: number;
  let rowVersion: number;
  if (!existing) {
    const created = await createDocument(
      ctx,
      orgId,
      {
        type: "deliverable",
        identifier: c.identifier,
        title: c.title,
        owner: c.owner,
        classification,
        nextReviewDate: addDays(ctx.now.slice(0, 10), 365),
        parentId: null,
        ownerUserId: null,
        approverUserId: null,
        reviewCycleMonths: 12,
        links: emptyLinks(),
        responsibleRole: null,
      },
      { templateKey: `deliverable:${model.deliverableId}`, sections },
    );
    documentId = created.id;
    versionNumber = created.latestVersion.number;
    rowVersion = created.latestVersion.version;
  } else {
    documentId = existing.id;
    const open = existing.current && existing.current.status !== "approved" ? existing.current : null;
    if (open) {
      // A version left open in the register (someone started one by hand): the issue takes it over.
      const doc = await findDocument(ctx, orgId, documentId);
      versionNumber = open.number;
      rowVersion = doc.latestVersion.version;
      if (open.status === "in_review") {
        await approveVersion(ctx, orgId, documentId, versionNumber);
        return documentId;
      }
    } else {
      const draft = await newDraft(ctx, orgId, documentId, STRINGS.register.issued(number));
      versionNumber = draft.number;
      rowVersion = draft.version;
    }
    const saved = await saveDraft(ctx, orgId, documentId, versionNumber, {
      sections,
      changeSummary: STRINGS.register.issued(number),
      version: rowVersion,
    });
    rowVersion = saved.version;
  }
  const submitted = await submitVersion(ctx, orgId, documentId, versionNumber, rowVersion);
  const snapshot = canonicalJson({
    identifier: c.identifier,
    number,
    contentHash: c.contentHash,
    files: issued.map((i) => ({ id: i.id, format: i.format, sha256: i.sha256 })),
  });
  await approveVersion(ctx, orgId, documentId, versionNumber, {
    hash: sha256Of(Buffer.from(snapshot)),
    snapshot,
    expectedVersion: submitted.version,
  });
  return documentId;
}
