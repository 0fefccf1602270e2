// Every value a user can meet has words, in Vietnamese and in English: each
// enum value of a saved copy of GET /api/v1/meta (meta.fixture.mjs; refresh
// it with make-meta-fixture.mjs when the server gains types), the codes
// touches.js knows the values of (a concern's state_kind), the catalogue's
// list names.  A new value without a label fails here, before a user sees
// "thematic_supervision" on screen.
import test from 'node:test';
import assert from 'node:assert/strict';
import { META } from './meta.fixture.mjs';

const store = new Map([['lamtheo.lang', 'vi']]);
globalThis.localStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
};
const { DICTS, setLang } = await import('../../web/js/i18n.js');
const M = await import('../../web/js/meta.js');
const { TOUCHES } = await import('../../web/js/touches.js');

/** The types whose transitions take `body` (a verdict's values are the
 * pledge's): their labels serve the body too. */
function bodyOwners(name) {
  return Object.entries(META.types).filter(([, ty]) => (ty.transitions || []).some((tr) => tr.body === name))
    .map(([n]) => n);
}

/** [{type, field, value}] of every value with a fixed meaning. */
function everyValue() {
  const out = [];
  for (const [name, ty] of Object.entries(META.types)) {
    for (const f of ty.fields) {
      const values = M.knownValues(name, f);
      if (!values) continue;
      for (const value of values) out.push({ type: name, field: f.name, value, also: bodyOwners(name) });
    }
  }
  return out;
}

function labelKey(dict, v) {
  return M.valueKeys(v.type, v.field, v.value, v.also).find((k) => k in dict) || null;
}

test('the fixture is today\'s meta: the new record types are in it', () => {
  for (const n of ['plan', 'task', 'concern', 'concern_update', 'petition', 'petition_update', 'exemplar',
    'exemplar_score', 'replication', 'inspection', 'inspection_action', 'evaluation', 'award', 'survey',
    'survey_answer', 'metric_value', 'catalog']) {
    assert.ok(META.types[n], `${n} is missing from meta.fixture.mjs`);
  }
  assert.ok(everyValue().length > 120, `only ${everyValue().length} values`);
});

test('every enum value of meta has a Vietnamese label', () => {
  const missing = everyValue().filter((v) => !labelKey(DICTS.vi, v))
    .map((v) => `${v.type}.${v.field}.${v.value}`);
  assert.deepEqual(missing, [], 'values without a Vietnamese label (add "enum.<type>.<field>.<value>" to i18n.js)');
});

test('every enum value of meta has an English label', () => {
  const missing = everyValue().filter((v) => !labelKey(DICTS.en, v))
    .map((v) => `${v.type}.${v.field}.${v.value}`);
  assert.deepEqual(missing, []);
});

test('what is shown is the label, never the code', () => {
  setLang('vi');
  for (const v of everyValue()) {
    const label = M.enumLabel(v.type, v.field, v.value, v.also);
    assert.notEqual(label, v.value, `${v.type}.${v.field}.${v.value}`);
    assert.ok(!/^[a-z0-9_]+$/.test(label), `${v.type}.${v.field}.${v.value} -> ${label}`);
  }
  setLang('en');
  for (const v of everyValue()) {
    assert.notEqual(M.enumLabel(v.type, v.field, v.value, v.also), v.value, `${v.type}.${v.field}.${v.value}`);
  }
  setLang('vi');
});

test('the labels of the brief', () => {
  const want = {
    'concern.source': { committee: 'Cấp ủy lựa chọn', citizens: 'Nhân dân phản ánh', press: 'Báo chí phản ánh',
      inspection: 'Qua kiểm tra, giám sát' },
    'petition.kind': { complaint: 'Khiếu nại', denunciation: 'Tố cáo', recommendation: 'Kiến nghị',
      report: 'Phản ánh' },
    'exemplar.level': { cell: 'Cấp chi bộ', base: 'Cấp cơ sở', district: 'Cấp huyện', province: 'Cấp tỉnh' },
    'exemplar.status': { registered: 'Đăng ký', recognised: 'Được công nhận', commended: 'Được khen thưởng',
      replicated: 'Được nhân rộng' },
    'inspection.kind': { inspection: 'Kiểm tra', thematic_supervision: 'Giám sát chuyên đề',
      self_inspection: 'Tự kiểm tra' },
    'evaluation.scale': { party: 'Đảng viên, tổ chức đảng (Quy định 366-QĐ/TW)', mass: 'Đoàn thể' },
    'award.kind': { certificate_of_merit: 'Giấy khen', certificate_of_honour: 'Bằng khen',
      emulation_flag: 'Cờ thi đua', other: 'Hình thức khác' },
    'task.status': { pending: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Đã hoàn thành',
      cancelled: 'Hủy bỏ' },
    'metric_value.period': { year: 'Cả năm', q1: 'Quý I', q4: 'Quý IV', m01: 'Tháng 1', m12: 'Tháng 12' },
    'concern.state_kind': { open: 'Đang theo dõi', resolved: 'Đã giải quyết', closed: 'Đã dừng' },
    'petition_update.state_kind': { open: 'Đang theo dõi', resolved: 'Đã giải quyết', closed: 'Đã dừng' },
    'org.kind': { cell: 'Chi bộ' },
    'account.role': { member: 'Đảng viên' },
  };
  const levels = { excellent: 'Hoàn thành xuất sắc nhiệm vụ', good: 'Hoàn thành tốt nhiệm vụ',
    done: 'Hoàn thành nhiệm vụ', not_done: 'Không hoàn thành nhiệm vụ', strong: 'Vững mạnh', fair: 'Khá',
    average: 'Trung bình', weak: 'Yếu' };
  for (const f of ['level', 'derived_level', 'level_given']) want[`evaluation.${f}`] = levels;
  for (const [tf, values] of Object.entries(want)) {
    const [ty, f] = tf.split('.');
    for (const [v, label] of Object.entries(values)) assert.equal(M.enumLabel(ty, f, v), label, `${tf}.${v}`);
  }
  for (const v of META.types.catalog.fields.find((f) => f.name === 'list').values) {
    assert.notEqual(M.enumLabel('catalog', 'list', v), v);
  }
  // a code field is labelled only where touches.js says what its values are
  assert.deepEqual(Object.keys(TOUCHES.concern.values), ['state_kind']);
});
