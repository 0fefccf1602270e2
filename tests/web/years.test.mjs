// Unit tests of the pure helpers of the figures' pages (web/js/indicators.js)
// beyond the dashboard's: the links between the pages and to the records a
// figure or a check lists, the lists behind a figure and their sizes, a
// unit's year report (statuses, steps, completeness); and the charts of
// web/js/chart.js drawn into a fake document: the bars and columns scaled
// to their values.
import test from 'node:test';
import assert from 'node:assert/strict';
import { installFakeDocument } from './fakedom.mjs';

const store = new Map([['lamtheo.lang', 'vi']]);
globalThis.localStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
};
const { t, setLang } = await import('../../web/js/i18n.js');
const {
  recordsListHash, yearsHash, qualityHash, recordHash, recordLists, whichParam, YEAR_STATUSES, yearTone,
  yearSteps, needsReason, statusCounts,
} = await import('../../web/js/indicators.js');
const { hbarChart, columnChart } = await import('../../web/js/chart.js');

test('links between the pages keep the unit and the year', () => {
  assert.equal(recordsListHash('member_pledge_rate', 3, 2022), '#/dashboard/member_pledge_rate/records?org=3&year=2022');
  assert.equal(recordsListHash('member_pledge_rate', 3, 2022, 'counted', 2),
    '#/dashboard/member_pledge_rate/records?org=3&year=2022&which=counted&page=2');
  assert.equal(recordsListHash('conferences', null, 2026, null, 1), '#/dashboard/conferences/records?year=2026');
  assert.equal(yearsHash(467, 2025), '#/years?org=467&year=2025');
  assert.equal(yearsHash(null, 2026), '#/years?year=2026');
  assert.equal(qualityHash(3, 2022), '#/quality?org=3&year=2022');
  assert.equal(qualityHash(3, 2022, 'stale_pledge'), '#/quality/stale_pledge?org=3&year=2022');
  assert.equal(qualityHash(3, 2022, 'stale_pledge', 4), '#/quality/stale_pledge?org=3&year=2022&page=4');
});

test('a listed record opens in its own page', () => {
  assert.equal(recordHash('people', 320), '#/people/320');
  assert.equal(recordHash('orgs', 24), '#/orgs/24');
  assert.equal(recordHash('pledges', 16175), '#/r/pledges/16175');
  assert.equal(recordHash('activities', 5), '#/r/activities/5');
  assert.equal(recordHash('../admin', 5), null);
  assert.equal(recordHash('indicators/x/records', 5), null);
  assert.equal(recordHash('pledges', 0), null);
  assert.equal(recordHash('pledges', '5'), null);
  assert.equal(recordHash(undefined, 5), null);
});

test("a rate's lists add up to its denominator; a count has one", () => {
  const rate = recordLists('rate', { num: 7310, den: 7419 });
  assert.deepEqual(rate, [
    { which: 'missing', total: 109 }, { which: 'counted', total: 7310 }, { which: 'all', total: 7419 }]);
  assert.equal(rate[0].total + rate[1].total, rate[2].total);
  assert.deepEqual(recordLists('rate', { num: 0, den: 0 }).map((l) => l.total), [0, 0, 0]);
  assert.deepEqual(recordLists('count', { num: 105, parts: [105, 17540] }), [{ which: 'all', total: 105 }]);
  assert.equal(whichParam(undefined, 'rate'), 'missing');
  assert.equal(whichParam('counted', 'rate'), 'counted');
  assert.equal(whichParam('nonsense', 'rate'), 'missing');
  assert.equal(whichParam('missing', 'count'), 'all', 'a count lists only what it counts');
  assert.equal(whichParam(null, 'count'), 'all');
});

test('a year report: labels, colours, the buttons in order, who has handed in', () => {
  assert.deepEqual(YEAR_STATUSES.map((s) => t(`year.status.${s}`)), ['Chưa nộp', 'Bị trả lại', 'Đã nộp', 'Đã duyệt']);
  assert.equal(yearTone('approved'), 'ok');
  assert.equal(yearTone('returned'), 'bad');
  assert.equal(yearTone('submitted'), 'info');
  assert.equal(yearTone('open'), 'neutral');
  assert.equal(yearTone('unknown'), 'neutral');
  assert.deepEqual(yearSteps(['reopen', 'submit']), ['submit', 'reopen']);
  assert.deepEqual(yearSteps(['return', 'approve', 'dance']), ['approve', 'return']);
  assert.deepEqual(yearSteps(null), []);
  assert.equal(needsReason('return'), true);
  assert.equal(needsReason('reopen'), true);
  assert.equal(needsReason('submit'), false);
  assert.equal(needsReason('approve'), false);
  const n = statusCounts([{ status: 'approved' }, { status: 'open' }, { status: 'approved' },
    { status: 'returned' }, { status: 'weird' }]);
  assert.deepEqual(n, { total: 5, open: 1, returned: 1, submitted: 0, approved: 2 });
  assert.deepEqual(statusCounts(undefined), { total: 0, open: 0, returned: 0, submitted: 0, approved: 0 });
  setLang('en');
  assert.equal(t('year.status.returned'), 'Returned');
  assert.equal(t('year.count.units', { n: '1' }), '1 reporting unit');
  setLang('vi');
});

/* ---- the charts, drawn into a fake document -------------------------------------- */

function fakeSvgDocument() {
  const doc = installFakeDocument();
  doc.createElementNS = (ns, tag) => doc.createElement(tag);
  return doc;
}

/** Every element under el with that tag name (depth first). */
function all(el, tag) {
  const out = [];
  for (const c of el.childNodes || []) {
    if (c.nodeType !== 1) continue;
    if (c.tagName === tag.toUpperCase()) out.push(c);
    out.push(...all(c, tag));
  }
  return out;
}

const num = (el, k) => Number(el.getAttribute(k));

test('bars: one per row, as long as their share of the longest, links where given', () => {
  fakeSvgDocument();
  const box = document.createElement('div');
  box.clientWidth = 800;
  hbarChart(box, [
    { label: 'Đảng bộ huyện Tiên Lữ', value: '99%', fraction: 0.99, href: '#/dashboard/x?org=317&year=2022' },
    { label: 'Đảng bộ tỉnh Thái Bình', note: 'đã hợp nhất vào Đảng bộ tỉnh Hưng Yên', value: '49,5%', fraction: 0.495,
      href: '#/dashboard/x?org=2&year=2022', cls: 'is-merged' },
    { label: 'Trực thuộc trực tiếp', value: '0%', fraction: 0, cls: 'is-own' },
  ], { label: 'Đảng viên đăng ký làm theo theo đơn vị trực thuộc, năm 2022' });
  const [svg] = all(box, 'svg');
  assert.equal(svg.getAttribute('width'), '800');
  assert.equal(svg.getAttribute('viewBox'), `0 0 800 ${svg.getAttribute('height')}`);
  const bars = all(svg, 'rect').filter((r) => r.getAttribute('class') === 'chart-bar');
  const tracks = all(svg, 'rect').filter((r) => r.getAttribute('class') === 'chart-track');
  assert.equal(tracks.length, 3);
  assert.equal(bars.length, 2, 'a zero value draws no bar, only its track');
  const full = num(tracks[0], 'width');
  assert.equal(num(bars[0], 'width'), Math.round(full * 0.99));
  assert.equal(num(bars[1], 'width'), Math.round(full * 0.495));
  const links = all(svg, 'a');
  assert.deepEqual(links.map((a) => a.getAttribute('href')),
    ['#/dashboard/x?org=317&year=2022', '#/dashboard/x?org=2&year=2022']);
  const values = all(svg, 'text').filter((x) => x.getAttribute('class') === 'chart-value').map((x) => x.textContent);
  assert.deepEqual(values, ['99%', '49,5%', '0%']);
  // every row below the one before
  const ys = tracks.map((r) => num(r, 'y'));
  assert.ok(ys[0] < ys[1] && ys[1] < ys[2], ys);
});

test('bars on a phone: the name above its bar, the bar the whole width', () => {
  fakeSvgDocument();
  const box = document.createElement('div');
  box.clientWidth = 300;
  hbarChart(box, [{ label: 'Chi bộ thôn Quế Ổ', value: '100%', fraction: 1 }]);
  const [track] = all(box, 'rect').filter((r) => r.getAttribute('class') === 'chart-track');
  const [name] = all(box, 'text').filter((x) => x.getAttribute('class') === 'chart-label');
  assert.equal(num(track, 'x'), 0);
  assert.ok(num(name, 'y') < num(track, 'y'), 'the name is above the bar');
  assert.ok(num(track, 'width') >= 200, track.getAttribute('width'));
});

test('columns: as tall as their share, none for a year without a value, the year shown marked', () => {
  fakeSvgDocument();
  const box = document.createElement('div');
  box.clientWidth = 600;
  columnChart(box, [
    { label: '2021', value: '96,8%', fraction: 0.968, href: '#/a' },
    { label: '2022', value: '98,5%', fraction: 0.985, selected: true },
    { label: '2023', value: '—', fraction: null, href: '#/c' },
    { label: '2024', value: '0%', fraction: 0, href: '#/d' },
  ]);
  const bars = all(box, 'rect').filter((r) => r.getAttribute('class') === 'chart-bar');
  assert.equal(bars.length, 2);
  const plot = num(bars[0], 'height') / 0.968;
  assert.ok(Math.abs(num(bars[1], 'height') - Math.round(plot * 0.985)) <= 1);
  // the columns stand on the same line
  assert.equal(num(bars[0], 'y') + num(bars[0], 'height'), num(bars[1], 'y') + num(bars[1], 'height'));
  const cols = all(box, 'g');
  assert.deepEqual(cols.map((g) => g.getAttribute('class')),
    ['chart-col', 'chart-col is-selected', 'chart-col', 'chart-col']);
  assert.deepEqual(all(box, 'a').map((a) => a.getAttribute('href')), ['#/a', '#/c', '#/d'],
    'the year shown is no link');
});
