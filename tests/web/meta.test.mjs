// Unit tests of the pure parts of the generic record pages: web/js/meta.js
// (meta -> the shared form's fields, enum labels and their fallback, values
// as text, change summaries of the history, defaults of a new record),
// pages/records.js (list state <-> hash <-> API parameters, columns),
// attendance.js (the summary line), touches.js, and the "*type" routes.
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
const { listState, listHash, listParams, listColumns, filterFields } = await import('../../web/js/pages/records.js');
const { attendanceSummary, summaryText, fold } = await import('../../web/js/attendance.js');
const { childAllowed, touchOf } = await import('../../web/js/touches.js');
const { matchRoute } = await import('../../web/js/router.js');
const { checkField, collect } = await import('../../web/js/form.js');

const pledge = M.typeByName(META, 'pledge');
const activity = M.typeByName(META, 'activity');
const attendance = M.typeByName(META, 'attendance');
const checkin = M.typeByName(META, 'checkin');
const topic = M.typeByName(META, 'topic');
const verdict = M.typeByName(META, 'verdict');
const byName = (specs) => Object.fromEntries(specs.map((s) => [s.name, s]));

const SECRETARY = { role: 'secretary', org: { id: 467, name: 'Chi bộ thôn Quế Ổ', kind: 'cell' } };
const MEMBER = { role: 'member', person_id: 10994, org: { id: 467, name: 'Chi bộ thôn Quế Ổ', kind: 'cell' } };

test('types by path and name; children; parents; permissions keys', () => {
  assert.equal(M.typeByPath(META, 'pledges').name, 'pledge');
  assert.equal(M.typeByPath(META, 'activities').name, 'activity');
  assert.equal(M.typeByPath(META, 'attendance'), null, 'a child type has no list of its own');
  assert.equal(M.typeByPath(META, 'nope'), null);
  assert.deepEqual(M.genericTypes(META).map((x) => x.name).sort(),
    ['activity', 'attendance', 'award', 'catalog', 'checkin', 'concern', 'concern_update', 'evaluation',
      'exemplar', 'exemplar_score', 'inspection', 'inspection_action', 'metric_value', 'petition',
      'petition_update', 'plan', 'pledge', 'replication', 'survey', 'survey_answer', 'task', 'topic']);
  assert.deepEqual(M.childTypes(META, activity).map((c) => c.path), ['attendance']);
  assert.deepEqual(M.childTypes(META, pledge).map((c) => c.path), ['checkins']);
  assert.equal(M.parentFieldOf(attendance).name, 'activity_id');
  assert.equal(M.parentFieldOf(checkin).name, 'pledge_id');
  assert.equal(M.parentFieldOf(pledge), null);
  assert.equal(M.permKey(attendance), 'activity');
  assert.equal(M.permKey(pledge), 'pledge');
});

test('meta fields become the shared form\'s field specs', () => {
  const f = byName(M.fieldsFor(META, activity, 'create', { me: SECRETARY }));
  assert.deepEqual(Object.keys(f), ['org_id', 'kind', 'date', 'title', 'topic_id', 'topic_on_agenda',
    'outside_count', 'location', 'content', 'note'], 'read-only and bookkeeping fields are left out');
  assert.equal(f.org_id.type, 'ref-org');
  assert.deepEqual(f.org_id.modes, ['create']);
  assert.equal(f.org_id.required, true);
  assert.equal(f.org_id.labelText, 'Đơn vị tổ chức');
  assert.equal(f.kind.type, 'enum');
  assert.deepEqual(f.kind.options().map((o) => o.label), ['Hội nghị học tập, quán triệt',
    'Sinh hoạt chi bộ định kỳ', 'Đợt sinh hoạt chính trị', 'Tiếp công dân', 'Đối thoại', 'Tiếp xúc cử tri',
    'Làm việc tại cơ sở']);
  assert.deepEqual(f.kind.options().map((o) => o.value), META.types.activity.fields[1].values);
  assert.equal(f.date.type, 'date');
  assert.equal(f.title.type, 'text');
  assert.equal(f.title.maxLength, 500);
  assert.equal(f.topic_id.type, 'ref-record');
  assert.equal(f.topic_id.refPath, 'topics');
  assert.equal(typeof f.topic_id.makePicker, 'function');
  assert.equal(f.topic_on_agenda.type, 'bool');
  assert.equal(f.outside_count.type, 'int');
  assert.equal(f.outside_count.min, 0);
  assert.equal(f.outside_count.max, 1000000);
  assert.equal(f.content.type, 'longtext');
  assert.equal(f.content.rows, 8);
  assert.equal(f.note.maxLength, 2000);

  // edit: create-only fields are gone
  const e = byName(M.fieldsFor(META, activity, 'edit', { me: SECRETARY }));
  assert.equal(e.org_id, undefined);
  assert.ok(e.kind);
});

test('a person is chosen in the unit chosen in the same form; bounds stay safe', () => {
  const f = byName(M.fieldsFor(META, pledge, 'create', { me: SECRETARY, hints: touchOf('pledge').hints }));
  assert.equal(f.person_id.type, 'ref-person');
  assert.equal(f.person_id.scopedBy, 'org_id');
  assert.equal(f.person_id.required, false);
  assert.equal(f.person_id.hint, 'pledge.person_hint');
  assert.equal(f.status, undefined, 'the status changes only through transitions');
  assert.equal(f.progress, undefined);
  assert.equal(f.target_value.max, 1000000000000000);
  assert.ok(Number.isSafeInteger(f.target_value.max));
  assert.equal(f.year.min, 2000);
  // the attendance's person has no unit field of its own: not scoped
  const a = byName(M.fieldsFor(META, attendance, 'create', { me: SECRETARY }));
  assert.deepEqual(Object.keys(a), ['person_id', 'note'], 'the parent id is not asked');
  assert.equal(a.person_id.scopedBy, null);
});

test('a member\'s own pledge: no unit, no person in the form', () => {
  const f = byName(M.fieldsFor(META, pledge, 'create', { me: MEMBER }));
  assert.equal(f.person_id, undefined);
  assert.equal(f.org_id, undefined);
  assert.deepEqual(Object.keys(f), ['year', 'topic_id', 'follow', 'solutions', 'target_text', 'target_value',
    'target_unit', 'due_date']);
  // a check-in: date, progress 0–100, what was done
  const c = byName(M.fieldsFor(META, checkin, 'create', { me: MEMBER }));
  assert.deepEqual(Object.keys(c), ['date', 'progress', 'note']);
  assert.equal(checkField(c.progress, '30').value, 30);
  assert.equal(checkField(c.progress, '130').error.code, 'out_of_range');
  assert.equal(checkField(c.note, '  ').error.code, 'required');
});

test('the converted specs work with the shared form\'s checks', () => {
  const fields = M.fieldsFor(META, activity, 'create', { me: SECRETARY });
  const { payload, errors } = collect(fields, {
    org_id: 467, kind: 'cell_meeting', date: '5/11/2026', title: '  Sinh hoạt   chi bộ ', topic_id: null,
    topic_on_agenda: true, outside_count: '3', location: '', content: 'Nội dung\r\nhai dòng', note: '',
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(payload, { org_id: 467, kind: 'cell_meeting', date: '2026-11-05', title: 'Sinh hoạt chi bộ',
    topic_on_agenda: true, outside_count: 3, content: 'Nội dung\nhai dòng' });
  const bad = collect(fields, { kind: 'party', date: '31/02/2026', title: '' });
  assert.deepEqual(bad.errors.map((e) => [e.name, e.code]), [['org_id', 'required'], ['kind', 'invalid_value'],
    ['date', 'invalid_date'], ['title', 'required']]);
});

test('enum labels: Vietnamese, English, body types borrow, raw value as the fallback', () => {
  assert.equal(M.enumLabel('topic', 'kind', 'term'), 'Chuyên đề toàn khóa');
  assert.equal(M.enumLabel('topic', 'kind', 'year'), 'Chuyên đề năm');
  assert.equal(M.enumLabel('activity', 'kind', 'citizen_reception'), 'Tiếp công dân');
  assert.equal(M.enumLabel('activity', 'kind', 'working_session'), 'Làm việc tại cơ sở');
  const st = { draft: 'Nháp', submitted: 'Đã nộp, chờ duyệt', accepted: 'Đã chấp nhận',
    returned: 'Trả lại để sửa', reviewed: 'Đã tự đánh giá', closed: 'Đã đánh giá' };
  for (const [v, l] of Object.entries(st)) assert.equal(M.enumLabel('pledge', 'status', v), l);
  assert.equal(M.enumLabel('pledge', 'verdict', 'done'), 'Hoàn thành');
  assert.equal(M.enumLabel('pledge', 'verdict', 'partly'), 'Hoàn thành một phần');
  assert.equal(M.enumLabel('pledge', 'verdict', 'not_done'), 'Không hoàn thành');
  // (every value meta lists today has a label: labels.test.mjs)
  // unknown values and types fall back to the raw value
  assert.equal(M.enumLabel('pledge', 'status', 'archived'), 'archived');
  assert.equal(M.enumLabel('no_such_type', 'kind', 'denunciation'), 'denunciation');
  assert.equal(M.enumLabel('petition', 'kind', 'denunciation'), 'Tố cáo');
  assert.equal(M.enumLabel('pledge', 'status', null), '');
  // the body of the verdict transition uses the pledge's labels
  assert.equal(M.enumLabel('verdict', 'verdict', 'partly'), 'partly');
  assert.equal(M.enumLabel('verdict', 'verdict', 'partly', ['pledge']), 'Hoàn thành một phần');
  const v = byName(M.fieldsFor(META, verdict, 'create', { also: ['pledge'] }));
  assert.deepEqual(v.verdict.options().map((o) => o.label), ['Hoàn thành', 'Hoàn thành một phần', 'Không hoàn thành']);
  assert.equal(v.verdict.required, true);
  assert.equal(v.verdict_note.required, false);
  setLang('en');
  assert.equal(M.enumLabel('pledge', 'status', 'returned'), 'Returned for changes');
  assert.equal(M.enumLabel('pledge', 'status', 'archived'), 'archived');
  assert.equal(M.labelOf(META.types.pledge), 'Pledge');
  setLang('vi');
  assert.equal(M.labelOf(META.types.pledge), 'Đăng ký làm theo');
});

test('transition and history action labels, with fallbacks', () => {
  assert.equal(M.transitionLabel(META, pledge, 'submit', 'draft'), 'Nộp để duyệt');
  assert.equal(M.transitionLabel(META, pledge, 'submit', 'returned'), 'Nộp lại');
  assert.equal(M.transitionLabel(META, pledge, 'return'), 'Trả lại để sửa');
  assert.equal(M.transitionLabel(META, pledge, 'verdict'), 'Đánh giá kết quả');
  // an unknown transition with a body: the body type's label; without: its name
  const t2 = { ...pledge, name: 'plan', transitions: [{ name: 'approve_x', body: 'review' }, { name: 'zap' }] };
  assert.equal(M.transitionLabel(META, t2, 'approve_x'), 'Tự đánh giá');
  assert.equal(M.transitionLabel(META, t2, 'zap'), 'zap');
  assert.equal(M.actionLabel(META, pledge, 'create'), 'Tạo mới');
  assert.equal(M.actionLabel(META, pledge, 'update'), 'Sửa');
  assert.equal(M.actionLabel(META, pledge, 'return'), 'Trả lại');
  assert.equal(M.actionLabel(META, pledge, 'checkin'), 'Cập nhật tiến độ');
  assert.equal(M.actionLabel(META, activity, 'attendance'), 'Người tham dự', 'a child type\'s label');
  assert.equal(M.actionLabel(META, t2, 'approve_x'), 'Tự đánh giá');
  assert.equal(M.actionLabel(META, activity, 'merge_into'), 'merge_into');
});

test('values as text: dates, years, percentages, numbers, booleans, references', () => {
  const f = (ty, n) => M.fieldByName(ty, n);
  assert.equal(M.formatValue(activity, f(activity, 'date'), '2026-11-05'), '05/11/2026');
  assert.equal(M.formatValue(activity, f(activity, 'year'), 2026), '2026');
  assert.equal(M.formatValue(topic, f(topic, 'year_from'), 2021), '2021');
  assert.equal(M.formatValue(activity, f(activity, 'outside_count'), 12500), '12.500');
  assert.equal(M.formatValue(pledge, f(pledge, 'target_value'), 300000000), '300.000.000');
  assert.equal(M.formatValue(pledge, f(pledge, 'progress'), 30), '30%');
  assert.equal(M.formatValue(activity, f(activity, 'topic_on_agenda'), true), 'Có');
  assert.equal(M.formatValue(activity, f(activity, 'topic_on_agenda'), false), 'Không');
  assert.equal(M.formatValue(activity, f(activity, 'kind'), 'dialogue'), 'Đối thoại');
  assert.equal(M.formatValue(activity, f(activity, 'title'), null), '');
  const rec = { org: { id: 467, name: 'Chi bộ thôn Quế Ổ' }, person: { id: 5, full_name: 'Đỗ Thu Hường' } };
  assert.equal(M.formatValue(pledge, f(pledge, 'org_id'), 467, rec), 'Chi bộ thôn Quế Ổ');
  assert.equal(M.formatValue(pledge, f(pledge, 'person_id'), 5, rec), 'Đỗ Thu Hường');
  assert.equal(M.formatValue(pledge, f(pledge, 'person_id'), 6, rec), '#6', 'another id than the short form');
  assert.equal(M.formatValue(pledge, f(pledge, 'topic_id'), 3), '#3');
});

test('titles of records', () => {
  assert.equal(M.titleField(activity).name, 'title');
  assert.equal(M.titleField(topic).name, 'title');
  assert.equal(M.titleField(pledge).name, 'follow', 'the searchable long text before target_text');
  assert.equal(M.recordTitle(activity, { id: 4, title: 'Hội nghị quán triệt' }), 'Hội nghị quán triệt');
  assert.equal(M.recordTitle(activity, { id: 4, title: '' }), 'Hoạt động #4');
  const long = 'Giữ gìn phẩm chất đạo đức, lối sống giản dị, gần dân, '.repeat(4);
  const s = M.recordTitle(pledge, { id: 1, follow: long }, 60);
  assert.ok([...s].length <= 61 && s.endsWith('…'), s);
  assert.equal(M.shorten('a   b\nc'), 'a b c');
});

test('the history: what changed, with labels, before → after', () => {
  const before = { id: 1, status: 'submitted', return_reason: null, updated_at: 1, updated_by: 6, follow: 'A',
    progress: null, org_id: 467 };
  const after = { ...before, status: 'returned', return_reason: 'Cần ghi rõ chỉ tiêu', updated_at: 2, updated_by: 7 };
  assert.deepEqual(M.changeSummary(pledge, before, after), [
    { name: 'status', label: 'Trạng thái', before: 'Đã nộp, chờ duyệt', after: 'Trả lại để sửa' },
    { name: 'return_reason', label: 'Lý do trả lại', before: '', after: 'Cần ghi rõ chỉ tiêu' },
  ]);
  // a check-in touches the pledge's progress
  const c = M.changeSummary(pledge, { progress: null, last_checkin: null }, { progress: 30, last_checkin: '2026-11-23' });
  assert.deepEqual(c.map((x) => [x.label, x.before, x.after]),
    [['Tiến độ (%)', '', '30%'], ['Lần cập nhật gần nhất', '', '23/11/2026']]);
  // a creation lists what was set, in the order of the fields, without bookkeeping
  const created = M.changeSummary(activity, null, { id: 9, org_id: 467, kind: 'cell_meeting', date: '2026-11-05',
    year: 2026, title: 'Sinh hoạt', topic_id: null, topic_on_agenda: true, outside_count: 3, created_at: 5,
    created_by: 6, deleted_at: null, search_fold: 'sinh hoat' }, { org: { id: 467, name: 'Chi bộ thôn Quế Ổ' } });
  assert.deepEqual(created.map((x) => `${x.label}: ${x.after}`), ['Đơn vị tổ chức: Chi bộ thôn Quế Ổ',
    'Loại hoạt động: Sinh hoạt chi bộ định kỳ', 'Ngày: 05/11/2026', 'Năm: 2026', 'Tên hoạt động: Sinh hoạt',
    'Có nội dung học tập và làm theo Bác: Có', 'Số lượt người ngoài danh sách: 3']);
  // nothing changed but bookkeeping: nothing to say
  assert.deepEqual(M.changeSummary(activity, { title: 'x', updated_at: 1 }, { title: 'x', updated_at: 2 }), []);
  // a field the meta does not know (yet) is still shown, by its name
  assert.deepEqual(M.changeSummary(activity, { score: 1 }, { score: 2 }),
    [{ name: 'score', label: 'score', before: '1', after: '2' }]);
});

test('a new record starts with the year, today, the account\'s unit and the list\'s filters', () => {
  const today = '2026-11-23';
  assert.deepEqual(M.createDefaults(activity, SECRETARY, { kind: 'cell_meeting', year: '2026' }, today), {
    kind: 'cell_meeting', date: '2026-11-23', outside_count: 0, org_id: 467, org: SECRETARY.org,
  });
  assert.deepEqual(M.createDefaults(activity, SECRETARY, { org: '12', kind: 'bogus' }, today),
    { date: '2026-11-23', outside_count: 0, org_id: 12 });
  assert.deepEqual(M.createDefaults(pledge, MEMBER, {}, today), { year: 2026 });
  assert.deepEqual(M.createDefaults(pledge, MEMBER, { year: '2025', status: 'submitted' }, today), { year: 2025 });
  assert.deepEqual(M.createDefaults(checkin, MEMBER, {}, today), { date: '2026-11-23' });
});

test('list state, hash and API parameters', () => {
  const today = '2026-11-23';
  const s = listState(pledge, { status: 'submitted', q: 've sinh', page: '2' }, today);
  assert.deepEqual(s, { q: 've sinh', org: null, f: { status: 'submitted', year: '2026' }, deleted: false, page: 2,
    sort: null, dir: 'desc' });
  assert.equal(listHash(pledge, s, today), '#/r/pledges?q=ve+sinh&status=submitted&page=2');
  assert.deepEqual(listParams(pledge, s), { q: 've sinh', org: null, page: 2, per_page: 50, status: 'submitted',
    year: '2026' });
  // "all years" is kept in the hash and dropped from the request
  const all = listState(pledge, { year: 'all' }, today);
  assert.equal(all.f.year, 'all');
  assert.equal(listHash(pledge, all, today), '#/r/pledges?year=all');
  assert.equal(listParams(pledge, all).year, undefined);
  // bad values are dropped; sort only on sortable fields
  const bad = listState(pledge, { status: 'nope', verdict: 'done', person_id: 'x', sort: 'follow', dir: 'up',
    deleted: '1', org: '467' }, today);
  assert.deepEqual(bad.f, { verdict: 'done', year: '2026' });
  assert.equal(bad.sort, null);
  assert.equal(bad.deleted, true);
  assert.equal(bad.org, 467);
  assert.equal(listParams(pledge, bad).deleted, 1);
  const sorted = listState(activity, { sort: 'date', dir: 'asc', topic_on_agenda: '1' }, today);
  assert.equal(listHash(activity, sorted, today), '#/r/activities?topic_on_agenda=1&sort=date&dir=asc');
  // topics have no "year" filter: no year by default
  assert.deepEqual(listState(topic, {}, today).f, {});
  assert.deepEqual(filterFields(topic).map((f) => f.name), ['kind', 'year_from']);
});

test('list columns follow the type', () => {
  const cols = (ty) => listColumns(META, ty).map((c) => (c.child ? `count:${c.child.path}` : `${c.key}:${c.field.name}`));
  assert.deepEqual(cols(activity), ['title:title', 'kind:kind', 'when:date', 'org:org_id', 'count:attendance']);
  assert.deepEqual(cols(pledge), ['title:follow', 'when:year', 'org:org_id', 'person:person_id', 'status:status',
    'progress:progress', 'count:checkins']);
  assert.deepEqual(cols(topic), ['title:title', 'kind:kind', 'when:year_from', 'org:org_id']);
});

test('attendance: members present of the unit\'s members, guests, total', () => {
  const people = [{ id: 1, party_member: true }, { id: 2, party_member: true }, { id: 3, party_member: false },
    { id: 4, party_member: true }];
  const att = [{ person_id: 1 }, { person_id: 3 }, { person_id: 99 }];
  const s = attendanceSummary(people, att, 3);
  assert.deepEqual(s, { presentMembers: 1, members: 3, guests: 3, total: 6 });
  assert.equal(summaryText({ presentMembers: 18, members: 25, guests: 3, total: 21 }),
    'Có mặt: 18/25 đảng viên · Khách mời: 3 · Tổng: 21');
  assert.equal(summaryText(attendanceSummary([], [], null)), 'Có mặt: 0/0 đảng viên · Khách mời: 0 · Tổng: 0');
  assert.equal(fold('Đỗ Thu Hường'), 'do thu huong');
});

test('touches: check-ins only while a pledge is followed', () => {
  assert.equal(childAllowed(pledge, 'checkin', { status: 'accepted' }), true);
  assert.equal(childAllowed(pledge, 'checkin', { status: 'reviewed' }), true);
  assert.equal(childAllowed(pledge, 'checkin', { status: 'draft' }), false);
  assert.equal(childAllowed(pledge, 'checkin', { status: 'closed' }), false);
  assert.equal(childAllowed(activity, 'attendance', {}), true);
  assert.deepEqual(touchOf('no_such_type'), {});
});

test('record routes take a type name', () => {
  const routes = [{ name: 'list', pattern: '/r/*type' }, { name: 'new', pattern: '/r/*type/new' },
    { name: 'one', pattern: '/r/*type/:id' }, { name: 'edit', pattern: '/r/*type/:id/edit' }];
  assert.deepEqual(matchRoute(routes, '/r/pledges'), { route: routes[0], params: { type: 'pledges' } });
  assert.equal(matchRoute(routes, '/r/pledges/new').route.name, 'new');
  assert.deepEqual(matchRoute(routes, '/r/plan_tasks/12').params, { type: 'plan_tasks', id: 12 });
  assert.equal(matchRoute(routes, '/r/pledges/12/edit').route.name, 'edit');
  assert.equal(matchRoute(routes, '/r/Pledges'), null);
  assert.equal(matchRoute(routes, '/r/../x'), null);
  assert.equal(matchRoute(routes, '/r/pledges/abc'), null);
});
