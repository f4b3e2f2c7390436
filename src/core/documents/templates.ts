import { POLICY_TEMPLATE, type Section } from "./documents.js";

/**
 * The library of topic-specific policy templates (9.2.3), written in our own words. Each follows
 * the Annex D structure (POLICY_TEMPLATE's sections) and names the Annex A controls it supports;
 * creating a policy from one fills in the organization's name, scope and role holders.
 */
export interface PolicyTemplate {
  key: string;
  title: string;
  /** The identifier a policy made from it gets unless the author chooses another. */
  identifier: string;
  /** Annex A controls (ISO/IEC 27001:2022 ids) the policy supports. */
  controls: string[];
  summary: string;
  objectives: string[];
  principles: string[];
  statements: string[];
  outcomes: string[];
  related: string[];
  definitions: string[];
}

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    key: "access-control",
    title: "Access control policy",
    identifier: "POL-AC",
    controls: ["A.5.15", "A.5.16", "A.5.17", "A.5.18", "A.8.2", "A.8.3", "A.8.5"],
    summary: "Who may use which information and systems, how that access is granted, reviewed and taken away.",
    objectives: ["People get the access their work needs and no more.", "Access that is no longer needed is removed promptly."],
    principles: ["Least privilege and need to know.", "Every account belongs to one identifiable person or a named service."],
    statements: [
      "Access is requested, approved by the information owner and recorded before it is granted.",
      "Privileged access is granted separately, time-limited where possible and reviewed every quarter.",
      "Access rights are reviewed by owners at least twice a year and on every change of job.",
      "Leavers lose all access on their last working day.",
      "Authentication uses strong passwords and multi-factor authentication for remote and privileged access.",
    ],
    outcomes: ["Share of access reviews completed on time.", "Number of accounts of leavers found still active."],
    related: ["Acceptable use policy", "Joiners, movers and leavers procedure"],
    definitions: ["Privileged access: rights that can change systems, security settings or other people's access."],
  },
  {
    key: "acceptable-use",
    title: "Acceptable use policy",
    identifier: "POL-AU",
    controls: ["A.5.10", "A.6.2", "A.8.1"],
    summary: "What everyone may and may not do with the organization's information, devices and services.",
    objectives: ["Everyone knows what is expected of them when they use information and equipment."],
    principles: ["Information and equipment are provided for work.", "Everyone is responsible for what is done with their account."],
    statements: [
      "Use company information only for the purposes of your work.",
      "Do not install unapproved software or connect unapproved devices.",
      "Lock your screen when you leave your device and report lost devices at once.",
      "Do not share passwords or let others use your account.",
      "Personal use is allowed within reason and never for unlawful or offensive content.",
    ],
    outcomes: ["Share of staff who acknowledged the policy this year.", "Number of misuse incidents."],
    related: ["Access control policy", "Mobile and remote working policy"],
    definitions: ["Equipment: laptops, phones, removable media and any other device provided or approved for work."],
  },
  {
    key: "asset-management",
    title: "Asset management and information classification policy",
    identifier: "POL-AM",
    controls: ["A.5.9", "A.5.10", "A.5.11", "A.5.12", "A.5.13", "A.5.14"],
    summary: "How information and the assets holding it are listed, owned, classified, labelled and handled.",
    objectives: ["Every important asset is known and has an owner.", "Information is protected according to its classification."],
    principles: ["Classification follows the harm that disclosure, change or loss would cause."],
    statements: [
      "The asset inventory is kept current and every asset has a named owner.",
      "Information is classified as public, internal, confidential or restricted by its owner.",
      "Confidential and restricted information is labelled and handled by the rules for its class.",
      "Assets are returned when people leave or change roles.",
    ],
    outcomes: ["Share of inventory entries with an owner and a classification.", "Assets not returned at leaving."],
    related: ["Acceptable use policy", "Backup policy"],
    definitions: ["Asset owner: the person who answers for an asset's protection throughout its life."],
  },
  {
    key: "backup",
    title: "Backup policy",
    identifier: "POL-BK",
    controls: ["A.8.13"],
    summary: "Which data is backed up, how often, where copies are kept and how restores are tested.",
    objectives: ["Data can be restored within the agreed recovery point and time."],
    principles: ["A backup counts only once a restore from it has been shown to work."],
    statements: [
      "Systems are backed up at the frequency their owners agreed, at least daily for business data.",
      "At least one copy is kept offline or immutable, in another location.",
      "Backups are encrypted and access to them is restricted.",
      "Restores are tested at least every quarter and the results recorded.",
    ],
    outcomes: ["Share of backup jobs that succeeded.", "Restore tests passed on time."],
    related: ["Business continuity policy", "Cryptography policy"],
    definitions: ["Recovery point objective: the most data, in time, the business accepts to lose."],
  },
  {
    key: "business-continuity",
    title: "Business continuity policy",
    identifier: "POL-BC",
    controls: ["A.5.29", "A.5.30", "A.8.14"],
    summary: "How information security is kept during disruption and how critical services are restored.",
    objectives: ["Critical services resume within their agreed recovery times.", "Security is not dropped in a crisis."],
    principles: ["Plans are based on a business impact analysis and tested regularly."],
    statements: [
      "Critical processes and the systems they rely on are identified with their recovery objectives.",
      "Continuity and recovery plans exist for them and name who does what.",
      "Plans are exercised at least once a year and improved from what the exercise showed.",
      "Security controls stay in force during disruption or are replaced by agreed alternatives.",
    ],
    outcomes: ["Exercises held against plan.", "Recovery times achieved in exercises."],
    related: ["Backup policy", "Incident management policy"],
    definitions: ["Recovery time objective: how long a service may be unavailable before harm becomes unacceptable."],
  },
  {
    key: "cryptography",
    title: "Cryptography policy",
    identifier: "POL-CR",
    controls: ["A.8.24"],
    summary: "When information is encrypted or signed, with which methods, and how keys are managed.",
    objectives: ["Confidential information is unreadable to whoever is not meant to read it."],
    principles: ["Use well-reviewed algorithms and libraries; never invent cryptography."],
    statements: [
      "Confidential and restricted information is encrypted in transit and at rest.",
      "Only current, recognised algorithms and key lengths are used; the list is kept by the ISMS manager.",
      "Keys are generated, stored, rotated and destroyed under control, and never kept beside the data they protect.",
      "Certificates are tracked and renewed before they expire.",
    ],
    outcomes: ["Systems holding confidential data without encryption.", "Expired certificates found."],
    related: ["Asset management and information classification policy"],
    definitions: ["Key management: the life of a key from generation to destruction."],
  },
  {
    key: "incident-management",
    title: "Incident management policy",
    identifier: "POL-IM",
    controls: ["A.5.24", "A.5.25", "A.5.26", "A.5.27", "A.5.28", "A.6.8"],
    summary: "How security events are reported, assessed, handled, learned from and evidenced.",
    objectives: ["Incidents are detected and contained quickly.", "Each incident leaves a lesson the organization uses."],
    principles: ["Report early: a false alarm costs little, a late report costs a lot."],
    statements: [
      "Everyone reports suspected security events at once through the agreed channel.",
      "Events are assessed and, when they are incidents, handled by the incident team by a documented procedure.",
      "Evidence is collected and preserved so that it can be relied upon.",
      "Every significant incident is reviewed afterwards and its lessons turned into actions.",
      "Notifications to authorities and customers are made within legal and contractual deadlines.",
    ],
    outcomes: ["Time from detection to containment.", "Actions from incident reviews completed."],
    related: ["Logging and monitoring policy", "Business continuity policy"],
    definitions: ["Security incident: an event that has or may have harmed the confidentiality, integrity or availability of information."],
  },
  {
    key: "logging-monitoring",
    title: "Logging and monitoring policy",
    identifier: "POL-LM",
    controls: ["A.8.15", "A.8.16", "A.8.17"],
    summary: "Which events are logged, how logs are protected and kept, and how they are watched.",
    objectives: ["Suspicious activity is noticed in time to act.", "Logs can be trusted as evidence."],
    principles: ["Log what helps to detect and investigate; protect logs from change."],
    statements: [
      "Systems log sign-ins, privileged actions, security setting changes and errors.",
      "Clocks are synchronised to a common reliable source.",
      "Logs are sent to a central store where the people they record cannot change them.",
      "Logs are kept for at least twelve months unless law requires otherwise.",
      "Alerts for agreed patterns are reviewed every working day.",
    ],
    outcomes: ["Systems sending logs to the central store.", "Alerts reviewed within a day."],
    related: ["Incident management policy"],
    definitions: ["Log: a time-stamped record of an event on a system."],
  },
  {
    key: "mobile-remote",
    title: "Mobile and remote working policy",
    identifier: "POL-MR",
    controls: ["A.6.7", "A.8.1", "A.7.9"],
    summary: "How information stays safe on mobile devices and when people work away from the office.",
    objectives: ["Working remotely is as safe as working in the office."],
    principles: ["The device and the connection are treated as untrusted until shown otherwise."],
    statements: [
      "Only managed devices with encryption, screen lock and current updates reach company data.",
      "Remote access goes through the approved secure connection with multi-factor authentication.",
      "Confidential conversations and screens are kept away from onlookers in public places.",
      "Lost or stolen devices are reported at once so they can be wiped.",
    ],
    outcomes: ["Share of devices under management.", "Lost devices reported within a day."],
    related: ["Acceptable use policy", "Cryptography policy"],
    definitions: ["Managed device: a device whose security settings the organization controls."],
  },
  {
    key: "secure-development",
    title: "Secure development policy",
    identifier: "POL-SD",
    controls: ["A.8.25", "A.8.26", "A.8.27", "A.8.28", "A.8.29", "A.8.31", "A.8.32"],
    summary: "How software and systems are specified, built, tested and changed securely.",
    objectives: ["Security flaws are prevented or found before release."],
    principles: ["Security requirements are set at the start, not bolted on at the end."],
    statements: [
      "Security requirements are part of every specification.",
      "Code is reviewed by someone other than its author before it is merged.",
      "Dependencies are tracked and known vulnerable versions are not released.",
      "Development, test and production environments are kept apart; production data is not used in tests unless masked.",
      "Changes reach production only through the approved change process.",
    ],
    outcomes: ["Security findings per release.", "Releases with unreviewed changes."],
    related: ["Vulnerability and patch management policy", "Access control policy"],
    definitions: ["Secure coding: writing code that avoids known classes of weakness."],
  },
  {
    key: "supplier-security",
    title: "Supplier security policy",
    identifier: "POL-SU",
    controls: ["A.5.19", "A.5.20", "A.5.21", "A.5.22", "A.5.23"],
    summary: "How suppliers and cloud services that handle our information are chosen, bound and watched.",
    objectives: ["Suppliers protect our information at least as well as we would."],
    principles: ["The depth of checks follows the supplier's access and the harm it could cause."],
    statements: [
      "Suppliers are assessed for security before they are engaged, in proportion to their access.",
      "Contracts state the security requirements, the right to audit and incident notification.",
      "Critical suppliers are reviewed at least once a year.",
      "Cloud services are used only once approved, with their shared responsibilities recorded.",
    ],
    outcomes: ["Critical suppliers reviewed on time.", "Contracts lacking security clauses."],
    related: ["Incident management policy"],
    definitions: ["Supplier: any external party that provides goods or services and touches our information."],
  },
  {
    key: "vulnerability-patch",
    title: "Vulnerability and patch management policy",
    identifier: "POL-VP",
    controls: ["A.8.8", "A.8.7", "A.8.19"],
    summary: "How technical vulnerabilities are found, judged and fixed within set times.",
    objectives: ["Known vulnerabilities are fixed before they can be used against us."],
    principles: ["The deadline for a fix follows how severe and how exposed the weakness is."],
    statements: [
      "Systems are scanned for vulnerabilities at least monthly and after major changes.",
      "Critical vulnerabilities on exposed systems are fixed within 7 days, high within 30 days.",
      "When no fix exists, the risk is treated with another measure and accepted by the risk owner.",
      "Protection against malware is active on every system where it applies.",
    ],
    outcomes: ["Share of critical vulnerabilities fixed on time.", "Systems missing malware protection."],
    related: ["Secure development policy", "Logging and monitoring policy"],
    definitions: ["Vulnerability: a weakness that could be exploited to harm information or systems."],
  },
];

export const policyTemplate = (key: string): PolicyTemplate | undefined => POLICY_TEMPLATES.find((t) => t.key === key);

/** What a template is filled with: the organization's own data, where it has it. */
export interface OrgFacts {
  name: string;
  scopeStatement: string | null;
  /** Role title -> names of the people holding it, e.g. "ISMS manager" -> ["Ada Lovelace"]. */
  roles: { title: string; people: string[] }[];
  ownerName: string | null;
}

const bullets = (lines: readonly string[]) => lines.map((l) => `- ${l}`).join("\n");

function rolesText(template: PolicyTemplate, org: OrgFacts): string {
  const holder = (title: string) => {
    const people = org.roles.find((r) => r.title.toLowerCase() === title.toLowerCase())?.people ?? [];
    return people.length > 0 ? `${title} (${people.join(", ")})` : title;
  };
  return bullets([
    `${org.ownerName ?? "The policy owner"} owns this policy, keeps it current and brings it to review.`,
    `${holder("Top management")} approves it and provides the resources it needs.`,
    `${holder("ISMS manager")} checks that it is followed and reports on it.`,
    `Everyone within scope follows it and reports what goes against it.`,
    ...(template.key === "access-control" ? [`Asset owners approve and review access to what they own.`] : []),
  ]);
}

/** A policy's sections filled from a template and the organization's data, in the Annex D order. */
export function fillPolicyTemplate(template: PolicyTemplate, org: OrgFacts): Section[] {
  const scope = org.scopeStatement?.trim()
    ? `This policy applies within the scope of ${org.name}'s ISMS: ${org.scopeStatement.trim()}`
    : `This policy applies to everyone working for or on behalf of ${org.name}, and to the information and systems they use.`;
  const text: Record<string, string> = {
    summary: template.summary,
    introduction: `${org.name} depends on its information. This policy sets out the rules on ${template.title
      .replace(/ policy$/, "")
      .toLowerCase()} that support its information security policy and the controls ${template.controls.join(", ")}.`,
    scope,
    objectives: bullets(template.objectives),
    principles: bullets(template.principles),
    roles_responsibilities: rolesText(template, org),
    policy_statements: bullets(template.statements),
    compliance_measurement: `${bullets(template.outcomes)}\n\nBreaches of this policy are handled through the disciplinary process and may lead to an incident report.`,
    related_documents: bullets(["Information security policy", ...template.related]),
    definitions: bullets(template.definitions),
  };
  return POLICY_TEMPLATE.map(({ key, title }) => ({ key, title, markdown: text[key] ?? "" }));
}
