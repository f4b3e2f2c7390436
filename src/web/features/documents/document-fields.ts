import type { DocumentItem } from "../../../contracts/documents";
import { CLASSIFICATIONS, DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from "../../../core/documents/documents";
import type { FieldSpec } from "../registers/fields";

export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface Option {
  value: string;
  label: string;
}

/** The register's form: the document's control data, with the members and ISMS roles to pick from. */
export function documentFields({ members, roles, withType }: { members: Option[]; roles: Option[]; withType: boolean }): FieldSpec[] {
  const people = [{ value: "", label: "— nobody yet —" }, ...members];
  return [
    { name: "identifier", label: "Identifier", description: "The document's reference, such as POL-AC or PRC-001" },
    { name: "title", label: "Title" },
    ...(withType
      ? [
          {
            name: "type",
            label: "Type",
            kind: "select" as const,
            options: DOCUMENT_TYPES.filter((t) => t !== "isms_policy").map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] })),
          },
        ]
      : []),
    { name: "ownerUserId", label: "Owner", kind: "select", options: people, description: "The member who keeps it current" },
    {
      name: "approverUserId",
      label: "Approver",
      kind: "select",
      options: people,
      description: "The member who approves its versions; only they may once named",
    },
    {
      name: "classification",
      label: "Classification",
      kind: "select",
      options: CLASSIFICATIONS.map((c) => ({ value: c, label: capitalised(c) })),
    },
    { name: "nextReviewDate", label: "Next review", kind: "date" },
    { name: "reviewCycleMonths", label: "Review cycle (months)", kind: "number" },
    {
      name: "responsibleRole",
      label: "Responsible role",
      kind: "select",
      options: [{ value: "", label: "— none —" }, ...roles],
      description: "For a procedure: the ISMS role that carries it out",
    },
    {
      name: "controls",
      label: "Controls addressed",
      kind: "tags",
      description: "Control references such as A.5.15; press Enter after each",
    },
  ];
}

/** What the form edits: the links' controls as a list of their own. */
export function toDocumentForm(document: DocumentItem) {
  return { ...document, controls: document.links.controls };
}

/** The form's values as the API's input: the owner's name from the member picked, the controls back into the links. */
export function fromDocumentForm(values: Record<string, unknown>, members: Option[], document: DocumentItem | null) {
  const { controls, ...rest } = values;
  const owner = members.find((m) => m.value === values.ownerUserId)?.label ?? document?.owner ?? "ISMS manager";
  return {
    ...rest,
    owner,
    links: { ...(document?.links ?? { clauses: [], risks: [], requirements: [] }), controls: controls ?? [] },
  };
}
