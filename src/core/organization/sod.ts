/**
 * Segregation of duties: rules an organization can edit, and a pure evaluation of them over the
 * facts of who holds which role, owns what, asked for and decided what. The same evaluation
 * serves the security organization (9.2.1) and an internal audit's independence check.
 */

export const SOD_RULE_KINDS = [
  "gate-requester-decides",
  "auditor-owns-audited",
  "risk-owner-sole-acceptor",
  "action-owner-reviews",
  "roles-exclusive",
] as const;
export type SodRuleKind = (typeof SOD_RULE_KINDS)[number];

export interface SodRule {
  /** Stable within the organization: conflicts and the completion rule name it. */
  id: string;
  kind: SodRuleKind;
  title: string;
  enabled: boolean;
  /** For "roles-exclusive": the role keys one person may not hold together (two or more). */
  roleKeys: string[];
}

/** What the product starts with (our wording of the defaults); the organization may edit, disable or add to them. */
export const DEFAULT_SOD_RULES: readonly SodRule[] = [
  {
    id: "gate-requester-decides",
    kind: "gate-requester-decides",
    title: "The person who requests a gate approval does not decide it",
    enabled: true,
    roleKeys: [],
  },
  {
    id: "auditor-owns-audited",
    kind: "auditor-owns-audited",
    title: "An internal auditor does not audit a control, process or area they own",
    enabled: true,
    roleKeys: [],
  },
  {
    id: "risk-owner-sole-acceptor",
    kind: "risk-owner-sole-acceptor",
    title: "A risk owner does not alone accept a residual risk above the acceptance threshold",
    enabled: true,
    roleKeys: [],
  },
  {
    id: "action-owner-reviews",
    kind: "action-owner-reviews",
    title: "The owner of a corrective action does not review its effectiveness alone",
    enabled: true,
    roleKeys: [],
  },
];

export interface Person {
  id: string;
  name: string;
}

/** The facts the rules read; an area that has nothing yet passes an empty list. */
export interface SodFacts {
  /** Who holds each ISMS role (by the role's key). */
  roleHolders: { roleKey: string; roleTitle: string; person: Person }[];
  /** What people own: controls (ref like A.5.15), processes or areas, as auditable items. */
  owned: { ref: string; title: string; owner: Person }[];
  /** Items an internal auditor is assigned to audit; absent until audits are planned, then the rule reads these. */
  audits?: { ref: string; title: string; auditor: Person }[];
  /** Gate approvals, with who asked and who decided. */
  gateDecisions: { gateId: string; requestedBy: Person | null; decidedBy: Person | null }[];
  /** Residual risk acceptances above the acceptance threshold. */
  riskAcceptances: { ref: string; title: string; owner: Person | null; acceptors: Person[]; aboveThreshold: boolean }[];
  /** Corrective actions and who reviewed their effectiveness. */
  actionReviews: { ref: string; title: string; owner: Person | null; reviewers: Person[] }[];
}

export interface SodConflict {
  ruleId: string;
  ruleTitle: string;
  /** The people involved, by name. */
  people: Person[];
  /** What the conflict is about: a control, a gate, a risk, a role pair. */
  item: string;
  message: string;
}

export const emptySodFacts = (): SodFacts => ({ roleHolders: [], owned: [], gateDecisions: [], riskAcceptances: [], actionReviews: [] });

const AUDITOR_ROLE = "internal_auditor";

/**
 * Whether a person may audit an item: false when they own it. The internal audit's independence
 * check calls this for each assignment; the "auditor-owns-audited" rule uses it for every auditor.
 */
export function ownsAudited(auditorId: string, ref: string, owned: SodFacts["owned"]): boolean {
  return owned.some((o) => o.ref === ref && o.owner.id === auditorId);
}

function evaluateRule(rule: SodRule, facts: SodFacts): SodConflict[] {
  const conflict = (people: Person[], item: string, message: string): SodConflict => ({
    ruleId: rule.id,
    ruleTitle: rule.title,
    people,
    item,
    message,
  });
  switch (rule.kind) {
    case "gate-requester-decides":
      return facts.gateDecisions
        .filter((g) => g.requestedBy && g.decidedBy && g.requestedBy.id === g.decidedBy.id)
        .map((g) =>
          conflict([g.requestedBy as Person], `gate ${g.gateId}`, `${g.requestedBy?.name} both requested and decided gate ${g.gateId}`),
        );
    case "auditor-owns-audited": {
      if (facts.audits)
        return facts.audits
          .filter((a) => ownsAudited(a.auditor.id, a.ref, facts.owned))
          .map((a) => conflict([a.auditor], a.ref, `${a.auditor.name} audits ${a.ref} "${a.title}", which they own`));
      // Before audits are planned: an internal auditor who owns a control would audit their own work.
      const auditors = facts.roleHolders.filter((h) => h.roleKey === AUDITOR_ROLE).map((h) => h.person);
      return facts.owned
        .filter((o) => auditors.some((a) => a.id === o.owner.id))
        .map((o) =>
          conflict([o.owner], o.ref, `${o.owner.name} is an internal auditor and owns ${o.ref} "${o.title}", so cannot audit it`),
        );
    }
    case "risk-owner-sole-acceptor":
      return facts.riskAcceptances
        .filter((r) => r.aboveThreshold && r.owner && r.acceptors.length > 0 && r.acceptors.every((a) => a.id === r.owner?.id))
        .map((r) =>
          conflict(
            [r.owner as Person],
            r.ref,
            `${r.owner?.name} owns ${r.ref} "${r.title}" and alone accepted its residual risk above the threshold`,
          ),
        );
    case "action-owner-reviews":
      return facts.actionReviews
        .filter((a) => a.owner && a.reviewers.length > 0 && a.reviewers.every((r) => r.id === a.owner?.id))
        .map((a) =>
          conflict([a.owner as Person], a.ref, `${a.owner?.name} owns ${a.ref} "${a.title}" and alone reviewed its effectiveness`),
        );
    case "roles-exclusive": {
      const keys = new Set(rule.roleKeys);
      if (keys.size < 2) return [];
      const byPerson = new Map<string, { person: Person; titles: string[] }>();
      for (const h of facts.roleHolders) {
        if (!keys.has(h.roleKey)) continue;
        const entry = byPerson.get(h.person.id) ?? { person: h.person, titles: [] };
        if (!entry.titles.includes(h.roleTitle)) entry.titles.push(h.roleTitle);
        byPerson.set(h.person.id, entry);
      }
      return [...byPerson.values()]
        .filter((e) => e.titles.length >= 2)
        .map((e) =>
          conflict([e.person], e.titles.join(" + "), `${e.person.name} holds ${e.titles.join(" and ")}, which may not be combined`),
        );
    }
  }
}

/** Every conflict of the enabled rules, in rule order then item order. Disabled rules report nothing. */
export function evaluateSod(rules: readonly SodRule[], facts: SodFacts): SodConflict[] {
  return rules.filter((r) => r.enabled).flatMap((r) => evaluateRule(r, facts));
}
