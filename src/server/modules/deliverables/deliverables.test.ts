import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

/**
 * The deliverables of the demo organization, generated through the API and opened with real
 * clients: LibreOffice converts every DOCX and XLSX to PDF without error, and pdftotext reads
 * the organization's data out of every PDF.
 */
let server: TestServer;
let admin: ApiClient;
let base: string;
let token: string;
const dir = mkdtempSync(join(tmpdir(), "isms-deliverables-"));

const download = async (path: string) => {
  const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
};
const pdfText = (file: string) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });

beforeAll(async () => {
  server = await startTestServer();
  ({ admin } = await setUpInstance(server));
  const demo = await admin.post("/api/v1/demo");
  base = `/api/v1/orgs/${demo.body.orgId}`;
  token = (await admin.post(`${base}/tokens`, { name: "documents" })).body.token;
  const policy = await admin.post(`${base}/documents`, {
    type: "topic_policy",
    identifier: "POL-ACC",
    title: "Access control policy",
    owner: "Maya Manager (demo)",
    nextReviewDate: "2027-06-30",
  });
  expect(policy.status).toBe(201);
}, 180_000);
afterAll(async () => server.close());

describe("deliverables of the demo organization", () => {
  it("lists the catalogue: every deliverable available now that its register exists", async () => {
    const list = (await admin.get(`${base}/deliverables`)).body.items as { id: string; available: boolean; freshness: string }[];
    const available = list.filter((d) => d.available).map((d) => d.id);
    expect(available).toEqual([
      "approval-package",
      "scope",
      "isms-policy",
      "requirements",
      "asset-inventory",
      "gap-report",
      "risk-method",
      "risk-report",
      "soa",
      "treatment-plan",
      "topic-policies",
      "project-plan",
      "measurement-report",
      "internal-audit-report",
      "management-review",
    ]);
    expect(list.every((d) => d.freshness !== "not-available")).toBe(true);
    expect(list.find((d) => d.id === "soa")?.freshness).toBe("never-issued");
    const missing = await admin.get(`${base}/deliverables/no-such-thing/render?format=pdf`);
    expect(missing.status).toBe(404);
    expect((await admin.get(`${base}/deliverables/soa/render?format=bogus`)).status).toBe(400);
    expect((await admin.get(`${base}/deliverables/approval-package/render?format=xlsx`)).status).toBe(400);
  });

  it("generates every available deliverable in every format; LibreOffice opens each DOCX and XLSX, pdftotext reads each PDF", async () => {
    const list = (await admin.get(`${base}/deliverables`)).body.items as { id: string; available: boolean; formats: string[] }[];
    // Read before LibreOffice runs: its minutes of work outlast the client's idle connection.
    const schedule = (await admin.get(`${base}/plan/schedule`)).body as { tasks: { ref: string }[]; critical: string[] };
    const measures = (await admin.get(`${base}/measures`)).body.items as { ref: string; title: string }[];
    const audits = (await admin.get(`${base}/audits`)).body.items as { ref: string; title: string }[];
    const reviews = (await admin.get(`${base}/management-reviews`)).body.items as { ref: string; title: string }[];
    const soa = (await admin.get(`${base}/soa`)).body as { rows: { control: { ref: string; id: string }; justification: string }[] };
    const risks = (await admin.get(`${base}/risks?limit=200`)).body.items as { ref: string }[];
    const office: string[] = [];
    for (const d of list.filter((x) => x.available)) {
      for (const format of d.formats) {
        const file = await download(`${base}/deliverables/${d.id}/render?format=${format}`);
        expect(file.status, `${d.id}.${format}`).toBe(200);
        expect(file.bytes.length, `${d.id}.${format}`).toBeGreaterThan(100);
        const path = join(dir, `${d.id}.${format}`);
        writeFileSync(path, file.bytes);
        if (format === "docx" || format === "xlsx") office.push(path);
        if (format === "pdf") expect(file.bytes.subarray(0, 5).toString()).toBe("%PDF-");
      }
    }
    const out = join(dir, "office");
    execFileSync(
      "soffice",
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
        "--convert-to",
        "pdf",
        "--outdir",
        out,
        ...office,
      ],
      {
        stdio: "pipe",
        timeout: 240_000,
      },
    );
    const converted = readdirSync(out);
    for (const file of office) {
      const name = file
        .split("/")
        .at(-1)
        ?.replace(/\.(docx|xlsx)$/, ".pdf") as string;
      // Two files of one deliverable (docx and xlsx) convert to the same name; the later one wins.
      expect(converted, name).toContain(name);
    }
    for (const name of converted) expect(pdfText(join(out, name)).length, name).toBeGreaterThan(50);

    // The SoA: every control id and the computed justification of one, in our PDF and in LibreOffice's reading of the DOCX/XLSX.
    const soaPdf = pdfText(join(dir, "soa.pdf"));
    const soaOffice = pdfText(join(out, "soa.pdf"));
    for (const row of soa.rows) {
      expect(soaPdf, row.control.ref).toContain(row.control.ref);
      expect(soaOffice, row.control.ref).toContain(row.control.ref);
    }
    const crypto = soa.rows.find((r) => r.control.id === "A.8.24");
    expect(soaPdf.replace(/\s+/g, " ")).toContain(crypto?.justification.slice(0, 40));
    // The risk report: every risk reference.
    const report = pdfText(join(dir, "risk-report.pdf"));
    expect(risks.length).toBeGreaterThan(0);
    for (const r of risks) expect(report).toContain(r.ref);
    // Document control: identifier, classification in header and footer, page numbers.
    expect(report).toMatch(/NA-RAR vdraft/);
    expect(report).toMatch(/INTERNAL/);
    expect(report).toMatch(/Page 1/);
    // Phase 5: each deliverable's data, in our PDF and in LibreOffice's reading of the DOCX.
    const flat = (file: string) => pdfText(file).replace(/\s+/g, " ");
    const policies = flat(join(dir, "topic-policies.pdf"));
    expect(policies).toContain("POL-ACC");
    expect(policies).toContain("Access control policy");
    expect(flat(join(out, "topic-policies.pdf"))).toContain("POL-ACC");
    expect(schedule.tasks.length).toBeGreaterThan(0);
    const plan = flat(join(dir, "project-plan.pdf"));
    for (const t of schedule.tasks) expect(plan, t.ref).toContain(t.ref);
    expect(plan).toContain("Gantt chart");
    expect(execFileSync("pdfimages", ["-list", join(dir, "project-plan.pdf")], { encoding: "utf8" })).toMatch(/png|image|rgb/);
    expect(measures.length).toBeGreaterThan(0);
    const measurement = flat(join(dir, "measurement-report.pdf"));
    for (const m of measures) expect(measurement, m.ref).toContain(m.ref);
    expect(measurement).toContain("Trends");
    expect(audits.length).toBeGreaterThan(0);
    const auditReport = flat(join(dir, "internal-audit-report.pdf"));
    for (const a of audits) expect(auditReport, a.ref).toContain(a.ref);
    expect(flat(join(out, "internal-audit-report.pdf"))).toContain(audits[0]?.ref);
    expect(reviews.length).toBeGreaterThan(0);
    const minutes = flat(join(dir, "management-review.pdf"));
    for (const r of reviews) expect(minutes, r.ref).toContain(r.ref);
    expect(flat(join(out, "management-review.pdf"))).toContain(reviews[0]?.ref);
    const gap = readFileSync(join(dir, "gap-report.md"), "utf8");
    expect(gap).toContain("Gap assessment report");
  }, 300_000);

  it("issues a version, stores its file and hash, and turns stale when the data changes", async () => {
    const issued = await admin.post(`${base}/deliverables/soa/issues`, { formats: ["pdf", "xlsx"], note: "for the audit" });
    expect(issued.status).toBe(201);
    expect(issued.body.items.map((i: { format: string; number: number }) => [i.format, i.number])).toEqual([
      ["pdf", 1],
      ["xlsx", 1],
    ]);
    const pdf = issued.body.items[0];
    const file = await download(`${base}/deliverables/soa/issues/${pdf.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("x-sha256")).toBe(pdf.sha256);
    writeFileSync(join(dir, "issued.pdf"), file.bytes);
    expect(pdfText(join(dir, "issued.pdf"))).toMatch(/NA-SOA v1/);
    expect((await admin.get(`${base}/deliverables/soa`)).body.freshness).toBe("current");
    const row = (await admin.get(`${base}/soa`)).body.rows.find((r: { control: { id: string } }) => r.control.id === "A.7.1");
    const patched = await admin.request("PATCH", `${base}/soa/controls/A.7.1`, { owner: "Facilities lead", version: row.version });
    expect(patched.status).toBe(200);
    expect((await admin.get(`${base}/deliverables/soa`)).body.freshness).toBe("stale");
    const second = await admin.post(`${base}/deliverables/soa/issues`, { formats: ["pdf"] });
    expect(second.body.items[0].number).toBe(2);
    // Under document control: the register holds NA-SOA, a generated deliverable whose approved
    // version 2 names the issued file's SHA-256.
    const docs = (await admin.get(`${base}/documents?type=deliverable`)).body.items as {
      id: string;
      identifier: string;
      type: string;
      approvedVersion: { number: number } | null;
    }[];
    const soaDoc = docs.find((d) => d.identifier === "NA-SOA");
    expect(soaDoc).toMatchObject({ type: "deliverable", approvedVersion: { number: 2 } });
    const v2 = (await admin.get(`${base}/documents/${soaDoc?.id}/versions/2`)).body as { sections: { markdown: string }[] };
    expect(v2.sections.map((x) => x.markdown).join("\n")).toContain(second.body.items[0].sha256);
    const v1 = (await admin.get(`${base}/documents/${soaDoc?.id}/versions/1`)).body as { sections: { markdown: string }[] };
    expect(v1.sections.map((x) => x.markdown).join("\n")).toContain(pdf.sha256);
  }, 60_000);

  it("generates the certification pack as a tracked job and serves the ZIP with its index", async () => {
    const started = await admin.post(`${base}/deliverables/packs`, { formats: ["pdf", "xlsx"] });
    expect(started.status).toBe(202);
    let job = started.body;
    for (let i = 0; i < 240 && job.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      job = (await admin.get(`${base}/deliverables/packs/${job.id}`)).body;
    }
    expect(job).toMatchObject({ status: "done", progress: 100 });
    const zip = await download(`${base}/deliverables/packs/${job.id}/file`);
    expect(zip.status).toBe(200);
    writeFileSync(join(dir, "pack.zip"), zip.bytes);
    const listing = execFileSync(
      "python3",
      ["-c", "import sys,zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", join(dir, "pack.zip")],
      { encoding: "utf8" },
    );
    expect(listing).toContain("INDEX.md");
    expect(listing).toContain("soa/NA-SOA-vdraft.pdf");
    expect(listing).toContain("soa/NA-SOA-vdraft.xlsx");
    expect(listing).toContain("risk-report/NA-RAR-vdraft.pdf");
  }, 120_000);

  it("brands documents and uses an uploaded DOCX template with placeholders", async () => {
    const branding = (await admin.get(`${base}/branding`)).body;
    const saved = await admin.request("PUT", `${base}/branding`, {
      colour: "#2b8a3e",
      classification: "Confidential",
      version: branding.version,
    });
    expect(saved.status).toBe(200);
    const pdf = await download(`${base}/deliverables/risk-method/render?format=pdf`);
    writeFileSync(join(dir, "branded.pdf"), pdf.bytes);
    expect(pdfText(join(dir, "branded.pdf"))).toContain("CONFIDENTIAL");
    const bad = await admin.request("PUT", `${base}/branding`, { colour: "green", classification: "", version: saved.body.version });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["classification", "colour"]);

    // A template made with the docx library itself: a paragraph per placeholder.
    const { Document, Packer, Paragraph } = await import("docx");
    const template = await Packer.toBuffer(
      new Document({
        sections: [
          { children: [new Paragraph("Our house style: {{title}} ({{identifier}}) for {{organization}}"), new Paragraph("{{body}}")] },
        ],
      }),
    );
    const put = await admin.request("POST", `${base}/deliverables/soa/template`, {
      filename: "house.docx",
      contentBase64: template.toString("base64"),
    });
    expect(put.status).toBe(200);
    const docx = await download(`${base}/deliverables/soa/render?format=docx`);
    writeFileSync(join(dir, "templated.docx"), docx.bytes);
    execFileSync(
      "soffice",
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
        "--convert-to",
        "pdf",
        "--outdir",
        join(dir, "t"),
        join(dir, "templated.docx"),
      ],
      {
        stdio: "pipe",
        timeout: 120_000,
      },
    );
    const text = pdfText(join(dir, "t", "templated.pdf"));
    expect(text).toContain("Our house style: Statement of Applicability (NA-SOA)");
    expect(text).toContain("A.5.1");
    const notDocx = await admin.request("POST", `${base}/deliverables/soa/template`, {
      filename: "x.docx",
      contentBase64: Buffer.from("not a zip").toString("base64"),
    });
    expect(notDocx.status).toBe(400);
    expect((await admin.request("DELETE", `${base}/deliverables/soa/template`)).status).toBe(200);
  }, 180_000);
});
