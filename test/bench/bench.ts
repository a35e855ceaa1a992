// npm run bench: the province-scale benchmark (issue 11 §4). On a province built once per shape
// (fixture.ts, province.ts) on a PostgreSQL server, the service (app-server.ts) and the floor
// (bare-server.ts: node:http and pg sending the service's own statements, statements.ts) run in
// processes of their own, loaded by autocannon in a third (load.ts), in alternating rounds, case by
// case (cases.ts); the table says how close the service comes to the floor (table.ts). Then the
// embedded default's first start and restart from the compiled build (embedded.ts). It prints
// figures and asserts nothing. BENCH_DATABASE_URL: the server (default the local one);
// BENCH_SECONDS: each round's length (default 10).
import type { ChildProcess } from 'node:child_process';
import { freePort } from '../helpers/port.js';
import type { FloorRoute, FloorSetup } from './bare-server.js';
import { type BenchCase, benchCases } from './cases.js';
import { memoryOf, startChild, stopChild } from './children.js';
import { timeEmbedded } from './embedded.js';
import { makeKeys, prepareProvince, resetProvince } from './fixture.js';
import type { LoadFigures, LoadJob } from './load.js';
import { POOL_SIZE } from './service.js';
import { type Observed, observe } from './statements.js';
import { printEmbedded, printGoals, printHeader, printRow, printSkipped, type Row, type Side } from './table.js';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = 3;
const WARM_UP_SECONDS = 1;

const log = (line: string) => console.log(line);

function load(generator: ChildProcess, job: LoadJob): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    generator.once('message', (answer: { figures?: LoadFigures; error?: string }) => (answer.figures ? resolve(answer.figures) : reject(new Error(answer.error))));
    generator.send(job);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function medianSide(rounds: LoadFigures[]): Side {
  return {
    rate: median(rounds.map((r) => r.rate)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    failed: rounds.reduce((n, r) => n + r.failed, 0),
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function floorRoutes(cases: BenchCase[], observed: Observed[]): FloorRoute[] {
  return cases.flatMap((c, i) => {
    const o = observed[i]!;
    return 'exchange' in o ? [{ method: c.method, pattern: escape(o.path).replace(escape('{id}'), '([^/?&#]+)'), exchange: o.exchange }] : [];
  });
}

log(`province on ${new URL(serverUrl).host}; ${ROUNDS} rounds of ${SECONDS} s per side and case`);
const province = await prepareProvince(serverUrl, log);
await resetProvince(province.url);
const keys = await makeKeys(province.url, province.editorUnitId);
// BENCH_CASES=plan,activity: only the cases whose names hold one of these words (and no embedded timings).
const only = process.env.BENCH_CASES?.split(',').map((word) => word.trim().toLowerCase());
const cases = benchCases(province, keys).filter((c) => !only || only.some((word) => c.name.toLowerCase().includes(word)));
const observed = await observe(province.url, cases);

const [floorPort, servicePort] = [await freePort(), await freePort()];
const setup: FloorSetup = { routes: floorRoutes(cases, observed), poolSize: POOL_SIZE };
const floor = await startChild('./bare-server.ts', { DATABASE_URL: province.url, PORT: String(floorPort) }, setup);
const service = await startChild('./app-server.ts', { DATABASE_URL: province.url, PORT: String(servicePort) });
const generator = await startChild('./load.ts', {});
type Job = (port: number, seconds: number) => LoadJob;

/** Each case's load, once per key set: the same requests for the floor and for the service. */
function jobs(c: BenchCase, o: Observed): Array<{ keys: string; job: Job }> {
  if (!('exchange' in o)) return [];
  const paths = c.ids ? c.ids.map((id) => o.path.replace('{id}', id)) : [o.path];
  return c.keySets.map((keySet) => ({
    keys: keySet.label,
    job: (port, seconds) => ({ origin: `http://127.0.0.1:${port}`, method: c.method, paths, keys: keySet.keys, body: c.body, connections: c.connections, seconds }),
  }));
}

const rows: Row[] = [];
try {
  // Every read once on each side before any is measured, so that the first case is no colder than the rest.
  for (const [i, c] of cases.entries()) {
    if (c.method !== 'GET') continue;
    for (const { job } of jobs(c, observed[i]!).slice(0, 1)) for (const port of [floorPort, servicePort]) await load(generator, job(port, WARM_UP_SECONDS));
  }
  printHeader(SECONDS, ROUNDS);
  for (const [i, c] of cases.entries()) {
    const o = observed[i]!;
    if (!('exchange' in o)) printSkipped(c.name, o.skipped);
    for (const { keys, job } of jobs(c, o)) {
      for (const port of [floorPort, servicePort]) await load(generator, job(port, WARM_UP_SECONDS));
      const sides: { floor: LoadFigures[]; service: LoadFigures[] } = { floor: [], service: [] };
      for (let round = 0; round < ROUNDS; round++) {
        sides.floor.push(await load(generator, job(floorPort, SECONDS)));
        sides.service.push(await load(generator, job(servicePort, SECONDS)));
      }
      const row: Row = {
        name: c.name, keys, connections: c.connections, goal: c.goal,
        floor: medianSide(sides.floor), service: medianSide(sides.service), rss: memoryOf(service.pid!).rss,
      };
      rows.push(row);
      printRow(row);
    }
  }
} finally {
  await Promise.all([generator, floor, service].map(stopChild));
  await resetProvince(province.url);
}
printGoals(rows);
if (!only) printEmbedded(await timeEmbedded());
