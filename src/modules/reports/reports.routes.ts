// /api/v1/reports: a unit's six-month and annual reports, read as JSON, a Word document or an Excel
// workbook, edited while drafts, and moved through submit, accept and return.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { attachment } from '../../http/attachment.js';
import { optionalBody } from '../../http/body.js';
import { NotAcceptable } from '../../http/errors.js';
import { IfMatchHeader, optionalVersion, requiredVersion, versioned } from '../../http/etag.js';
import { ActionHeaders, IdempotencyHeader } from '../../http/idempotency.js';
import type { ModuleOptions } from '../../http/module.js';
import { preferredMediaType } from '../../http/negotiate.js';
import { BinaryFile, EmptyBodySchema, errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import { DOCX_EXAMPLE, DRAFT_EXAMPLE, REPORT_EXAMPLE, XLSX_EXAMPLE } from './reports.examples.js';
import { ReportCreateSchema, ReportListQuerySchema, ReportPageSchema, ReportParamsSchema, ReportReturnSchema, ReportSchema, ReportUpdateSchema } from './reports.schemas.js';
import { acceptReport, createReport, deleteReport, getReport, listReports, reportDocument, returnReport, submitReport, updateReport } from './reports.service.js';

const tags = ['reports'];

const JSON_TYPE = 'application/json';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PRODUCED = [JSON_TYPE, DOCX, XLSX] as const;

const WHO_READS = 'Admins read every report; an editor its own unit’s drafts and every submitted or accepted report; a reader submitted and accepted reports only (a draft is a 404).';
const FIGURES = 'A draft’s figures are computed from the data on every read; a submitted report’s are those frozen when it was submitted.';

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db, config }) => {
  app.get(
    '/reports',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listReports',
        summary: 'List reports, newest year first',
        description: `${WHO_READS} Ordered by year (newest first), kind, unit code. year, kind, status and unitId (or unitCode) narrow the list. ${FIGURES}`,
        tags,
        querystring: ReportListQuerySchema,
        response: { 200: jsonResponse('A page of reports.', ReportPageSchema, { items: [REPORT_EXAMPLE], nextCursor: null }), ...errorResponses() },
      },
    },
    async (request) => listReports(db, request.actor, request.query),
  );

  app.post(
    '/reports',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'createReport',
        summary: 'Make a unit’s draft report for a year and kind',
        description:
          'Admins for any unit; an editor for its own unit only (403). The report answers to the Department’s plan of the year (its issued or closed plan; none is a 422 at /body/year), ' +
          'which must name the unit in its tasks or obligations, directly or through a group, or be the Department’s own (else a 422 at /body/unitId). ' +
          'One report per unit, year and kind: a second is a 409 naming the first. `window` is `cutoff` (default: from the Department’s cut-off day, 15, of December of the year before ' +
          'to the day before it in June or December) or `calendar`; the report is due the 20th of the window’s last month. Send `Idempotency-Key` to retry safely.',
        tags,
        headers: IdempotencyHeader,
        body: ref(ReportCreateSchema),
        response: { 201: jsonResponse('The draft report, its figures computed now.', ReportSchema, DRAFT_EXAMPLE, ['etag', 'location']), ...errorResponses(403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const report = versioned(reply, await createReport(db, request.actor, request.body));
      return reply.code(201).header('location', `/api/v1/reports/${report.id}`).send(report);
    },
  );

  app.get(
    '/reports/:reportId',
    {
      // A draft's figures change with the data, without the report's version.
      config: { access: 'read', notModified: false },
      schema: {
        operationId: 'getReport',
        summary: 'Read a report, as JSON, a Word document or an Excel workbook',
        description:
          `${WHO_READS} ${FIGURES} Send Accept: ${DOCX} for the report as a Word document laid out as an administrative report (Nghị định 30/2020/NĐ-CP), ` +
          `or Accept: ${XLSX} for an Excel workbook; both are downloads named after the report’s number (12-BC-THPTHD.docx; bao-cao-<id>.docx while a draft). ` +
          'An Accept naming none of the three is a 406.',
        tags,
        params: ReportParamsSchema,
        response: {
          200: {
            description: 'The report; its ETag (JSON only) is the version to send in If-Match.',
            headers: { etag: { type: 'string', description: 'The version as a strong ETag (JSON only); send it back in If-Match to change the report.' } },
            content: {
              [JSON_TYPE]: { schema: ref(ReportSchema), example: REPORT_EXAMPLE },
              [DOCX]: { schema: BinaryFile('The report as a Word document (.docx), sent as an attachment.'), example: DOCX_EXAMPLE },
              [XLSX]: { schema: BinaryFile('The report as an Excel workbook (.xlsx), sent as an attachment.'), example: XLSX_EXAMPLE },
            },
          },
          ...errorResponses(404, 406),
        },
      },
    },
    async (request, reply) => {
      const accept = request.headers.accept;
      const type = preferredMediaType(accept, PRODUCED);
      if (!type) throw new NotAcceptable(`Accept: ${accept} names no media type this operation answers in: ${PRODUCED.join(', ')}.`);
      if (type === JSON_TYPE) return versioned(reply, await getReport(db, request.actor, request.params.reportId));
      const { fileName, body } = await reportDocument(db, request.actor, request.params.reportId, type === DOCX ? 'docx' : 'xlsx', config.documentPlace);
      return reply.type(type).header('content-disposition', attachment(fileName)).send(body);
    },
  );

  app.patch(
    '/reports/:reportId',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'updateReport',
        summary: 'Write a draft report’s narrative, signer and recipients',
        description: 'Admins, or an editor of the report’s unit (403 for another’s), and only while the report is a draft (otherwise 409). If-Match is required. null clears a section.',
        tags,
        params: ReportParamsSchema,
        headers: IfMatchHeader,
        body: ref(ReportUpdateSchema),
        response: { 200: jsonResponse('The report as changed.', ReportSchema, { ...DRAFT_EXAMPLE, version: 2 }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422, 428) },
      },
    },
    async (request, reply) => versioned(reply, await updateReport(db, request.actor, request.params.reportId, requiredVersion(request), request.body)),
  );

  app.delete(
    '/reports/:reportId',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'deleteReport',
        summary: 'Delete a draft report',
        description: 'Admins, or an editor of the report’s unit, and only a draft (a submitted or accepted report is a document the Department holds: 409). If-Match is required. The audit trail keeps it.',
        tags,
        params: ReportParamsSchema,
        headers: IfMatchHeader,
        response: { 204: { description: 'The report was deleted.', type: 'null' }, ...errorResponses(403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      await deleteReport(db, request.actor, request.params.reportId, requiredVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/reports/:reportId/submit',
    {
      config: { access: 'write' },
      preValidation: optionalBody,
      schema: {
        operationId: 'submitReport',
        summary: 'Submit a draft: its figures are frozen and it is numbered',
        description:
          'Admins, or an editor of the report’s unit, from draft. The figures are frozen as they stand now (later changes to tasks and activities do not change them); ' +
          'the report takes the next number of its unit’s sequence of reports (BC) for the calendar year of submission (12/BC-THPTHD), and is late if submitted after dueOn (Vietnam dates).',
        tags,
        params: ReportParamsSchema,
        headers: ActionHeaders,
        body: ref(EmptyBodySchema),
        response: { 200: jsonResponse('The report, submitted and numbered.', ReportSchema, REPORT_EXAMPLE, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422) },
      },
    },
    async (request, reply) => versioned(reply, await submitReport(db, request.actor, request.params.reportId, optionalVersion(request))),
  );

  app.post(
    '/reports/:reportId/accept',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        operationId: 'acceptReport',
        summary: 'Accept a submitted report: read-only from then on',
        description: 'Admins only, from submitted.',
        tags,
        params: ReportParamsSchema,
        headers: ActionHeaders,
        body: ref(EmptyBodySchema),
        response: {
          200: jsonResponse('The report, accepted.', ReportSchema, { ...REPORT_EXAMPLE, status: 'accepted', acceptedAt: '2021-06-18T03:00:00.000Z', version: 4 }, ['etag']),
          ...errorResponses(403, 404, 409, 412, 415, 422),
        },
      },
    },
    async (request, reply) => versioned(reply, await acceptReport(db, request.actor, request.params.reportId, optionalVersion(request))),
  );

  app.post(
    '/reports/:reportId/return',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        operationId: 'returnReport',
        summary: 'Return a submitted report to draft, with the reason',
        description:
          'Admins only, from submitted, with the reason (kept in the report’s history). The report is a draft again: its frozen figures are dropped (computed on read again) ' +
          'and its number given up; submitted again, it takes a new one.',
        tags,
        params: ReportParamsSchema,
        headers: ActionHeaders,
        body: ref(ReportReturnSchema),
        response: { 200: jsonResponse('The report, a draft again.', ReportSchema, { ...DRAFT_EXAMPLE, version: 4 }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422) },
      },
    },
    async (request, reply) => versioned(reply, await returnReport(db, request.actor, request.params.reportId, optionalVersion(request), request.body.reason)),
  );
};

export default routes;
