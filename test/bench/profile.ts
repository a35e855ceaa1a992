// npm run bench:profile [plan|activities]: a CPU profile of the service under load, by package.
// On the bench's province (fixture.ts), the service (app-server.ts) runs in a process of its own
// under `node --cpu-prof`; after a 1 s warm-up, autocannon (load.ts) loads one case for
// PROFILE_SECONDS (default 10): `plan` (default) GET /api/v1/plans/{a random plan} or `activities`
// GET /api/v1/activities?limit=50, with one reader key and 10 connections. SIGTERM then makes the
// service exit, which writes the profile. Only the samples taken during the measured load count.
// It prints the sample counts, then self time as a % of the non-idle samples, top 15 each:
// grouped (each npm package, the innermost node_modules/<pkg> or @scope/pkg; our src/; node:*
// internals; (garbage collector); (program); (native): V8 builtins, with no url; other), and by
// function (name and place, group). BENCH_DATABASE_URL: the server (default the local one);
// PROFILE_KEEP=1 keeps the .cpuprofile (for Chrome DevTools) and prints where.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/port.js';
import { stopChild, startChild } from './children.js';
import { makeKeys, prepareProvince } from './fixture.js';
import type { LoadFigures, LoadJob } from './load.js';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);
const CONNECTIONS = 10;
const TOP = 15;
const caseName = process.argv[2] ?? 'plan';
if (caseName !== 'plan' && caseName !== 'activities') throw new Error(`unknown case ${caseName}: plan or activities`);
const SRC = new URL('../../src/', import.meta.url).href;
// app-server.ts has no signal handlers, and a process killed by a signal writes no profile.
const EXIT_ON_SIGTERM = `data:text/javascript,process.on('SIGTERM',()=>process.exit(0))`;

/** The service, profiled into dir; resolves once it listens. */
async function startService(env: Record<string, string>, dir: string): Promise<ChildProcess> {
  const child = fork(new URL('./app-server.ts', import.meta.url), {
    env: { ...process.env, ...env },
    execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', '--import', EXIT_ON_SIGTERM],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`app-server.ts exited with ${code} before it was ready`)));
    child.once('message', () => resolve());
  });
  child.removeAllListeners('exit');
  return child;
}

function load(generator: ChildProcess, job: LoadJob): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    generator.once('message', (answer: { figures?: LoadFigures; error?: string }) => (answer.figures ? resolve(answer.figures) : reject(new Error(answer.error))));
    generator.send(job);
  });
}

const nowMicros = () => Number(process.hrtime.bigint() / 1000n); // CLOCK_MONOTONIC, as V8's profile timestamps

/** What a function's self time is counted under. */
function groupOf({ functionName, url }: CallFrame): string {
  if (url === '') return /^\(.*\)$/.test(functionName) ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const inner = url.lastIndexOf('/node_modules/');
  if (inner >= 0) {
    const [first, second] = url.slice(inner + '/node_modules/'.length).split('/');
    return first!.startsWith('@') ? `${first}/${second}` : first!;
  }
  return url.startsWith(SRC) ? 'src/' : 'other';
}

/** Name and file:line; no line for our .ts: tsx's output, which the profile counts in, keeps few line breaks. */
function place({ functionName, url, lineNumber }: CallFrame): string {
  const file = url.slice(url.lastIndexOf('/') + 1);
  const line = file.endsWith('.ts') ? '' : `:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'}${file ? ` ${file}${line}` : ''}`;
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1).padStart(5)}%`;

function printTop(title: string, counts: Map<string, number>, of: number, label: (key: string) => string): void {
  console.log(`\n${title}`);
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${pct(n, of)}  ${label(key)}`);
}

/** Self time of the samples taken from `from` to `to` (µs, monotonic), by group and by function. */
function report(profile: CpuProfile, from: number, to: number): void {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const functions = new Map<string, CallFrame>();
  let time = profile.startTime;
  let [total, inWindow, idle] = [0, 0, 0];
  for (const [i, id] of profile.samples.entries()) {
    time += profile.timeDeltas[i]!;
    total++;
    if (time < from || time > to) continue;
    inWindow++;
    const frame = frames.get(id)!;
    if (frame.functionName === '(idle)') { idle++; continue; }
    const group = groupOf(frame);
    byGroup.set(group, (byGroup.get(group) ?? 0) + 1);
    const key = `${frame.url}:${frame.lineNumber}:${frame.functionName}`;
    functions.set(key, frame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + 1);
  }
  if (inWindow === 0) throw new Error('no sample of the profile falls in the load window: clocks differ?');
  const busy = inWindow - idle;
  console.log(`\nsamples: ${total} in the profile, ${inWindow} during the load: ${idle} idle (${pct(idle, inWindow).trim()}), ${busy} not idle (100% below)`);
  printTop(`self time by group (top ${TOP})`, byGroup, busy, (group) => group);
  printTop(`self time by function (top ${TOP})`, byFunction, busy, (key) => {
    const frame = functions.get(key)!;
    return `${place(frame)}  [${groupOf(frame)}]`;
  });
}

const dir = mkdtempSync(join(tmpdir(), 'cchc-profile-'));
const province = await prepareProvince(serverUrl, (line) => console.log(line));
const keys = await makeKeys(province.url, province.editorUnitId);
const port = await freePort();
const service = await startService({ DATABASE_URL: province.url, PORT: String(port) }, dir);
const generator = await startChild('./load.ts', {});
const job = (seconds: number): LoadJob => ({
  origin: `http://127.0.0.1:${port}`,
  method: 'GET',
  paths: caseName === 'plan' ? province.planIds.map((id) => `/api/v1/plans/${id}`) : ['/api/v1/activities?limit=50'],
  keys: [keys.hot],
  connections: CONNECTIONS,
  seconds,
});
let loadWindow: [number, number];
try {
  await load(generator, job(1));
  const from = nowMicros();
  const figures = await load(generator, job(SECONDS));
  loadWindow = [from, nowMicros()];
  console.log(`${caseName}: ${figures.rate.toFixed(0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.failed} failed, over ${SECONDS} s`);
} finally {
  await Promise.all([generator, service].map(stopChild));
}
// One profile per thread: the service's main thread is the one with the most samples (the largest file).
const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
if (!main) throw new Error(`the service wrote no profile into ${dir}`);
report(JSON.parse(readFileSync(main, 'utf8')) as CpuProfile, ...loadWindow);
if (process.env.PROFILE_KEEP) console.log(`\nprofile kept: ${main} (open it in Chrome DevTools)`);
else rmSync(dir, { recursive: true });
