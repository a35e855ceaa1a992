// The benchmark's data on a PostgreSQL server: 600 units and 600 issued plans of 12 tasks each
// (7,200 tasks), made once in the database cchc_bench and reused while its shape is unchanged.
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import { searchKey } from '../../src/domain/text.js';

export const UNITS = 600;
export const PLANS = 600;
export const TASKS_PER_PLAN = 12;

export async function prepareBenchDatabase(serverUrl: string): Promise<{ url: string; key: string; planId: string }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS cchc_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE cchc_bench');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/cchc_bench';
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
  const db = handle.db;
  await migrateToLatest(db);
  const units = await db
    .insertInto('units')
    .values(
      Array.from({ length: UNITS }, (_, i) => {
        const name = `Trường THPT số ${i + 1}`;
        return { code: `U${String(i).padStart(4, '0')}`, name, shortName: null, kind: i % 10 === 0 ? 'division' : 'affiliated', parentId: null, successorId: null, electronicId: null, websiteUrl: null, cchcSectionUrl: null, documentAbbreviation: null, searchKey: searchKey(name) } as const;
      }),
    )
    .returning('id')
    .execute();
  const plans = await db
    .insertInto('plans')
    .values(
      units.map((u, i) => ({
        issuerUnitId: u.id, year: 2021, title: `Kế hoạch tuyên truyền CCHC năm 2021 số ${i + 1}`, documentType: 'KH' as const,
        numberSequence: 1, numberYear: 2021, symbol: 'KH-SGDĐT', issuedOn: '2021-02-03', status: 'issued' as const, cancelReason: null, parentPlanId: null,
        legalBases: '[]', objectives: '[]', requirements: '[]', contents: '[]', forms: '[]', recipients: '[]', obligations: '[]',
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
  const { key } = await createApiKey(db, CLI_ACTOR, { name: 'bench', role: 'reader' });
  await handle.close();
  return { url: url.toString(), key, planId: plans[PLANS / 2]!.id };
}
