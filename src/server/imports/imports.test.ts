import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileOf, tableOf } from "../../../test/helpers/import-files.js";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../test/helpers/server.js";
import type { FileFormat } from "../../contracts/imports.js";
import { DEFAULT_VALUATION_SCALE } from "../../core/assets/valuation.js";
import { EXPORT_REGISTERS, exportColumns, IMPORT_REGISTERS, importColumns } from "../../core/imports/columns.js";
import { columnGuide, GUIDE_HEADER } from "../../core/imports/guide.js";

let server: TestServer;
let admin: ApiClient;
let viewer: ApiClient;
let orgId: string;
let base: string;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  viewer = (await addMember(server, admin, orgId, "viewer@example.com", "viewer")).client;
  token = (await admin.post(`${base}/tokens`, { name: "downloads" })).body.token;
});
afterAll(async () => server.close());

async function preview(register: string, rows: string[][], format: FileFormat = "csv", client = admin) {
  const contentBase64 = (await fileOf(format, rows)).toString("base64");
  return client.post(`${base}/imports/${register}/preview`, { filename: `${register}.${format}`, format, contentBase64 });
}

const commit = (id: string) => admin.post(`${base}/imports/${id}/commit`);

async function importRows(register: string, rows: string[][], format: FileFormat = "csv") {
  const previewed = await preview(register, rows, format);
  expect(previewed.status, JSON.stringify(previewed.body)).toBe(201);
  expect(previewed.body.errors).toEqual([]);
  const committed = await commit(previewed.body.id);
  expect(committed.status, JSON.stringify(committed.body)).toBe(200);
  return committed.body;
}

async function download(register: string, format: FileFormat) {
  const response = await fetch(`${server.url}${base}/exports/${register}?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

const listAll = async (path: string) => (await admin.get(`${base}/${path}${path.includes("?") ? "&" : "?"}limit=200`)).body.items;

describe("scope elements", () => {
  const header = ["External reference", "Kind", "Name", "Parent", "In scope", "Exclusion justification"];

  it("reports every problem by row and column and changes nothing", async () => {
    const response = await preview("scope-elements", [
      header,
      ["HQ", "site", "Headquarters", "", "yes", ""],
      ["B1", "building", "", "HQ", "maybe", ""],
      ["R1", "room", "Server room", "Nowhere", "", ""],
      ["P1", "business process", "Payroll", "", "no", ""],
      ["HQ", "site", "Second HQ", "", "", ""],
      ["P2", "process", "Billing", "", "", ""],
    ]);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: "previewed", rows: 6, errorCount: 6 });
    expect(response.body.errors).toEqual([
      { row: 3, column: "In scope", message: "must be yes or no" },
      { row: 3, column: "Name", message: "must not be empty" },
      { row: 4, column: "Parent", message: 'no scope element has the external reference or name "Nowhere"' },
      { row: 5, column: "Exclusion justification", message: "is required when the element is excluded from the scope" },
      { row: 6, column: "External reference", message: "row 2 has the same external reference" },
      { row: 7, column: "Kind", message: expect.stringContaining("must be one of: organizational unit, business process") },
    ]);
    const refused = await commit(response.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.current.errorCount).toBe(6);
    expect(await listAll("scope/elements")).toEqual([]);
  });

  it("names unknown and missing columns for the file as a whole", async () => {
    const response = await preview("scope-elements", [
      ["Name", "Colour", "Shape"],
      ["A", "red", "round"],
    ]);
    expect(response.body.errors).toEqual([
      {
        row: 1,
        column: null,
        message: expect.stringMatching(/^unknown column\(s\): Colour, Shape; the columns are: External reference, Kind/),
      },
      { row: 1, column: null, message: "missing required column(s): Kind" },
    ]);
  });

  it("creates a tree whose children come before their parents in the file, then updates by external reference", async () => {
    const rows = [
      header,
      ["R1", "Room", "Server room", "Building 1", "", ""],
      ["B1", "building", "Building 1", "HQ", "", ""],
      ["HQ", "site", "Headquarters", "", "", ""],
      ["", "org_unit", "Finance", "", "no", "Outsourced"],
    ];
    const job = await importRows("scope-elements", rows);
    expect(job).toMatchObject({ status: "committed", rows: 4, create: 4, update: 0, unchanged: 0, processed: 4, total: 4 });
    const elements = await listAll("scope/elements");
    const byName = Object.fromEntries(elements.map((e: { name: string }) => [e.name, e]));
    expect(byName["Server room"].parentId).toBe(byName["Building 1"].id);
    expect(byName["Building 1"].parentId).toBe(byName.Headquarters.id);
    expect(byName.Finance).toMatchObject({ inScope: false, exclusionJustification: "Outsourced", externalRef: null });

    const again = await importRows("scope-elements", rows);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 4 });
    const renamed = await importRows("scope-elements", [header, ["B1", "building", "Building One", "HQ", "", ""]]);
    expect(renamed).toMatchObject({ create: 0, update: 1, unchanged: 0 });
    expect((await listAll("scope/elements")).map((e: { name: string }) => e.name).sort()).toEqual([
      "Building One",
      "Finance",
      "Headquarters",
      "Server room",
    ]);
    const history = (await admin.get(`${base}/audit?entityId=${byName["Building 1"].id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action).sort()).toEqual(["scope element.created", "scope element.updated"]);
  });

  it("applies the scope register's rules: kinds of parents, and loops", async () => {
    const response = await preview("scope-elements", [
      header,
      ["HQ", "site", "Headquarters", "R1", "", ""],
      ["U1", "org_unit", "Unit 1", "U2", "", ""],
      ["U2", "org_unit", "Unit 2", "U1", "", ""],
    ]);
    expect(response.body.errors).toEqual([
      { row: 2, column: "Parent", message: "a site is not placed inside another element" },
      { row: 3, column: "Parent", message: '"Unit 2" lies inside this element, so it cannot also contain it' },
      { row: 4, column: "Parent", message: '"Unit 1" lies inside this element, so it cannot also contain it' },
    ]);
  });
});

describe("assets", () => {
  const header = ["External reference", "Name", "Kind", "Owner", "Location", "Confidentiality", "Integrity override", "Override reason"];

  it("takes levels as numbers or labels, checks them against the scale, and resolves locations by reference or name", async () => {
    const response = await preview("assets", [
      header,
      ["A-1", "Payroll data", "information", "HR", "HQ", "High", "", ""],
      ["A-2", "Laptop", "hardware", "IT", "Headquarters", "9", "", ""],
      ["A-3", "Payroll", "business_process", "", "Mars", "x", "3", "because"],
      ["A-4", "Router", "network", "", "", "", "3", ""],
    ]);
    expect(response.body.errors).toEqual([
      { row: 3, column: "Confidentiality", message: "must be a level from 1 to 4" },
      { row: 4, column: "Confidentiality", message: "must be a level number or one of Low, Medium, High, Very high" },
      { row: 4, column: "Location", message: 'no scope element has the external reference or name "Mars"' },
      { row: 4, column: "Integrity override", message: "only a supporting asset's derived valuation can be overridden" },
      { row: 5, column: "Override reason", message: "is required when valuationOverride is set" },
    ]);
    expect(await listAll("assets")).toEqual([]);
  });

  it("shows every problem of a row: a bad kind does not hide a bad availability (issue 11, item 5)", async () => {
    const response = await preview("assets", [
      ["Name", "Kind", "Availability", "Integrity"],
      ["Payroll", "galaxy", "9", "x"],
    ]);
    const columns = (response.body.errors as { row: number; column: string }[]).map((e) => `${e.row}:${e.column}`);
    expect(columns).toEqual(expect.arrayContaining(["2:Kind", "2:Availability", "2:Integrity"]));
  });

  it("stores an imported asset exactly as the API stores the same input", async () => {
    const element = (await listAll("scope/elements")).find((e: { externalRef: string }) => e.externalRef === "HQ");
    const viaApi = await admin.post(`${base}/assets`, {
      kind: "hardware",
      name: "  Router  ",
      owner: "",
      custodian: "Ops",
      locationElementId: element.id,
      valuation: { confidentiality: 2 },
      valuationOverride: { availability: 4 },
      overrideReason: "Core network",
      externalRef: "API-1",
    });
    expect(viaApi.status).toBe(201);
    await importRows("assets", [
      [
        "External reference",
        "Name",
        "Kind",
        "Owner",
        "Custodian",
        "Location",
        "Confidentiality",
        "Availability override",
        "Override reason",
      ],
      ["IMP-1", "  Router  ", "hardware", "", "Ops", "HQ", "2", "4", "Core network"],
    ]);
    const imported = (await listAll("assets")).find((a: { externalRef: string }) => a.externalRef === "IMP-1");
    const strip = ({ id, createdAt, updatedAt, externalRef, ...rest }: Record<string, unknown>) => rest;
    expect(strip((await admin.get(`${base}/assets/${imported.id}`)).body)).toEqual(strip(viaApi.body));
  });

  it("is all or nothing when the plan no longer holds at commit time", async () => {
    const site = await admin.post(`${base}/scope/elements`, { kind: "site", name: "Annex", externalRef: "ANNEX" });
    const previewed = await preview("assets", [header, ["A-10", "Scanner", "hardware", "", "ANNEX", "", "", ""]]);
    expect(previewed.body).toMatchObject({ create: 1, errorCount: 0 });
    expect((await admin.delete(`${base}/scope/elements/${site.body.id}`)).status).toBe(200);
    const refused = await commit(previewed.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.current).toMatchObject({ status: "failed", errorCount: 1 });
    expect(refused.body.current.errors[0]).toMatchObject({ row: 2, column: "Location" });
    expect((await listAll("assets")).some((a: { name: string }) => a.name === "Scanner")).toBe(false);
    expect((await admin.get(`${base}/imports/${previewed.body.id}`)).body.status).toBe("failed");
    expect((await commit(previewed.body.id)).status).toBe(409);
  });

  it("refuses a commit when a matched record changed after the preview", async () => {
    await importRows("assets", [header, ["A-20", "Printer", "hardware", "IT", "", "", "", ""]]);
    const previewed = await preview("assets", [header, ["A-20", "Printer", "hardware", "Facilities", "", "", "", ""]]);
    expect(previewed.body).toMatchObject({ update: 1 });
    const printer = (await listAll("assets")).find((a: { externalRef: string }) => a.externalRef === "A-20");
    const { id, category, inScope, effectiveValuation, createdAt, updatedAt, ...input } = printer;
    expect((await admin.request("PUT", `${base}/assets/${id}`, { ...input, owner: "Someone else" })).status).toBe(200);
    const refused = await commit(previewed.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("changed since the preview");
    expect((await admin.get(`${base}/assets/${id}`)).body.owner).toBe("Someone else");
  });

  it("updates only the columns a file has, and matches records without a reference by name", async () => {
    await importRows("assets", [
      ["Name", "Kind", "Owner", "Classification"],
      ["Desk phone", "hardware", "IT", "internal"],
    ]);
    const job = await importRows("assets", [
      ["Name", "Kind", "Owner"],
      ["Desk phone", "hardware", "Facilities"],
    ]);
    expect(job).toMatchObject({ create: 0, update: 1 });
    const phone = (await listAll("assets")).find((a: { name: string }) => a.name === "Desk phone");
    expect(phone).toMatchObject({ owner: "Facilities", classification: "internal" });
  });

  it("reads XLSX as CSV, and keeps a spreadsheet formula as text", async () => {
    const rows = [header, ["X-1", '=HYPERLINK("x")', "software", "+IT", "", "Low", "", ""]];
    const job = await importRows("assets", rows, "xlsx");
    expect(job).toMatchObject({ format: "xlsx", create: 1 });
    const csv = await download("assets", "csv");
    const text = csv.bytes.toString("utf8");
    expect(text).toContain(`'=HYPERLINK(""x"")`);
    expect(text).toContain("'+IT");
    const asset = (await listAll("assets")).find((a: { externalRef: string }) => a.externalRef === "X-1");
    expect(asset).toMatchObject({ name: '=HYPERLINK("x")', owner: "+IT", valuation: { confidentiality: 1 } });
  });
});

describe("asset supports links", () => {
  const header = ["External reference", "Name", "Kind", "Supports"];
  const supportsOf = async (ref: string) => {
    const asset = (await listAll("assets")).find((a: { externalRef: string }) => a.externalRef === ref);
    return (await admin.get(`${base}/assets/${asset.id}`)).body.supports.map((s: { name: string }) => s.name).sort();
  };

  it("links to rows of the same file and to existing assets, by reference or name, and exports the links back", async () => {
    expect((await admin.post(`${base}/assets`, { kind: "information", name: "Ledger", externalRef: "SUP-LEDGER" })).status).toBe(201);
    const job = await importRows("assets", [
      header,
      ["SUP-SRV", "Ledger server", "hardware", "SUP-PAY; Ledger"],
      ["SUP-PAY", "Payroll records", "information", ""],
    ]);
    expect(job).toMatchObject({ create: 2 });
    expect(await supportsOf("SUP-SRV")).toEqual(["Ledger", "Payroll records"]);
    const table = await tableOf("csv", (await download("assets", "csv")).bytes);
    const supports = table.header.indexOf("Supports");
    const row = table.rows.find((r) => r[0] === "SUP-SRV");
    expect(row?.[supports]?.split("; ").sort()).toEqual(["SUP-LEDGER", "SUP-PAY"]);
    // The list replaces the links; a file without the column leaves them.
    expect(await importRows("assets", [header, ["SUP-SRV", "Ledger server", "hardware", "SUP-PAY"]])).toMatchObject({ update: 1 });
    expect(await supportsOf("SUP-SRV")).toEqual(["Payroll records"]);
    expect(await importRows("assets", [header.slice(0, 3), ["SUP-SRV", "Ledger server", "hardware"]])).toMatchObject({ unchanged: 1 });
    expect(await supportsOf("SUP-SRV")).toEqual(["Payroll records"]);
    const created = (await admin.get(`${base}/audit?action=asset support.created&limit=200`)).body.items.length;
    expect(created).toBeGreaterThanOrEqual(2);
    expect((await admin.get(`${base}/audit/verify`)).body).toMatchObject({ intact: true });
  });

  it("reports unknown references, self-references and links the supports rule refuses, by row and column, and changes nothing", async () => {
    const response = await preview("assets", [
      header,
      ["SUP-A", "Switch", "network", "Nowhere"],
      ["SUP-B", "Router", "network", "SUP-B"],
      ["SUP-C", "Firewall", "network", "SUP-A"],
      ["SUP-D", "Billing", "business_process", "SUP-PAY"],
    ]);
    expect(response.body.errors).toEqual([
      { row: 2, column: "Supports", message: 'no asset has the external reference or name "Nowhere"' },
      { row: 3, column: "Supports", message: '"SUP-B": an asset cannot support itself' },
      { row: 4, column: "Supports", message: '"SUP-A": is a supporting asset; a supporting asset can only support a primary asset' },
      { row: 5, column: "Supports", message: '"SUP-PAY": this asset is a primary asset; only supporting assets support others' },
    ]);
    expect((await listAll("assets")).some((a: { externalRef: string }) => a.externalRef === "SUP-A")).toBe(false);
  });

  it("refuses a change of category while links the file does not replace stay on the asset", async () => {
    const response = await preview("assets", [header.slice(0, 3), ["SUP-PAY", "Payroll records", "hardware"]]);
    expect(response.body.errors).toEqual([
      { row: 2, column: "Kind", message: "the asset has 1 supports link(s); remove them before making it a supporting asset" },
    ]);
  });
});

describe("requirements and interested parties", () => {
  it("resolves the interested party by name", async () => {
    await importRows("interested-parties", [
      ["Name", "Kind", "Expectations"],
      ["Regulator", "Regulator", "Reports on time"],
    ]);
    const header = ["External reference", "Title", "Interested party", "Confidentiality"];
    const response = await preview("requirements", [
      header,
      ["REQ-1", "Report breaches", "Regulator", "3"],
      ["REQ-2", "Keep data in the EU", "Customers", ""],
    ]);
    expect(response.body.errors).toEqual([
      { row: 3, column: "Interested party", message: 'no interested party has the external reference or name "Customers"' },
    ]);
    await importRows("requirements", [header, ["REQ-1", "Report breaches", "Regulator", "3"]]);
    expect(await listAll("requirements")).toEqual([
      expect.objectContaining({ title: "Report breaches", partyName: "Regulator", confidentiality: 3, externalRef: "REQ-1" }),
    ]);
  });
});

describe("export", () => {
  it("writes the columns the import takes, as an attachment, in both formats", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const { response, bytes } = await download("assets", format);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toMatch(
        new RegExp(`^attachment; filename="assets-\\d{4}-\\d\\d-\\d\\d\\.${format}"$`),
      );
      const table = await tableOf(format, bytes);
      expect(table.header).toEqual(importColumns("assets", DEFAULT_VALUATION_SCALE).map((c) => c.header));
      expect(table.rows.length).toBe((await listAll("assets")).length);
    }
  });

  it("writes boundary interfaces with their ends named by external reference or name", async () => {
    const inside = (
      await admin.post(`${base}/scope/elements`, { kind: "information_system", name: "Billing system", externalRef: "SYS-BILL" })
    ).body.id;
    const outside = (
      await admin.post(`${base}/scope/elements`, {
        kind: "information_system",
        name: "Partner portal",
        inScope: false,
        exclusionJustification: "run by the partner",
      })
    ).body.id;
    for (const body of [
      { fromElementId: inside, toElementId: outside, dataExchanged: "Invoices", direction: "outbound", protection: "TLS" },
      { fromElementId: inside, toParty: "Payment provider", dataExchanged: "=Card tokens", direction: "bidirectional" },
    ])
      expect((await admin.post(`${base}/scope/interfaces`, body)).status).toBe(201);
    for (const format of ["csv", "xlsx"] as const) {
      const { response, bytes } = await download("boundary-interfaces", format);
      expect(response.status).toBe(200);
      const table = await tableOf(format, bytes);
      expect(table.header).toEqual(["From element", "To element", "To party", "Data exchanged", "Direction", "Protection"]);
      expect(table.rows).toEqual([
        ["SYS-BILL", "Partner portal", "", "Invoices", "outbound", "TLS"],
        // A formula start is escaped on the way out and unescaped on the way in.
        ["SYS-BILL", "", "Payment provider", "=Card tokens", "bidirectional", ""],
      ]);
    }
  });

  it("writes the obligations of phase 1 with what the requirements analysis adds", async () => {
    const party = (await admin.post(`${base}/interested-parties`, { name: "Data protection authority", kind: "regulator" })).body.id;
    const obligation = (
      await admin.post(`${base}/obligations`, { title: "GDPR", kind: "legal", jurisdiction: "EU", reference: "Art. 32", owner: "DPO" })
    ).body;
    expect(
      (
        await admin.request("PATCH", `${base}/requirements/obligations/${obligation.id}`, {
          confidentiality: 4,
          integrity: 2,
          interestedPartyId: party,
          externalRef: "OBL-1",
          version: obligation.version,
        })
      ).status,
    ).toBe(200);
    await admin.post(`${base}/obligations`, { title: "Customer contract", kind: "contractual" });
    const table = await tableOf("csv", (await download("obligations", "csv")).bytes);
    expect(table.header).toEqual(exportColumns("obligations", DEFAULT_VALUATION_SCALE).map((c) => c.header));
    expect(table.rows).toEqual([
      ["OBL-1", "GDPR", "legal", "", "EU", "Art. 32", "DPO", "", "Data protection authority", "4", "2", ""],
      ["", "Customer contract", "contractual", "", "", "", "", "", "", "", "", ""],
    ]);
  });

  it("writes every clause item and control of the gap assessment, assessed or not", async () => {
    const assessed = await admin.request("PATCH", `${base}/gap/A.5.1`, {
      status: "partially_implemented",
      maturity: 2,
      evidence: "Policy draft",
      version: 0,
    });
    expect(assessed.status).toBe(200);
    const items = (await admin.get(`${base}/reference/iso27001-2022`)).body;
    const table = await tableOf("xlsx", (await download("gap-assessment", "xlsx")).bytes);
    expect(table.header).toEqual(exportColumns("gap-assessment", DEFAULT_VALUATION_SCALE).map((c) => c.header));
    expect(table.rows.length).toBe((await admin.get(`${base}/gap?limit=200`)).body.items.length);
    expect(table.rows.length).toBeGreaterThanOrEqual(items.controls.length);
    const row = table.rows.find((r) => r[0] === "A.5.1");
    expect(row?.slice(0, 2)).toEqual(["A.5.1", "control"]);
    expect(row?.slice(4, 9)).toEqual(["partially_implemented", "2", "Policy draft", "", ""]);
    expect(row?.[9]).toBe("Admin");
    expect(table.rows.find((r) => r[0] === "A.5.2")?.[4]).toBe("not_assessed");
  });

  it("offers every register for export and refuses to import the ones that are export-only", async () => {
    for (const register of EXPORT_REGISTERS) expect((await download(register, "csv")).response.status, register).toBe(200);
    const refused = await preview("obligations", [["Title", "Kind"]]);
    expect(refused.status).toBe(400);
    expect((await admin.get(`${base}/exports/risks?format=csv`)).status).toBe(400);
  });

  it("lets a viewer export but not import", async () => {
    expect((await preview("assets", [["Name", "Kind"]], "csv", viewer)).status).toBe(403);
    const response = await viewer.get(`${base}/exports/scope-elements?format=csv`);
    expect(response.status).toBe(200);
  });
});

describe("the gap assessment", () => {
  const gapHeader = () => importColumns("gap-assessment", DEFAULT_VALUATION_SCALE).map((c) => c.header);
  const gapItem = async (itemId: string) =>
    (await admin.get(`${base}/gap?q=${itemId}&limit=200`)).body.items.find((i: { itemId: string }) => i.itemId === itemId);

  it("re-imports its own export unchanged, in CSV and XLSX", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const { bytes } = await download("gap-assessment", format);
      const table = await tableOf(format, bytes);
      expect(table.header).toEqual(gapHeader());
      const previewed = await admin.post(`${base}/imports/gap-assessment/preview`, {
        filename: `gap.${format}`,
        format,
        contentBase64: bytes.toString("base64"),
      });
      expect(previewed.body).toMatchObject({ errors: [], rows: 123, create: 0, update: 0, unchanged: 123 });
    }
  });

  it("assesses items from a file, matched by item, all or nothing, stamped with who imported it", async () => {
    const before = await gapItem("A.5.1");
    const job = await importRows("gap-assessment", [
      ["Item", "Status", "Maturity", "Evidence", "Justification", "Title", "Assessed by"],
      ["A.5.1", "Implemented", "4", "Signed policy", "", "ignored title", "ignored person"],
      ["A.5.7", "not applicable", "", "", "No threat intelligence need", "", ""],
      ["6.1.2", "partially_implemented", "2", "", "", "", ""],
      ["A.5.8", "not_assessed", "", "", "", "", ""],
    ]);
    expect(job).toMatchObject({ create: 2, update: 1, unchanged: 1 });
    expect(await gapItem("A.5.1")).toMatchObject({
      status: "implemented",
      maturity: 4,
      evidence: "Signed policy",
      title: before.title,
      version: before.version + 1,
      assessedBy: { name: "Admin" },
    });
    expect(await gapItem("A.5.7")).toMatchObject({ status: "not_applicable", justification: "No threat intelligence need", version: 1 });
    expect(await gapItem("A.5.8")).toMatchObject({ status: "not_assessed", version: 0 });
    const events = (await admin.get(`${base}/audit?entityId=${job.id}`)).body.items;
    expect(events).toEqual([expect.objectContaining({ action: "import.committed" })]);
    // A column the file leaves out keeps what the record has.
    expect(
      await importRows("gap-assessment", [
        ["Item", "Status"],
        ["A.5.1", "implemented"],
      ]),
    ).toMatchObject({ unchanged: 1 });
    expect((await gapItem("A.5.1")).evidence).toBe("Signed policy");
  });

  it("reports every problem by row and column and changes nothing", async () => {
    const before = await gapItem("A.5.2");
    const response = await preview("gap-assessment", [
      ["Item", "Status", "Maturity", "Justification"],
      ["A.5.2", "implemented", "3", ""],
      ["A.9.9", "implemented", "", ""],
      ["6.1", "implemented", "", ""],
      ["A.5.2", "implemented", "", ""],
      ["A.5.3", "done", "", ""],
      ["A.5.4", "not_applicable", "", ""],
      ["A.5.5", "implemented", "7", ""],
      ["", "implemented", "", ""],
    ]);
    expect(response.body.errors).toEqual([
      { row: 3, column: "Item", message: "is not a clause item or Annex A control of ISO/IEC 27001:2022" },
      { row: 4, column: "Item", message: "is a heading: assess its sub-clauses 6.1.1, 6.1.2, 6.1.3" },
      { row: 5, column: "Item", message: "row 2 has the same item" },
      { row: 6, column: "Status", message: expect.stringContaining("must be one of: Not assessed") },
      { row: 7, column: "Justification", message: "is required: say why the item does not apply" },
      { row: 8, column: "Maturity", message: "must be between 0 and 5" },
      { row: 9, column: "Item", message: "must not be empty" },
    ]);
    expect((await commit(response.body.id)).status).toBe(409);
    expect(await gapItem("A.5.2")).toEqual(before);
  });
});

describe("templates", () => {
  const template = (register: string, format: FileFormat, client = token) =>
    fetch(`${server.url}${base}/imports/${register}/template?format=${format}`, { headers: { authorization: `Bearer ${client}` } });

  it("downloads an empty CSV with exactly the header row the import reads, for every importable register", async () => {
    for (const register of IMPORT_REGISTERS) {
      const response = await template(register, "csv");
      expect(response.status, register).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${register}-template.csv"`);
      const headers = importColumns(register, DEFAULT_VALUATION_SCALE).map((c) => c.header);
      expect(Buffer.from(await response.arrayBuffer()).toString("utf8")).toBe(`\uFEFF${headers.join(",")}\r\n`);
    }
  });

  it("downloads an XLSX whose first sheet is the header row and whose second sheet describes each column; it imports as it is", async () => {
    for (const register of IMPORT_REGISTERS) {
      const response = await template(register, "xlsx");
      expect(response.status, register).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      const bytes = Buffer.from(await response.arrayBuffer());
      const columns = importColumns(register, DEFAULT_VALUATION_SCALE);
      expect(await tableOf("xlsx", bytes)).toEqual({ header: columns.map((c) => c.header), rows: [] });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const guide = workbook.getWorksheet("Columns");
      const cells = (guide?.getSheetValues() ?? []).slice(1).map((row) => (row as unknown[]).slice(1).map((v) => String(v ?? "")));
      expect(cells[0]).toEqual([...GUIDE_HEADER]);
      expect(cells.slice(1).map((line) => line.slice(0, 6))).toEqual(
        columnGuide(columns).map((line) => line.map((cell, i) => (cell === "" && i === 5 ? "" : cell))),
      );
      const previewed = await admin.post(`${base}/imports/${register}/preview`, {
        filename: "t.xlsx",
        format: "xlsx",
        contentBase64: bytes.toString("base64"),
      });
      expect(previewed.body, register).toMatchObject({ rows: 0, errors: [] });
    }
    const assets = columnGuide(importColumns("assets", DEFAULT_VALUATION_SCALE)).find((c) => c[0] === "Kind");
    expect(assets?.slice(1, 3)).toEqual(["yes", "one of the values"]);
  });

  it("follows the organization's valuation scale, lets a viewer download it, and refuses an export-only register", async () => {
    const scale = (await admin.get(`${base}/valuation-scale`)).body;
    const custom = [...scale.objectives, { key: "privacy", label: "Privacy", levels: ["Low", "High"] }];
    expect((await admin.request("PUT", `${base}/valuation-scale`, { objectives: custom, version: scale.version })).status).toBe(200);
    const viewerToken = (await viewer.post(`${base}/tokens`, { name: "viewer downloads" })).body.token;
    const response = await template("assets", "csv", viewerToken);
    expect(response.status).toBe(200);
    const text = Buffer.from(await response.arrayBuffer()).toString("utf8");
    expect(text).toContain(",Privacy,");
    expect(text).toContain(",Privacy override,");
    expect((await template("obligations", "csv")).status).toBe(400);
    expect((await template("assets", "pdf" as FileFormat)).status).toBe(400);
    const restored = (await admin.get(`${base}/valuation-scale`)).body;
    expect(
      (await admin.request("PUT", `${base}/valuation-scale`, { objectives: scale.objectives, version: restored.version })).status,
    ).toBe(200);
  });
});

describe("unreadable files and the audit trail", () => {
  it("reports a file that is not CSV or not a workbook as a problem of the whole file", async () => {
    const csv = await admin.post(`${base}/imports/assets/preview`, {
      filename: "broken.csv",
      format: "csv",
      contentBase64: Buffer.from('Name,Kind\n"unclosed,hardware\n').toString("base64"),
    });
    expect(csv.body.errors).toEqual([{ row: null, column: null, message: expect.stringMatching(/^the file is not valid CSV: /) }]);
    const xlsx = await admin.post(`${base}/imports/assets/preview`, {
      filename: "broken.xlsx",
      format: "xlsx",
      contentBase64: Buffer.from("not a zip file").toString("base64"),
    });
    expect(xlsx.body.errors).toEqual([
      { row: null, column: null, message: expect.stringMatching(/^the file is not a readable XLSX workbook/) },
    ]);
    expect((await commit(xlsx.body.id)).status).toBe(409);
  });

  it("records each imported record and each import in an intact hash chain", async () => {
    const before = (await admin.get(`${base}/audit?action=asset.created&limit=200`)).body.items.length;
    const job = await importRows("assets", [
      ["External reference", "Name", "Kind"],
      ["AUD-1", "Audited one", "software"],
      ["AUD-2", "Audited two", "software"],
    ]);
    const created = (await admin.get(`${base}/audit?action=asset.created&limit=200`)).body.items;
    expect(created.length - before).toBe(2);
    const summary = (await admin.get(`${base}/audit?action=import.committed&entityId=${job.id}`)).body.items;
    expect(summary).toEqual([
      expect.objectContaining({
        entityType: "import",
        changes: expect.objectContaining({ register: { before: null, after: "assets" }, created: { before: null, after: 2 } }),
      }),
    ]);
    expect((await admin.get(`${base}/audit/verify`)).body).toMatchObject({ intact: true });
  });
});
