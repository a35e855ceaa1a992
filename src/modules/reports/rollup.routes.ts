// /api/v1/reports/rollup: the Department's roll-up of its units' reports, as JSON or an Excel workbook.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { attachment } from '../../http/attachment.js';
import { NotAcceptable } from '../../http/errors.js';
import type { ModuleOptions } from '../../http/module.js';
import { preferredMediaType } from '../../http/negotiate.js';
import { BinaryFile, errorResponses, ref } from '../../http/schemas.js';
import { RollupQuerySchema, RollupSchema } from './reports.schemas.js';
import { computeRollup } from './reports.rollup.js';
import { rollupToXlsx } from './reports.xlsx.js';
import { ROLLUP_EXAMPLE } from './rollup.examples.js';

const JSON_TYPE = 'application/json';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PRODUCED = [JSON_TYPE, XLSX] as const;

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db }) => {
  app.get(
    '/reports/rollup',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getReportRollup',
        summary: 'The Department’s roll-up of its units’ six-month or annual reports',
        description:
          'Every key may read (statuses and counts, no report’s text). One row per unit the Department’s plan of the year covers (the units its report obligations name, ' +
          'or its publish obligations when it has none), by unit code: its report’s status (missing when it has made none), when it was submitted and whether late, ' +
          'its parts of the plan’s tasks done and overdue, its activities in the window by form, its quarters against the plan’s quarterly publish obligations ' +
          '(those over by the window’s end), and its own plan under the Department’s. Then the units that have not submitted (missing or draft), those late, ' +
          'those short in some quarter, and the totals. Every figure stands as of the window’s end: the window of the reports of that year and kind ' +
          '(the Department’s own first), else the cut-off window of the Department’s cut-off day. ' +
          `Send Accept: ${XLSX} for the same as an Excel workbook (tong-hop-bao-cao-6-thang-2021.xlsx); an Accept naming neither is a 406. ` +
          'The Department’s plan of the year is its issued or closed plan (the earliest issued); a year without one is 422.',
        tags: ['reports'],
        querystring: RollupQuerySchema,
        response: {
          200: {
            description: 'The roll-up, or the same as a workbook.',
            content: {
              [JSON_TYPE]: { schema: ref(RollupSchema), example: ROLLUP_EXAMPLE },
              [XLSX]: { schema: BinaryFile('The roll-up as an Excel workbook (.xlsx), one sheet per table, sent as an attachment.'), example: '(the roll-up as an Excel workbook, tong-hop-bao-cao-6-thang-2021.xlsx)' },
            },
          },
          ...errorResponses(406, 422),
        },
      },
    },
    async (request, reply) => {
      const accept = request.headers.accept;
      const type = preferredMediaType(accept, PRODUCED);
      if (!type) throw new NotAcceptable(`Accept: ${accept} names no media type this operation answers in: ${PRODUCED.join(', ')}.`);
      const rollup = await computeRollup(db, request.query);
      if (type === JSON_TYPE) return reply.send(rollup);
      const { year, kind } = request.query;
      const fileName = `tong-hop-bao-cao-${kind === 'six_month' ? '6-thang' : 'nam'}-${year}.xlsx`;
      return reply.type(XLSX).header('content-disposition', attachment(fileName)).send(await rollupToXlsx(rollup));
    },
  );
};

export default routes;
