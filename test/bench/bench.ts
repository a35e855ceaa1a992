// npm run bench: requests per second of the service against the floor (node:http + pg) for the
// same reads on the same data: a 50-unit page, and a plan with its 12 tasks. Prints the figures and
// the ratios. Needs a PostgreSQL server: BENCH_DATABASE_URL (default the local one).
import { fork, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { prepareBenchDatabase } from './fixture.js';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

async function start(script: string, port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = fork(new URL(script, import.meta.url), { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return child;
}

async function rate(url: string, key: string): Promise<number> {
  const headers = { authorization: `Bearer ${key}` };
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

const { url, key, planId } = await prepareBenchDatabase(serverUrl);
const bare = await start('./bare-server.ts', 3901, url);
const app = await start('./app-server.ts', 3902, url);
try {
  console.log(`${CONNECTIONS} connections, ${SECONDS} s each, requests per second (average)`);
  for (const [name, path] of [['units page (50)', '/api/v1/units?limit=50'], ['plan with 12 tasks', `/api/v1/plans/${planId}`]] as const) {
    const floor = await rate(`http://127.0.0.1:3901${path}`, key);
    const ours = await rate(`http://127.0.0.1:3902${path}`, key);
    console.log(`${name.padEnd(20)} floor ${floor.toFixed(0).padStart(6)}   service ${ours.toFixed(0).padStart(6)}   ratio ${(ours / floor).toFixed(2)}`);
  }
} finally {
  bare.kill();
  app.kill();
}
