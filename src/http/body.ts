// Request bodies: JSON and CSV must be valid UTF-8 (never silently turned into U+FFFD) and its text is
// stored NFC, so every string is normalised here, once, before validation sees it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { normalizeDeep } from '../domain/text.js';
import { BadRequest } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeUtf8(body: Buffer, what: string): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new BadRequest(`The ${what} body is not valid UTF-8.`);
  }
}

export default fp(async function bodyParsers(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const text = decodeUtf8(body as Buffer, 'JSON');
    // An empty body is no body: actions without one pass, operations that need one fail validation.
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, (error, value) => {
      if (error) return done(new BadRequest('The body is not valid JSON.'), undefined);
      done(null, normalizeDeep(value));
    });
  });
  // An action whose body may be left out says so in the contract (contract.ts makes its requestBody optional).
  app.addHook('onRoute', (route) => {
    if (route.schema && [route.preValidation ?? []].flat().includes(optionalBody)) route.schema[OPTIONAL_BODY] = true;
  });
  // CSV uploads (a plan's appendix): text, NFC; the decoder drops the BOM Excel writes.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, decodeUtf8(body as Buffer, 'CSV').normalize('NFC'));
  });
});

/** The operation's mark, in the generated document, of a body that may be left out. */
export const OPTIONAL_BODY = 'x-optional-body';

declare module 'fastify' {
  interface FastifySchema {
    [OPTIONAL_BODY]?: boolean;
  }
}

/** preValidation for actions whose body is optional: no body reads as `{}`. */
export async function optionalBody(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}
