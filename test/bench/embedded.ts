// The embedded default (PGlite) timed as a user meets it, from the compiled build (dist/, brought up
// to date first as `npm start` does): the server started on an empty DATA_DIR (a new database,
// migrated, the demo loaded) until GET /health answers, then stopped with SIGTERM and started again
// on the same folder; its resident memory when ready each time.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/port.js';
import { memoryOf } from './children.js';

export interface Start {
  seconds: number;
  /** Resident memory when ready, and its peak until then, in MB. */
  rss: number;
  peak: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const POLL_MS = 20;
const GIVE_UP_MS = 120_000;

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
  } catch {
    return false;
  }
}

async function start(dataDir: string, port: number): Promise<{ child: ChildProcess; start: Start }> {
  const { DATABASE_URL: _server, ...env } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/server.js'], {
    cwd: ROOT,
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  while (!(await healthy(port))) {
    if (child.exitCode !== null) throw new Error(`the embedded server exited with ${child.exitCode}: ${stderr}`);
    if (performance.now() - started > GIVE_UP_MS) {
      child.kill('SIGKILL');
      throw new Error(`the embedded server did not answer /health in ${GIVE_UP_MS / 1000} s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const seconds = (performance.now() - started) / 1000;
  return { child, start: { seconds, ...memoryOf(child.pid!) } };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Compiles what changed, then times a first start and a restart on a new folder (removed after). */
export async function timeEmbedded(): Promise<{ first: Start; restart: Start }> {
  const build = spawnSync(process.execPath, ['scripts/build-if-stale.js'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) throw new Error('compiling dist/ failed (above)');
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-embedded-'));
  try {
    const port = await freePort();
    const first = await start(dataDir, port);
    await stop(first.child);
    const restart = await start(dataDir, port);
    await stop(restart.child);
    return { first: first.start, restart: restart.start };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
