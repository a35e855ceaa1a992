// `npm run key`: run as a real process on an embedded database in a temporary DATA_DIR. stdout
// carries only results (the key alone, for scripts), stderr the messages; bad usage exits 2.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runKeyCli } from '../helpers/key-cli.js';
import { openEmbedded } from '../../src/db/database.js';
import type { Principal } from '../../src/domain/actor.js';
import { authenticate } from '../../src/modules/api-keys/api-keys.service.js';
import { KeyCache } from '../../src/modules/api-keys/key-cache.js';
import { findUnitByCode } from '../../src/modules/units/units.repository.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cchc-key-cli-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

const key = (...args: string[]) => runKeyCli(dataDir, ...args);

const KEY = /^cchc_[A-Za-z0-9_-]{43}\n$/;
const USAGE = 'Usage: npm run key -- create --role admin|editor|reader --name "…" [--unit CODE] | list | revoke <key id>';
const oneLine = (s: string) => s.trimEnd().split('\n').length === 1;

let adminId = '';
let adminKey = '';
let editorKey = '';

t.test('create: the key alone on stdout, the message on stderr', async (t) => {
  const run = await key('create', '--role', 'admin', '--name', 'Thử'.normalize('NFD'));
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, KEY, 'stdout is exactly the key and a newline');
  const made = /^Made admin key ([0-9a-f-]{36})\. It is shown only now:\n$/.exec(run.stderr);
  t.ok(made, `stderr says what was made: ${run.stderr}`);
  adminId = made?.[1] ?? '';
  adminKey = run.stdout.trim();
  t.notMatch(run.stderr, /cchc_/, 'the key is not on stderr');
});

t.test('create an editor key for a unit by its code', async (t) => {
  const run = await key('create', '--role', 'editor', '--name', 'Trường THPT Hoàng Diệu', '--unit', 'THPT-HD');
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, KEY);
  editorKey = run.stdout.trim();
  const unknown = await key('create', '--role', 'editor', '--name', 'x', '--unit', 'NO-SUCH-UNIT');
  t.equal(unknown.code, 2, 'an unknown unit code is a usage error');
  t.equal(unknown.stderr, 'No unit has the code NO-SUCH-UNIT.\n');
  t.equal(unknown.stdout, '');
});

t.test('list shows the keys, never the keys themselves', async (t) => {
  const run = await key('list');
  t.equal(run.code, 0, run.stderr);
  const rows = run.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
  const admin = rows.find((r) => r[0] === adminId);
  t.same(admin, [adminId, 'admin', adminKey.slice(0, 9), 'live', 'Thử'], 'id, role, prefix, state, name (NFC)');
  t.ok(rows.some((r) => r[1] === 'editor' && r[4] === 'Trường THPT Hoàng Diệu'), 'the editor key');
  t.notMatch(run.stdout, adminKey, 'never the whole key');
  t.notMatch(run.stdout, editorKey);
});

t.test('revoke <id> revokes the key, but never the last live admin key', async (t) => {
  const last = await key('revoke', adminId);
  t.equal(last.code, 1, 'the only admin key stays');
  t.match(last.stderr, /last live admin key/);
  t.equal((await key('create', '--role', 'admin', '--name', 'Second admin')).code, 0);
  const run = await key('revoke', adminId);
  t.equal(run.code, 0, run.stderr);
  t.equal(run.stderr, `Revoked key ${adminId} (Thử).\n`);
  t.equal(run.stdout, '');
  const list = await key('list');
  const row = list.stdout.split('\n').find((l) => l.startsWith(adminId))?.split('\t');
  t.match(row?.[3], /^revoked \d{4}-\d\d-\d\dT/, 'listed as revoked, with when');
  const again = await key('revoke', adminId);
  t.equal(again.code, 1, 'revoking twice fails');
  t.ok(oneLine(again.stderr), `in one line: ${again.stderr}`);
  t.match(again.stderr, /already revoked/);
  t.notMatch(again.stderr, /\bat .+:\d+/, 'no stack trace');
});

t.test('the keys work as the CLI said', async (t) => {
  const handle = await openEmbedded(join(dataDir, 'pglite'));
  t.teardown(() => handle.close());
  const keys = new KeyCache<Principal>();
  t.equal(await authenticate(handle.db, keys, adminKey), null, 'the revoked key no longer verifies');
  const unit = await findUnitByCode(handle.db, 'THPT-HD');
  t.match(await authenticate(handle.db, keys, editorKey), { role: 'editor', unitId: unit?.id, name: 'Trường THPT Hoàng Diệu' });
});

t.test('bad usage exits 2 with the usage sentence on stderr', async (t) => {
  for (const args of [[], ['frobnicate'], ['create', '--role', 'boss', '--name', 'x'], ['create', '--role', 'admin'], ['revoke', 'not-an-id']]) {
    const run = await key(...args);
    t.equal(run.code, 2, `key ${args.join(' ')}: exit 2`);
    t.equal(run.stdout, '', 'nothing on stdout');
    t.ok(oneLine(run.stderr), 'one line');
    t.ok(run.stderr.trimEnd().endsWith(USAGE), `the usage sentence: ${run.stderr}`);
    t.notMatch(run.stderr, /\bat .+:\d+|Error:/, 'no stack trace');
  }
});
