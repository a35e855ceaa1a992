// The floor: node:http and pg, no framework, answering the same reads as the service: a keyset page
// of units; a plan with its obligations and its tasks with their assignees; a page of activities;
// a plan's compliance; the Department's roll-up. The last three send the service's own statements:
// at start-up the repository functions run once on a Kysely whose driver only records what it is
// given (statements.ts), and each request sends that text with its own values through pg, with no
// Kysely in the path.
import { createServer } from 'node:http';
import pg from 'pg';
import { reportWindow } from '../../src/domain/report-window.js';
import { activityPageStatement, complianceStatement, departmentPlanStatement, rollupStatement } from './statements.js';

// As the service parses them (src/db/database.ts): int8 and numeric as numbers, a DATE as its text.
const PARSERS: Record<number, (value: string) => unknown> = { 20: Number, 1700: Number, 1082: (value) => value };
const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => PARSERS[oid] ?? pg.types.getTypeParser(oid, format) };

// The service's session settings (src/db/pool.ts: JIT off), so that both run the statements alike.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, types, options: '-c jit=off' });
const port = Number(process.env.PORT);
const compliance = await complianceStatement();
const activityPage = await activityPageStatement();
const departmentPlan = await departmentPlanStatement();
const rollupRows = await rollupStatement();

const STATUSES = ['met', 'missed', 'due', 'not_started'] as const;

async function answer(url: URL): Promise<unknown> {
  const q = url.searchParams;
  if (url.pathname === '/api/v1/units') {
    const { rows } = await pool.query('SELECT * FROM units ORDER BY code LIMIT 51');
    return { items: rows.slice(0, 50), nextCursor: rows.length > 50 ? 'next' : null };
  }
  if (url.pathname === '/api/v1/activities') {
    const limit = Number(q.get('limit') ?? 50);
    const { rows } = await pool.query(activityPage.sql, activityPage.values({ limit }));
    return { items: rows.slice(0, limit), nextCursor: rows.length > limit ? 'next' : null };
  }
  if (url.pathname === '/api/v1/compliance') {
    // The floor takes a year as the period, nothing finer.
    const year = q.get('period')!;
    const window = { from: `${year}-01-01`, to: `${year}-12-31` };
    const asOf = q.get('asOf')!;
    const { rows } = await pool.query(compliance.sql, compliance.values({ planId: q.get('planId')!, ...window, asOf }));
    const summary = Object.fromEntries(STATUSES.map((s) => [s, 0]));
    for (const row of rows) summary[row.status] = (summary[row.status] ?? 0) + 1;
    return { planId: q.get('planId'), period: year, window, asOf, summary, items: rows };
  }
  if (url.pathname === '/api/v1/reports/rollup') {
    const year = Number(q.get('year'));
    const kind = q.get('kind') as 'six_month' | 'annual';
    const plan = (await pool.query(departmentPlan.sql, departmentPlan.values({ year, kind }))).rows[0];
    const window = plan.window_from ? { from: plan.window_from, to: plan.window_to } : reportWindow(kind, 'cutoff', year, plan.cutoff_day);
    const { rows } = await pool.query(rollupRows.sql, rollupRows.values({ planId: plan.plan_id, year, kind, from: window.from, to: window.to }));
    return {
      year, kind, planId: plan.plan_id, window, rows,
      notSubmitted: rows.filter((r) => r.status === 'missing' || r.status === 'draft').map((r) => r.code),
      late: rows.filter((r) => r.late).map((r) => r.code),
      nonCompliant: rows.filter((r) => r.non_compliant_quarters.length > 0).map((r) => [r.code, r.non_compliant_quarters]),
      totals: { units: rows.length, submitted: rows.filter((r) => r.submitted_at).length },
    };
  }
  const id = url.pathname.split('/')[4];
  const plan = (await pool.query('SELECT * FROM plans WHERE id = $1', [id])).rows[0];
  const obligations = await pool.query('SELECT * FROM obligations WHERE plan_id = $1 ORDER BY position', [id]);
  const tasks = await pool.query(
    `SELECT t.*, (SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object('role', a.role, 'unitId', a.unit_id, 'group', a.unit_group)) ORDER BY a.position), '[]')
       FROM task_assignees a WHERE a.task_id = t.id) AS assignees
     FROM tasks t WHERE t.plan_id = $1 ORDER BY t.ordinal`,
    [id],
  );
  return { ...plan, obligations: obligations.rows, tasks: tasks.rows };
}

const server = createServer(async (req, res) => {
  try {
    const body = await answer(new URL(req.url ?? '/', 'http://x'));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  } catch {
    res.writeHead(500).end();
  }
});
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
