// The SQL that builds the benchmark's province in bulk (generate_series, no row-by-row inserts):
// units, a plan per unit per year with its tasks and their parts, the Department's obligations,
// six-month reports, activities, citizens' questions and the holidays they are counted around.
// Deterministic: the same rows on every build but for the ids. A unit's number n is its code's digits.
import { searchKey } from '../../src/domain/text.js';

export const UNITS = 600;
export const YEARS = [2021, 2022, 2023] as const;
export const TASKS_PER_PLAN = 12;
export const ACTIVITIES = 200_000;
export const QUESTIONS = 3_000;
/** The unit that receives citizens' questions (the service's OFFICE_UNIT_CODE): a division. */
export const OFFICE_CODE = 'U0010';

/** The Department (n = 0), a division every tenth unit, the Office among them, the rest affiliated units. */
export function unitRows(): { codes: string[]; names: string[]; kinds: string[]; keys: string[] } {
  const rows = Array.from({ length: UNITS }, (_, n) => {
    const code = `U${String(n).padStart(4, '0')}`;
    const name = n === 0 ? 'Sở Giáo dục và Đào tạo' : code === OFFICE_CODE ? 'Văn phòng Sở' : n % 10 === 0 ? `Phòng chuyên môn số ${n / 10}` : `Trường THPT số ${n + 1}`;
    return { code, name, kind: n === 0 ? 'department' : n % 10 === 0 ? 'division' : 'affiliated', key: searchKey(name) };
  });
  return { codes: rows.map((r) => r.code), names: rows.map((r) => r.name), kinds: rows.map((r) => r.kind), keys: rows.map((r) => r.key) };
}

export const INSERT_UNITS = `
  INSERT INTO units (code, name, kind, search_key)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`;

/** Every unit's plan of each year, issued on 3 February; two affiliated units in three build theirs from the Department's. */
export const INSERT_PLANS = [
  `INSERT INTO plans (issuer_unit_id, year, title, document_type, number_sequence, number_year, symbol, issued_on, status, signer_name, signer_title, search_key)
   SELECT u.id, y, 'Kế hoạch tuyên truyền CCHC năm ' || y || ' của ' || u.name, 'KH', 1, y, 'KH-' || u.code, make_date(y, 2, 3), 'issued',
     'Châu Tuấn Hồng', 'GIÁM ĐỐC', 'ke hoach tuyen truyen cchc nam ' || y || ' cua ' || u.search_key || ' 01/kh-' || lower(u.code)
   FROM units u CROSS JOIN generate_series(${YEARS[0]}, ${YEARS.at(-1)}) y ORDER BY y, u.code`,
  `INSERT INTO document_sequences (issuer_unit_id, document_type, year, last_number) SELECT issuer_unit_id, 'KH', year, 1 FROM plans`,
  `UPDATE plans p SET parent_plan_id = d.id
   FROM units u, plans d JOIN units du ON du.id = d.issuer_unit_id AND du.kind = 'department'
   WHERE u.id = p.issuer_unit_id AND u.kind = 'affiliated' AND substring(u.code FROM 2)::int % 3 <> 0 AND d.year = p.year`,
];

/**
 * Twelve tasks a plan, one due each month, led by the plan's issuer (the Department's with its
 * affiliated units as coordinators). The lead's part, and so the task, is done in three months of
 * four up to mid-2023 (a few late), under way otherwise, not started after.
 */
export const INSERT_TASKS = [
  `INSERT INTO tasks (plan_id, ordinal, content, forms, form_note, due_period, due_from, due_to, progress, completed_on, search_key)
   SELECT p.id, m, 'Tuyên truyền nội dung ' || m || ' của kế hoạch ' || u.code || '/' || p.year, '["website_post"]', 'Đăng website',
     p.year || '-' || lpad(m::text, 2, '0'), d.due_from, d.due_to, s.progress,
     CASE WHEN s.progress = 'done' THEN d.due_to + CASE WHEN (m + k.n) % 7 = 0 THEN 3 ELSE -((m + k.n) % 5) END END,
     'tuyen truyen noi dung ' || m || ' cua ke hoach ' || lower(u.code) || '/' || p.year
   FROM plans p JOIN units u ON u.id = p.issuer_unit_id CROSS JOIN generate_series(1, ${TASKS_PER_PLAN}) m
   CROSS JOIN LATERAL (SELECT substring(u.code FROM 2)::int AS n) k
   CROSS JOIN LATERAL (SELECT make_date(p.year, m, 1) AS due_from, (make_date(p.year, m, 1) + interval '1 month - 1 day')::date AS due_to) d
   CROSS JOIN LATERAL (SELECT CASE WHEN d.due_to >= '2023-07-01' THEN 'not_started' WHEN (m + k.n) % 4 = 0 THEN 'in_progress' ELSE 'done' END AS progress) s`,
  `INSERT INTO task_assignees (task_id, position, role, unit_id, unit_group)
   SELECT t.id, 1, 'lead', p.issuer_unit_id, NULL FROM tasks t JOIN plans p ON p.id = t.plan_id
   UNION ALL
   SELECT t.id, 2, 'coordinator', NULL, 'affiliated' FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = p.issuer_unit_id AND u.kind = 'department'`,
  `INSERT INTO task_parts (task_id, unit_id, role, progress, completed_on)
   SELECT t.id, p.issuer_unit_id, 'lead', t.progress, t.completed_on FROM tasks t JOIN plans p ON p.id = t.plan_id`,
  // Each affiliated unit's part of each of the Department's tasks: one in three done on its due date.
  `INSERT INTO task_parts (task_id, unit_id, role, progress, completed_on)
   SELECT t.id, u.id, 'coordinator', CASE WHEN d.done THEN 'done' ELSE 'not_started' END, CASE WHEN d.done THEN t.due_to END
   FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN units du ON du.id = p.issuer_unit_id AND du.kind = 'department'
   CROSS JOIN units u CROSS JOIN LATERAL (SELECT (t.ordinal + substring(u.code FROM 2)::int) % 3 = 0 AS done) d
   WHERE u.kind = 'affiliated'`,
];

/** The Department's plans bind its affiliated units (section IV): a post a quarter, an own plan, a report every six months. */
export const INSERT_OBLIGATIONS = `
  INSERT INTO obligations (plan_id, position, kind, unit_group, forms, min_count, per, description)
  SELECT p.id, o.position, o.kind, 'affiliated', o.forms::jsonb, o.min_count, o.per, o.description
  FROM plans p JOIN units u ON u.id = p.issuer_unit_id AND u.kind = 'department'
  CROSS JOIN (VALUES
    (1, 'publish', '["website_post"]', 1, 'quarter', 'Đăng tải ít nhất 01 tin, bài về CCHC mỗi quý.'),
    (2, 'own_plan', '[]', 1, 'year', 'Xây dựng kế hoạch tuyên truyền CCHC của đơn vị.'),
    (3, 'report', '[]', NULL, 'half_year', 'Báo cáo kết quả 6 tháng, năm về Sở.')) AS o (position, kind, forms, min_count, per, description)`;

/**
 * Each year's six-month reports of two affiliated units in three, under the Department's plan, in the
 * cut-off window: by turns a draft, submitted on time, submitted late, accepted.
 */
export const INSERT_REPORTS = `
  INSERT INTO reports (unit_id, year, kind, window_kind, window_from, window_to, due_on, plan_id, status, figures, submitted_at, late, number_sequence, number_year, symbol, accepted_at)
  SELECT u.id, p.year, 'six_month', 'cutoff', make_date(p.year - 1, 12, 15), make_date(p.year, 6, 14), make_date(p.year, 6, 20), p.id, s.status,
    CASE WHEN s.status <> 'draft' THEN '{}'::jsonb END,
    CASE s.turn WHEN 0 THEN NULL WHEN 2 THEN make_date(p.year, 6, 25) + time '09:00' ELSE make_date(p.year, 6, 18) + time '09:00' END AT TIME ZONE 'Asia/Ho_Chi_Minh',
    CASE s.turn WHEN 0 THEN NULL ELSE s.turn = 2 END,
    CASE WHEN s.status <> 'draft' THEN 1 END, CASE WHEN s.status <> 'draft' THEN p.year END, CASE WHEN s.status <> 'draft' THEN 'BC-' || u.code END,
    CASE WHEN s.status = 'accepted' THEN (make_date(p.year, 6, 28) + time '09:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' END
  FROM plans p JOIN units du ON du.id = p.issuer_unit_id AND du.kind = 'department'
  CROSS JOIN units u
  CROSS JOIN LATERAL (SELECT substring(u.code FROM 2)::int % 4 AS turn) t
  CROSS JOIN LATERAL (SELECT t.turn, CASE t.turn WHEN 0 THEN 'draft' WHEN 3 THEN 'accepted' ELSE 'submitted' END AS status) s
  WHERE u.kind = 'affiliated' AND substring(u.code FROM 2)::int % 3 <> 1`;

const DAYS = `(DATE '${YEARS.at(-1)}-12-31' - DATE '${YEARS[0]}-01-01' + 1)`;

/**
 * Activities g = $1 … $2 − 1, the n-th of unit u = g mod 600 (n = g div 600), on a day spread over the
 * three years (one unit in 45 posts nothing in third quarters: its posts move to the fourth),
 * recorded that day; of each unit's, 17 in 20 website posts and 2 in 20 videos (with their evidence
 * URL), 1 in 20 a meeting that carries out its unit's plan's task of that month.
 */
export const INSERT_ACTIVITIES = `
  INSERT INTO activities (unit_id, form, title, occurred_on, evidence_url, task_id, participants, views, recorded_by_name, search_key, created_at, updated_at)
  SELECT u.ids[1 + i.u], f.form, 'Tin tuyên truyền CCHC số ' || g, d.day,
    CASE WHEN f.form = 'meeting' THEN NULL ELSE 'https://' || lower(u.codes[1 + i.u]) || '.edu.vn/cchc/tin-tuc/' || g END,
    CASE WHEN f.form = 'meeting' THEN (
      SELECT t.id FROM plans p JOIN tasks t ON t.plan_id = p.id AND t.ordinal = extract(month FROM d.day)::int
      WHERE p.issuer_unit_id = u.ids[1 + i.u] AND p.year = extract(year FROM d.day)::int) END,
    CASE WHEN f.form = 'meeting' THEN 20 + i.n % 60 END,
    CASE WHEN f.form = 'meeting' THEN NULL ELSE (i.n * 37 + i.u) % 1000 END,
    'bench', 'tin tuyen truyen cchc so ' || g, r.at, r.at
  FROM generate_series($1::int, $2::int - 1) AS g
  CROSS JOIN (SELECT array_agg(id ORDER BY code) AS ids, array_agg(code ORDER BY code) AS codes FROM units) u
  CROSS JOIN LATERAL (SELECT g % ${UNITS} AS u, g / ${UNITS} AS n) i
  CROSS JOIN LATERAL (SELECT CASE WHEN (i.n + i.u) % 20 < 17 THEN 'website_post' WHEN (i.n + i.u) % 20 < 19 THEN 'video' ELSE 'meeting' END AS form) f
  CROSS JOIN LATERAL (SELECT DATE '${YEARS[0]}-01-01' + (i.n * 11 + i.u) % ${DAYS} AS day) d0
  CROSS JOIN LATERAL (SELECT CASE WHEN i.u % 45 = 1 AND extract(quarter FROM d0.day) = 3 THEN d0.day + 92 ELSE d0.day END AS day) d
  CROSS JOIN LATERAL (SELECT (d.day + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' + (g % 540) * interval '1 minute' AS at) r`;

/** One activity in 200 removed a week after it was recorded, as the service removes one: a new version (and a tombstone, where the schema keeps them). */
export const REMOVE_ACTIVITIES = `
  UPDATE activities SET deleted_at = updated_at + interval '7 days', updated_at = updated_at + interval '7 days', version = version + 1
  FROM (SELECT id, substring(title FROM '[0-9]+$')::int AS g FROM activities) x
  WHERE x.id = activities.id AND ((x.g / ${UNITS}) * 3 + x.g % ${UNITS}) % 200 = 0`;

/** New Year, Reunification Day, Labour Day and National Day of each year: the calendar due dates are counted on. */
export const INSERT_HOLIDAYS = `
  INSERT INTO non_working_days (day, name)
  SELECT make_date(y, h.m, h.d), h.name FROM generate_series(${YEARS[0]}, ${YEARS.at(-1)}) y
  CROSS JOIN (VALUES (1, 1, 'Tết Dương lịch'), (4, 30, 'Ngày Giải phóng miền Nam'), (5, 1, 'Quốc tế Lao động'), (9, 2, 'Quốc khánh')) AS h (m, d, name)`;

/**
 * Questions g = 0 … 2,999, received by the Office through the three years, due five working days
 * later; of every 20: 2 still with the Office, 2 assigned to an affiliated unit, 3 answered by it
 * (within 0–8 days, so some late), 11 answered and published two days later, 2 closed the next day.
 */
export const INSERT_QUESTIONS = `
  INSERT INTO questions (channel, received_at, received_on, received_by_unit_id, response_days, due_on, subject, question, asker_name, asker_phone,
    status, assigned_unit_id, answer, answered_by_unit_id, answered_by_name, answered_at, answered_on,
    public_subject, public_question, public_answer, published_url, published_at, published_on, closed_reason, closed_at, closed_on,
    history, recorded_by_name, search_key, public_search_key)
  SELECT (ARRAY['hotline', 'qa', 'email', 'in_person'])[1 + g % 4], r.at, r.day, o.id, 5, working_days_after(r.day, 5),
    'Hỏi về thủ tục số ' || g, 'Xin hỏi hồ sơ thủ tục hành chính số ' || g || ' gồm những gì?', 'Nguyễn Văn ' || g, '0912' || lpad(g::text, 6, '0'),
    s.status, CASE WHEN s.held THEN a.id END,
    CASE WHEN s.answered THEN 'Hồ sơ gồm đơn và bản sao giấy tờ tùy thân.' END, CASE WHEN s.answered THEN a.id END, CASE WHEN s.answered THEN 'bench' END,
    CASE WHEN s.answered THEN (r.day + g % 9 + time '10:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' END, CASE WHEN s.answered THEN r.day + g % 9 END,
    CASE WHEN s.status = 'published' THEN 'Thủ tục số ' || g END, CASE WHEN s.status = 'published' THEN 'Hồ sơ thủ tục số ' || g || ' gồm những gì?' END,
    CASE WHEN s.status = 'published' THEN 'Hồ sơ gồm đơn và bản sao giấy tờ tùy thân.' END,
    CASE WHEN s.status = 'published' THEN 'https://sgddt.edu.vn/hoi-dap/' || g END,
    CASE WHEN s.status = 'published' THEN (r.day + g % 9 + 2 + time '10:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' END, CASE WHEN s.status = 'published' THEN r.day + g % 9 + 2 END,
    CASE WHEN s.status = 'closed' THEN 'Trùng với câu hỏi đã nhận' END, CASE WHEN s.status = 'closed' THEN r.at + interval '1 day' END,
    CASE WHEN s.status = 'closed' THEN r.day + 1 END,
    CASE WHEN s.held THEN jsonb_build_array(jsonb_build_object('action', 'assign', 'at', to_jsonb(r.at + interval '1 hour'), 'by', jsonb_build_object('keyId', NULL, 'name', 'bench'), 'unitId', a.id))
      ELSE '[]'::jsonb END,
    'bench', 'hoi ve thu tuc so ' || g, CASE WHEN s.status = 'published' THEN 'thu tuc so ' || g END
  FROM generate_series(0, ${QUESTIONS - 1}) AS g
  CROSS JOIN (SELECT id FROM units WHERE code = '${OFFICE_CODE}') o
  CROSS JOIN LATERAL (SELECT DATE '${YEARS[0]}-01-01' + g * ${DAYS} / ${QUESTIONS} AS day) d
  CROSS JOIN LATERAL (SELECT d.day, (d.day + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' + (g % 480) * interval '1 minute' AS at) r
  CROSS JOIN LATERAL (SELECT id FROM units WHERE kind = 'affiliated' ORDER BY code OFFSET (g * 7) % 540 LIMIT 1) a
  CROSS JOIN LATERAL (SELECT CASE WHEN g % 20 < 2 THEN 'received' WHEN g % 20 < 4 THEN 'assigned' WHEN g % 20 < 7 THEN 'answered' WHEN g % 20 < 18 THEN 'published' ELSE 'closed' END AS status) s0
  CROSS JOIN LATERAL (SELECT s0.status, s0.status IN ('answered', 'published') AS answered, s0.status IN ('assigned', 'answered', 'published') AS held) s`;
