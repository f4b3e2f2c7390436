import { isBlank, type ProcessData } from "../process/data.js";
import type { Check, MissingItem, Rule, RuleResult } from "../process/rules.js";
import {
  emptyScopeData,
  KIND_LABELS,
  SCOPE_AREAS,
  type ScopeArea,
  type ScopeData,
  type ScopeElement,
  type ScopeElementKind,
} from "./data.js";

/** Where boundary interfaces are edited; they belong to no single one of the three boundaries. */
export const INTERFACES_REGISTER = "scope-interfaces";
export const SCOPE_DOCUMENT_REGISTER = "scope-document";

const check = (id: string, label: string, missing: MissingItem[]): Check => ({ id, label, ok: missing.length === 0, missing });

const scopeOf = (data: ProcessData): ScopeData => data.scope ?? emptyScopeData();

const named = (e: ScopeElement) => `${KIND_LABELS[e.kind].one} "${e.name}"`;

const inArea = (data: ScopeData, area: ScopeArea) => data.elements.filter((e) => SCOPE_AREAS[area].kinds.includes(e.kind));

function atLeastOneInScope(elements: readonly ScopeElement[], kind: ScopeElementKind, area: ScopeArea): Check {
  const label = KIND_LABELS[kind].one;
  return check(
    `${kind}-in-scope`,
    `At least one ${label} inside the scope`,
    elements.some((e) => e.kind === kind && e.inScope)
      ? []
      : [{ message: `Record at least one ${label} inside the ISMS scope.`, link: { register: SCOPE_AREAS[area].register } }],
  );
}

function exclusionsJustified(elements: readonly ScopeElement[], area: ScopeArea): Check {
  return check(
    `${area}-exclusions-justified`,
    "Every exclusion is justified",
    elements
      .filter((e) => !e.inScope && isBlank(e.exclusionJustification))
      .map((e) => ({
        message: `Explain why the ${named(e)} is excluded from the scope.`,
        link: { register: SCOPE_AREAS[area].register, id: e.id },
      })),
  );
}

/**
 * What is wrong with each interface that does not cross the boundary: its inside end must be an
 * element in scope, its outside end exactly one of an excluded element or an outside party.
 */
function interfaceProblems(data: ScopeData): MissingItem[] {
  const byId = new Map(data.elements.map((e) => [e.id, e]));
  return data.interfaces.flatMap((i) => {
    const from = byId.get(i.fromElementId);
    const to = i.toElementId === null ? undefined : byId.get(i.toElementId);
    const party = isBlank(i.toParty) ? null : (i.toParty as string).trim();
    const ends = `${from ? ` from the ${named(from)}` : ""}${to ? ` to the ${named(to)}` : party ? ` to "${party}"` : ""}`;
    const title = `The boundary interface exchanging "${i.dataExchanged}"${ends}`;
    const problems: string[] = [];
    if (!from) problems.push("has no inside end: its element no longer exists");
    else if (!from.inScope) problems.push(`starts outside the scope, because the ${named(from)} is excluded`);
    if (i.toElementId === null && party === null) problems.push("leads nowhere: name the outside element or party it connects to");
    else if (i.toElementId !== null && party !== null) problems.push("names both an outside element and an outside party: keep one");
    else if (i.toElementId !== null && !to) problems.push("leads to an element that no longer exists");
    else if (to?.inScope) problems.push(`does not cross the boundary, because the ${named(to)} is inside the scope`);
    return problems.map((p) => ({ message: `${title} ${p}.`, link: { register: INTERFACES_REGISTER, id: i.id } }));
  });
}

function organizationalScopeDefined(data: ProcessData): RuleResult {
  const scope = scopeOf(data);
  const elements = inArea(scope, "organizational");
  return {
    started: elements.length > 0 || scope.interfaces.length > 0,
    checks: [
      atLeastOneInScope(elements, "org_unit", "organizational"),
      exclusionsJustified(elements, "organizational"),
      check("interfaces-cross-boundary", "Every boundary interface connects the inside to the outside", interfaceProblems(scope)),
    ],
  };
}

function ictScopeDefined(data: ProcessData): RuleResult {
  const elements = inArea(scopeOf(data), "ict");
  return {
    started: elements.length > 0,
    checks: [
      atLeastOneInScope(elements, "information_system", "ict"),
      check(
        "ict-owners",
        "Every system, network, platform and cloud service in scope has an owner",
        elements
          .filter((e) => e.inScope && isBlank(e.owner))
          .map((e) => ({ message: `Name the owner of the ${named(e)}.`, link: { register: SCOPE_AREAS.ict.register, id: e.id } })),
      ),
      exclusionsJustified(elements, "ict"),
    ],
  };
}

function physicalScopeDefined(data: ProcessData): RuleResult {
  const elements = inArea(scopeOf(data), "physical");
  return {
    started: elements.length > 0,
    checks: [atLeastOneInScope(elements, "site", "physical"), exclusionsJustified(elements, "physical")],
  };
}

/** The three boundaries are prerequisites in the catalog; what remains here is the document's own words. */
function scopeDocumentWritten(data: ProcessData): RuleResult {
  const { narrative } = scopeOf(data);
  return {
    started: !isBlank(narrative),
    checks: [
      check(
        "scope-narrative",
        "Scope narrative written",
        isBlank(narrative)
          ? [
              {
                message: "Write the narrative of the scope document: what the ISMS covers and why the boundaries lie where they do.",
                link: { register: SCOPE_DOCUMENT_REGISTER },
              },
            ]
          : [],
      ),
    ],
  };
}

/** Completion rules of activities 6.2 to 6.5, by the names the catalog uses. */
export const SCOPE_RULES: Readonly<Record<string, Rule>> = {
  "organizational-scope-defined": organizationalScopeDefined,
  "ict-scope-defined": ictScopeDefined,
  "physical-scope-defined": physicalScopeDefined,
  "scope-document-written": scopeDocumentWritten,
};
