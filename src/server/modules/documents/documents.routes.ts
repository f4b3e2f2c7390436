import { z } from "zod";
import { OrgParamsSchema, pageOf } from "../../../contracts/common.js";
import {
  ApproveVersionSchema,
  DocumentApprovalSchema,
  DocumentDiffQuerySchema,
  DocumentDiffSchema,
  DocumentInputSchema,
  DocumentListQuerySchema,
  DocumentParamsSchema,
  DocumentRegisterReviewSchema,
  DocumentSchema,
  DocumentUpdateSchema,
  DocumentVersionListQuerySchema,
  DocumentVersionParamsSchema,
  DocumentVersionSchema,
  DocumentVersionSummarySchema,
  DraftUpdateSchema,
  FromTemplateSchema,
  NewDraftSchema,
  PolicyTemplateSchema,
  RetireDocumentSchema,
  VersionActionSchema,
} from "../../../contracts/documents.js";
import { approvalPolicy, registerPolicy } from "../../../core/access/policies.js";
import { diffSections } from "../../../core/documents/diff.js";
import { POLICY_TEMPLATES } from "../../../core/documents/templates.js";
import { withWrite } from "../../db/audited.js";
import { isUniqueViolation } from "../../db/errors.js";
import { access, requireMember, writeMeta } from "../../http/access.js";
import { conflict } from "../../http/errors.js";
import type { RouteModule } from "../../http/routes.js";
import { updateRoutes } from "../../registers/update-routes.js";
import {
  createDocument,
  findDocument,
  findVersion,
  listDocuments,
  listVersions,
  newDraft,
  retireDocument,
  saveDraft,
  sectionsOf,
  submitVersion,
  updateDocument,
  withdrawVersion,
} from "./documents.repo.js";
import { approvalState, approveInRegister, createFromTemplate, registerReview } from "./register.js";

const tags = ["documents"];

/** The database's unique indexes back up our checks: a concurrent request that got in between is told what happened. */
async function unlessTaken<T>(work: Promise<T>, happened: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${happened} at the same time; reload and try again`);
    throw error;
  }
}

/**
 * Controlled documents: the ISMS policy (6.6) and, later, topic-specific policies, standards and
 * procedures. Approval is not here: the ISMS policy is approved at its gate (see gate.ts).
 */
export const documentRoutes: RouteModule = (app, { db }) => {
  const base = "/orgs/:orgId/documents";
  const item = `${base}/:documentId`;
  const version = `${item}/versions/:number`;

  app.get(base, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "List controlled documents",
      params: OrgParamsSchema,
      querystring: DocumentListQuerySchema,
      response: { 200: pageOf(DocumentSchema) },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { type, status, q, ...page } = request.query;
      return listDocuments(db, orgId, { type, status, q }, page);
    },
  });

  app.post(base, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Register a document; version 1 is a draft with the sections of the type's template",
      params: OrgParamsSchema,
      body: DocumentInputSchema,
      response: { 201: DocumentSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const document = await unlessTaken(
        withWrite(db, writeMeta(request), (ctx) => createDocument(ctx, orgId, request.body)),
        "another request registered a document with this identifier, or an ISMS policy,",
      );
      return reply.status(201).send(document);
    },
  });

  app.get(item, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "One document, with its newest version and the version in force",
      params: DocumentParamsSchema,
      response: { 200: DocumentSchema },
    },
    handler: async (request) => findDocument(db, requireMember(request).orgId, request.params.documentId),
  });

  updateRoutes(app, {
    url: item,
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "a document's control data: identifier, title, owner, classification, review date, parent (send the version you read)",
    params: DocumentParamsSchema,
    body: DocumentUpdateSchema,
    response: DocumentSchema,
    current: (request, params) => findDocument(db, requireMember(request).orgId, params.documentId),
    write: (request, params, body) =>
      unlessTaken(
        withWrite(db, writeMeta(request), (ctx) => updateDocument(ctx, requireMember(request).orgId, params.documentId, body)),
        "another request gave a document this identifier",
      ),
  });

  app.get(`${item}/versions`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "The document's change history: its versions, newest first",
      params: DocumentParamsSchema,
      querystring: DocumentVersionListQuerySchema,
      response: { 200: pageOf(DocumentVersionSummarySchema) },
    },
    handler: async (request) => listVersions(db, requireMember(request).orgId, request.params.documentId, request.query),
  });

  app.get(version, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "One version of a document, with its sections",
      params: DocumentVersionParamsSchema,
      response: { 200: DocumentVersionSchema },
    },
    handler: async (request) => {
      const { documentId, number } = request.params;
      return findVersion(db, requireMember(request).orgId, documentId, number);
    },
  });

  updateRoutes(app, {
    url: version,
    access: access.org(registerPolicy, "write"),
    tags,
    summary: "a draft's sections and change summary (send the version you read); any other version is refused",
    params: DocumentVersionParamsSchema,
    body: DraftUpdateSchema,
    response: DocumentVersionSchema,
    current: (request, { documentId, number }) => findVersion(db, requireMember(request).orgId, documentId, number),
    write: (request, { documentId, number }, body) =>
      withWrite(db, writeMeta(request), (ctx) => saveDraft(ctx, requireMember(request).orgId, documentId, number, body)),
  });

  app.post(`${version}/submit`, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Submit a draft for approval; refused, naming them, while required sections are blank",
      params: DocumentVersionParamsSchema,
      body: VersionActionSchema,
      response: { 200: DocumentVersionSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { documentId, number } = request.params;
      return withWrite(db, writeMeta(request), (ctx) => submitVersion(ctx, orgId, documentId, number, request.body.version));
    },
  });

  app.post(`${version}/withdraw`, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Take a version back from review to change it",
      params: DocumentVersionParamsSchema,
      body: VersionActionSchema,
      response: { 200: DocumentVersionSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { documentId, number } = request.params;
      return withWrite(db, writeMeta(request), (ctx) => withdrawVersion(ctx, orgId, documentId, number, request.body.version));
    },
  });

  app.post(`${item}/new-draft`, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Start the next version as a draft holding the approved text",
      params: DocumentParamsSchema,
      body: NewDraftSchema,
      response: { 201: DocumentVersionSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const draft = await unlessTaken(
        withWrite(db, writeMeta(request), (ctx) => newDraft(ctx, orgId, request.params.documentId, request.body.changeSummary)),
        "another request started a draft",
      );
      return reply.status(201).send(draft);
    },
  });

  app.post(`${item}/retire`, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Retire a document: its approved version leaves force and a draft is abandoned (send the version you read)",
      params: DocumentParamsSchema,
      body: RetireDocumentSchema,
      response: { 200: DocumentSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      return withWrite(db, writeMeta(request), (ctx) => retireDocument(ctx, orgId, request.params.documentId, request.body));
    },
  });

  app.get("/orgs/:orgId/policy-templates", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "The library of topic-specific policy templates, each with the Annex A controls it supports",
      params: OrgParamsSchema,
      response: { 200: z.object({ items: z.array(PolicyTemplateSchema) }) },
    },
    handler: async () => ({
      items: POLICY_TEMPLATES.map(({ key, title, identifier, controls, summary }) => ({ key, title, identifier, controls, summary })),
    }),
  });

  app.post(`${base}/from-template`, {
    config: { access: access.org(registerPolicy, "write") },
    schema: {
      tags,
      summary: "Create a topic-specific policy from a template, filled with the organization's name, scope and role holders",
      params: OrgParamsSchema,
      body: FromTemplateSchema,
      response: { 201: DocumentSchema },
    },
    handler: async (request, reply) => {
      const { orgId } = requireMember(request);
      const document = await unlessTaken(
        withWrite(db, writeMeta(request), (ctx) => createFromTemplate(ctx, orgId, request.body)),
        "another request registered a document with this identifier",
      );
      return reply.status(201).send(document);
    },
  });

  app.get("/orgs/:orgId/document-register/review", {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary:
        "The mandatory documented information checklist, the controls each approved policy or procedure addresses, and overdue reviews",
      params: OrgParamsSchema,
      response: { 200: DocumentRegisterReviewSchema },
    },
    handler: async (request) => registerReview(db, requireMember(request).orgId),
  });

  app.post(`${version}/approve`, {
    config: { access: access.org(approvalPolicy, "decide") },
    schema: {
      tags,
      summary: "Approve a version in review (not the ISMS policy, approved at its gate); the approval binds the exact content",
      params: DocumentVersionParamsSchema,
      body: ApproveVersionSchema,
      response: { 200: DocumentVersionSchema },
    },
    handler: async (request) => {
      const { orgId, principal } = requireMember(request);
      const { documentId, number } = request.params;
      return withWrite(db, writeMeta(request), (ctx) =>
        approveInRegister(ctx, orgId, documentId, number, { version: request.body.version, deciderId: principal.userId }),
      );
    },
  });

  app.get(`${item}/approval`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "Whether the approval of the version in force still holds, and what changed since when it is stale",
      params: DocumentParamsSchema,
      response: { 200: DocumentApprovalSchema },
    },
    handler: async (request) => approvalState(db, requireMember(request).orgId, request.params.documentId),
  });

  app.get(`${item}/diff`, {
    config: { access: access.org(registerPolicy, "read") },
    schema: {
      tags,
      summary: "What changed between two versions, section by section and line by line",
      params: DocumentParamsSchema,
      querystring: DocumentDiffQuerySchema,
      response: { 200: DocumentDiffSchema },
    },
    handler: async (request) => {
      const { orgId } = requireMember(request);
      const { from, to } = request.query;
      const sections = await sectionsOf(db, orgId, request.params.documentId, from, to);
      return { from, to: sections.toNumber, sections: diffSections(sections.from, sections.to) };
    },
  });
};
