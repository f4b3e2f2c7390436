/** The words the app uses, explained in this project's own words (never the standard's text), in alphabetical order. */
export const GLOSSARY: readonly { term: string; meaning: string }[] = [
  {
    term: "Acceptance (of a residual risk)",
    meaning:
      "A recorded decision, by whoever the risk method names, to live with the risk that remains after treatment. It runs out on its expiry date and goes stale when the risk changes.",
  },
  {
    term: "Activity",
    meaning:
      "One step of the implementation roadmap, such as “Inventory the assets in scope”. Its status is worked out from what the registers hold; nobody types it in.",
  },
  {
    term: "Annex A",
    meaning:
      "The list of reference controls that comes with ISO/IEC 27001. Each must be considered, and either applied or excluded with a reason.",
  },
  {
    term: "Approval (gate)",
    meaning:
      "Top management's recorded decision on a gate. It covers exactly what was submitted: if that changes later, the approval goes stale and must be asked for again.",
  },
  {
    term: "Asset (primary, supporting)",
    meaning:
      "Something of value to protect. Primary assets are information and business processes; supporting assets are the systems, people and places that carry them.",
  },
  {
    term: "Audit trail",
    meaning: "Every change made in the workbench, who made it and when, chained so that a removed or altered entry shows.",
  },
  {
    term: "Business case",
    meaning: "What the ISMS costs, what it brings and what happens without it: the basis of management's first decision.",
  },
  {
    term: "Control",
    meaning: "A measure that changes a risk: a policy, a procedure, a technical setting, a contract clause, a lock on a door.",
  },
  {
    term: "Gap assessment",
    meaning: "An honest look at where security stands today against each requirement of the standard, before any risk is assessed.",
  },
  {
    term: "Gate",
    meaning: "A point in the roadmap where top management must approve before the activities after it count as done (G1, G2, …).",
  },
  {
    term: "Inherent, current and residual risk",
    meaning: "The level of a risk with no controls at all, with the controls in place today, and with the planned treatment done.",
  },
  {
    term: "Interested party",
    meaning: "Anyone with expectations of your security: customers, regulators, staff, shareholders, suppliers.",
  },
  {
    term: "ISMS",
    meaning:
      "Information security management system: the policies, roles, risk decisions and routines an organization uses to keep its information secure, and to improve that over time.",
  },
  {
    term: "Not started, Started early, Recorded",
    meaning:
      "How the roadmap shows an activity that waits for an earlier one or an approval: nothing recorded yet, some of its checklist recorded, or all of it recorded. You may work on it in every case.",
  },
  {
    term: "RACI",
    meaning: "Who is Responsible for doing an activity, who is Accountable for it (one role), who is Consulted and who is kept Informed.",
  },
  {
    term: "Risk method",
    meaning:
      "The organization's rules for scoring risks: the likelihood and impact scales, how they combine into a level, and the level above which a risk must be treated.",
  },
  {
    term: "Risk owner",
    meaning: "The person accountable for a risk: they approve how it is treated and, where the method allows, accept what remains.",
  },
  {
    term: "Scope",
    meaning: "The parts of the organization, its technology and its places that the ISMS covers, and the interfaces to the rest.",
  },
  {
    term: "Separation of duties",
    meaning: "A setting that stops the person who asked for an approval from deciding it themselves.",
  },
  {
    term: "Stale",
    meaning:
      "Said of an approval or a risk decision when what it was taken on has changed since. The old decision stays on record, but it no longer counts.",
  },
  {
    term: "Statement of Applicability (SoA)",
    meaning:
      "The list of every Annex A control (and your own) saying whether it applies and why, and how far it is implemented. Issued versions are frozen for audits.",
  },
  {
    term: "Treatment",
    meaning: "What is done about a risk: reduce it with controls, avoid the activity, share it (insurance, a supplier), or accept it.",
  },
];
