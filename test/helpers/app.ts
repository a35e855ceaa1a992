// An app on a fresh database for one test file, with keys for each role and small request helpers.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Test } from 'tap';
import { type App, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/schema.js';
import type { Role } from '../../src/domain/actor.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import type { Unit } from '../../src/modules/units/units.schemas.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: App;
  db: Kysely<Database>;
  adminKey: string;
  /** Makes a key of the role (an editor's for unitId) and returns it. */
  keyFor(role: Role, unitId?: string): Promise<string>;
  /** Adds a unit through the API (a division unless `kind` says otherwise) or throws. */
  addUnit(body: Record<string, unknown>): Promise<Unit>;
  /** app.inject with `Authorization: Bearer key` (admin's unless another is given). */
  request(options: InjectOptions & { key?: string | null }): Promise<LightMyRequestResponse>;
}

export async function setupApp(t: Test, env: Record<string, string> = {}): Promise<TestApp> {
  const { handle } = await createTestDatabase(t);
  const app = await buildApp({ config: loadConfig({ RATE_LIMIT_MAX: '100000', ...env }), db: handle.db, notifications: handle.notifications });
  t.teardown(() => app.close());
  await app.ready();
  const keyFor = async (role: Role, unitId?: string) =>
    (await createApiKey(handle.db, CLI_ACTOR, { name: `${role} key for tests`, role, unitId: unitId ?? null })).key;
  const adminKey = await keyFor('admin');
  const request: TestApp['request'] = ({ key, headers, ...options }) =>
    app.inject({ ...options, headers: { ...(key === null ? {} : { authorization: `Bearer ${key ?? adminKey}` }), ...headers } });
  return {
    app,
    db: handle.db,
    adminKey,
    keyFor,
    request,
    async addUnit(body) {
      const res = await request({ method: 'POST', url: '/api/v1/units', payload: { kind: 'division', ...body } });
      if (res.statusCode !== 201) throw new Error(`could not add ${String(body.code)}: ${res.body}`);
      return res.json();
    },
  };
}

/** Asserts an RFC 9457 problem of the status and returns it. */
export function assertProblem(t: Test, response: LightMyRequestResponse, status: number, message?: string) {
  t.equal(response.statusCode, status, message ?? `status ${status}`);
  t.match(response.headers['content-type'], /^application\/problem\+json/, 'problem+json');
  const body = response.json();
  t.equal(body.status, status, 'status in body');
  t.type(body.title, 'string');
  t.type(body.detail, 'string');
  t.match(body.type, /^\/problems\//);
  t.notMatch(response.body, /\bat .+\.(ts|js):\d+|SELECT |INSERT |UPDATE /, 'no stack trace or SQL');
  return body as { type: string; title: string; status: number; detail: string; instance: string; requestId: string; errors?: Array<{ pointer: string; line?: number; column?: string; message: string }> };
}
