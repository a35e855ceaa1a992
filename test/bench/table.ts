// The bench's printed table: one row per case and key set, the floor's figures beside the service's,
// their ratios and the service's resident memory; then the goal cases against issue 11's goals.
import type { Start } from './embedded.js';

export interface Side {
  rate: number;
  p50: number;
  p99: number;
  failed: number;
}

export interface Row {
  name: string;
  keys: string;
  connections: number;
  floor: Side;
  service: Side;
  /** The service's VmRSS after the case, in MB. */
  rss: number;
  goal: boolean;
}

const GOAL = { rate: 0.9, p99: 1.2 };
const EMBEDDED_GOAL = { first: 15, restart: 2 };

const num = (n: number, width: number, digits = 0) => n.toFixed(digits).padStart(width);
const ms = (n: number) => num(n, 7, n < 100 ? 1 : 0);
const side = (s: Side) => `${num(s.rate, 7, s.rate < 100 ? 1 : 0)} ${ms(s.p50)} ${ms(s.p99)}`;
const label = (name: string, keys: string, connections: number) => `${name.padEnd(30)} ${keys.padEnd(10)} ${num(connections, 4)}`;

export function printHeader(seconds: number, rounds: number): void {
  console.log(`\n${rounds} alternating rounds of ${seconds} s per side after a warm-up; the median round of each side; latency in ms; RSS in MB`);
  console.log(`${'case'.padEnd(30)} ${'keys'.padEnd(10)} conn │ floor   req/s     p50     p99 │ service req/s     p50     p99 │  rate   p99 │   RSS`);
}

export function ratios(row: Row): { rate: number; p99: number } {
  return { rate: row.service.rate / row.floor.rate, p99: row.service.p99 / row.floor.p99 };
}

export function printRow(row: Row): void {
  const r = ratios(row);
  const failed = row.floor.failed + row.service.failed;
  const warning = failed ? `  ${row.floor.failed} failed on the floor, ${row.service.failed} on the service` : '';
  console.log(`${label(row.name, row.keys, row.connections)} │       ${side(row.floor)} │       ${side(row.service)} │ ${num(r.rate, 5, 2)} ${num(r.p99, 5, 2)} │ ${num(row.rss, 5)}${warning}`);
}

export function printSkipped(name: string, reason: string): void {
  console.log(`${name.padEnd(30)} skipped: ${reason}`);
}

const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function printGoals(rows: Row[]): void {
  console.log(`\nGoals (issue 11 §2): at least ${GOAL.rate} of the floor's throughput and at most ${GOAL.p99} of its p99`);
  for (const row of rows.filter((r) => r.goal)) {
    const r = ratios(row);
    console.log(`  ${`${row.name}, ${row.keys}`.padEnd(42)} rate ${r.rate.toFixed(2)} ${mark(r.rate >= GOAL.rate).padEnd(7)}  p99 ${r.p99.toFixed(2)} ${mark(r.p99 <= GOAL.p99)}`);
  }
}

export function printEmbedded({ first, restart }: { first: Start; restart: Start }): void {
  console.log('\nEmbedded default (PGlite), from dist/: until GET /health answers 200; resident memory then (its peak until then)');
  const line = (what: string, s: Start, goal: number) =>
    console.log(`  ${what.padEnd(28)} ${s.seconds.toFixed(2).padStart(6)} s  goal ≤ ${goal} s: ${mark(s.seconds <= goal).padEnd(7)}  RSS ${s.rss.toFixed(0)} MB (peak ${s.peak.toFixed(0)} MB)`);
  line('first start, empty folder', first, EMBEDDED_GOAL.first);
  line('restart, same folder', restart, EMBEDDED_GOAL.restart);
}
