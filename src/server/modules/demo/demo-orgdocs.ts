import { deflateSync } from "node:zlib";
import { DocumentInputSchema, DraftUpdateSchema } from "../../../contracts/documents.js";
import { POLICY_TEMPLATES } from "../../../core/documents/templates.js";
import { uuidv7 } from "../../../core/ids.js";
import { insertAudited, updateAudited, type WriteContext, type WriteMeta, withWrite } from "../../db/audited.js";
import type { Db } from "../../db/database.js";
import { approveInRegister, createDocument, createFromTemplate, includedControls, saveDraft, submitVersion } from "../documents/index.js";
import { attachEvidence } from "../evidence/index.js";
import { listRoles } from "../raci/index.js";

type People = { managerId: string; ceoId: string };

/** A small PNG drawn in code (a green bar on white): evidence that looks like a screenshot. */
function demoPng(): Buffer {
  const width = 64;
  const height = 16;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const on = y > 4 && y < 12 && x < 48;
      rows.set(on ? [46, 160, 67] : [255, 255, 255], row + 1 + x * 3);
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a line of text: the minutes of a meeting, say. */
function demoPdf(text: string): Buffer {
  const stream = `BT /F1 14 Tf 72 720 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** The procedures, each with steps, a responsible role and the controls it carries out; the SoA's other included controls join by theme. */
const PROCEDURES = [
  {
    identifier: "PRC-001",
    title: "Information security operations procedure",
    theme: "A.5.",
    base: ["A.5.1", "A.5.2"],
    role: "isms_manager",
    purpose: "How the ISMS team runs the organizational controls week to week.",
    steps:
      "1. The ISMS manager reviews open risks and actions every Monday.\n2. Owners report the state of their controls monthly.\n3. Exceptions are logged and brought to the steering committee.",
  },
  {
    identifier: "PRC-002",
    title: "People and physical security procedure",
    theme: "A.6.|A.7.",
    base: ["A.6.1", "A.6.3"],
    role: "isms_manager",
    purpose: "Joining, moving and leaving people, and access to the office.",
    steps:
      "1. HR screens new joiners before their first day.\n2. The manager requests access by role; IT grants it.\n3. On leaving, access and badges are withdrawn the same day.",
  },
  {
    identifier: "PRC-003",
    title: "Technical operations procedure",
    theme: "A.8.",
    base: ["A.8.9", "A.8.20"],
    role: "isms_manager",
    purpose: "Running the platform's technical controls: configuration, networks, monitoring.",
    steps:
      "1. Changes go through the change board.\n2. Configuration baselines are checked monthly.\n3. Alerts are triaged within one working hour.",
  },
];

/** Register entries for the mandatory documented information the product keeps elsewhere (scope, risks, audits…). */
const RECORDS = [
  { identifier: "REC-SCOPE", title: "ISMS scope statement", clauses: ["4.3"] },
  { identifier: "REC-OBJ", title: "Information security objectives", clauses: ["6.2"] },
  { identifier: "REC-RISK", title: "Risk method, assessment and treatment results", clauses: ["6.1.2", "6.1.3", "8.2", "8.3"] },
  { identifier: "REC-COMP", title: "Competence and training records", clauses: ["7.2"] },
  { identifier: "REC-OPS", title: "Operational records", clauses: ["7.5.1", "8.1"] },
  { identifier: "REC-MON", title: "Monitoring and measurement results", clauses: ["9.1"] },
  { identifier: "REC-AUD", title: "Audit programme and audit reports", clauses: ["9.2.2"] },
  { identifier: "REC-MR", title: "Management review minutes", clauses: ["9.3.3"] },
  { identifier: "REC-NC", title: "Nonconformities and corrective actions", clauses: ["10.2"] },
];

const inAYear = () => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Phase 5, design of the organization and the documents (9.2.1–9.2.4): the steering committee,
 * deputies and reporting lines, the twelve topic-specific policies from the templates, procedures
 * that with them address every control the SoA includes, register entries for the mandatory
 * documented information, and a few evidence files. The manager writes, the CEO approves, so
 * separation of duties holds. The role holders are not set here (the first-use demo fills them).
 */
export async function fillOrgDocs(db: Db, as: (actorId: string) => WriteMeta, orgId: string, { managerId, ceoId }: People) {
  const created: { id: string; identifier: string }[] = [];
  await withWrite(db, as(managerId), async (ctx) => {
    await committeeAndLines(ctx, orgId, { managerId, ceoId });
    // The ISMS policy of phase 2 comes under register control: a member owns it, the CEO approves it.
    await ctx.trx
      .selectFrom("documents")
      .select(["id", "links"])
      .where("org_id", "=", orgId)
      .where("type", "=", "isms_policy")
      .executeTakeFirst()
      .then((policy) =>
        policy
          ? updateAudited(
              ctx,
              "documents",
              policy.id,
              {
                owner_user_id: managerId,
                approver_user_id: ceoId,
                // It is the documented policy of clause 5.2.
                links: JSON.stringify({ ...JSON.parse(policy.links), clauses: ["5.2"] }),
              },
              { orgId, entityType: "document", scope: { org_id: orgId } },
            )
          : undefined,
      );
    const submit = async (doc: { id: string; identifier: string; latestVersion: { number: number; version: number } }) => {
      await submitVersion(ctx, orgId, doc.id, doc.latestVersion.number, doc.latestVersion.version);
      created.push(doc);
    };
    for (const template of POLICY_TEMPLATES) {
      const doc = await createFromTemplate(ctx, orgId, {
        templateKey: template.key,
        ownerUserId: managerId,
        approverUserId: ceoId,
        nextReviewDate: inAYear(),
        parentId: null,
      });
      await submit(doc);
    }
    const covered = new Set(POLICY_TEMPLATES.flatMap((t) => t.controls));
    const uncovered = (await includedControls(ctx, orgId)).map((c) => c.ref).filter((ref) => !covered.has(ref));
    for (const p of PROCEDURES) {
      const theme = new RegExp(`^(${p.theme.replaceAll(".", "\\.")})`);
      const controls = [...new Set([...p.base, ...uncovered.filter((ref) => theme.test(ref))])];
      const doc = await createDocument(
        ctx,
        orgId,
        DocumentInputSchema.parse({
          identifier: p.identifier,
          title: p.title,
          type: "procedure",
          owner: "Maya Manager (demo)",
          ownerUserId: managerId,
          approverUserId: ceoId,
          nextReviewDate: inAYear(),
          responsibleRole: p.role,
          links: { clauses: ["8.1"], controls },
        }),
      );
      const draft = await saveDraft(
        ctx,
        orgId,
        doc.id,
        1,
        DraftUpdateSchema.parse({
          sections: [
            { key: "purpose", title: "Purpose", markdown: p.purpose },
            { key: "steps", title: "Steps", markdown: p.steps },
            { key: "records", title: "Records", markdown: "The weekly log in the ISMS workspace." },
          ],
          changeSummary: "First issue",
          version: doc.latestVersion.version,
        }),
      );
      await submit({ ...doc, latestVersion: { number: 1, version: draft.version } });
    }
    // Controls outside the three themes (custom ones) join the first procedure.
    const rest = uncovered.filter((ref) => !/^A\.[5678]\./.test(ref));
    if (rest.length > 0) throw new Error(`the demo's procedures do not address ${rest.join(", ")}`);
    for (const r of RECORDS) {
      const doc = await createDocument(
        ctx,
        orgId,
        DocumentInputSchema.parse({
          identifier: r.identifier,
          title: r.title,
          type: "record",
          owner: "Maya Manager (demo)",
          ownerUserId: managerId,
          approverUserId: ceoId,
          nextReviewDate: inAYear(),
          links: { clauses: r.clauses },
        }),
      );
      created.push(doc);
    }
  });
  // The CEO approves what the manager submitted: the approver is never the author.
  await withWrite(db, as(ceoId), async (ctx) => {
    for (const doc of created.filter((d) => !d.identifier.startsWith("REC-"))) {
      const version = await ctx.trx
        .selectFrom("document_versions")
        .select("version")
        .where("document_id", "=", doc.id)
        .where("number", "=", 1)
        .executeTakeFirstOrThrow();
      await approveInRegister(ctx, orgId, doc.id, 1, { version: version.version, deciderId: ceoId });
    }
  });
  await withWrite(db, as(managerId), async (ctx) => {
    const byIdentifier = new Map(created.map((d) => [d.identifier, d.id]));
    const file = (entityType: string, entityId: string | undefined, filename: string, contentType: string, data: Buffer) =>
      entityId ? attachEvidence(ctx, orgId, { entityType, entityId, filename, contentType, data }) : undefined;
    await file("document", byIdentifier.get("PRC-003"), "monitoring-dashboard.png", "image/png", demoPng());
    await file(
      "document",
      byIdentifier.get("REC-MR"),
      "steering-committee-minutes.pdf",
      "application/pdf",
      demoPdf("ISMS steering committee: minutes of the first meeting"),
    );
    const csv = "user,system,access,reviewed_on,decision\nmaya,analytics,admin,2026-11-30,keep\ncarl,analytics,read,2026-11-30,remove\n";
    await file("control", "A.5.15", "access-review-2026-11.csv", "text/csv", Buffer.from(csv));
    await file("control", "A.8.13", "backup-restore-test.pdf", "application/pdf", demoPdf("Backup restore test passed"));
  });
}

/** The ISMS steering committee, and deputies and reporting lines for the ISMS roles. */
async function committeeAndLines(ctx: WriteContext, orgId: string, { managerId, ceoId }: People) {
  await insertAudited(
    ctx,
    "committees",
    {
      id: uuidv7(),
      org_id: orgId,
      title: "ISMS steering committee",
      chair_user_id: ceoId,
      member_user_ids: JSON.stringify([ceoId, managerId]),
      meeting_frequency: "Quarterly",
      remit: "Sets the security objectives, approves policies and the risk acceptance, and follows the ISMS's performance.",
      created_at: ctx.now,
      updated_at: ctx.now,
      version: 1,
    },
    { orgId, entityType: "committee" },
  );
  const roles = await listRoles(ctx, orgId);
  const top = roles.find((r) => /top|management/.test(r.key))?.key ?? null;
  const manager = roles.find((r) => r.key === "isms_manager")?.key ?? null;
  const lines = roles.map((r) => ({
    roleKey: r.key,
    reportsToRoleKey: r.key === top ? null : r.key === manager ? top : (manager ?? top),
    deputyUserId: r.key === top ? managerId : r.key === manager ? ceoId : null,
  }));
  await insertAudited(
    ctx,
    "security_organizations",
    { id: orgId, org_id: orgId, roles: JSON.stringify(lines), created_at: ctx.now, updated_at: ctx.now, version: 1 },
    { orgId, entityType: "security organization" },
  );
}
