// The seed plan: "Kế hoạch tuyên truyền CCHC năm 2021" of the Sóc Trăng Department of Education and
// Training (shared/seed), as the document has it, with its appendix of 12 tasks. Issued on
// 03/02/2021, the date of its digital signature, so it is numbered as a February 2021 plan of SGDDT.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { UNIT_GROUPS, type UnitGroup } from '../units/units.table.js';
import { unitIdsByCode } from '../units/units.service.js';
import { findPlanByTitle } from './plans.repository.js';
import type { PlanCreate } from './plans.schemas.js';
import { createPlan, issuePlan } from './plans.service.js';
import type { TaskCreate } from '../tasks/tasks.schemas.js';
import type { Form } from '../tasks/tasks.table.js';

export const SEED_PLAN_TITLE = 'Tuyên truyền cải cách hành chính năm 2021';
export const SEED_PLAN_ISSUED_ON = '2021-02-03';

type Who = string; // a unit code, or a group name

// ordinal order; [content, forms, form as written, lead, coordinator, month]
const APPENDIX: Array<[string, Form[], string, Who, Who, number]> = [
  ['Tuyên truyền kế hoạch thực hiện CCHC năm 2021; tuyên truyền ban hành tiêu chí chấm điểm CCHC.', ['website_post'], 'Đăng tin kèm theo KH trên website', 'TCCB', 'CNTT', 1],
  ['Phổ biến KH CCHC và KH tuyên truyền CCHC năm 2021.', ['meeting', 'website_post'], 'Trong cuộc họp; đăng web', 'divisions', 'CNTT', 2],
  ['Tuyên truyền kết quả điều tra sự hài lòng của người dân đối với dịch vụ giáo dục công lập năm 2020.', ['website_post'], 'Đăng website', 'TCCB', 'CNTT', 3],
  ['Công bố chỉ số CCHC các đơn vị trực thuộc năm 2020.', ['website_post'], 'Đăng bài', 'TCCB', 'affiliated', 4],
  ['Tuyên truyền kết quả thực hiện CCHC 6 tháng đầu năm 2021; đăng video clip hướng dẫn thực hiện dịch vụ công trực tuyến.', ['website_post', 'video'], 'Đăng trên website', 'TCCB', 'CNTT', 5],
  ['Rà soát, niêm yết công khai các TTHC thuộc thẩm quyền giải quyết tại phần mềm một cửa điện tử.', ['procedure_listing'], 'Đăng trên phần mềm', 'VP', 'CNTT', 6],
  ['Đánh giá kết quả và đề xuất giải pháp nâng cao mức độ hài lòng của người dân về dịch vụ giáo dục', ['website_post'], 'Bài đăng web', 'TCCB', 'CNTT', 7],
  ['Đăng video clip tuyên truyền CCHC của các đơn vị (sản phẩm dự thi CCHC năm 2020).', ['video'], 'Đăng website', 'TCCB', 'CNTT', 8],
  ['Cử công chức, viên chức tham gia hội thi trực tuyến CCHC do Sở Nội vụ tổ chức', ['contest'], 'Qua Hội thi', 'TCCB', 'all_units', 9],
  ['Tuyên truyền phương án đo lường sự hài lòng của người dân về dịch vụ giáo dục công năm 2021.', ['survey', 'website_post'], 'Quá trình điều tra + Bài đăng website', 'TCCB', 'CNTT', 10],
  ['Tuyên truyền kết quả thực hiện CCHC năm 2021.', ['meeting', 'website_post'], 'Trong cuộc họp; đăng web', 'divisions', 'CNTT', 11],
  ['Tuyên truyền về kết quả tiếp nhận giải quyết hồ sơ TTHC tại Bộ phận TNHS&TKQ năm 2021.', ['website_post'], 'Đăng tin trên website', 'TCCB', 'CNTT', 12],
];

function seedPlan(unit: (code: string) => string): PlanCreate {
  const who = (w: Who) => ((UNIT_GROUPS as readonly string[]).includes(w) ? { group: w as UnitGroup } : { unitId: unit(w) });
  const tasks: TaskCreate[] = APPENDIX.map(([content, forms, formNote, lead, coordinator, month]) => ({
    content,
    forms,
    formNote,
    assignees: [{ role: 'lead', ...who(lead) }, { role: 'coordinator', ...who(coordinator) }],
    duePeriod: `2021-${String(month).padStart(2, '0')}`,
  }));
  return {
    issuerUnitId: unit('SGDDT'),
    year: 2021,
    title: SEED_PLAN_TITLE,
    documentType: 'KH',
    legalBases: [
      { number: '19/KH-UBND', date: '2021-01-26', issuer: 'Ủy ban nhân dân tỉnh Sóc Trăng', title: 'tuyên truyền cải cách hành chính (CCHC) tỉnh Sóc Trăng năm 2021' },
      { number: '49/KH-SGDĐT', date: '2020-01-14', issuer: 'Sở Giáo dục và Đào tạo (GDĐT)', title: 'việc thực hiện CCHC năm 2020' },
    ],
    objectives: [
      'Nâng cao vai trò, trách nhiệm của cấp ủy Đảng, chính quyền và người đứng đầu tổ chức, đơn vị trong việc tích cực tham gia công tác tuyên truyền CCHC để thực hiện tốt các nhiệm vụ CCHC đã đề ra trong năm 2021;',
      'Tăng sự hiểu biết của cá nhân, tổ chức về công tác CCHC, về việc sử dụng dịch vụ công trực tuyến.',
      'Phát huy vai trò của các đơn vị sự nghiệp giáo dục, của đội ngũ công chức, viên chức trong việc đưa tin, bài, văn bản chỉ đạo, điều hành về CCHC nhằm tuyên truyền công tác CCHC đến người dân.',
    ],
    requirements: [
      'Đa dạng các hình thức tuyên truyền; ứng dụng công nghệ thông tin vào hoạt động tuyên truyền;',
      'Công tác phổ biến, tuyên truyền phải kịp thời, đầy đủ, thường xuyên, hiệu quả;',
      'Nhiệm vụ công tác tuyên truyền CCHC phải cụ thể, rõ ràng, định lượng được nội dung công việc.',
    ],
    audience: 'Toàn thể đảng viên, công chức, viên chức trong cơ quan và các đơn vị trực thuộc; các tổ chức, cá nhân có liên quan.',
    scope:
      'Nội dung tuyên truyền liên quan đến Kế hoạch CCHC năm 2021 của Sở GDĐT; kết quả thực hiện công tác CCHC và các nội dung khác có liên quan đến công tác CCHC theo chỉ đạo của UBND tỉnh.',
    contents: [
      'Tuyên truyền, phổ biến các nội dung của kế hoạch thực hiện CCHC năm 2021 của cơ quan, đơn vị;',
      'Tuyên truyền kết quả nổi bật trong thực hiện nhiệm vụ CCHC năm 2021 như: kết quả tiếp nhận giải quyết hồ sơ thủ tục hành chính; kết quả thực hiện công tác CCHC; kết quả đo lường sự hài lòng của người dân về dịch vụ giáo dục công;',
      'Tuyên truyền tính tiện ích và hướng dẫn cá nhân, tổ chức sử dụng dịch vụ công trực tuyến trong tiếp nhận và giải quyết hồ sơ thủ tục hành chính;',
    ],
    forms: [
      { form: 'website_post', description: 'Đăng tải tin, bài, văn bản chỉ đạo, điều hành có liên quan đến công tác CCHC trên trang thông tin điện tử của cơ quan, đơn vị (chuyên trang CCHC) và chuyên trang CCHC của tỉnh;' },
      { form: 'video', description: 'Đăng tải video clip tuyên truyền CCHC trên website, chuyên mục CCHC;' },
      { form: 'meeting', description: 'Lồng ghép tuyên truyền CCHC trong cuộc họp tại đơn vị;' },
      { form: 'contest', description: 'Tuyên truyền qua hội thi về CCHC;' },
      { form: 'procedure_listing', description: 'Niêm yết công khai các thủ tục hành chính tại phần mềm một cửa điện tử;' },
      { form: 'survey', description: 'Tuyên truyền qua công tác điều tra xã hội học mức độ hài lòng của người dân về dịch vụ giáo dục công;' },
      { form: 'qa', description: 'Qua thực hiện chuyên mục Hỏi – đáp trên website cơ quan;' },
      { form: 'hotline', description: 'tiếp nhận và trả lời người dân qua đường dây nóng đã công bố.' },
    ],
    fundingSource: 'Kinh phí thực hiện tuyên truyền CCHC năm 2021 được bố trí trong nguồn kinh phí hoạt động thường xuyên của cơ quan, đơn vị.',
    recipients: [
      { text: 'Sở Nội vụ (để báo cáo);', unitId: unit('SNV') },
      { text: 'Các đơn vị thuộc và trực thuộc;' },
      { text: 'Tổ CNTT (đăng website);', unitId: unit('CNTT') },
      { text: 'Lưu: VT, TCCB.' },
    ],
    signer: { name: 'Châu Tuấn Hồng', title: 'GIÁM ĐỐC' },
    obligations: [
      {
        kind: 'own_plan',
        group: 'affiliated',
        minCount: 1,
        per: 'year',
        description:
          'Thủ trưởng các đơn vị trực thuộc, căn cứ Kế hoạch này và tình hình thực tế của đơn vị, xây dựng và tổ chức thực hiện kế hoạch tuyên truyền CCHC năm 2021 ở đơn vị (Lưu ý: Kế hoạch tuyên truyền CCHC cần định lượng được nội dung công việc);',
      },
      { kind: 'publish', group: 'affiliated', forms: ['website_post'], minCount: 1, per: 'quarter', description: 'thực hiên đăng tải tin, bài liên quan đến CCHC trên chuyên mục CCHC – website của đơn vị ít nhất 01 tin, bài/ quý;' },
      { kind: 'report', group: 'affiliated', minCount: 1, per: 'half_year', description: 'báo cáo kết quả thực hiện công tác tuyên truyền CCHC về Sở GDĐT theo định kỳ 6 tháng, năm (có thể lồng ghép trong báo cáo CCHC).' },
      {
        kind: 'publish',
        unitId: unit('TCCB'),
        forms: ['website_post', 'video'],
        description:
          'Phòng Tổ chức cán bộ, ngoài các nhiệm vụ đã đề ra trong phần phụ lục, phối hợp với Tổ Công nghệ thông tin đăng tải bổ sung tin, bài, video clip, văn bản chỉ đạo, điều hành trên website cơ quan; cộng tác đăng tin, bài trên chuyên trang CCHC của tỉnh, đảm bảo thực hiện đúng mục tiêu, yêu cầu tuyên truyền CCHC năm 2021.',
      },
      {
        kind: 'answer_inquiries',
        unitId: unit('VP'),
        forms: ['hotline', 'qa'],
        description: 'Văn phòng tiếp nhận, trả lời hoặc đề xuất phòng chuyên môn, nghiệp vụ trả lời các ý kiến của người dân trên qua đường dây nóng và qua chuyên mục Hỏi - đáp.',
      },
    ],
    tasks,
  };
}

/** Adds and issues the seed plan unless the Department already has it; returns how many it added. */
export async function seedDemoPlan(db: Kysely<Database>, actor: Actor): Promise<number> {
  const ids = await unitIdsByCode(db, ['SGDDT', 'VP', 'TCCB', 'CNTT', 'SNV']);
  const unit = (code: string) => {
    const id = ids.get(code);
    if (!id) throw new Error(`The seed plan needs the unit ${code}; load the demo units first.`);
    return id;
  };
  const existing = await findPlanByTitle(db, unit('SGDDT'), 2021, SEED_PLAN_TITLE);
  if (existing?.status === 'draft') await issuePlan(db, actor, existing.id, null, SEED_PLAN_ISSUED_ON); // an earlier seed stopped half-way
  if (existing) return 0;
  const plan = await createPlan(db, actor, seedPlan(unit));
  await issuePlan(db, actor, plan.id, null, SEED_PLAN_ISSUED_ON);
  return 1;
}
