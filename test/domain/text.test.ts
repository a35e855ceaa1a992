// Vietnamese text: NFC normalisation of request bodies, search keys without case or diacritics,
// and LIKE patterns that take the query literally. Plain examples, then generated Vietnamese words
// checked against an oracle built alongside them.
import t from 'tap';
import { containsPattern, normalizeDeep, searchKey } from '../../src/domain/text.js';

const nfd = (s: string) => s.normalize('NFD');

t.test('searchKey: lower case, no diacritics, đ → d', async (t) => {
  t.equal(searchKey('Cải cách hành chính'), 'cai cach hanh chinh');
  t.equal(searchKey('CẢI CÁCH HÀNH CHÍNH'), 'cai cach hanh chinh');
  t.equal(searchKey('Đào tạo'), 'dao tao');
  t.equal(searchKey('đường ĐÔNG'), 'duong dong');
  t.equal(searchKey('Trường THPT Chuyên Nguyễn Thị Minh Khai'), 'truong thpt chuyen nguyen thi minh khai');
  t.equal(searchKey('Phòng Kế hoạch – Tài chính'), 'phong ke hoach – tai chinh', 'punctuation is kept');
  t.equal(searchKey('ỨNG DỤNG CNTT 2021'), 'ung dung cntt 2021');
});

t.test('searchKey: spaces collapsed and trimmed; parts joined, empty parts skipped', async (t) => {
  t.equal(searchKey('  Sở \t Giáo\n dục  '), 'so giao duc');
  t.equal(searchKey('TCCB', 'Phòng Tổ chức cán bộ', null), 'tccb phong to chuc can bo');
  t.equal(searchKey('A', undefined, '', 'B'), 'a b');
  t.equal(searchKey(), '');
  t.equal(searchKey(null, undefined), '');
});

t.test('searchKey: the same key for NFC and NFD input', async (t) => {
  for (const s of ['Nguyễn', 'Đắk Lắk', 'Thừa Thiên Huế', 'quản lý', 'Bà Rịa – Vũng Tàu', 'Sóc Trăng']) {
    t.not(nfd(s), s, `${s} differs when decomposed`);
    t.equal(searchKey(nfd(s)), searchKey(s), s);
  }
});

t.test('containsPattern: the search key inside % wildcards, its own % _ \\ taken literally', async (t) => {
  t.equal(containsPattern('Trường'), '%truong%');
  t.equal(containsPattern('100%'), '%100\\%%');
  t.equal(containsPattern('ke_hoach'), '%ke\\_hoach%');
  t.equal(containsPattern('a\\b'), '%a\\\\b%');
  t.equal(containsPattern('%_%'), '%\\%\\_\\%%');
  t.equal(containsPattern(nfd('  Đổi   mới ')), '%doi moi%');
});

t.test('normalizeDeep: every string NFC, at any depth; other values untouched', async (t) => {
  const input = {
    name: nfd('Trường'),
    tags: [nfd('cải cách'), 3, null, { inner: nfd('Đắk') }],
    count: 12,
    ok: true,
    none: null,
  };
  const copy = structuredClone(input);
  const out = normalizeDeep(input);
  t.same(out, { name: 'Trường', tags: ['cải cách', 3, null, { inner: 'Đắk' }], count: 12, ok: true, none: null });
  t.equal(out.name, 'Trường'.normalize('NFC'));
  t.equal((out.tags[3] as { inner: string }).inner.length, 3, 'composed: Đ ắ k');
  t.same(input, copy, 'the input is not changed');
  t.equal(normalizeDeep(nfd('ạ')), 'ạ');
  t.equal(normalizeDeep(42), 42);
  t.equal(normalizeDeep(null), null);
});

// Vietnamese letters built from a base letter and marks, so the expected key is known independently.
const VOWELS: Array<[string, string]> = [
  ['a', ''], ['a', '\u0306'], ['a', '\u0302'], ['e', ''], ['e', '\u0302'], ['i', ''],
  ['o', ''], ['o', '\u0302'], ['o', '\u031B'], ['u', ''], ['u', '\u031B'], ['y', ''],
];
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const CONSONANTS = ['b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x', 'đ'];

function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

function word(rand: () => number): { text: string; key: string } {
  let text = '';
  let key = '';
  const length = 1 + Math.floor(rand() * 7);
  for (let i = 0; i < length; i++) {
    let letter: string;
    let base: string;
    if (rand() < 0.45) {
      letter = CONSONANTS[Math.floor(rand() * CONSONANTS.length)]!;
      base = letter === 'đ' ? 'd' : letter;
    } else {
      const [b, modifier] = VOWELS[Math.floor(rand() * VOWELS.length)]!;
      letter = (b + modifier + TONES[Math.floor(rand() * TONES.length)]!).normalize('NFC');
      base = b;
    }
    text += rand() < 0.3 ? letter.toUpperCase() : letter;
    key += base;
  }
  return { text, key };
}

t.test('property: generated Vietnamese phrases', async (t) => {
  const rand = random(20_210_503);
  let checked = 0;
  const failures: string[] = [];
  for (let n = 0; n < 2000; n++) {
    const words = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => word(rand));
    const s = words.map((w) => w.text).join(rand() < 0.5 ? ' ' : '  ');
    const expected = words.map((w) => w.key).join(' ');
    const key = searchKey(s);
    const ok =
      key === expected &&
      searchKey(nfd(s)) === key &&
      searchKey(s.toUpperCase()) === key &&
      searchKey(key) === key &&
      containsPattern(nfd(s)) === `%${expected}%` &&
      normalizeDeep(nfd(s)) === s.normalize('NFC');
    if (!ok) failures.push(s);
    checked++;
  }
  t.equal(checked, 2000);
  t.same(failures.slice(0, 5), [], 'every phrase: oracle key, NFD, upper case, idempotence, pattern, NFC');
});

t.test('property: every precomposed Vietnamese letter folds to its base', async (t) => {
  const letters: Array<[string, string]> = [];
  for (const [base, modifier] of VOWELS) for (const tone of TONES) letters.push([(base + modifier + tone).normalize('NFC'), base]);
  t.equal(letters.length, 72);
  t.ok(letters.every(([l]) => l.length === 1), 'each is one precomposed code point');
  const wrong = letters.filter(([l, base]) => searchKey(l) !== base || searchKey(l.toUpperCase()) !== base || searchKey(nfd(l)) !== base);
  t.same(wrong, []);
});
