// The server as a process, the way a newcomer first runs it: the embedded database in DATA_DIR,
// a one-time admin key in the log, demo data, the data directory locked against the CLI while it
// runs, and a clean exit on SIGTERM; a second start, through `npm start` as a process manager
// would run it, makes no new key, and SIGTERM sent to npm alone stops the server too.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { runKeyCli } from './helpers/key-cli.js';
import { freePort } from './helpers/port.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'cchc-server-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

const { NODE_OPTIONS: _, DATABASE_URL: __, ...baseEnv } = process.env;

interface Server {
  child: ChildProcess;
  base: string;
  lines: Array<Record<string, unknown>>;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The server from the sources (tsx), or through `npm start` (which compiles dist/ first if it is stale). */
async function startServer(t: Test, port: number, via: 'tsx' | 'npm' = 'tsx'): Promise<Server> {
  const [command, args] = via === 'tsx' ? [process.execPath, [tsx, 'src/server.ts']] : ['npm', ['start']];
  const child = spawn(command, args, {
    cwd: root,
    // The child runs under another loader; its coverage of the same sources would garble the merged report.
    env: { ...baseEnv, _TAPJS_PROCESSINFO_COVERAGE_: '0', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const server: Server = {
    child,
    base: `http://127.0.0.1:${port}`,
    get lines() {
      // npm's "> start" banner aside, every line is a JSON log line.
      return out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    stdout: () => out,
    stderr: () => err,
    exited,
  };
  let gone = false;
  void exited.then(() => (gone = true));
  // npm start may first compile dist/ (half a minute on a busy machine).
  const deadline = Date.now() + (via === 'npm' ? 120_000 : 60_000);
  while (Date.now() < deadline && !gone) {
    const res = await fetch(`${server.base}/ready`).catch(() => null);
    // /ready answers as soon as the socket listens; the ready line is logged just after: wait for both.
    if (res?.status === 200 && server.lines.some((l) => l.msg === 'CCHC publicity-plan service ready')) return server;
    await sleep(250);
  }
  throw new Error(`the server did not become ready: ${err || out}`);
}

async function stopServer(t: Test, server: Server) {
  const started = Date.now();
  server.child.kill('SIGTERM');
  const result = await Promise.race([server.exited, sleep(15_000, 'timeout' as const, { ref: false })]);
  t.not(result, 'timeout', 'exits within 15 s of SIGTERM');
  t.same(result, { code: 0, signal: null }, `exit code 0 (${Date.now() - started} ms)`);
}

const KEY_MESSAGE = /admin key was made/;
const port = await freePort();
let firstKey = '';
let unitCount = 0;

t.test('first start: an admin key in the log, demo data, the directory locked', async (t) => {
  const server = await startServer(t, port);
  const lines = server.lines;
  t.ok(lines.length > 0 && lines.every((l) => typeof l.level === 'number' && typeof l.msg === 'string'), 'stdout is JSON log lines');
  const keyLines = lines.filter((l) => KEY_MESSAGE.test(String(l.msg)));
  t.equal(keyLines.length, 1, 'the admin key is logged once');
  t.equal(keyLines[0]?.level, 40, 'as a warning, so it stands out');
  const match = /Bearer (cchc_[A-Za-z0-9_-]{43})/.exec(String(keyLines[0]?.msg));
  t.ok(match, 'the message carries the key');
  firstKey = match?.[1] ?? '';
  t.ok(lines.some((l) => l.msg === 'CCHC publicity-plan service ready' && l.engine === 'pglite'), 'ready on the embedded engine');

  const units = await fetch(`${server.base}/api/v1/units?limit=200`, { headers: { authorization: `Bearer ${firstKey}` } });
  t.equal(units.status, 200, 'the key works');
  const items = ((await units.json()) as { items: Array<{ code: string; name: string }> }).items;
  t.ok(items.some((u) => u.code === 'TCCB' && u.name === 'Phòng Tổ chức cán bộ'), 'the demo units are there');
  unitCount = items.length;
  t.equal((await fetch(`${server.base}/api/v1/units`)).status, 401, 'and a key is needed');

  const cli = await runKeyCli(dataDir, 'list');
  t.not(cli.code, 0, 'the key CLI refuses the directory in use');
  t.equal(cli.stdout, '');
  t.equal(cli.stderr.trimEnd().split('\n').length, 1, `one sentence: ${cli.stderr}`);
  t.match(cli.stderr, /in use/);
  t.match(cli.stderr, /by process \d+/, 'naming the process that holds it');
  t.notMatch(cli.stderr, /\bat .+:\d+|Error:/, 'no stack trace');
  t.equal((await fetch(`${server.base}/ready`)).status, 200, 'the server is unharmed');

  await stopServer(t, server);
  t.ok(server.lines.some((l) => l.signal === 'SIGTERM'), 'the shutdown is logged');
});

t.test('second start on the same DATA_DIR, through npm start: no new key, the data kept', async (t) => {
  const server = await startServer(t, port, 'npm');
  t.notOk(server.lines.some((l) => KEY_MESSAGE.test(String(l.msg))), 'no admin key is printed');
  t.notMatch(server.stdout(), /cchc_/, 'no key at all');
  const units = await fetch(`${server.base}/api/v1/units?limit=200`, { headers: { authorization: `Bearer ${firstKey}` } });
  t.equal(units.status, 200, 'the first key still works');
  t.equal(((await units.json()) as { items: unknown[] }).items.length, unitCount, 'the demo data is not loaded twice');
  const nodePid = Number(server.lines[0]?.pid);
  t.not(nodePid, server.child.pid, 'the server is a process of its own, under npm');
  await stopServer(t, server);
  const leftBehind = (() => {
    try {
      return process.kill(nodePid, 0);
    } catch {
      return false;
    }
  })();
  t.notOk(leftBehind, 'SIGTERM to npm alone stopped the server: no process is left behind');
  if (leftBehind) process.kill(nodePid, 'SIGKILL');
  t.ok(server.lines.some((l) => l.signal === 'SIGTERM'), 'which shut down as on its own SIGTERM');
  const compiling = /^(Compiling TypeScript into dist\/ .*|Compiled in [\d.]+ s\.)$/;
  t.same(server.stderr().split('\n').filter((l) => l && !compiling.test(l)), [], 'nothing on stderr but the progress of compiling');
});

t.test('the CLI may use the directory once the server has stopped', async (t) => {
  const cli = await runKeyCli(dataDir, 'list');
  t.equal(cli.code, 0, cli.stderr);
  t.match(cli.stdout, /\tadmin\tcchc_\S+\tlive\tFirst admin \(made at first start\)\n/);
});
