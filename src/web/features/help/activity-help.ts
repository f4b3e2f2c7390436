/**
 * In-app help for each activity of the shipped catalog, in this project's own words (never the
 * standard's text): what a good result looks like, and one practical hint. The catalog's
 * objective already says what the activity is for; an organization's own catalog may add
 * activities that have no entry here, and their pages simply show no hint.
 */
export interface ActivityHelp {
  /** What a reviewer (management, an auditor) expects to find when the activity is done well. */
  goodResult: string[];
  tip: string;
}

export const ACTIVITY_HELP: Readonly<Record<string, ActivityHelp>> = {
  "5.2": {
    goodResult: [
      "Two to five business objectives that security has to support, each in a sentence management would sign.",
      "Every law, regulation and contract with security duties, with who is responsible for it.",
      "A short statement of what matters most (for example confidentiality of customer data) that later choices can be checked against.",
    ],
    tip: "Ask sales and legal which customer questionnaires and contract clauses keep coming back: they reveal the real obligations.",
  },
  "5.3.1": {
    goodResult: [
      "A few sentences naming the services, units and sites the ISMS will cover, and what it leaves out for now.",
      "Something management recognizes as their business, not a list of servers.",
    ],
    tip: "Start narrow (one product or one site). A scope can grow at a later certification cycle; shrinking one is harder.",
  },
  "5.3.2": {
    goodResult: [
      "A named sponsor in top management and a named project lead with time set aside for the work.",
      "A planning team drawn from IT, HR, legal and the business, not from IT alone.",
    ],
    tip: "The sponsor's job is to clear obstacles and approve: pick someone who attends management meetings.",
  },
  "5.4": {
    goodResult: [
      "Costs with amounts, benefits in business terms and what happens without an ISMS.",
      "Milestones with due dates and owners, ending in the certification audit if that is the goal.",
      "A request for approval that management can decide on in one meeting.",
    ],
    tip: "Put internal effort (people's time) in the costs too: it is usually larger than the audit fees.",
  },
  "6.2": {
    goodResult: [
      "The organizational units and business processes inside the scope, each with an owner.",
      "For anything left out, a reason a customer or auditor would accept.",
    ],
    tip: "Where a process crosses the boundary (payroll run by a parent company), record the interface rather than ignoring it.",
  },
  "6.3": {
    goodResult: [
      "The information systems, networks, platforms and cloud services the scoped processes depend on.",
      "Interfaces to systems outside the scope, with what data crosses them and how it is protected.",
    ],
    tip: "Follow the data of one key process end to end: the systems it touches belong in the technology boundary.",
  },
  "6.4": {
    goodResult: [
      "The sites, buildings and rooms that host scoped people or systems, including data centres of providers where relevant.",
      "Home working and other places outside your walls, said explicitly.",
    ],
    tip: "A cloud provider's data centre is usually covered by the provider's own certificate: record it as an interface.",
  },
  "6.5": {
    goodResult: [
      "One scope statement combining the three boundaries, short enough to print on a certificate.",
      "A version management has seen, kept with the date it was issued.",
    ],
    tip: "Read it aloud to someone outside the project: if they cannot tell what is in and out, it is not done.",
  },
  "6.6": {
    goodResult: [
      "A policy that states the security objectives (or how they are set), the commitment to meet requirements and to improve.",
      "Approved by top management and made known to staff.",
    ],
    tip: "Keep the ISMS policy to one or two pages: details belong in the topic-specific policies of phase 5.",
  },
  "7.2": {
    goodResult: [
      "Every interested party that matters (customers, regulators, staff, suppliers) with what they expect of you.",
      "Requirements that can be checked, each traced to its source and to the assets it concerns.",
    ],
    tip: "Turn vague expectations into testable ones: “customer data stays in the EU” rather than “comply with GDPR”.",
  },
  "7.3": {
    goodResult: [
      "The primary assets (information, business processes) with owners and a value for confidentiality, integrity and availability.",
      "The supporting assets (systems, people, sites) linked to the primary assets they carry.",
    ],
    tip: "Value the primary assets and let the supporting ones inherit: it saves time and keeps the values consistent.",
  },
  "7.4": {
    goodResult: [
      "Each management-system clause and Annex A control assessed as it is today, with a maturity and a short note.",
      "Evidence named for what you claim is in place.",
    ],
    tip: "Be honest rather than optimistic: the gaps found here are the cheapest ones you will ever fix.",
  },
  "8.2": {
    goodResult: [
      "A risk method management has approved: scales, how levels are computed and the level above which risks must be treated.",
      "Every primary asset in scope covered by at least one risk, or settled with a reason.",
      "Each risk scored with a rationale someone else could follow.",
    ],
    tip: "A rationale like “internet-facing, phished twice last year” is worth more than a precise-looking number.",
  },
  "8.3": {
    goodResult: [
      "A treatment for every risk above the threshold, with the controls chosen and an owner and due date for the work.",
      "A Statement of Applicability that justifies every Annex A control, applied or not.",
      "Residual risks accepted by whoever the risk method names.",
    ],
    tip: "A control excluded “because we have no such systems” should match the scope: auditors check exactly that.",
  },
  "8.4": {
    goodResult: ["Top management's approval of the residual risks and of running the ISMS, recorded against what they saw."],
    tip: "Present the few highest residual risks in business terms; a full register is for reference, not for the meeting.",
  },
  "9.2.1": {
    goodResult: ["Every ISMS role held by a named person, with who is responsible, accountable, consulted and informed for each activity."],
    tip: "The project roles of phase 1 usually carry over: the project lead often becomes the ISMS manager.",
  },
  "9.2.2": {
    goodResult: [
      "A rule for how ISMS documents are identified, reviewed, approved, published and retired.",
      "Every document with an owner and a next review date.",
    ],
    tip: "Use the tools people already use for documents; a rule that nobody follows fails the audit anyway.",
  },
  "9.2.3": {
    goodResult: ["The topic-specific policies the chosen controls call for (access, backup, suppliers…), each approved and published."],
    tip: "Write what you actually do, then close the gaps: a policy describing an ideal nobody follows is a finding waiting to happen.",
  },
  "9.2.4": {
    goodResult: ["Procedures for what must be done the same way every time (onboarding, incident handling), with owners."],
    tip: "A checklist people use beats a long procedure nobody reads.",
  },
  "9.3": {
    goodResult: ["For each control to implement: who, what, by when and what it costs, agreed with those who do the work."],
    tip: "Order the work by risk reduction per effort, not by control number.",
  },
  "9.4a": {
    goodResult: ["A few measures that show whether the ISMS achieves its objectives, each with a source, a frequency and a target."],
    tip: "Prefer measures you can collect automatically (patch latency, training completion) to surveys.",
  },
  "9.4b": {
    goodResult: ["An audit programme covering the whole scope over the cycle, with auditors who do not audit their own work."],
    tip: "A colleague from another department can audit well with a checklist and some training.",
  },
  "9.4c": {
    goodResult: ["Who needs which awareness or training, how it is delivered, and how completion is recorded."],
    tip: "Short, recurring and relevant to people's actual jobs works better than one long annual session.",
  },
  "9.4d": {
    goodResult: ["A management review on the calendar, with the inputs it will look at and who attends."],
    tip: "Tie the review to an existing management meeting rather than creating a new one.",
  },
  "9.5": {
    goodResult: ["One implementation plan combining the earlier plans, approved, with owners and dates, ready to run."],
    tip: "This plan is what phase “do” executes: check that every item has someone who has agreed to it.",
  },
};
