// The demo's citizens' questions of 2021 and the year's non-working days: a dozen questions in
// every state (published, one after Tết, one late, one returned and reassigned; answered; assigned
// and received, both overdue; closed before and after an answer; one whose asker's data was erased),
// each step on its own date. Each is made only when missing (by its subject).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { unitIdsByCode } from '../units/units.service.js';
import { findDay } from './calendar.repository.js';
import { addNonWorkingDay } from './calendar.service.js';
import { questionWithSubjectExists } from './questions.repository.js';
import type { QuestionCreate } from './questions.schemas.js';
import { createQuestion, viewerOf } from './questions.service.js';
import type { QuestionChannel } from './questions.table.js';
import { answerQuestion, assignQuestion, closeQuestion, erasePersonalData, publishQuestion, returnQuestion } from './questions.workflow.js';

/** The demo's units: the Office is VP, and a question is due in five working days. */
const SETTINGS = { officeUnitCode: 'VP', responseDays: 5 };

/** 2021's weekdays off: New Year, Tết (10–16 February), the Hùng Kings, 30 April, 3 May in lieu of 1 May (a Saturday), National Day. */
const NON_WORKING_DAYS_2021: Array<[string, string]> = [
  ['2021-01-01', 'Tết Dương lịch'],
  ...['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'].map((day): [string, string] => [day, 'Tết Nguyên đán']),
  ['2021-04-21', 'Giỗ Tổ Hùng Vương'],
  ['2021-04-30', 'Ngày Chiến thắng'],
  ['2021-05-03', 'Nghỉ bù Ngày Quốc tế Lao động'],
  ['2021-09-02', 'Quốc khánh'],
  ['2021-09-03', 'Nghỉ Quốc khánh'],
];

/** A moment of a Vietnam working day (09:00, UTC+7). */
const at = (date: string) => new Date(`${date}T02:00:00.000Z`);

type Step =
  | ['assign', string, string, string?]
  | ['return', string, string]
  | ['answer', string, string]
  | ['publish', string, string?]
  | ['close', string, string]
  | ['erase', string];

interface DemoQuestion {
  channel: QuestionChannel;
  on: string;
  subject: string;
  question: string;
  asker: QuestionCreate['asker'];
  steps: Step[];
}

const page = (n: number) => `https://sgddt.soctrang.gov.vn/hoi-dap/cau-hoi-${n}`;

const QUESTIONS: DemoQuestion[] = [
  {
    channel: 'qa', on: '2021-01-18',
    subject: 'Thủ tục chuyển trường cho học sinh THPT',
    question: 'Con tôi đang học lớp 11 ở TP Hồ Chí Minh, gia đình chuyển về Sóc Trăng. Xin hỏi thủ tục chuyển trường gồm những giấy tờ gì và nộp ở đâu?',
    asker: { name: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan.nguyen@example.vn' },
    steps: [
      ['assign', '2021-01-18', 'GDTRH'],
      ['answer', '2021-01-21', 'Hồ sơ gồm đơn xin chuyển trường, học bạ, giấy giới thiệu của trường nơi đi; nộp tại trường THPT nơi đến, trường xem xét tiếp nhận theo quy định.'],
      ['publish', '2021-01-22', page(101)],
    ],
  },
  {
    channel: 'hotline', on: '2021-02-05',
    subject: 'Lịch nghỉ Tết Nguyên đán Tân Sửu của học sinh',
    question: 'Phụ huynh hỏi học sinh trên địa bàn tỉnh được nghỉ Tết Nguyên đán từ ngày nào đến ngày nào.',
    asker: { name: 'Trần Văn Hùng', phone: '0299382112' },
    steps: [
      ['answer', '2021-02-08', 'Học sinh nghỉ Tết từ ngày 08/02/2021 đến hết ngày 21/02/2021 theo Kế hoạch thời gian năm học của UBND tỉnh.'],
      ['publish', '2021-02-09'],
    ],
  },
  {
    channel: 'qa', on: '2021-02-08',
    subject: 'Cấp bản sao bằng tốt nghiệp THPT bị mất',
    question: 'Tôi tốt nghiệp THPT năm 2005, nay bị mất bằng. Xin hỏi thủ tục cấp bản sao bằng tốt nghiệp từ sổ gốc?',
    asker: { name: 'Lê Minh Tâm', phone: '+84938123456', email: 'tam.le@example.vn', address: 'Thị xã Vĩnh Châu, tỉnh Sóc Trăng' },
    steps: [
      ['assign', '2021-02-08', 'GDTRH'],
      ['answer', '2021-02-22', 'Người đề nghị nộp đơn theo mẫu tại bộ phận Một cửa của Sở hoặc qua Cổng dịch vụ công; Sở cấp bản sao từ sổ gốc trong ngày làm việc.'],
      ['publish', '2021-02-23', page(102)],
    ],
  },
  {
    channel: 'email', on: '2021-03-15',
    subject: 'Tuyển dụng viên chức giáo viên năm 2021',
    question: 'Năm 2021 Sở có tổ chức tuyển dụng giáo viên THPT không, chỉ tiêu và thời gian nộp hồ sơ thế nào?',
    asker: { name: 'Phạm Thị Hồng', email: 'hong.pham@example.vn' },
    steps: [
      ['assign', '2021-03-15', 'GDTH'],
      ['return', '2021-03-16', 'Nội dung tuyển dụng thuộc thẩm quyền Phòng Tổ chức cán bộ.'],
      ['assign', '2021-03-16', 'TCCB'],
      ['answer', '2021-03-26', 'Kế hoạch tuyển dụng viên chức năm 2021 sẽ được thông báo công khai trên Cổng thông tin điện tử của Sở sau khi UBND tỉnh phê duyệt chỉ tiêu.'],
      ['publish', '2021-03-29', page(103)],
    ],
  },
  {
    channel: 'qa', on: '2021-04-19',
    subject: 'Hồ sơ xét tuyển vào lớp 10',
    question: 'Hồ sơ xét tuyển vào lớp 10 năm học 2021-2022 gồm những gì, có cần bản sao giấy khai sinh không?',
    asker: { name: 'Võ Thanh Bình', phone: '0987654321' },
    steps: [
      ['assign', '2021-04-19', 'GDTRH'],
      ['answer', '2021-04-23', 'Hồ sơ gồm phiếu đăng ký, bản sao giấy khai sinh hợp lệ, học bạ THCS và giấy chứng nhận tốt nghiệp THCS tạm thời.'],
    ],
  },
  {
    channel: 'hotline', on: '2021-05-10',
    subject: 'Phản ánh thu các khoản ngoài học phí',
    question: 'Phụ huynh phản ánh trường thu nhiều khoản ngoài quy định đầu học kỳ II.',
    asker: { name: 'Đặng Văn Lợi', phone: '0355123789' },
    steps: [['assign', '2021-05-10', 'KHTC', 'Kiểm tra, trả lời phụ huynh trước ngày 17/5.']],
  },
  {
    channel: 'in_person', on: '2021-06-07',
    subject: 'Chế độ chính sách đối với giáo viên hợp đồng',
    question: 'Giáo viên hợp đồng lao động tại trường công lập có được hưởng phụ cấp ưu đãi nghề không?',
    asker: { name: 'Huỳnh Thị Mai', phone: '0918765432', address: 'Huyện Kế Sách, tỉnh Sóc Trăng' },
    steps: [],
  },
  {
    channel: 'qa', on: '2021-06-14',
    subject: 'Hỏi lại về thủ tục chuyển trường THPT',
    question: 'Cho tôi hỏi chuyển trường cho con học lớp 11 cần giấy tờ gì?',
    asker: { name: 'Ngô Văn Phúc', email: 'phuc.ngo@example.vn' },
    steps: [['close', '2021-06-15', 'Trùng nội dung với câu hỏi đã trả lời và công khai ngày 22/01/2021.']],
  },
  {
    channel: 'email', on: '2021-07-05',
    subject: 'Đăng ký dự thi tốt nghiệp THPT tự do',
    question: 'Tôi là thí sinh tự do, muốn đăng ký dự thi tốt nghiệp THPT năm 2021 thì nộp hồ sơ ở đâu?',
    asker: { name: 'Trương Quốc Anh', email: 'anh.truong@example.vn' },
    steps: [
      ['assign', '2021-07-05', 'GDTRH'],
      ['answer', '2021-07-08', 'Thí sinh tự do nộp hồ sơ tại các điểm tiếp nhận do Sở quy định; đã trả lời trực tiếp qua thư điện tử.'],
      ['close', '2021-07-09', 'Người hỏi đề nghị không công khai câu hỏi.'],
    ],
  },
  {
    channel: 'qa', on: '2021-09-01',
    subject: 'Thời gian tựu trường năm học 2021-2022',
    question: 'Học sinh tiểu học tựu trường năm học 2021-2022 vào ngày nào, học trực tiếp hay trực tuyến?',
    asker: { name: 'Lý Thị Thu', phone: '0909111222' },
    steps: [
      ['assign', '2021-09-01', 'GDTH'],
      ['answer', '2021-09-06', 'Học sinh tiểu học tựu trường từ ngày 06/9/2021; hình thức học theo tình hình dịch bệnh tại từng địa phương.'],
      ['publish', '2021-09-07', page(104)],
    ],
  },
  {
    channel: 'hotline', on: '2021-10-11',
    subject: 'Học trực tuyến trong thời gian giãn cách',
    question: 'Gia đình không có máy tính, con học trực tuyến thế nào?',
    asker: { name: 'Châu Văn Sang', phone: '0944555666', address: 'Thành phố Sóc Trăng' },
    steps: [
      ['answer', '2021-10-11', 'Nhà trường hỗ trợ học liệu in và thiết bị từ chương trình "Sóng và máy tính cho em"; phụ huynh liên hệ giáo viên chủ nhiệm.'],
      ['publish', '2021-10-12'],
      ['erase', '2021-11-02'],
    ],
  },
  {
    channel: 'qa', on: '2021-12-06',
    subject: 'Miễn, giảm học phí năm học 2021-2022',
    question: 'Học sinh thuộc hộ cận nghèo có được miễn, giảm học phí năm học 2021-2022 không, hồ sơ gồm những gì?',
    asker: { name: 'Tô Thị Ngọc', phone: '0977888999', email: 'ngoc.to@example.vn' },
    steps: [
      ['assign', '2021-12-06', 'KHTC'],
      ['answer', '2021-12-09', 'Học sinh thuộc hộ cận nghèo được giảm 50% học phí; hồ sơ gồm đơn và bản sao giấy chứng nhận hộ cận nghèo, nộp tại trường.'],
      ['publish', '2021-12-10', page(105)],
    ],
  },
];

/** Adds the non-working days and questions that are missing; returns how many questions it added. */
export async function seedDemoQuestions(db: Kysely<Database>, actor: Actor): Promise<number> {
  for (const [day, name] of NON_WORKING_DAYS_2021) if (!(await findDay(db, day))) await addNonWorkingDay(db, actor, { day, name });
  const viewer = await viewerOf(db, actor, SETTINGS);
  const units = await unitIdsByCode(db, ['GDTRH', 'GDTH', 'TCCB', 'KHTC']);
  let added = 0;
  for (const q of QUESTIONS) {
    if (await questionWithSubjectExists(db, q.subject)) continue;
    const { id } = await createQuestion(db, actor, SETTINGS, { channel: q.channel, receivedAt: at(q.on).toISOString(), subject: q.subject, question: q.question, asker: q.asker });
    for (const step of q.steps) {
      const when = at(step[1]);
      if (step[0] === 'assign') await assignQuestion(db, viewer, id, null, { unitId: units.get(step[2])!, ...(step[3] ? { note: step[3] } : {}) }, when);
      else if (step[0] === 'return') await returnQuestion(db, viewer, id, null, step[2], when);
      else if (step[0] === 'answer') await answerQuestion(db, viewer, id, null, step[2], when);
      else if (step[0] === 'publish') await publishQuestion(db, viewer, id, null, step[2] ? { url: step[2] } : {}, when);
      else if (step[0] === 'close') await closeQuestion(db, viewer, id, null, step[2], when);
      else await erasePersonalData(db, viewer, id, null, when);
    }
    added++;
  }
  return added;
}
