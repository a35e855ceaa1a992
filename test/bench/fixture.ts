// The benchmark's data on a PostgreSQL server, made afresh in the database cchc_bench on every run:
// 600 units (the Department, 59 divisions, 540 affiliated units), 600 issued plans of 12 tasks each
// (7,200 tasks), the first of them the Department's with the obligations of section IV (a website
// post per quarter, an own plan, a report every six months) and two thirds of the affiliated units'
// plans built from it, each affiliated unit's parts of the Department's tasks (a third done), six-month
// reports of two thirds of the affiliated units (drafts, submitted on time and late, accepted), and
// 200,000 activities over 2021. Deterministic: the same rows on every run but for the ids.
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import { searchKey } from '../../src/domain/text.js';

export const UNITS = 600;
export const PLANS = 600;
export const TASKS_PER_PLAN = 12;
export const ACTIVITIES = 200_000;
const ACTIVITY_BATCH = 50_000;

export interface BenchData {
  url: string;
  key: string;
  /** A plan of 12 tasks, for the plan read. */
  planId: string;
  /** The Department's plan, whose obligations name the 540 affiliated units. */
  departmentPlanId: string;
}

/**
 * Activities g = from … to − 1, the n-th of unit u = g mod 600 (n = g div 600): on a day spread over
 * 2021 (one unit in 45 posts nothing in the third quarter: its posts move to the fourth); of each
 * unit's, 17 in 20 website posts and 2 in 20 videos (with their evidence URL), 1 in 20 a meeting that
 * carries out its unit's plan's task of that month; 1 in 200 removed.
 */
const INSERT_ACTIVITIES = `
  INSERT INTO activities (unit_id, form, title, occurred_on, evidence_url, task_id, participants, views, recorded_by_name, search_key, deleted_at)
  SELECT u.ids[1 + i.u], f.form, 'Tin tuyên truyền CCHC số ' || g, d.day,
    CASE WHEN f.form = 'meeting' THEN NULL ELSE 'https://' || lower(u.codes[1 + i.u]) || '.edu.vn/cchc/tin-tuc/' || g END,
    CASE WHEN f.form = 'meeting' THEN (
      SELECT t.id FROM plans p JOIN tasks t ON t.plan_id = p.id AND t.ordinal = extract(month FROM d.day)::int
      WHERE p.issuer_unit_id = u.ids[1 + i.u]) END,
    CASE WHEN f.form = 'meeting' THEN 20 + i.n % 60 END,
    CASE WHEN f.form = 'meeting' THEN NULL ELSE (i.n * 37 + i.u) % 1000 END,
    'bench', 'tin tuyen truyen cchc so ' || g,
    CASE WHEN (i.n * 3 + i.u) % 200 = 0 THEN now() END
  FROM generate_series($1::int, $2::int - 1) AS g
  CROSS JOIN (SELECT array_agg(id ORDER BY code) AS ids, array_agg(code ORDER BY code) AS codes FROM units) u
  CROSS JOIN LATERAL (SELECT g % ${UNITS} AS u, g / ${UNITS} AS n) i
  CROSS JOIN LATERAL (SELECT CASE WHEN (i.n + i.u) % 20 < 17 THEN 'website_post' WHEN (i.n + i.u) % 20 < 19 THEN 'video' ELSE 'meeting' END AS form) f
  CROSS JOIN LATERAL (SELECT DATE '2021-01-01' + (i.n * 11 + i.u) % 365 AS day) d0
  CROSS JOIN LATERAL (SELECT CASE WHEN i.u % 45 = 1 AND d0.day BETWEEN '2021-07-01' AND '2021-09-30' THEN d0.day + 92 ELSE d0.day END AS day) d`;

/** Each affiliated unit's part of each of the Department's tasks: one in three done on its due date. */
const INSERT_PARTS = `
  INSERT INTO task_parts (task_id, unit_id, role, progress, completed_on)
  SELECT t.id, u.id, 'coordinator', CASE WHEN d.done THEN 'done' ELSE 'not_started' END, CASE WHEN d.done THEN t.due_to END
  FROM tasks t CROSS JOIN units u
  CROSS JOIN LATERAL (SELECT (t.ordinal + substring(u.code FROM 2)::int) % 3 = 0 AS done) d
  WHERE t.plan_id = $1 AND u.kind = 'affiliated'`;

/**
 * Six-month reports of two affiliated units in three, under the Department's plan, in the cut-off
 * window: by turns a draft, submitted on time, submitted late, accepted.
 */
const INSERT_REPORTS = `
  INSERT INTO reports (unit_id, year, kind, window_kind, window_from, window_to, due_on, plan_id, status, figures, submitted_at, late, number_sequence, number_year, symbol, accepted_at)
  SELECT u.id, 2021, 'six_month', 'cutoff', '2020-12-15', '2021-06-14', '2021-06-20', $1, s.status,
    CASE WHEN s.status <> 'draft' THEN '{}'::jsonb END,
    CASE s.turn WHEN 0 THEN NULL WHEN 2 THEN timestamptz '2021-06-25 09:00+07' ELSE timestamptz '2021-06-18 09:00+07' END,
    CASE s.turn WHEN 0 THEN NULL WHEN 2 THEN true ELSE false END,
    CASE WHEN s.status <> 'draft' THEN 1 END, CASE WHEN s.status <> 'draft' THEN 2021 END, CASE WHEN s.status <> 'draft' THEN 'BC-' || u.code END,
    CASE WHEN s.status = 'accepted' THEN timestamptz '2021-06-28 09:00+07' END
  FROM units u
  CROSS JOIN LATERAL (SELECT substring(u.code FROM 2)::int % 4 AS turn) t
  CROSS JOIN LATERAL (SELECT t.turn, CASE t.turn WHEN 0 THEN 'draft' WHEN 3 THEN 'accepted' ELSE 'submitted' END AS status) s
  WHERE u.kind = 'affiliated' AND substring(u.code FROM 2)::int % 3 <> 1`;

export async function prepareBenchDatabase(serverUrl: string): Promise<BenchData> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS cchc_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE cchc_bench');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/cchc_bench';
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2, timeouts: { connectMs: 3000, statementMs: null } });
  const db = handle.db;
  await migrateToLatest(db);
  const kind = (i: number) => (i === 0 ? 'department' : i % 10 === 0 ? 'division' : 'affiliated');
  const units = await db
    .insertInto('units')
    .values(
      Array.from({ length: UNITS }, (_, i) => {
        const name = i === 0 ? 'Sở Giáo dục và Đào tạo' : `Trường THPT số ${i + 1}`;
        return { code: `U${String(i).padStart(4, '0')}`, name, shortName: null, kind: kind(i), parentId: null, successorId: null, electronicId: null, websiteUrl: null, cchcSectionUrl: null, documentAbbreviation: null, searchKey: searchKey(name) } as const;
      }),
    )
    .returning('id')
    .execute();
  const plans = await db
    .insertInto('plans')
    .values(
      units.map((u, i) => ({
        issuerUnitId: u.id, year: 2021, title: `Kế hoạch tuyên truyền CCHC năm 2021 số ${i + 1}`, documentType: 'KH' as const,
        numberSequence: 1, numberYear: 2021, symbol: 'KH-SGDĐT', issuedOn: '2021-02-03', status: 'issued' as const, cancelReason: null,
        parentPlanId: null, legalBases: '[]', objectives: '[]', requirements: '[]', contents: '[]', forms: '[]', recipients: '[]',
        audience: null, scope: null, fundingSource: null, signerName: 'Châu Tuấn Hồng', signerTitle: 'GIÁM ĐỐC', searchKey: `ke hoach ${i}`,
      })),
    )
    .returning('id')
    .execute();
  for (const [p, plan] of plans.entries()) {
    const tasks = await db
      .insertInto('tasks')
      .values(
        Array.from({ length: TASKS_PER_PLAN }, (_, m) => ({
          planId: plan.id, ordinal: m + 1, content: `Tuyên truyền nội dung ${m + 1} của kế hoạch ${p + 1}`, forms: '["website_post"]', formNote: 'Đăng website',
          duePeriod: `2021-${String(m + 1).padStart(2, '0')}`, dueFrom: `2021-${String(m + 1).padStart(2, '0')}-01`, dueTo: `2021-${String(m + 1).padStart(2, '0')}-28`,
          targetCount: null, targetUnit: null, completedOn: null, cancelReason: null, note: null, searchKey: `tuyen truyen ${m}`,
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('taskAssignees')
      .values(tasks.flatMap((t) => [
        { taskId: t.id, position: 1, role: 'lead' as const, unitId: units[p]!.id, unitGroup: null },
        { taskId: t.id, position: 2, role: 'coordinator' as const, unitId: null, unitGroup: 'affiliated' as const },
      ]))
      .execute();
  }

  const departmentPlanId = plans[0]!.id;
  await db
    .insertInto('obligations')
    .values([
      { planId: departmentPlanId, position: 1, kind: 'publish', unitId: null, unitGroup: 'affiliated', forms: JSON.stringify(['website_post']), minCount: 1, per: 'quarter', description: 'Đăng tải ít nhất 01 tin, bài về CCHC mỗi quý.' },
      { planId: departmentPlanId, position: 2, kind: 'own_plan', unitId: null, unitGroup: 'affiliated', forms: '[]', minCount: 1, per: 'year', description: 'Xây dựng kế hoạch tuyên truyền CCHC của đơn vị.' },
      { planId: departmentPlanId, position: 3, kind: 'report', unitId: null, unitGroup: 'affiliated', forms: '[]', minCount: null, per: 'half_year', description: 'Báo cáo kết quả 6 tháng, năm về Sở.' },
    ])
    .execute();
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await pool.query(
    `UPDATE plans p SET parent_plan_id = $1 FROM units u
     WHERE u.id = p.issuer_unit_id AND u.kind = 'affiliated' AND substring(u.code FROM 2)::int % 3 <> 0`,
    [departmentPlanId],
  );
  await pool.query(INSERT_PARTS, [departmentPlanId]);
  await pool.query(INSERT_REPORTS, [departmentPlanId]);
  for (let from = 0; from < ACTIVITIES; from += ACTIVITY_BATCH) await pool.query(INSERT_ACTIVITIES, [from, Math.min(from + ACTIVITY_BATCH, ACTIVITIES)]);
  await pool.query('VACUUM ANALYZE');
  await pool.end();

  const { key } = await createApiKey(db, CLI_ACTOR, { name: 'bench', role: 'reader' });
  await handle.close();
  return { url: url.toString(), key, planId: plans[PLANS / 2]!.id, departmentPlanId };
}
