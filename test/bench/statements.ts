// The floor's statements are the service's own, recorded as it sends them: each case's request goes
// through the service in this process (src/app.ts on the province, injected, after one request that
// warms it), and every statement the pg driver is handed meanwhile is kept with its values, in order,
// those sent while another was running together (a wave). Those that authenticate the request are
// left out: the floor has no keys. So the floor sends exactly the service's SQL, however its
// repositories and services change, with each request's id where the recorded one had its own.
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import type { Ask, BenchCase } from './cases.js';
import { benchApp, POOL_SIZE } from './service.js';

export interface Statement {
  text: string;
  values: unknown[];
  /** The positions of values that are the request's id. */
  slots: number[];
}

/** What the service sent the database for one request. */
export interface Exchange {
  /** Sent in a transaction, on one connection; otherwise each statement on a pooled connection of its own. */
  transaction: boolean;
  waves: Statement[][];
}

export type Observed = { path: string; exchange: Exchange } | { skipped: string };

// Not the request's: authenticating it (on a cache miss), and the LISTEN a new pool connection starts with.
const NOT_THE_REQUEST = [/\b(api_keys|rate_limit_hits)\b/, /^\s*(un)?listen\b/i];
const TRANSACTION = /^\s*(begin|start transaction)\b/i;

interface Sent {
  text: string;
  values: unknown[];
  start: number;
  end: number;
}

let recording: Sent[] | null = null;

type Query = (this: unknown, ...args: unknown[]) => unknown;

/** Wraps pg's Client#query, through which every statement of the service's pool goes, for as long as `fn` runs. */
async function listening<T>(fn: () => Promise<T>): Promise<T> {
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const query = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown];
    const text = typeof config === 'string' ? config : config?.text;
    const sent = recording && text !== undefined ? { text, values: [...((Array.isArray(values) ? values : (config as { values?: unknown[] }).values) ?? [])], start: performance.now(), end: Infinity } : null;
    const result = query.apply(this, args);
    if (sent) {
      recording!.push(sent);
      const done = () => (sent.end = performance.now());
      if (result instanceof Promise) result.then(done, done);
    }
    return result;
  };
  try {
    return await fn();
  } finally {
    prototype.query = query;
  }
}

function exchangeOf(sent: Sent[], sample: string | undefined): Exchange {
  const kept = sent.filter((s) => !NOT_THE_REQUEST.some((pattern) => pattern.test(s.text)));
  const waves: Sent[][] = [];
  for (const s of kept) {
    const wave = waves.at(-1);
    if (wave?.some((w) => s.start < w.end)) wave.push(s);
    else waves.push([s]);
  }
  return {
    transaction: kept.some((s) => TRANSACTION.test(s.text)),
    waves: waves.map((wave) =>
      wave.map(({ text, values }) => ({ text, values, slots: sample === undefined ? [] : values.flatMap((v, i) => (v === sample ? [i] : [])) })),
    ),
  };
}

/** Each case's request through the service once, and what it sent; a case the service refuses is skipped, with its answer. */
export async function observe(url: string, cases: BenchCase[]): Promise<Observed[]> {
  const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: POOL_SIZE });
  const app = await benchApp(handle);
  try {
    return await listening(async () => {
      const observed: Observed[] = [];
      for (const c of cases) {
        const headers = { authorization: `Bearer ${c.keySets[0]!.keys[0]}`, ...(c.body ? { 'content-type': 'application/json' } : {}) };
        const ask: Ask = async (path) => {
          const answer = await app.inject({ method: 'GET', url: path, headers });
          return { status: answer.statusCode, body: answer.json() };
        };
        try {
          const path = typeof c.path === 'string' ? c.path : await c.path(ask);
          const sample = c.ids?.[0];
          const request = { method: c.method, url: sample ? path.replace('{id}', sample) : path, headers, payload: c.body };
          await app.inject(request);
          recording = [];
          const answer = await app.inject(request);
          const sent = recording;
          recording = null;
          if (answer.statusCode >= 300) throw new Error(`the service answered ${answer.statusCode}: ${answer.body.slice(0, 300)}`);
          observed.push({ path, exchange: exchangeOf(sent, sample) });
        } catch (error) {
          recording = null;
          observed.push({ skipped: error instanceof Error ? error.message : String(error) });
        }
      }
      return observed;
    });
  } finally {
    await app.close();
    await handle.close();
  }
}
