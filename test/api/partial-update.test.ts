import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../helpers/server.js";

/**
 * Every update route, found from the app's own route list: a PATCH with one field keeps every
 * other field, and a PUT that leaves fields out is refused with 400 naming each of them and
 * changes nothing. A new update route fails this test until it has a fixture here.
 */

let server: TestServer;
let admin: ApiClient;
let orgId: string;
let adminId: string;
let base: string;
type Body = Record<string, unknown>;
type OpenApi = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Body; required?: string[] } }> } }>
  >;
};
let spec: OpenApi;

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId, adminId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  spec = (await admin.get("/api/openapi.json")).body;
});
afterAll(async () => server.close());

const created = async (path: string, body: Body, status = 201) => {
  const response = await admin.post(`${base}${path}`, body);
  expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(status);
  return response.body;
};
const written = async (path: string, body: Body) => {
  const response = await admin.request("PUT", `${base}${path}`, body);
  expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body;
};
const find = async (path: string, pick: (item: Body) => boolean, list = "items") => {
  const items = (await admin.get(`${base}${path}`)).body[list] as Body[];
  return items.find(pick) as Body;
};

interface Fixture {
  /** The record's path (under the organization). */
  path: string;
  /** The one field the PATCH changes, with its new value. */
  field: string;
  value: unknown;
  /** The record as it is now; GET of `path` unless said otherwise. */
  read?: () => Promise<Body>;
  /** Fields a write changes by itself (who assessed and when, …). */
  volatile?: string[];
}

/** Per route, how to make a record and which field to change. */
const fixtures: Record<string, () => Promise<Fixture>> = {
  "/orgs/:orgId/objectives/:itemId": async () => {
    const { id } = await created("/objectives", { title: "Win tenders", description: "Customers ask for it" });
    return { path: `/objectives/${id}`, field: "title", value: "Win more tenders" };
  },
  "/orgs/:orgId/obligations/:itemId": async () => {
    const { id } = await created("/obligations", { title: "GDPR", kind: "legal", source: "EU", owner: "DPO", notes: "Art. 32" });
    return { path: `/obligations/${id}`, field: "owner", value: "Legal" };
  },
  "/orgs/:orgId/business-case/costs/:itemId": async () => {
    const { id } = await created("/business-case/costs", { title: "Consultant", amount: 18, currency: "EUR" });
    return { path: `/business-case/costs/${id}`, field: "amount", value: 18000 };
  },
  "/orgs/:orgId/milestones/:itemId": async () => {
    const { id } = await created("/milestones", { title: "Kick-off", dueDate: "2027-01-31", owner: "PM" });
    return { path: `/milestones/${id}`, field: "done", value: true };
  },
  "/orgs/:orgId/priorities": async () => {
    await written("/priorities", { statement: "Trust", existingSystems: "ISO 9001", version: 0 });
    return { path: "/priorities", field: "statement", value: "Customer trust first" };
  },
  "/orgs/:orgId/preliminary-scope": async () => {
    await written("/preliminary-scope", { statement: "The SaaS", units: ["IT"], sites: ["HQ"], version: 0 });
    return { path: "/preliminary-scope", field: "sites", value: ["HQ", "Lab"] };
  },
  "/orgs/:orgId/business-case": async () => {
    const texts = { objectives: "o", benefits: "b", resources: "r", timeline: "t", risksOfNotImplementing: "x" };
    await written("/business-case", { ...texts, version: 0 });
    return { path: "/business-case", field: "benefits", value: "Tenders" };
  },
  "/orgs/:orgId/branding": async () => {
    await written("/branding", { colour: "#2b8a3e", classification: "Internal", version: 0 });
    return { path: "/branding", field: "classification", value: "Confidential" };
  },
  "/orgs/:orgId/process/settings": async () => {
    // Turning separation of duties off takes an approver's decision; turning it back on is a plain update.
    const { client: approver } = await addMember(server, admin, orgId, "sod-approver@example.com", "approver", "Sod Approver");
    const proposal = await created("/process/settings/separation-of-duties/proposals", { separationOfDuties: false, reason: "Test" });
    const decided = await approver.post(`${base}/process/settings/separation-of-duties/proposals/${proposal.id}/approve`, {
      version: proposal.version,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    return { path: "/process/settings", field: "separationOfDuties", value: true };
  },
  "/orgs/:orgId/project-roles/:key": async () => {
    const [role] = (await admin.get(`${base}/project-roles`)).body.items;
    await written(`/project-roles/${role.key}`, { personName: "Ann", userId: adminId, version: 0 });
    return {
      path: `/project-roles/${role.key}`,
      field: "personName",
      value: "Ann Admin",
      read: () => find("/project-roles", (r) => r.key === role.key),
    };
  },
  "/orgs/:orgId/isms-roles/:roleId": async () => {
    const { id } = await created("/isms-roles", { title: "Security champion", description: "One per team", mandatory: true });
    return { path: `/isms-roles/${id}`, field: "title", value: "Security champions", read: () => find("/isms-roles", (r) => r.id === id) };
  },
  "/orgs/:orgId/raci/:activityId": async () => {
    const roles = ((await admin.get(`${base}/isms-roles`)).body.items as Body[]).map((r) => r.id as string);
    await written("/raci/5.2", { responsible: [roles[0]], accountable: roles[1], consulted: [roles[2]], informed: [roles[3]] });
    return { path: "/raci/5.2", field: "informed", value: [roles[0]], read: () => find("/raci", (e) => e.activityId === "5.2", "entries") };
  },
  "/orgs/:orgId/scope/elements/:elementId": async () => {
    const { id } = await created("/scope/elements", { kind: "org_unit", name: "Engineering", description: "Builds it", owner: "CTO" });
    return { path: `/scope/elements/${id}`, field: "owner", value: "VP Engineering" };
  },
  "/orgs/:orgId/scope/interfaces/:interfaceId": async () => {
    const from = await created("/scope/elements", { kind: "org_unit", name: "Support" });
    const { id } = await created("/scope/interfaces", {
      fromElementId: from.id,
      toParty: "Payroll bureau",
      dataExchanged: "Salaries",
      direction: "outbound",
      protection: "SFTP",
    });
    return { path: `/scope/interfaces/${id}`, field: "protection", value: "SFTP with PGP" };
  },
  "/orgs/:orgId/scope/narrative": async () => {
    await written("/scope/narrative", { narrative: "Our SaaS", version: 0 });
    return { path: "/scope/narrative", field: "narrative", value: "Our SaaS and its support" };
  },
  "/orgs/:orgId/interested-parties/:itemId": async () => {
    const { id } = await created("/interested-parties", {
      name: "Customers",
      kind: "customer",
      description: "B2B",
      expectations: "Uptime",
    });
    return { path: `/interested-parties/${id}`, field: "expectations", value: "Uptime and privacy" };
  },
  "/orgs/:orgId/requirements/:itemId": async () => {
    const party = await created("/interested-parties", { name: "Bank", kind: "customer" });
    const { id } = await created("/requirements", {
      title: "Data stays in the EU",
      partyId: party.id,
      source: "Contract",
      owner: "CISO",
      confidentiality: 3,
    });
    return { path: `/requirements/${id}`, field: "owner", value: "CIO" };
  },
  "/orgs/:orgId/requirements/obligations/:itemId": async () => {
    const party = await created("/interested-parties", { name: "Regulator", kind: "regulator" });
    const obligation = await created("/obligations", { title: "NIS2", kind: "legal" });
    await written(`/requirements/obligations/${obligation.id}`, {
      confidentiality: 2,
      integrity: 3,
      availability: 4,
      interestedPartyId: party.id,
      externalRef: "NIS2-21",
      version: obligation.version,
    });
    return { path: `/requirements/obligations/${obligation.id}`, field: "integrity", value: 4 };
  },
  "/orgs/:orgId/valuation-scale": async () => {
    const scale = (await admin.get(`${base}/valuation-scale`)).body;
    const objectives = scale.objectives.map((o: Body, i: number) => (i === 0 ? { ...o, label: "Secrecy" } : o));
    return { path: "/valuation-scale", field: "objectives", value: objectives };
  },
  "/orgs/:orgId/assets/:assetId": async () => {
    const { id } = await created("/assets", {
      kind: "information",
      name: "Customer data",
      owner: "Sales",
      description: "CRM records",
      classification: "confidential",
      valuation: { confidentiality: 3 },
    });
    return { path: `/assets/${id}`, field: "owner", value: "Marketing" };
  },
  "/orgs/:orgId/gap/:itemId": async () => {
    await written("/gap/A.5.1", {
      status: "partially_implemented",
      maturity: 2,
      evidence: "Policy draft",
      findings: "Not approved",
      justification: null,
      version: 0,
    });
    return {
      path: "/gap/A.5.1",
      field: "maturity",
      value: 3,
      read: () => find("/gap?q=A.5.1", (g) => g.itemId === "A.5.1"),
      volatile: ["assessedAt"],
    };
  },
  "/orgs/:orgId/documents/:documentId": async () => {
    const { id } = await created("/documents", {
      identifier: "POL-TEST",
      title: "Access control policy",
      type: "topic_policy",
      owner: "CISO",
      classification: "confidential",
      nextReviewDate: "2027-06-30",
    });
    return { path: `/documents/${id}`, field: "owner", value: "Head of IT" };
  },
  "/orgs/:orgId/documents/:documentId/versions/:number": async () => {
    const document = await created("/documents", {
      identifier: "PRO-TEST",
      title: "Backup procedure",
      type: "procedure",
      owner: "IT",
      nextReviewDate: "2027-06-30",
    });
    const path = `/documents/${document.id}/versions/1`;
    const draft = (await admin.get(`${base}${path}`)).body;
    await written(path, {
      sections: [{ key: "steps", title: "Steps", markdown: "Back up nightly" }],
      changeSummary: "First",
      version: draft.version,
    });
    return { path, field: "changeSummary", value: "First draft" };
  },
  "/orgs/:orgId/risk-method/versions/:methodId": async () => {
    const { id } = await created("/risk-method/versions", { note: "Our first method" });
    return { path: `/risk-method/versions/${id}`, field: "note", value: "Our first method, reviewed" };
  },
  "/orgs/:orgId/threats/:itemId": async () => {
    const { id } = await created("/threats", {
      title: "Phishing",
      description: "Mail",
      category: "Social",
      objectives: ["confidentiality"],
    });
    return { path: `/threats/${id}`, field: "category", value: "Social engineering" };
  },
  "/orgs/:orgId/vulnerabilities/:itemId": async () => {
    const { id } = await created("/vulnerabilities", {
      title: "No MFA",
      description: "Passwords only",
      category: "Access",
      objectives: ["integrity"],
    });
    return { path: `/vulnerabilities/${id}`, field: "category", value: "Authentication" };
  },
  "/orgs/:orgId/custom-controls/:itemId": async () => {
    const { id } = await created("/custom-controls", { ref: "CC-77", title: "Group baseline", description: "From HQ", category: "Group" });
    return { path: `/custom-controls/${id}`, field: "description", value: "From headquarters" };
  },
  "/orgs/:orgId/risks/:riskId": async () => {
    const asset = await created("/assets", { kind: "information", name: "Order data" });
    const { id } = await created("/risks", {
      kind: "scenario",
      title: "Ransomware stops order handling",
      description: "Seen at peers",
      riskSource: "Criminal group",
      event: "Encrypts the file servers",
      affectedAssetIds: [asset.id],
      ownerUserId: adminId,
      inherent: { likelihood: 2, impact: 3, rationale: "Backups exist" },
      treatment: "retain",
      reviewDate: "2027-03-31",
    });
    return { path: `/risks/${id}`, field: "title", value: "Ransomware stops order handling for days" };
  },
  "/orgs/:orgId/soa/controls/:controlId": async () => {
    const requirementParty = await created("/interested-parties", { name: "Auditor", kind: "regulator" });
    const requirement = await created("/requirements", { title: "Access is reviewed", partyId: requirementParty.id });
    await written("/soa/controls/A.5.18", {
      decision: "include",
      justification: "Access reviews",
      implementation: "planned",
      owner: "IT",
      requirementIds: [requirement.id],
      version: 0,
    });
    return {
      path: "/soa/controls/A.5.18",
      field: "implementation",
      value: "partial",
      read: async () => {
        const row = await find("/soa", (r) => (r.control as Body).id === "A.5.18", "rows");
        const { decision, note, implementation, owner, requirements, version } = row;
        return { decision, note, implementation, owner, requirements, version };
      },
    };
  },
  "/orgs/:orgId/audit-programmes/:itemId": async () => {
    const { id } = await created("/audit-programmes", { title: "Programme", cycleStart: "2026-01-01" });
    return { path: `/audit-programmes/${id}`, field: "objectives", value: "Cover everything twice" };
  },
  "/orgs/:orgId/audits/:auditId": async () => {
    const programme = await created("/audit-programmes", { title: "Audit fixture programme", cycleStart: "2026-01-01" });
    const { id } = await created("/audits", {
      programmeId: programme.id,
      title: "Audit",
      scope: { clauses: ["9.2"], controls: [], areas: [] },
      leadAuditorUserId: adminId,
      criteria: "27001",
    });
    return { path: `/audits/${id}`, field: "plan", value: "Interviews on day 1" };
  },
  "/orgs/:orgId/findings/:findingId": async () => {
    const programme = await created("/audit-programmes", { title: "Finding fixture programme", cycleStart: "2026-01-01" });
    const audit = await created("/audits", {
      programmeId: programme.id,
      title: "Audit",
      scope: { clauses: ["9"], controls: [], areas: [] },
    });
    const { id } = await created(`/audits/${audit.id}/findings`, { kind: "observation", target: "9.2", title: "Programme not published" });
    return { path: `/findings/${id}`, field: "evidence", value: "Intranet page" };
  },
  "/orgs/:orgId/nonconformities/:ncId": async () => {
    const { id } = await created("/nonconformities", { title: "NC", detectedOn: "2026-02-01" });
    return { path: `/nonconformities/${id}`, field: "rootCause", value: "No owner", volatile: ["missingSteps"] };
  },
  "/orgs/:orgId/corrective-actions/:actionId": async () => {
    const nc = await created("/nonconformities", { title: "NC for action", detectedOn: "2026-02-01" });
    const { id } = await created(`/nonconformities/${nc.id}/actions`, { title: "Fix", ownerUserId: adminId, dueDate: "2026-06-30" });
    return { path: `/corrective-actions/${id}`, field: "dueDate", value: "2026-07-31", volatile: ["overdue"] };
  },
  "/orgs/:orgId/management-reviews/:reviewId": async () => {
    const { id } = await created("/management-reviews", { title: "Review", plannedDate: "2026-11-30", participants: "CEO" });
    return { path: `/management-reviews/${id}`, field: "minutes", value: "Reviewed", volatile: ["nextReviewDate"] };
  },
  "/orgs/:orgId/review-outputs/:outputId": async () => {
    const review = await created("/management-reviews", { title: "Review for outputs" });
    const { id } = await created(`/management-reviews/${review.id}/outputs`, { kind: "decision", title: "Keep the scope" });
    return { path: `/review-outputs/${id}`, field: "title", value: "Widen the scope" };
  },
  "/orgs/:orgId/measures/:measureId": async () => {
    const { id } = await created("/measures", {
      title: "Phishing reports",
      kind: "base",
      key: "phishing_reports",
      informationNeed: "Do people report phishing?",
      frequency: "monthly",
      startDate: "2026-01-01",
      ownerUserId: adminId,
      onTarget: 10,
      act: 2,
      target: 12,
      reportedTo: "Steering committee",
    });
    return { path: `/measures/${id}`, field: "target", value: 15, volatile: ["latest"] };
  },
  "/orgs/:orgId/measures/:measureId/values/:valueId": async () => {
    const { id } = await created("/measures", {
      title: "Patched",
      kind: "base",
      key: "patched_x",
      informationNeed: "Patched?",
      frequency: "monthly",
      startDate: "2026-01-01",
    });
    const value = await created(`/measures/${id}/values`, { period: "2026-02-10", value: 3, note: "from the CMDB" });
    return {
      path: `/measures/${id}/values/${value.id}`,
      field: "value",
      value: 4,
      read: async () => await find(`/measures/${id}/series`, (p) => p.id === value.id, "points"),
    };
  },
  "/orgs/:orgId/training/courses/:itemId": async () => {
    const { id } = await created("/training/courses", {
      title: "Awareness",
      kind: "campaign",
      targetGroups: ["All staff"],
      refresherMonths: 12,
      startsOn: "2026-02-01",
    });
    return { path: `/training/courses/${id}`, field: "refresherMonths", value: 24 };
  },
  "/orgs/:orgId/training/requirements/:itemId": async () => {
    const role = (await admin.get(`${base}/isms-roles`)).body.items[0];
    const course = await created("/training/courses", { title: "Lead auditor" });
    const { id } = await created("/training/requirements", { roleId: role.id, title: "Audits", courseId: course.id });
    return { path: `/training/requirements/${id}`, field: "title", value: "Audits to ISO 19011" };
  },
  "/orgs/:orgId/training/records/:itemId": async () => {
    const course = await created("/training/courses", { title: "Phishing drill" });
    const { id } = await created("/training/records", { courseId: course.id, userId: adminId, completedOn: "2026-03-01", note: "passed" });
    return {
      path: `/training/records/${id}`,
      field: "completedOn",
      value: "2026-03-02",
      read: () => find("/training/records", (r) => r.id === id),
      volatile: ["validUntil"],
    };
  },
  "/orgs/:orgId/committees/:itemId": async () => {
    const { id } = await created("/committees", { title: "Security forum", meetingFrequency: "quarterly", remit: "Oversees the ISMS" });
    return { path: `/committees/${id}`, field: "remit", value: "Decides on the policy set" };
  },
  "/orgs/:orgId/security-organization": async () => {
    await written("/security-organization", { roles: [{ roleKey: "isms_manager" }], version: 0 });
    const read = async () => {
      const body = (await admin.get(`${base}/security-organization`)).body as { roles: Body[] };
      return { ...body, roles: body.roles.map(({ id: _id, ...line }) => line) };
    };
    return {
      path: "/security-organization",
      field: "roles",
      value: [{ roleKey: "risk_owner", reportsToRoleKey: null, deputyUserId: null }],
      read,
    };
  },
  "/orgs/:orgId/sod-rules": async () => {
    const { rules } = (await admin.get(`${base}/sod-rules`)).body as { rules: Body[] };
    return { path: "/sod-rules", field: "rules", value: rules.slice(0, 1) };
  },
  "/orgs/:orgId/plan/tasks/:taskId": async () => {
    const { id } = await created("/plan/tasks", { title: "Roll out MFA", effortDays: 3, startDate: "2026-03-02", dueDate: "2026-03-06" });
    return {
      path: `/plan/tasks/${id}`,
      field: "effortDays",
      value: 5,
      volatile: ["schedule", "earlyStart", "earlyFinish", "lateStart", "lateFinish", "slack", "critical"],
    };
  },
  "/orgs/:orgId": async () => ({ path: "", field: "name", value: "Acme Europe" }),
  "/orgs/:orgId/members/:userId": async () => {
    const { userId } = await addMember(server, admin, orgId, "patched@example.com", "contributor", "Pat Ched");
    return { path: `/members/${userId}`, field: "role", value: "viewer", read: () => find("/members", (m) => m.userId === userId) };
  },
};

/**
 * PUT routes that set one thing as a whole (a justification, an uploaded file): every field is
 * required and none has a default, so a PUT cannot erase anything, and there is no PATCH.
 */
const wholeValues = new Set([
  "/orgs/:orgId/process/catalog",
  "/orgs/:orgId/activities/:activityId/not-applicable",
  "/orgs/:orgId/assets/:assetId/risk-exemption",
  "/orgs/:orgId/plan/calendar",
]);

const updateRoutes = () => {
  const byUrl = new Map<string, Set<string>>();
  for (const rule of server.app.routeRules.filter((r) => r.method === "PUT" || r.method === "PATCH")) {
    const url = rule.url.replace(/^\/api\/v1/, "");
    byUrl.set(url, (byUrl.get(url) ?? new Set()).add(rule.method));
  }
  return byUrl;
};
const bodySchema = (url: string, method: string) => {
  const operation = spec.paths[`/api/v1${url}`.replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()];
  const content = operation?.requestBody?.content ?? {};
  return (content["application/json"] ?? Object.values(content)[0])?.schema ?? {};
};
const omit = (value: Body, keys: string[]) => Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

describe("updates never erase what the client did not send", () => {
  it("has a fixture for every PUT and PATCH route", () => {
    const routes = [...updateRoutes().keys()];
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((url) => !(url in fixtures) && !wholeValues.has(url))).toEqual([]);
    expect(Object.keys(fixtures).filter((url) => !routes.includes(url))).toEqual([]);
  });

  it("documents PUT bodies with every field required, and offers PATCH beside every PUT that has optional fields", () => {
    for (const [url, methods] of updateRoutes()) {
      if (!methods.has("PUT")) continue;
      const schema = bodySchema(url, "PUT");
      const optional = Object.keys(schema.properties ?? {}).filter((f) => !(schema.required ?? []).includes(f));
      expect(optional, url).toEqual(url === "/orgs/:orgId/risks/:riskId" ? ["rescore"] : []);
      if (wholeValues.has(url)) expect(methods.has("PATCH"), url).toBe(false);
      else expect(methods.has("PATCH"), url).toBe(true);
    }
  });

  it("refuses a whole-value PUT without its fields, naming them", async () => {
    for (const url of wholeValues) {
      const path = url
        .replace(":orgId", orgId)
        .replace(":activityId", "9.4c")
        .replace(":assetId", (await created("/assets", { kind: "business_process", name: `Process ${url.length}` })).id);
      const refused = await admin.request("PUT", `/api/v1${path}`, {});
      expect(refused.status, url).toBe(400);
      expect(fieldsOf(refused.body), url).toEqual([...(bodySchema(url, "PUT").required ?? [])].sort());
    }
  });

  for (const url of Object.keys(fixtures)) {
    it(`${url}: PATCH of one field keeps the others; PUT of one field is refused, naming the rest`, async () => {
      const methods = updateRoutes().get(url) ?? new Set();
      const fixture = await (fixtures[url] as () => Promise<Fixture>)();
      const path = `${base}${fixture.path}`;
      const read = fixture.read ?? (async () => (await admin.get(path)).body as Body);
      const before = await read();
      const versioned = "version" in (bodySchema(url, "PATCH").properties ?? {});
      const version = versioned ? { version: before.version } : {};
      if (versioned) {
        const unversioned = await admin.request("PATCH", path, { [fixture.field]: fixture.value });
        expect(unversioned.status).toBe(400);
        expect(fieldsOf(unversioned.body)).toContain("version");
      }
      const patched = await admin.request("PATCH", path, JSON.stringify({ [fixture.field]: fixture.value, ...version }), {
        "content-type": "application/merge-patch+json",
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      const after = await read();
      expect(after[fixture.field]).toEqual(fixture.value);
      const ignored = [fixture.field, "version", "updatedAt", ...(fixture.volatile ?? [])];
      expect(omit(after, ignored)).toEqual(omit(before, ignored));
      if (!methods.has("PUT")) return;

      const required = bodySchema(url, "PUT").required ?? [];
      // A record of one field (and its version) is whole with that field: leave the field out instead.
      const sent = required.filter((f) => f !== "version").length > 1 ? { [fixture.field]: before[fixture.field] } : {};
      const replaced = await admin.request("PUT", path, { ...sent, ...(versioned ? { version: after.version } : {}) });
      expect(replaced.status, JSON.stringify(replaced.body)).toBe(400);
      expect(fieldsOf(replaced.body)).toEqual(required.filter((f) => !(f in sent) && !(versioned && f === "version")).sort());
      expect(await read()).toEqual(after);
    });
  }
});
