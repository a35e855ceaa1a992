// The units the 2021 seed plan names (DOMAIN.md "Units"): the Department, its divisions, a few
// affiliated units and the Department of Home Affairs. Loaded by code, so loading twice adds nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { findUnitByCode } from './units.repository.js';
import type { UnitCreate } from './units.schemas.js';
import { createUnit } from './units.service.js';

type DemoUnit = Omit<UnitCreate, 'parentId'> & { parent?: string };

export const DEMO_UNITS: DemoUnit[] = [
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo tỉnh Sóc Trăng', shortName: 'Sở GDĐT', kind: 'department', documentAbbreviation: 'SGDĐT', websiteUrl: 'https://sgddt.soctrang.gov.vn' },
  { code: 'VP', name: 'Văn phòng Sở', shortName: 'Văn phòng', kind: 'division', parent: 'SGDDT' },
  { code: 'TCCB', name: 'Phòng Tổ chức cán bộ', shortName: 'Phòng TCCB', kind: 'division', parent: 'SGDDT' },
  { code: 'KHTC', name: 'Phòng Kế hoạch – Tài chính', shortName: 'Phòng KHTC', kind: 'division', parent: 'SGDDT' },
  { code: 'CNTT', name: 'Tổ Công nghệ thông tin', shortName: 'Tổ CNTT', kind: 'division', parent: 'SGDDT' },
  { code: 'GDTRH', name: 'Phòng Giáo dục Trung học', shortName: 'Phòng GDTrH', kind: 'division', parent: 'SGDDT' },
  { code: 'GDTH', name: 'Phòng Giáo dục Tiểu học', shortName: 'Phòng GDTH', kind: 'division', parent: 'SGDDT' },
  { code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parent: 'SGDDT' },
  { code: 'THPT-NTMK', name: 'Trường THPT Chuyên Nguyễn Thị Minh Khai', kind: 'affiliated', parent: 'SGDDT' },
  { code: 'THPT-LLQ', name: 'Trường THPT Lê Lợi', kind: 'affiliated', parent: 'SGDDT' },
  { code: 'GDTX', name: 'Trung tâm Giáo dục thường xuyên tỉnh', kind: 'affiliated', parent: 'SGDDT' },
  { code: 'SNV', name: 'Sở Nội vụ tỉnh Sóc Trăng', shortName: 'Sở Nội vụ', kind: 'external', documentAbbreviation: 'SNV' },
];

/** Adds the demo units that are missing; returns how many it added. */
export async function seedDemoUnits(db: Kysely<Database>, actor: Actor): Promise<number> {
  let added = 0;
  for (const { parent, ...unit } of DEMO_UNITS) {
    if (await findUnitByCode(db, unit.code)) continue;
    const parentId = parent ? (await findUnitByCode(db, parent))?.id ?? null : null;
    await createUnit(db, actor, { ...unit, parentId });
    added++;
  }
  return added;
}
