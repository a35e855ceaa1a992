// Counts keyed by an enum's values: every value present, read from SQL's arrays by position.
import t from 'tap';
import { countsByKey, zeroCounts } from '../../src/domain/counts.js';

const PROGRESS = ['not_started', 'in_progress', 'done'] as const;

t.test('zeroCounts: every key at zero', async (t) => {
  t.same(zeroCounts(PROGRESS), { not_started: 0, in_progress: 0, done: 0 });
});

t.test('countsByKey: by position, from an offset', async (t) => {
  t.same(countsByKey(PROGRESS, [4, 5, 6]), { not_started: 4, in_progress: 5, done: 6 });
  t.same(countsByKey(PROGRESS, [1, 2, 3, 7, 8, 9], 3), { not_started: 7, in_progress: 8, done: 9 }, 'the second role of a role × progress array');
});
