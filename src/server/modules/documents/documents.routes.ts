import { documentEndpoints } from "../../../contracts/documents.js";
import { diffSections } from "../../../core/documents/diff.js";
import { POLICY_TEMPLATES } from "../../../core/documents/templates.js";
import { withWrite } from "../../db/audited.js";
import { isUniqueViolation } from "../../db/errors.js";
import { requireMember, writeMeta } from "../../http/access.js";
import { serveEndpoint } from "../../http/endpoint.js";
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
  serveEndpoint(app, documentEndpoints.list, async (request) => {
    const { orgId } = requireMember(request);
    const { type, status, q, ...page } = request.query;
    return listDocuments(db, orgId, { type, status, q }, page);
  });

  serveEndpoint(app, documentEndpoints.create, async (request, reply) => {
    const { orgId } = requireMember(request);
    const document = await unlessTaken(
      withWrite(db, writeMeta(request), (ctx) => createDocument(ctx, orgId, request.body)),
      "another request registered a document with this identifier, or an ISMS policy,",
    );
    return reply.status(201).send(document);
  });

  serveEndpoint(app, documentEndpoints.get, async (request) => findDocument(db, requireMember(request).orgId, request.params.documentId));

  updateRoutes(app, {
    endpoints: documentEndpoints.update,
    current: (request, params) => findDocument(db, requireMember(request).orgId, params.documentId),
    write: (request, params, body) =>
      unlessTaken(
        withWrite(db, writeMeta(request), (ctx) => updateDocument(ctx, requireMember(request).orgId, params.documentId, body)),
        "another request gave a document this identifier",
      ),
  });

  serveEndpoint(app, documentEndpoints.versions, async (request) =>
    listVersions(db, requireMember(request).orgId, request.params.documentId, request.query),
  );

  serveEndpoint(app, documentEndpoints.version, async (request) => {
    const { documentId, number } = request.params;
    return findVersion(db, requireMember(request).orgId, documentId, number);
  });

  updateRoutes(app, {
    endpoints: documentEndpoints.updateDraft,
    current: (request, { documentId, number }) => findVersion(db, requireMember(request).orgId, documentId, number),
    write: (request, { documentId, number }, body) =>
      withWrite(db, writeMeta(request), (ctx) => saveDraft(ctx, requireMember(request).orgId, documentId, number, body)),
  });

  serveEndpoint(app, documentEndpoints.submit, async (request) => {
    const { orgId } = requireMember(request);
    const { documentId, number } = request.params;
    return withWrite(db, writeMeta(request), (ctx) => submitVersion(ctx, orgId, documentId, number, request.body.version));
  });

  serveEndpoint(app, documentEndpoints.withdraw, async (request) => {
    const { orgId } = requireMember(request);
    const { documentId, number } = request.params;
    return withWrite(db, writeMeta(request), (ctx) => withdrawVersion(ctx, orgId, documentId, number, request.body.version));
  });

  serveEndpoint(app, documentEndpoints.newDraft, async (request, reply) => {
    const { orgId } = requireMember(request);
    const draft = await unlessTaken(
      withWrite(db, writeMeta(request), (ctx) => newDraft(ctx, orgId, request.params.documentId, request.body.changeSummary)),
      "another request started a draft",
    );
    return reply.status(201).send(draft);
  });

  serveEndpoint(app, documentEndpoints.retire, async (request) => {
    const { orgId } = requireMember(request);
    return withWrite(db, writeMeta(request), (ctx) => retireDocument(ctx, orgId, request.params.documentId, request.body));
  });

  serveEndpoint(app, documentEndpoints.policyTemplates, async () => ({
    items: POLICY_TEMPLATES.map(({ key, title, identifier, controls, summary }) => ({ key, title, identifier, controls, summary })),
  }));

  serveEndpoint(app, documentEndpoints.fromTemplate, async (request, reply) => {
    const { orgId } = requireMember(request);
    const document = await unlessTaken(
      withWrite(db, writeMeta(request), (ctx) => createFromTemplate(ctx, orgId, request.body)),
      "another request registered a document with this identifier",
    );
    return reply.status(201).send(document);
  });

  serveEndpoint(app, documentEndpoints.registerReview, async (request) => registerReview(db, requireMember(request).orgId));

  serveEndpoint(app, documentEndpoints.approve, async (request) => {
    const { orgId, principal } = requireMember(request);
    const { documentId, number } = request.params;
    return withWrite(db, writeMeta(request), (ctx) =>
      approveInRegister(ctx, orgId, documentId, number, { version: request.body.version, deciderId: principal.userId }),
    );
  });

  serveEndpoint(app, documentEndpoints.approval, async (request) =>
    approvalState(db, requireMember(request).orgId, request.params.documentId),
  );

  serveEndpoint(app, documentEndpoints.diff, async (request) => {
    const { orgId } = requireMember(request);
    const { from, to } = request.query;
    const sections = await sectionsOf(db, orgId, request.params.documentId, from, to);
    return { from, to: sections.toNumber, sections: diffSections(sections.from, sections.to) };
  });
};
