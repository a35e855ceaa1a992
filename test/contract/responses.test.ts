// Problem responses are components (issue 6): one per status, each with an example that fits every
// path, referenced by the operations instead of repeated inline in each of them.
import { readFileSync } from 'node:fs';
import t from 'tap';

type Response = { $ref?: string; description?: string; headers?: Record<string, unknown>; content?: Record<string, { example?: { status?: number; instance?: string } }> };
const text = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
const doc = JSON.parse(text) as {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: { responses?: Record<string, Response> };
};

t.test('every problem response is a reference to a component', async (t) => {
  const inline: string[] = [];
  let refs = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        if (response.$ref?.startsWith('#/components/responses/')) refs++;
        else inline.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
  }
  t.same(inline, [], 'no problem response written out in an operation');
  t.ok(refs > 100, `${refs} references`);
});

t.test('one component per status, problem+json with its example and a neutral instance', async (t) => {
  const responses = doc.components.responses ?? {};
  const statuses = Object.values(responses).map((r) => r.content?.['application/problem+json']?.example?.status);
  t.same(statuses.sort(), [400, 401, 403, 404, 406, 409, 412, 413, 415, 422, 428, 429, 503]);
  t.ok(responses.NotFound && responses.BadRequest && responses.ServiceUnavailable, 'named by their title');
  for (const [name, response] of Object.entries(responses)) {
    const example = response.content?.['application/problem+json']?.example;
    t.ok(example, `${name}: an example`);
    t.notMatch(example?.instance, /^\/api\/v1\/units$/, `${name}: an instance that is not the units list`);
  }
  t.ok(responses.TooManyRequests?.headers?.['retry-after'] && responses.ServiceUnavailable?.headers?.['retry-after'], 'Retry-After on 429 and 503');
  const used = new Set([...text.matchAll(/"#\/components\/responses\/([A-Za-z]+)"/g)].map((m) => m[1]));
  t.same(Object.keys(responses).filter((name) => !used.has(name)), [], 'every component is used');
});

t.test('a problem response is written out once, in its component', async (t) => {
  const written = text.match(/"application\/problem\+json"/g)?.length;
  t.equal(written, Object.keys(doc.components.responses ?? {}).length, `${Buffer.byteLength(text)} bytes (351,126 with every problem inline)`);
});
