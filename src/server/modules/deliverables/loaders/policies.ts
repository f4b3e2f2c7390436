import type { Block, Section } from "../../../../core/deliverables/model.js";
import { STRINGS } from "../../../../core/deliverables/strings.js";
import { DOCUMENT_TYPE_LABELS } from "../../../../core/documents/documents.js";
import { ismsPolicyArtifact, loadDocumentsData } from "../../documents/index.js";
import { type Loader, markdownBlocks, para, words } from "./shared.js";

// --- 6.6 ISMS policy ---------------------------------------------------------------------------
export const ismsPolicy: Loader = async (db, orgId) => {
  const { policy } = await ismsPolicyArtifact(db, orgId);
  if (!policy) return { sections: [{ id: "policy", title: STRINGS.policy.title, blocks: [para(STRINGS.policy.noPolicy)] }] };
  return {
    sections: policy.sections.map((s) => ({ id: s.id, title: s.title, blocks: markdownBlocks(s.markdown ?? "") })),
    fingerprint: { identifier: policy.identifier, version: policy.version },
  };
};

// --- 6.6 topic-specific policies and procedures ---------------------------------------------------
export const topicPolicies: Loader = async (db, orgId) => {
  const S = STRINGS.topicPolicies;
  const data = await loadDocumentsData(db, orgId);
  const docs = data.documents.filter((d) => (d.type === "topic_policy" || d.type === "procedure") && d.status !== "retired");
  const register: Section = {
    id: "register",
    title: S.register,
    blocks: docs.length
      ? [
          {
            kind: "table",
            id: "register",
            title: S.register,
            columns: [
              { key: "identifier", title: S.cols.identifier, width: 1.2 },
              { key: "title", title: S.cols.title, width: 3 },
              { key: "type", title: S.cols.type, width: 1.5 },
              { key: "owner", title: S.cols.owner, width: 1.5 },
              { key: "status", title: S.cols.status, width: 1 },
              { key: "version", title: S.cols.version, width: 0.8 },
              { key: "review", title: S.cols.review, width: 1.1 },
            ],
            rows: docs.map((d) => [
              d.identifier,
              d.title,
              DOCUMENT_TYPE_LABELS[d.type],
              d.owner,
              words(d.status),
              d.approvedVersion === null ? "—" : String(d.approvedVersion),
              d.nextReviewDate,
            ]),
          },
        ]
      : [para(S.none)],
  };
  const bodies: Section[] = docs.map((d) => ({
    id: `doc-${d.identifier}`,
    title: `${d.identifier} ${d.title}`,
    blocks: [
      {
        kind: "fields",
        rows: [
          [S.cols.type, DOCUMENT_TYPE_LABELS[d.type]],
          [S.cols.owner, d.owner],
          [S.cols.status, words(d.status)],
          [STRINGS.common.version, d.current ? `${d.current.number} (${words(d.current.status)})` : "—"],
          [S.cols.review, d.nextReviewDate],
        ],
      },
      ...(d.current
        ? d.current.sections.flatMap((s): Block[] => [
            { kind: "heading", text: s.title },
            ...markdownBlocks(s.markdown || STRINGS.common.none),
          ])
        : [para(S.notWritten)]),
    ],
  }));
  return { sections: [register, ...bodies] };
};
