// Unit tests of web/js/i18n.js: translation, fallback, the language switch,
// and that every key the interface uses exists in both languages.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const store = new Map([['lamtheo.lang', 'vi']]);
globalThis.localStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
};
const i18n = await import('../../web/js/i18n.js');
const { t, setLang, getLang, onLangChange, DICTS, kindLabel, roleLabel, statusLabel, genderLabel,
  kindOptions, statusOptions } = i18n;

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

function jsFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

test('Vietnamese is the default, with the labels of the brief', () => {
  assert.equal(getLang(), 'vi');
  assert.equal(kindLabel('national'), 'Trung ương');
  assert.equal(kindLabel('province_committee'), 'Tỉnh ủy / Đảng bộ tỉnh');
  assert.equal(kindLabel('district_committee'), 'Huyện ủy / Đảng ủy trực thuộc');
  assert.equal(kindLabel('base_committee'), 'Đảng ủy cơ sở / Chi bộ cơ sở');
  assert.equal(kindLabel('cell'), 'Chi bộ');
  assert.equal(kindLabel('agency'), 'Cơ quan, đơn vị');
  assert.equal(kindLabel('mass_org'), 'Đoàn thể');
  assert.equal(roleLabel('admin'), 'Quản trị hệ thống');
  assert.equal(roleLabel('staff'), 'Cán bộ cơ quan cấp ủy');
  assert.equal(roleLabel('secretary'), 'Bí thư chi bộ');
  assert.equal(roleLabel('member'), 'Đảng viên');
  assert.equal(roleLabel('viewer'), 'Lãnh đạo (chỉ xem)');
  assert.equal(statusLabel('active'), 'Đang sinh hoạt');
  assert.equal(statusLabel('transferred_out'), 'Đã chuyển sinh hoạt');
  assert.equal(statusLabel('left'), 'Đã ra khỏi Đảng');
  assert.equal(statusLabel('deceased'), 'Đã từ trần');
  assert.equal(genderLabel('female'), 'Nữ');
  assert.equal(genderLabel(null), '');
  assert.equal(kindLabel('something_new'), 'something_new');
  assert.equal(kindOptions().length, 7);
  assert.deepEqual(statusOptions().map((o) => o.value), ['active', 'transferred_out', 'left', 'deceased']);
});

test('t replaces parameters and falls back', () => {
  assert.equal(t('people.count', { n: '1.834' }), '1.834 người');
  assert.equal(t('table.page_info', { page: 2, pages: 37, count: '1.834 người' }), 'Trang 2 / 37 · 1.834 người');
  assert.equal(t('no.such.key'), 'no.such.key');
  assert.equal(t('home.greeting', {}), 'Xin chào, {name}');
  assert.equal(t('home.greeting', { name: '<b>' }), 'Xin chào, <b>');
});

test('setLang switches, persists, tells listeners; English keeps plurals', () => {
  const seen = [];
  const off = onLangChange((l) => seen.push(l));
  setLang('en');
  assert.equal(getLang(), 'en');
  assert.equal(store.get('lamtheo.lang'), 'en');
  assert.deepEqual(seen, ['en']);
  assert.equal(t('people.count', { n: '1' }), '1 person');
  assert.equal(t('people.count', { n: '1.834' }), '1.834 people');
  assert.equal(kindLabel('cell'), 'Party cell');
  setLang('fr'); // unknown: ignored
  assert.equal(getLang(), 'en');
  setLang('vi');
  off();
  setLang('en');
  assert.deepEqual(seen, ['en', 'vi']);
  setLang('vi');
});

test('both dictionaries have the same keys', () => {
  const base = (k) => k.replace(/\.one$/, '');
  const vi = new Set(Object.keys(DICTS.vi));
  const en = new Set(Object.keys(DICTS.en).map(base));
  assert.deepEqual([...vi].filter((k) => !en.has(k)), [], 'missing in en');
  assert.deepEqual([...en].filter((k) => !vi.has(k)), [], 'missing in vi');
});

test('every key used by the interface exists', () => {
  const used = new Set();
  const patterns = [
    /\bt\(\s*'([a-z0-9_.]+)'/g,
    /\b(?:label|hint|group|submitLabel|cancelLabel|placeholder|titleKey|textKey):\s*'([a-z0-9_.]+)'/g,
    /\bcard\([^,]+,\s*'([a-z0-9_.]+)',\s*'([a-z0-9_.]+)'/g,
    /\b(?:done|openPanel|renderSimple)\(\s*'([a-z0-9_.]+)'(?:,\s*'([a-z0-9_.]+)')?/g,
  ];
  for (const f of jsFiles(join(WEB, 'js'))) {
    const src = readFileSync(f, 'utf8');
    for (const re of patterns) {
      for (const m of src.matchAll(re)) {
        for (const k of m.slice(1)) if (k && k.includes('.')) used.add(k);
      }
    }
  }
  // keys built at run time
  for (const c of ['required', 'too_long', 'too_short', 'invalid_int', 'out_of_range', 'invalid_date',
    'invalid_code', 'invalid_value']) used.add(`form.err.${c}`);
  for (const k of ['form.save', 'form.cancel', 'form.choose', 'form.unspecified', 'form.date_hint',
    'table.sort_asc', 'table.sort_desc', 'orgs.collapse', 'app.not_found', 'app.not_found_text']) used.add(k);
  for (const f of ['party_member', 'key_cadre', 'head', 'civil_servant', 'union_member']) used.add(`flag.${f}`);
  assert.ok(used.size > 200, `found only ${used.size} keys`);
  const missing = [...used].filter((k) => !(k in DICTS.vi) || !(k in DICTS.en));
  assert.deepEqual(missing, []);
});

test('Vietnamese texts are in NFC', () => {
  for (const [k, v] of Object.entries(DICTS.vi)) {
    assert.equal(v, v.normalize('NFC'), `${k} is not NFC`);
  }
});
