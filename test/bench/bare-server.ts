// The floor: node:http and pg, no framework, no keys. For each request it sends the statements the
// service sent for the same request (statements.ts recorded them), with the request's id where the
// recorded request had its own, as the service sent them (in a transaction on one connection, or
// each on a pooled connection, those the service sent together at once), and answers the rows as JSON.
import { createServer } from 'node:http';
import pg from 'pg';
import type { Exchange, Statement } from './statements.js';

export interface FloorRoute {
  method: string;
  /** The request's path and query as a regular expression; its one group, if any, is the id. */
  pattern: string;
  exchange: Exchange;
}

export interface FloorSetup {
  routes: FloorRoute[];
  poolSize: number;
}

// As the service parses them (src/db/database.ts): int8 and numeric as numbers, a DATE as its text.
const PARSERS: Record<number, (value: string) => unknown> = { 20: Number, 1700: Number, 1082: (value) => value };
const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => PARSERS[oid] ?? pg.types.getTypeParser(oid, format) };
const CONTROL = /^\s*(begin|start transaction|commit|rollback|savepoint|release)\b/i;

function valuesOf(statement: Statement, id: string | undefined): unknown[] {
  if (id === undefined || statement.slots.length === 0) return statement.values;
  const values = [...statement.values];
  for (const i of statement.slots) values[i] = id;
  return values;
}

function serve({ routes, poolSize }: FloorSetup): void {
  // The service's session settings (src/db/pool.ts: JIT off), so that both run the statements alike.
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: poolSize, types, options: '-c jit=off' });
  const matchers = routes.map((route) => ({ ...route, regex: new RegExp(`^${route.pattern}$`) }));

  async function replay({ transaction, waves }: Exchange, id: string | undefined): Promise<unknown[][]> {
    const answers: unknown[][] = [];
    if (!transaction) {
      for (const wave of waves) for (const result of await Promise.all(wave.map((s) => pool.query(s.text, valuesOf(s, id))))) answers.push(result.rows);
      return answers;
    }
    const client = await pool.connect();
    try {
      for (const s of waves.flat()) {
        const result = await client.query(s.text, valuesOf(s, id));
        if (!CONTROL.test(s.text)) answers.push(result.rows);
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    return answers;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      try {
        if (chunks.length) JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const url = req.url ?? '/';
        for (const route of matchers) {
          const match = route.method === req.method ? route.regex.exec(url) : null;
          if (!match) continue;
          const answers = await replay(route.exchange, match[1]);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answers));
          return;
        }
        res.writeHead(404).end();
      } catch {
        res.writeHead(500).end();
      }
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send!('ready'));
}

process.once('message', (setup: FloorSetup) => serve(setup));
