// What the contract says about parameters is what the service does (issue 6): a parameter with a
// default is optional, If-Match is required where its absence is refused (428, not a schema 400),
// numbers in query strings and paths are plain decimal digits, and no pattern says `\d` (which other
// tools read as any Unicode digit).
import { readFileSync } from 'node:fs';
import t from 'tap';
import { assertProblem, setupApp } from '../helpers/app.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { default?: unknown };
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
}

const text = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
const doc = JSON.parse(text) as { paths: Record<string, Record<string, Operation>> };
const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method, path, op })));

t.test('a parameter with a default is optional', async (t) => {
  const defaulted = operations.flatMap(({ op }) => (op.parameters ?? []).filter((p) => p.schema?.default !== undefined).map((p) => ({ op: op.operationId, ...p })));
  t.ok(defaulted.filter((p) => p.name === 'limit').length >= 6, 'every list has its limit');
  t.same(defaulted.filter((p) => p.required), [], 'none is required');
});

t.test('If-Match is required on every PATCH and DELETE, as the server answers 428 without it', async (t) => {
  const writes = operations.filter(({ method }) => method === 'patch' || method === 'delete');
  t.ok(writes.length >= 6);
  for (const { method, path, op } of writes) {
    const ifMatch = op.parameters?.find((p) => p.in === 'header' && p.name === 'if-match');
    t.equal(ifMatch?.required, true, `${method.toUpperCase()} ${path}`);
  }
});

t.test('no pattern in the contract says \\d', async (t) => {
  const patterns = [...text.matchAll(/"pattern": "((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  t.ok(patterns.length > 3);
  t.same(patterns.filter((p) => p.includes('\\d')), [], 'every digit is [0-9]');
});

const ctx = await setupApp(t);
const unit = await ctx.addUnit({ code: 'TCCB', name: 'Phòng Tổ chức cán bộ' });

t.test('a missing If-Match is still a 428 with its sentence, not a schema error', async (t) => {
  const patch = await ctx.request({ method: 'PATCH', url: `/api/v1/units/${unit.id}`, payload: { name: 'Không có If-Match' } });
  const problem = assertProblem(t, patch, 428);
  t.equal(problem.detail, 'Send If-Match with the ETag of the version you are changing (GET returns it).');
  t.equal(problem.type, '/problems/precondition-required');
  t.notOk(problem.errors, 'no field errors');
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `/api/v1/units/${unit.id}` }), 428, 'DELETE too');
  const both = await ctx.request({ method: 'PATCH', url: `/api/v1/units/${unit.id}`, payload: { name: 1 } });
  t.same(assertProblem(t, both, 400).errors?.map((e) => e.pointer), ['/body/name'], 'a bad body is still reported first');
  t.equal((await ctx.request({ url: `/api/v1/units/${unit.id}` })).json().version, 1, 'nothing changed');
});

t.test('numbers in query strings are decimal digits, nothing else', async (t) => {
  for (const limit of ['0x10', '1e1', '%2016', '16%20', '16.0', '+16', '0b10', '', '1_6', '١٦']) {
    const problem = assertProblem(t, await ctx.request({ url: `/api/v1/units?limit=${limit}` }), 400, `limit=${limit}`);
    t.same(problem.errors?.map((e) => e.pointer), ['/query/limit'], `limit=${limit} names the parameter`);
  }
  const year = assertProblem(t, await ctx.request({ url: '/api/v1/plans?year=0x7E5' }), 400, 'year=0x7E5');
  t.same(year.errors?.map((e) => e.pointer), ['/query/year']);
  t.match(year.errors?.[0]?.message, /digits/);
  assertProblem(t, await ctx.request({ url: '/api/v1/units?limit=-1' }), 400, 'a negative limit is below the minimum');
  for (const limit of ['16', '016', '200']) {
    t.equal((await ctx.request({ url: `/api/v1/units?limit=${limit}` })).statusCode, 200, `limit=${limit}`);
  }
  t.equal((await ctx.request({ url: '/api/v1/plans?year=2021' })).statusCode, 200, 'year=2021');
});
