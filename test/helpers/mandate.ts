import type { ApiClient } from "./server.js";

export const BUSINESS_CASE = {
  objectives: "Certify the SaaS platform against ISO/IEC 27001 by Q4 2027",
  benefits: "Qualify for regulated tenders; fewer customer questionnaires",
  resources: "ISMS manager 0.8 FTE, planning team 4 people part-time",
  timeline: "12 months from kick-off to stage 2 audit",
  risksOfNotImplementing: "Losing enterprise deals; uncontrolled security incidents",
};

/** Fills every phase 1 register through the API, so activities 5.2 to 5.4 are complete. */
export async function completePhase1(client: ApiClient, orgId: string): Promise<void> {
  const base = `/api/v1/orgs/${orgId}`;
  const must = async (p: Promise<{ status: number; body: unknown }>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`phase 1 set-up failed: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await must(client.post(`${base}/objectives`, { title: "Win regulated enterprise customers" }));
  await must(client.post(`${base}/obligations`, { title: "GDPR", kind: "legal", source: "Regulation (EU) 2016/679" }));
  await must(
    client.request("PATCH", `${base}/priorities`, {
      statement: "Confidentiality of customer data first",
      existingSystems: "ISO 9001",
      version: 0,
    }),
  );
  await must(
    client.request("PATCH", `${base}/preliminary-scope`, {
      statement: "The SaaS platform",
      units: ["Engineering"],
      sites: ["Berlin"],
      version: 0,
    }),
  );
  await must(client.request("PATCH", `${base}/project-roles/sponsor`, { personName: "Chief Executive", version: 0 }));
  await must(client.request("PATCH", `${base}/project-roles/project_lead`, { personName: "ISMS Manager", version: 0 }));
  await must(client.request("PATCH", `${base}/business-case`, { ...BUSINESS_CASE, version: 0 }));
  await must(client.post(`${base}/business-case/costs`, { title: "Certification audit", amount: 18000, currency: "EUR" }));
  await must(client.post(`${base}/milestones`, { title: "Stage 1 audit", dueDate: "2027-06-30", owner: "ISMS Manager" }));
}
