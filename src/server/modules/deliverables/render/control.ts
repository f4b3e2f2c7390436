import type { DocumentModel } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";

const C = STRINGS.common;

/** The document control block every format prints first: who, what, which version, which hash. */
export function controlRows(model: DocumentModel): [string, string][] {
  const c = model.control;
  return [
    [C.identifier, c.identifier],
    [C.title, c.title],
    [C.version, c.version],
    [C.status, c.status],
    [C.owner, c.owner],
    [C.classification, c.classification],
    [C.generated, c.generatedAt],
    [C.contentHash, c.contentHash],
    [C.approvedBy, c.approval?.by ?? C.notApproved],
    [C.approvedOn, c.approval?.at ?? "—"],
    [C.approvedHash, c.approval?.hash ?? "—"],
  ];
}

/** The running header: organization, identifier and version, classification. */
export const headerText = (model: DocumentModel) =>
  `${model.branding.name} · ${model.control.identifier} v${model.control.version} · ${model.control.classification.toUpperCase()}`;
export const footerText = (model: DocumentModel) => `${model.control.classification.toUpperCase()} · ${model.control.title}`;
