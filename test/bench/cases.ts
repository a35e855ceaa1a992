// What the bench measures on both sides: the four goal cases of issue 11 (a plan with its tasks, a
// 50-row activity page, a quarter's compliance, the Department's roll-up), each with one hot key and
// with many keys in turn; then the portal's sync page and one write.
import type { Keys, Province } from './fixture.js';
import { YEARS } from './province.js';

/** The service's answer to a GET, for a case that finds its path by asking. */
export type Ask = (path: string) => Promise<{ status: number; body: unknown }>;

export interface BenchCase {
  name: string;
  method: 'GET' | 'POST';
  /** The path, with {id} where each request puts one of `ids` (chosen at random); or how to find it. */
  path: string | ((ask: Ask) => Promise<string>);
  ids?: string[];
  body?: string;
  connections: number;
  /** Measured once with each: a label and the keys requests take in turn. */
  keySets: Array<{ label: string; keys: string[] }>;
  /** One of the cases whose ratios issue 11 sets goals for. */
  goal: boolean;
}

const CONNECTIONS = 10;
// A quarter's compliance and the roll-up each take tens of milliseconds of the database's time:
// ten at once on two cores only queue up behind each other, so they are measured with as many
// connections as a report screen would open.
const REPORT_CONNECTIONS = 2;
const SYNC_PAGE = 200;
// Where the portal's first sync of the bench's data starts: the page measured is the one after.
const SYNC_FROM = `${YEARS[1]}-01-01T00:00:00Z`;

function syncPath(updatedSince: string): string {
  return `/api/v1/activities?updatedSince=${encodeURIComponent(updatedSince)}&includeDeleted=true&limit=${SYNC_PAGE}`;
}

/** The page after the first of a sync from SYNC_FROM: a token the service gave out, as the portal sends it. */
async function syncPagePath(ask: Ask): Promise<string> {
  const first = await ask(syncPath(SYNC_FROM));
  const body = first.body as { nextUpdatedSince?: string; detail?: string };
  if (first.status !== 200 || typeof body.nextUpdatedSince !== 'string') {
    throw new Error(`the service does not sync yet: GET ${syncPath(SYNC_FROM)} answered ${first.status}${body.detail ? ` (${body.detail})` : ''}`);
  }
  return syncPath(body.nextUpdatedSince);
}

export function benchCases(province: Province, keys: Keys): BenchCase[] {
  const readers = [
    { label: 'hot key', keys: [keys.hot] },
    { label: `${keys.many.length} keys`, keys: keys.many },
  ];
  const year = YEARS[0];
  return [
    { name: 'plan with its 12 tasks', method: 'GET', path: '/api/v1/plans/{id}', ids: province.planIds, connections: CONNECTIONS, keySets: readers, goal: true },
    { name: 'activity page (50)', method: 'GET', path: '/api/v1/activities?limit=50', connections: CONNECTIONS, keySets: readers, goal: true },
    {
      name: `compliance ${year}-Q1, province`,
      method: 'GET',
      path: `/api/v1/compliance?planId=${province.departmentPlanId}&period=${year}-Q1&asOf=${year}-12-31`,
      connections: REPORT_CONNECTIONS,
      keySets: readers,
      goal: true,
    },
    { name: `roll-up ${year} six-month`, method: 'GET', path: `/api/v1/reports/rollup?year=${year}&kind=six_month`, connections: REPORT_CONNECTIONS, keySets: readers, goal: true },
    { name: `sync page (${SYNC_PAGE})`, method: 'GET', path: syncPagePath, connections: CONNECTIONS, keySets: [readers[0]!], goal: false },
    {
      name: 'record an activity',
      method: 'POST',
      path: '/api/v1/activities',
      body: JSON.stringify({
        unitId: province.editorUnitId,
        form: 'website_post',
        title: 'Đăng tin hướng dẫn thủ tục tuyển sinh trực tuyến',
        occurredOn: `${year}-05-05`,
        evidenceUrl: 'https://u0001.edu.vn/cchc/tin-tuc/tuyen-sinh-truc-tuyen',
        figures: { views: 120 },
      }),
      connections: CONNECTIONS,
      keySets: [{ label: 'editor key', keys: [keys.editor] }],
      goal: false,
    },
  ];
}
