// Unit tests of what the record types added after the campaign's first ones
// need: catalogue codes shown by their names and offered in forms
// (catalog.js), numbers with their metric's unit, the columns, names and
// badges touches.js gives each type, the counts per value under a list
// ("facets"), the permissions keys of the catalogue and the figures.
import test from 'node:test';
import assert from 'node:assert/strict';
import { META } from './meta.fixture.mjs';

const store = new Map([['lamtheo.lang', 'vi']]);
globalThis.localStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
};
const { setLang } = await import('../../web/js/i18n.js');
const M = await import('../../web/js/meta.js');
const C = await import('../../web/js/catalog.js');
const { listColumns, listState, listParams, facetItems, filterFields } = await import('../../web/js/pages/records.js');
const { toneOf, isBadgeField } = await import('../../web/js/touches.js');
const { canReadType, canWriteType, resourceOf } = await import('../../web/js/perm.js');
const { collect } = await import('../../web/js/form.js');

const ty = (n) => M.typeByName(META, n);
const byName = (specs) => Object.fromEntries(specs.map((s) => [s.name, s]));
const f = (t, n) => M.fieldByName(t, n);
const cols = (t) => listColumns(META, t).map((c) => (c.child ? `count:${c.child.path}` : `${c.key}:${c.field.name}`));

// A part of the demo catalogue (GET /api/v1/catalog), out of order on purpose.
C.setCatalog('concern_state', [
  { code: 'resolved', label_vi: 'Đã giải quyết dứt điểm', label_en: 'Resolved', kind: 'resolved', sort_order: 30, active: true },
  { code: 'new', label_vi: 'Mới lựa chọn', label_en: 'Selected', kind: 'open', sort_order: 10, active: true },
  { code: 'old_state', label_vi: 'Tình trạng cũ', label_en: 'Old state', kind: 'open', sort_order: 5, active: false },
  { code: 'in_progress', label_vi: 'Đang giải quyết', label_en: 'In progress', kind: 'open', sort_order: 20, active: true },
]);
C.setCatalog('concern_field', [
  { code: 'land', label_vi: 'Quản lý đất đai', label_en: 'Land management', sort_order: 10, active: true },
]);
C.setCatalog('metric', [
  { code: 'initiatives', label_vi: 'Sáng kiến', label_en: 'Initiatives', kind: 'count', unit: 'lượt', sort_order: 10, active: true },
  { code: 'savings', label_vi: 'Tiết kiệm', label_en: 'Savings', kind: 'money', unit: 'đồng', sort_order: 20, active: true },
  { code: 'new_members', label_vi: 'Kết nạp đảng viên mới', label_en: 'New party members', kind: 'count', unit: 'đảng viên', sort_order: 40, active: true },
]);

test('catalogue codes are shown by their names, in the interface language', () => {
  assert.equal(C.catalogLabel('concern_state', 'in_progress'), 'Đang giải quyết');
  assert.equal(C.catalogLabel('concern_state', 'old_state'), 'Tình trạng cũ', 'a code no longer in use keeps its name');
  assert.equal(C.catalogLabel('concern_state', 'nope'), 'nope');
  assert.equal(C.catalogLabel('no_such_list', 'land'), 'land');
  assert.equal(C.catalogLabel('concern_state', null), '');
  const concern = ty('concern');
  assert.equal(M.formatValue(concern, f(concern, 'field'), 'land'), 'Quản lý đất đai');
  assert.equal(M.formatValue(concern, f(concern, 'state'), 'new'), 'Mới lựa chọn');
  setLang('en');
  assert.equal(M.formatValue(concern, f(concern, 'state'), 'new'), 'Selected');
  setLang('vi');
  assert.deepEqual(C.catalogNames([concern, ty('concern_update'), ty('metric_value')]).sort(),
    ['concern_field', 'concern_state', 'metric']);
});

test('forms offer the entries in use, sorted; an old record keeps its code', () => {
  const update = byName(M.fieldsFor(META, ty('concern_update'), 'create', {}));
  assert.equal(update.state.type, 'enum');
  assert.deepEqual(update.state.options(), [{ value: 'new', label: 'Mới lựa chọn' },
    { value: 'in_progress', label: 'Đang giải quyết' }, { value: 'resolved', label: 'Đã giải quyết dứt điểm' }]);
  const edit = byName(M.fieldsFor(META, ty('concern_update'), 'edit', { values: { state: 'old_state' } }));
  assert.deepEqual(edit.state.options().map((o) => o.value), ['old_state', 'new', 'in_progress', 'resolved']);
  // the form's own check refuses a code not offered
  const { errors } = collect([update.state, update.date, update.note],
    { state: 'closed_for_good', date: '01/11/2026', note: 'x' });
  assert.deepEqual(errors.map((e) => [e.name, e.code]), [['state', 'invalid_value']]);
  // a list that could not be read: the code is typed
  const score = byName(M.fieldsFor(META, ty('exemplar_score'), 'create', {}));
  assert.equal(score.criterion.type, 'code');
  // the concern's own state changes only through its updates: not in its form
  const concern = byName(M.fieldsFor(META, ty('concern'), 'create', {}));
  assert.equal(concern.state, undefined);
  assert.equal(concern.field.type, 'enum');
  assert.equal(concern.source.type, 'enum');
  assert.deepEqual(concern.source.options().map((o) => o.label), ['Cấp ủy lựa chọn', 'Nhân dân phản ánh',
    'Báo chí phản ánh', 'Qua kiểm tra, giám sát']);
});

test('figures carry their metric\'s unit: money in đồng, counts with their unit', () => {
  const mv = ty('metric_value');
  const value = f(mv, 'value');
  assert.equal(M.formatValue(mv, value, 300000000, { metric: 'savings' }), '300.000.000 đ');
  assert.equal(M.formatValue(mv, value, 12, { metric: 'initiatives' }), '12 lượt');
  assert.equal(M.formatValue(mv, value, 1250, { metric: 'new_members' }), '1.250 đảng viên');
  assert.equal(M.formatValue(mv, value, 1250, { metric: 'unknown' }), '1.250');
  assert.equal(M.formatValue(mv, f(mv, 'period'), 'q3'), 'Quý III');
  assert.equal(M.formatValue(mv, f(mv, 'period'), 'm07'), 'Tháng 7');
  // the history: the unit of the record's own metric
  const c = M.changeSummary(mv, { metric: 'savings', value: 1000000 }, { metric: 'savings', value: 1500000 });
  assert.deepEqual(c.map((x) => [x.label, x.before, x.after]), [['Giá trị', '1.000.000 đ', '1.500.000 đ']]);
  assert.equal(M.recordTitle(mv, { id: 3, metric: 'savings', year: 2023, period: 'year' }), 'Tiết kiệm · 2023 · Cả năm');
});

test('names of records: the field touches.js says, whom an evaluation is of', () => {
  const ev = ty('evaluation');
  const org = { id: 467, name: 'Chi bộ thôn Quế Ổ' };
  assert.equal(M.recordTitle(ev, { id: 1, year: 2023, person_id: 5, person: { id: 5, full_name: 'Đỗ Thu Hường' }, org }),
    'Đỗ Thu Hường · 2023');
  assert.equal(M.recordTitle(ev, { id: 2, year: 2023, person_id: null, person: null, org_id: 467, org }),
    'Chi bộ thôn Quế Ổ · 2023');
  assert.equal(M.titleField(ty('petition')).name, 'subject', 'not the sender\'s name');
  assert.equal(M.titleField(ty('plan')).name, 'title', 'not the document number');
  assert.equal(M.recordTitle(ty('catalog'), { id: 1, label_vi: 'Quản lý đất đai', label_en: 'Land management' }),
    'Quản lý đất đai');
  setLang('en');
  assert.equal(M.recordTitle(ty('catalog'), { id: 1, label_vi: 'Quản lý đất đai', label_en: 'Land management' }),
    'Land management');
  setLang('vi');
  // a unit outside the account's scope (the short form is null): said so
  assert.equal(M.formatValue(ev, f(ev, 'approver_org_id'), 459, { approver_org_id: 459, approver_org: null }),
    '(ngoài phạm vi của bạn)');
  // tasks done of the plan's tasks
  const plan = ty('plan');
  assert.equal(M.formatValue(plan, f(plan, 'tasks_done'), 6, { tasks_done: 6, tasks_count: 11 }), '6/11');
});

test('list columns per type', () => {
  assert.deepEqual(cols(ty('concern')), ['title:title', 'org:org_id', 'kind:field', 'when:opened', 'status:state']);
  assert.deepEqual(cols(ty('evaluation')), ['who:person_id', 'when:year', 'value:score', 'status:level']);
  assert.deepEqual(cols(ty('metric_value')), ['org:org_id', 'kind:metric', 'when:year', 'kind:period', 'value:value']);
  assert.deepEqual(cols(ty('petition')), ['title:subject', 'kind:kind', 'when:received', 'org:org_id',
    'when:deadline', 'status:state']);
  assert.deepEqual(cols(ty('inspection')), ['title:subject', 'kind:kind', 'value:target_org_id', 'when:start_date',
    'org:org_id', 'count:followups']);
  assert.deepEqual(cols(ty('exemplar')), ['title:title', 'who:person_id', 'kind:level', 'when:year', 'value:score',
    'status:status']);
  assert.deepEqual(cols(ty('catalog'))[0], 'label:label_vi');
  // a type without an entry in touches.js still gets its columns
  assert.deepEqual(cols(ty('survey_answer')), ['title:label']);
});

test('badges: a state coloured by its kind, levels, statuses', () => {
  assert.ok(isBadgeField('concern', 'state'));
  assert.ok(!isBadgeField('concern', 'field'));
  assert.equal(toneOf('concern', 'state', { state: 'in_progress', state_kind: 'open' }), 'warn');
  assert.equal(toneOf('concern', 'state', { state: 'resolved', state_kind: 'resolved' }), 'ok');
  assert.equal(toneOf('petition_update', 'state', { state: 'transferred', state_kind: 'closed' }), 'muted');
  assert.equal(toneOf('evaluation', 'level', { level: 'excellent' }), 'best');
  assert.equal(toneOf('evaluation', 'level', { level: 'not_done' }), 'bad');
  assert.equal(toneOf('task', 'status', { status: 'done' }), 'ok');
  assert.equal(toneOf('exemplar', 'status', { status: 'replicated' }), 'best');
  assert.equal(toneOf('pledge', 'status', { status: 'accepted' }), '', 'pledges keep their own colours');
  const concern = ty('concern');
  assert.equal(M.formatValue(concern, f(concern, 'state_kind'), 'resolved'), 'Đã giải quyết');
  assert.equal(M.formatValue(concern, f(concern, 'state_kind'), 'closed'), 'Đã dừng');
  const ev = ty('evaluation');
  assert.equal(M.formatValue(ev, f(ev, 'derived_level'), 'good'), 'Hoàn thành tốt nhiệm vụ');
});

test('filters: catalogue codes and kinds of states are valid filter values', () => {
  const concern = ty('concern');
  assert.deepEqual(filterFields(concern).map((x) => x.name), ['field', 'source', 'year', 'state', 'state_kind']);
  const s = listState(concern, { field: 'land', state_kind: 'open', state: 'in_progress', source: 'press' }, '2026-11-23');
  assert.deepEqual(s.f, { field: 'land', state_kind: 'open', state: 'in_progress', source: 'press', year: '2026' });
  assert.deepEqual(listState(concern, { field: 'x y<', state_kind: '' }, '2026-11-23').f, { year: '2026' });
  assert.equal(listParams(concern, s).state_kind, 'open');
  assert.deepEqual(M.knownValues('concern', f(concern, 'state_kind')), ['open', 'resolved', 'closed']);
  assert.equal(M.knownValues('concern', f(concern, 'title')), null);
});

test('facets: counts per value, in the order of the values, short labels', () => {
  const ev = ty('evaluation');
  assert.deepEqual(facetItems(ev, { good: 80, excellent: 12, done: 5, strong: 0, fair: 1 }), [
    { value: 'excellent', label: 'Hoàn thành xuất sắc', n: 12 },
    { value: 'good', label: 'Hoàn thành tốt', n: 80 },
    { value: 'done', label: 'Hoàn thành', n: 5 },
    { value: 'fair', label: 'Khá', n: 1 },
  ]);
  assert.deepEqual(facetItems(ty('concern'), { resolved: 328, open: 23, closed: 8 }).map((x) => `${x.label}: ${x.n}`),
    ['Đang theo dõi: 23', 'Đã giải quyết: 328', 'Đã dừng: 8']);
  assert.deepEqual(facetItems(ty('pledge'), { closed: 2, accepted: 1 }).map((x) => x.label),
    ['Đã chấp nhận', 'Đã đánh giá']);
  assert.deepEqual(facetItems(ty('plan'), { a: 1 }), [], 'no facet field: nothing');
  assert.deepEqual(facetItems(ev, null), []);
  assert.deepEqual(facetItems(ev, { someday: 2 }).map((x) => x.label), ['someday'], 'an unknown value stays visible');
});

test('the catalogue and the figures are filed under config and metric in /me', () => {
  assert.equal(resourceOf('catalog'), 'config');
  assert.equal(resourceOf('metric_value'), 'metric');
  assert.equal(resourceOf('concern'), 'concern');
  const staff = { permissions: { config: ['read'], metric: ['read', 'write'], concern: ['read'] } };
  assert.equal(canReadType(staff, 'catalog'), true);
  assert.equal(canWriteType(staff, 'catalog'), false);
  assert.equal(canWriteType(staff, 'metric_value'), true);
  assert.equal(canReadType(staff, 'petition'), false);
  assert.equal(M.permKey(ty('concern_update')), 'concern');
});
