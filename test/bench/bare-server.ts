// The floor: node:http and pg, no framework, answering the same two reads as the service with the
// same SQL shape (a keyset page of units; a plan and its tasks with their assignees).
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const port = Number(process.env.PORT);

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://x');
    let body: unknown;
    if (url.pathname === '/api/v1/units') {
      const { rows } = await pool.query('SELECT * FROM units ORDER BY code LIMIT 51');
      body = { items: rows.slice(0, 50), nextCursor: rows.length > 50 ? 'next' : null };
    } else {
      const id = url.pathname.split('/')[4];
      const plan = (await pool.query('SELECT * FROM plans WHERE id = $1', [id])).rows[0];
      const tasks = await pool.query(
        `SELECT t.*, (SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object('role', a.role, 'unitId', a.unit_id, 'group', a.unit_group)) ORDER BY a.position), '[]')
           FROM task_assignees a WHERE a.task_id = t.id) AS assignees
         FROM tasks t WHERE t.plan_id = $1 ORDER BY t.ordinal`,
        [id],
      );
      body = { ...plan, tasks: tasks.rows };
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  } catch {
    res.writeHead(500).end();
  }
});
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
