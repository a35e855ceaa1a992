// The demo year 2021 as it went: what the Department's divisions and four affiliated units did under
// the seed plan (posts, videos, meetings, the contest, the survey), linked to the tasks they carry
// out, the units' parts of those tasks, and Trường THPT Hoàng Diệu's own plan built from the seed
// plan. Chosen so the reports have something to tell: tasks 1–10 done (two late), 11 and 12 not;
// THPT-HD, THPT-NTMK and GDTX post every quarter, THPT-LLQ misses the second and third.
// Fixed dates and no randomness; each activity, part and plan is added only when missing.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { SEED_PLAN_TITLE } from '../plans/plans.demo.js';
import type { PlanCreate, PlanDetail } from '../plans/plans.schemas.js';
import { createPlan, getPlan, issuePlan, listPlans } from '../plans/plans.service.js';
import { getPart, updatePart } from '../tasks/parts.service.js';
import type { Form, Progress } from '../tasks/tasks.table.js';
import { unitIdsByCode } from '../units/units.service.js';
import { findActivities } from './activities.repository.js';
import type { ActivityFiguresInput } from './activities.schemas.js';
import { createActivity } from './activities.service.js';

export const OWN_PLAN_TITLE = 'Tuyên truyền cải cách hành chính năm 2021 tại Trường THPT Hoàng Diệu';
const OWN_PLAN_ISSUED_ON = '2021-03-01';

/** A task of the seed plan (its ordinal), of THPT-HD's own plan (`own` and its ordinal), or none. */
type TaskRef = number | `own${number}` | null;
// [occurredOn, form, task, title, path under the unit's /cchc/ section or null, figures]
type DemoActivity = [string, Form, TaskRef, string, string | null, ActivityFiguresInput?];

// The divisions post on the Department's website; each school on its own.
const SITES: Record<string, string> = {
  'THPT-HD': 'https://thpthoangdieu.edu.vn',
  'THPT-NTMK': 'https://thptchuyennguyenthiminhkhai.edu.vn',
  'THPT-LLQ': 'https://thptleloi.edu.vn',
  GDTX: 'https://gdtxsoctrang.edu.vn',
};
const DEPARTMENT_SITE = 'https://sgddt.soctrang.gov.vn';

const ACTIVITIES: Record<string, DemoActivity[]> = {
  TCCB: [
    ['2021-02-05', 'website_post', 1, 'Đăng tải Kế hoạch CCHC năm 2021 và Bộ tiêu chí chấm điểm CCHC của Sở GDĐT', 'tin-tuc/ke-hoach-cchc-nam-2021', { views: 412 }],
    ['2021-02-23', 'meeting', 2, 'Phòng TCCB họp phổ biến Kế hoạch CCHC và Kế hoạch tuyên truyền CCHC năm 2021', null, { participants: 10 }],
    ['2021-03-22', 'website_post', 3, 'Kết quả khảo sát sự hài lòng của người dân đối với dịch vụ giáo dục công lập năm 2020', 'tin-tuc/ket-qua-khao-sat-su-hai-long-2020', { views: 530 }],
    ['2021-04-15', 'website_post', 4, 'Công bố Chỉ số CCHC năm 2020 của các đơn vị trực thuộc Sở GDĐT', 'tin-tuc/cong-bo-chi-so-cchc-2020', { views: 687 }],
    ['2021-05-20', 'video', 5, 'Video hướng dẫn nộp hồ sơ trực tuyến trên Cổng dịch vụ công tỉnh Sóc Trăng', 'video/huong-dan-nop-ho-so-truc-tuyen', { views: 1240 }],
    ['2021-05-28', 'website_post', 5, 'Kết quả thực hiện công tác CCHC của Sở GDĐT từ đầu năm 2021 đến nay', 'tin-tuc/ket-qua-cchc-dau-nam-2021', { views: 298 }],
    ['2021-06-15', 'website_post', null, 'Sở GDĐT tiếp nhận, trả kết quả hồ sơ TTHC qua dịch vụ bưu chính công ích', 'tin-tuc/tiep-nhan-ho-so-qua-buu-chinh', { views: 221 }],
    ['2021-07-23', 'website_post', 7, 'Giải pháp nâng cao mức độ hài lòng của người dân đối với dịch vụ giáo dục công', 'tin-tuc/giai-phap-nang-cao-su-hai-long', { views: 356 }],
    ['2021-08-18', 'video', 8, 'Video clip tuyên truyền CCHC của Trường THPT Hoàng Diệu (dự thi năm 2020)', 'video/clip-cchc-thpt-hoang-dieu', { views: 890 }],
    ['2021-08-25', 'video', 8, 'Video clip tuyên truyền CCHC của Trung tâm GDTX tỉnh (dự thi năm 2020)', 'video/clip-cchc-gdtx', { views: 604 }],
    ['2021-09-20', 'contest', 9, 'Công chức, viên chức Sở GDĐT tham gia Hội thi trực tuyến tìm hiểu CCHC năm 2021', 'tin-tuc/hoi-thi-truc-tuyen-cchc-2021', { participants: 46 }],
    ['2021-10-12', 'survey', 10, 'Khảo sát mức độ hài lòng của cha mẹ học sinh đối với dịch vụ giáo dục công năm 2021', 'khao-sat/su-hai-long-2021', { respondents: 1350 }],
    ['2021-10-20', 'website_post', 10, 'Phương án đo lường sự hài lòng của người dân về dịch vụ giáo dục công năm 2021', 'tin-tuc/phuong-an-do-luong-su-hai-long-2021', { views: 265 }],
  ],
  CNTT: [
    ['2021-02-24', 'meeting', 2, 'Tổ CNTT họp phổ biến Kế hoạch tuyên truyền CCHC năm 2021', null, { participants: 6 }],
    ['2021-06-18', 'procedure_listing', 6, 'Cập nhật 86 TTHC dịch vụ công trực tuyến mức độ 3, 4 trên phần mềm một cửa điện tử', 'thu-tuc-hanh-chinh/dich-vu-cong-muc-do-3-4'],
  ],
  VP: [
    ['2021-02-26', 'meeting', 2, 'Văn phòng Sở họp phổ biến Kế hoạch tuyên truyền CCHC năm 2021', null, { participants: 12 }],
    ['2021-06-25', 'procedure_listing', 6, 'Rà soát, niêm yết công khai 112 TTHC thuộc thẩm quyền giải quyết của Sở GDĐT trên phần mềm một cửa điện tử', 'thu-tuc-hanh-chinh/danh-muc-tthc-2021'],
    ['2021-11-26', 'meeting', 11, 'Lồng ghép tuyên truyền kết quả CCHC năm 2021 tại cuộc họp giao ban cơ quan Sở', null, { participants: 35 }],
  ],
  GDTRH: [
    ['2021-02-25', 'meeting', 2, 'Phòng GDTrH quán triệt Kế hoạch tuyên truyền CCHC năm 2021', null, { participants: 9 }],
    ['2021-11-19', 'meeting', 11, 'Hội nghị giao ban hiệu trưởng các trường THPT: tuyên truyền kết quả CCHC năm 2021', 'tin-tuc/giao-ban-hieu-truong-thpt-11-2021', { participants: 62 }],
  ],
  GDTH: [
    ['2021-02-24', 'meeting', 2, 'Phòng GDTH phổ biến Kế hoạch CCHC và Kế hoạch tuyên truyền CCHC năm 2021', null, { participants: 7 }],
    ['2021-02-26', 'website_post', 2, 'Phòng GDTH triển khai Kế hoạch tuyên truyền CCHC năm 2021 đến các phòng GDĐT', 'tin-tuc/gdth-trien-khai-ke-hoach-tuyen-truyen-cchc', { views: 143 }],
  ],
  'THPT-HD': [
    ['2021-03-10', 'website_post', 'own1', 'Trường THPT Hoàng Diệu ban hành Kế hoạch tuyên truyền CCHC năm 2021', 'tin-tuc/ke-hoach-tuyen-truyen-cchc-2021', { views: 215 }],
    ['2021-03-25', 'meeting', 'own2', 'Họp hội đồng sư phạm triển khai Kế hoạch tuyên truyền CCHC năm 2021', null, { participants: 80 }],
    ['2021-04-20', 'website_post', 4, 'Chỉ số CCHC năm 2020: Trường THPT Hoàng Diệu đạt loại Tốt', 'tin-tuc/chi-so-cchc-2020', { views: 180 }],
    ['2021-05-14', 'meeting', 'own2', 'Lồng ghép tuyên truyền CCHC trong cuộc họp hội đồng sư phạm tháng 5/2021', null, { participants: 78 }],
    ['2021-08-12', 'website_post', 'own1', 'Hướng dẫn cha mẹ học sinh nộp hồ sơ chuyển trường trên Cổng dịch vụ công', 'tin-tuc/huong-dan-chuyen-truong-truc-tuyen', { views: 342 }],
    ['2021-09-18', 'contest', 9, 'Giáo viên Trường THPT Hoàng Diệu tham gia Hội thi trực tuyến tìm hiểu CCHC năm 2021', null, { participants: 64 }],
    ['2021-11-08', 'website_post', 'own1', 'Kết quả thực hiện công tác CCHC năm học 2020 – 2021 của nhà trường', 'tin-tuc/ket-qua-cchc-nam-hoc-2020-2021', { views: 198 }],
  ],
  'THPT-NTMK': [
    ['2021-02-18', 'website_post', null, 'Tuyên truyền Kế hoạch tuyên truyền CCHC năm 2021 của Sở GDĐT', 'tin-tuc/ke-hoach-tuyen-truyen-cchc-2021-so-gddt', { views: 167 }],
    ['2021-04-22', 'website_post', 4, 'Công bố Chỉ số CCHC năm 2020 của Trường THPT Chuyên Nguyễn Thị Minh Khai', 'tin-tuc/chi-so-cchc-2020', { views: 254 }],
    ['2021-07-15', 'website_post', null, 'Hướng dẫn đăng ký xét tuyển đại học trực tuyến năm 2021', 'tin-tuc/dang-ky-xet-tuyen-truc-tuyen-2021', { views: 1012 }],
    ['2021-09-17', 'contest', 9, 'Trường THPT Chuyên Nguyễn Thị Minh Khai hưởng ứng Hội thi trực tuyến tìm hiểu CCHC năm 2021', null, { participants: 52 }],
    ['2021-10-26', 'website_post', null, 'Triển khai khảo sát sự hài lòng của cha mẹ học sinh năm 2021', 'tin-tuc/khao-sat-su-hai-long-2021', { views: 189 }],
    ['2021-10-29', 'survey', null, 'Khảo sát sự hài lòng của cha mẹ học sinh đối với nhà trường năm 2021', null, { respondents: 420 }],
  ],
  'THPT-LLQ': [
    ['2021-03-16', 'website_post', null, 'Quán triệt Kế hoạch tuyên truyền CCHC năm 2021 đến toàn thể viên chức nhà trường', 'tin-tuc/quan-triet-ke-hoach-cchc-2021', { views: 96 }],
    ['2021-05-20', 'meeting', null, 'Lồng ghép tuyên truyền CCHC trong cuộc họp hội đồng sư phạm tháng 5/2021', null, { participants: 45 }],
    ['2021-09-22', 'contest', 9, 'Viên chức Trường THPT Lê Lợi tham gia Hội thi trực tuyến tìm hiểu CCHC năm 2021', null, { participants: 30 }],
    ['2021-11-15', 'website_post', null, 'Tuyên truyền dịch vụ công trực tuyến đến cha mẹ học sinh', 'tin-tuc/dich-vu-cong-truc-tuyen', { views: 121 }],
  ],
  GDTX: [
    ['2021-03-05', 'website_post', null, 'Trung tâm GDTX tỉnh triển khai Kế hoạch tuyên truyền CCHC năm 2021', 'tin-tuc/trien-khai-ke-hoach-tuyen-truyen-cchc-2021', { views: 88 }],
    ['2021-04-27', 'website_post', 4, 'Chỉ số CCHC năm 2020 của Trung tâm GDTX tỉnh', 'tin-tuc/chi-so-cchc-2020', { views: 102 }],
    ['2021-08-20', 'website_post', null, 'Hướng dẫn đăng ký học chương trình GDTX cấp THPT trực tuyến', 'tin-tuc/dang-ky-hoc-truc-tuyen', { views: 230 }],
    ['2021-09-20', 'contest', 9, 'Viên chức Trung tâm GDTX tỉnh tham gia Hội thi trực tuyến tìm hiểu CCHC năm 2021', null, { participants: 25 }],
    ['2021-12-10', 'website_post', null, 'Trung tâm GDTX tỉnh tổng kết công tác CCHC năm 2021', 'tin-tuc/tong-ket-cchc-2021', { views: 75 }],
  ],
};

// [task (as above), unit, progress, completedOn, note]: the leads' parts decide the tasks' progress.
type DemoPart = [Exclude<TaskRef, null>, string, Progress, string | null, string | null];
const PARTS: DemoPart[] = [
  [1, 'TCCB', 'done', '2021-02-05', 'Đăng sau khi Kế hoạch tuyên truyền được ban hành (03/02/2021).'],
  [1, 'CNTT', 'done', '2021-02-05', 'Hỗ trợ đăng tải trên website Sở.'],
  ...(['TCCB', 'CNTT', 'GDTH', 'GDTRH', 'VP', 'KHTC'] as const).map((code, i): DemoPart => [2, code, 'done', ['2021-02-23', '2021-02-24', '2021-02-24', '2021-02-25', '2021-02-26', '2021-02-26'][i]!, null]),
  [3, 'TCCB', 'done', '2021-03-22', null],
  [4, 'TCCB', 'done', '2021-04-15', null],
  [4, 'THPT-HD', 'done', '2021-04-20', 'Đăng lại trên chuyên mục CCHC của trường.'],
  [4, 'THPT-NTMK', 'done', '2021-04-22', null],
  [4, 'GDTX', 'done', '2021-04-27', null],
  [5, 'TCCB', 'done', '2021-05-28', null],
  [5, 'CNTT', 'done', '2021-05-20', 'Dựng và đăng video hướng dẫn.'],
  [6, 'VP', 'done', '2021-06-25', null],
  [6, 'CNTT', 'done', '2021-06-18', null],
  [7, 'TCCB', 'done', '2021-07-23', null],
  [8, 'TCCB', 'done', '2021-08-25', null],
  [9, 'TCCB', 'done', '2021-09-20', null],
  [9, 'THPT-HD', 'done', '2021-09-18', null],
  [9, 'THPT-NTMK', 'done', '2021-09-17', null],
  [9, 'THPT-LLQ', 'done', '2021-09-22', null],
  [9, 'GDTX', 'done', '2021-09-20', null],
  [10, 'TCCB', 'done', '2021-11-05', 'Phiếu khảo sát thu về chậm hơn dự kiến.'],
  [11, 'VP', 'done', '2021-11-26', null],
  [11, 'GDTRH', 'done', '2021-11-19', null],
  [11, 'TCCB', 'in_progress', null, 'Lồng ghép vào hội nghị tổng kết năm.'],
  [12, 'TCCB', 'in_progress', null, 'Đang tổng hợp số liệu hồ sơ TTHC năm 2021.'],
  ['own1', 'THPT-HD', 'done', '2021-11-08', 'Đủ 04 tin, bài (mỗi quý ít nhất 01).'],
  ['own2', 'THPT-HD', 'done', '2021-05-14', null],
];

/** THPT-HD's own plan, built from the seed plan (section IV.1) and quantified as it asks. */
function ownPlan(hd: string, seed: PlanDetail): PlanCreate {
  return {
    issuerUnitId: hd,
    year: 2021,
    title: OWN_PLAN_TITLE,
    parentPlanId: seed.id,
    legalBases: [{ number: seed.number!, date: seed.issuedOn, issuer: 'Sở Giáo dục và Đào tạo tỉnh Sóc Trăng', title: seed.title, planId: seed.id }],
    objectives: ['Nâng cao nhận thức của viên chức, học sinh và cha mẹ học sinh về công tác CCHC và dịch vụ công trực tuyến.'],
    tasks: [
      { content: 'Đăng tin, bài về CCHC trên chuyên mục CCHC của website nhà trường, ít nhất 01 tin, bài mỗi quý.', forms: ['website_post'], assignees: [{ role: 'lead', unitId: hd }], duePeriod: '2021', target: { count: 4, unit: 'tin, bài' } },
      { content: 'Lồng ghép tuyên truyền CCHC trong các cuộc họp hội đồng sư phạm.', forms: ['meeting'], assignees: [{ role: 'lead', unitId: hd }], duePeriod: '2021-H1', target: { count: 2, unit: 'cuộc họp' } },
    ],
  };
}

async function planCalled(db: Kysely<Database>, issuerUnitCode: string, title: string): Promise<PlanDetail | null> {
  const { items } = await listPlans(db, { issuerUnitCode, year: 2021, limit: 200 });
  const plan = items.find((p) => p.title === title);
  return plan ? getPlan(db, plan.id) : null;
}

/** THPT-HD's own plan, made and issued unless it is there; `added` is 1 when it was made now. */
async function ensureOwnPlan(db: Kysely<Database>, actor: Actor, hd: string, seed: PlanDetail): Promise<{ plan: PlanDetail; added: number }> {
  let plan = await planCalled(db, 'THPT-HD', OWN_PLAN_TITLE);
  const added = plan ? 0 : 1;
  plan ??= await createPlan(db, actor, ownPlan(hd, seed));
  if (plan.status === 'draft') {
    await issuePlan(db, actor, plan.id, null, OWN_PLAN_ISSUED_ON);
    plan = await getPlan(db, plan.id);
  }
  return { plan, added };
}

/** Adds the demo activities and parts that are missing, and THPT-HD's own plan; returns how many activities and plans it added. */
export async function seedDemoActivities(db: Kysely<Database>, actor: Actor): Promise<{ activities: number; plans: number }> {
  const seed = await planCalled(db, 'SGDDT', SEED_PLAN_TITLE);
  if (!seed) throw new Error('The demo activities need the seed plan; load it first.');
  const units = await unitIdsByCode(db, [...Object.keys(ACTIVITIES), 'KHTC']);
  const unit = (code: string) => {
    const id = units.get(code);
    if (!id) throw new Error(`The demo activities need the unit ${code}; load the demo units first.`);
    return id;
  };
  const own = await ensureOwnPlan(db, actor, unit('THPT-HD'), seed);
  const task = (ref: Exclude<TaskRef, null>) => {
    const [plan, ordinal] = typeof ref === 'number' ? [seed, ref] : [own.plan, Number(ref.slice(3))];
    return { planId: plan.id, taskId: plan.tasks.find((t) => t.ordinal === ordinal)!.id };
  };

  let activities = 0;
  for (const [code, rows] of Object.entries(ACTIVITIES)) {
    const unitId = unit(code);
    for (const [occurredOn, form, ref, title, path, figures] of rows) {
      const sameDay = await findActivities(db, { unitId, from: occurredOn, to: occurredOn });
      if (sameDay.some((a) => a.title === title)) continue;
      const evidenceUrl = path ? `${SITES[code] ?? DEPARTMENT_SITE}/cchc/${path}` : null;
      await createActivity(db, actor, { unitId, form, title, occurredOn, evidenceUrl, taskId: ref === null ? null : task(ref).taskId, figures });
      activities++;
    }
  }
  // A part is recorded only while nothing is: a second load, or a unit's own later entry, is left alone.
  for (const [ref, code, progress, completedOn, note] of PARTS) {
    const { planId, taskId } = task(ref);
    if ((await getPart(db, planId, taskId, unit(code))).progress !== 'not_started') continue;
    await updatePart(db, actor, planId, taskId, unit(code), null, { progress, completedOn, note });
  }
  return { activities, plans: own.added };
}
