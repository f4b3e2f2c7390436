import type { Phase1Data } from "./data.js";

/**
 * A phase 1 with everything recorded that its completion rules ask for: the reference point for
 * tests and the benchmark, and a starting point for demo data.
 */
export function completePhase1(): Phase1Data {
  return {
    objectives: [{ id: "obj-1", title: "Win tenders that require a certified ISMS" }],
    obligations: [{ id: "obl-1", title: "Data protection law", kind: "legal", source: "National data protection act", owner: "Legal" }],
    priorities: {
      statement: "Protect customer data first, then keep the online shop available.",
      existingSystems: "ISO 9001 quality system",
    },
    preliminaryScope: { statement: "The online shop and the teams that run it.", units: ["E-commerce"], sites: ["Head office"] },
    projectRoles: [
      { key: "sponsor", title: "Sponsor", personName: "Dana Chief", required: true },
      { key: "project_lead", title: "ISMS project lead", personName: "Sam Lead", required: true },
      { key: "planning_team", title: "Planning team member", personName: null, required: false },
    ],
    businessCase: {
      objectives: "Certification within 12 months.",
      benefits: "Access to regulated customers; fewer incidents.",
      costs: [{ id: "cost-1", label: "Consulting", amount: 20000, currency: "EUR" }],
      resources: "One ISMS manager, half of a planning team.",
      timeline: "Twelve months from approval.",
      risksOfNotImplementing: "Lost tenders and a higher chance of a data breach.",
    },
    milestones: [{ id: "ms-1", title: "Scope agreed", dueDate: "2026-03-31", owner: "Sam Lead" }],
  };
}
