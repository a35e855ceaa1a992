// Several service processes on one database, as behind a load balancer: a fresh, migrated database
// on the PostgreSQL server named by TEST_DATABASE_URL, and N real servers on it (src/server.ts from
// the sources through tsx, as test/server.test.ts starts it), each on its own port. Keys are made
// through the service layer on that database (the server makes none on a PostgreSQL server). Every
// process is killed, and the database dropped, at teardown.
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { CLI_ACTOR, type Role } from '../../src/domain/actor.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import { createTestDatabase, serverUrl } from './database.js';
import { freePort } from './port.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Not the test runner's loader; and nothing of the runner's own configuration that would make the
// replicas differ from what the test asks for.
const { NODE_OPTIONS: _, DATABASE_URL: __, REDIS_URL: ___, RATE_LIMIT_MAX: ____, ...baseEnv } = process.env;

// Two replicas compiling the sources at once on a shared machine take a while to listen.
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface Replica {
  /** http://127.0.0.1:port */
  readonly url: string;
  /** SIGTERM, then the exit once requests in flight are done: the code, or the signal that ended it. */
  stop(): Promise<number | NodeJS.Signals | null>;
  /** What it wrote on stderr and stdout (warnings and errors: it logs at LOG_LEVEL=warn unless told otherwise). */
  output(): string;
}

export interface Replicas {
  readonly replicas: Replica[];
  readonly urls: string[];
  /** An admin key made before the replicas started. */
  readonly adminKey: string;
  /** Makes a key of the role (an editor's for unitId) directly on the database; its id and the key. */
  keyFor(role: Role, unitId?: string): Promise<{ id: string; key: string }>;
}

function startReplica(t: Test, databaseUrl: string, port: number, env: Record<string, string>): Promise<Replica> {
  // tsx as a loader of this node rather than its command, which would run the server as a process of
  // its own: one process, so a signal (SIGKILL at teardown among them) reaches the server itself.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...baseEnv,
      // The child runs under another loader; its coverage of the same sources would garble the merged report.
      _TAPJS_PROCESSINFO_COVERAGE_: '0',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Small pools: the server's max_connections is shared with every other test file.
      DB_POOL_SIZE: '4',
      RATE_LIMIT_MAX: '100000',
      ...env,
    },
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  t.teardown(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  });
  const replica: Replica = {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const result = await Promise.race([exited, sleep(STOP_TIMEOUT_MS, 'timeout' as const, { ref: false })]);
      if (result === 'timeout') throw new Error(`the replica on port ${port} did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
      return result;
    },
    output: () => output,
  };
  return waitUntilReady(replica, child);
}

async function waitUntilReady(replica: Replica, child: ChildProcess): Promise<Replica> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const res = await fetch(`${replica.url}/ready`).catch(() => null);
    if (res?.status === 200) return replica;
    await sleep(100);
  }
  throw new Error(`the replica at ${replica.url} did not become ready: ${replica.output() || '(no output)'}`);
}

/** `count` servers on one fresh database of the PostgreSQL server, with `env` added to each one's environment. */
export async function startReplicas(t: Test, count: number, env: Record<string, string> = {}): Promise<Replicas> {
  if (!serverUrl) throw new Error('replicas need a PostgreSQL server: set TEST_DATABASE_URL');
  const { handle, url } = await createTestDatabase(t);
  const keyFor = (role: Role, unitId?: string) => createApiKey(handle.db, CLI_ACTOR, { name: `${role} key for replicas`, role, unitId: unitId ?? null });
  const { key: adminKey } = await keyFor('admin');
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const replicas = await Promise.all(ports.map((port) => startReplica(t, url!, port, env)));
  return { replicas, urls: replicas.map((r) => r.url), adminKey, keyFor };
}
