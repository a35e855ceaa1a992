// npm run bench: requests per second and p99 latency of the service against the floor (node:http +
// pg) for the same reads on the same data: a 50-unit page, a plan with its 12 tasks, a 50-activity
// page, a plan's compliance for 600 units × 4 quarters over 200,000 activities, and the Department's
// roll-up of its 540 affiliated units' six-month reports over the same activities. Prints the
// figures and the ratios. Needs a PostgreSQL server: BENCH_DATABASE_URL (default the local one);
// BENCH_SECONDS per measurement (default 10).
import { fork, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { prepareBenchDatabase } from './fixture.js';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
// A compliance answer takes the better part of a second to compute and is megabytes long: ten at
// once on a small machine only queue up, so it and the roll-up are measured with as many connections
// as a report screen would open.
const REPORT_CONNECTIONS = 2;

async function start(script: string, port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = fork(new URL(script, import.meta.url), { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return child;
}

interface Figures {
  rate: number;
  p99: number;
  bytes: number;
}

async function measure(url: string, key: string, connections: number): Promise<Figures> {
  const options = { url, connections, headers: { authorization: `Bearer ${key}` }, timeout: 60 };
  await autocannon({ ...options, duration: 2 }); // warm-up
  const result = await autocannon({ ...options, duration: SECONDS });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rate: result.requests.average, p99: result.latency.p99, bytes: result.throughput.total / Math.max(result.requests.total, 1) };
}

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);
const side = (f: Figures) => `${f.rate.toFixed(f.rate < 10 ? 1 : 0).padStart(6)} req/s  p99 ${f.p99.toFixed(0).padStart(5)} ms  ${size(f.bytes).padStart(8)}`;

const { url, key, planId, departmentPlanId } = await prepareBenchDatabase(serverUrl);
const bare = await start('./bare-server.ts', 3901, url);
const app = await start('./app-server.ts', 3902, url);
const CASES: Array<[string, string, number]> = [
  ['units page (50)', '/api/v1/units?limit=50', CONNECTIONS],
  ['plan with 12 tasks', `/api/v1/plans/${planId}`, CONNECTIONS],
  ['activities page (50)', '/api/v1/activities?limit=50', CONNECTIONS],
  ['compliance, 600 units × 4 quarters', `/api/v1/compliance?planId=${departmentPlanId}&period=2021&asOf=2021-12-31`, REPORT_CONNECTIONS],
  ['roll-up, 600 units', '/api/v1/reports/rollup?year=2021&kind=six_month', REPORT_CONNECTIONS],
];
try {
  console.log(`${SECONDS} s each after a 2 s warm-up; requests per second (average), p99 latency, bytes per answer`);
  for (const [name, path, connections] of CASES) {
    const floor = await measure(`http://127.0.0.1:3901${path}`, key, connections);
    const ours = await measure(`http://127.0.0.1:3902${path}`, key, connections);
    console.log(`${`${name} [${connections} conn]`.padEnd(44)} floor ${side(floor)}   service ${side(ours)}   ratio ${(ours.rate / floor.rate).toFixed(2)}`);
  }
} finally {
  bare.kill();
  app.kill();
}
