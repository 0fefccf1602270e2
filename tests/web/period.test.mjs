// Unit tests of the quarter/month picker of the figures' pages: the periods
// of web/js/indicators.js (the query, the links, the words in both
// languages) and the "Cả năm" badge of web/js/figures.js drawn into a fake
// document for a figure counted over the whole year.
import test from 'node:test';
import assert from 'node:assert/strict';
import { installFakeDocument } from './fakedom.mjs';

installFakeDocument();
const store = new Map([['lamtheo.lang', 'vi']]);
globalThis.localStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
};
const { setLang } = await import('../../web/js/i18n.js');
const { parseHash } = await import('../../web/js/router.js');
const {
  PERIODS, periodParam, periodQuery, periodLabel, periodGroups, periodYearText, countedOverYear,
  overviewHash, detailHash, recordsListHash, unitYearPeriod, samePeriod, unitYear, periodEnd, periodRunning,
} = await import('../../web/js/indicators.js');
const { wholeYearBadge } = await import('../../web/js/figures.js');

test('the periods are the API\'s: the year, four quarters, twelve months', () => {
  assert.equal(PERIODS.length, 17);
  assert.deepEqual(PERIODS.slice(0, 5), ['year', 'q1', 'q2', 'q3', 'q4']);
  assert.equal(PERIODS[5], 'm01');
  assert.equal(PERIODS[16], 'm12');
  for (const p of PERIODS) assert.equal(periodParam(p), p);
  // anything else is the whole year
  for (const v of [undefined, null, '', 'q5', 'm13', 'm1', 'Q1', 'year ', 'm00']) assert.equal(periodParam(v), 'year', v);
  // the whole year is left out of links and requests
  assert.equal(periodQuery('year'), null);
  assert.equal(periodQuery(null), null);
  assert.equal(periodQuery('q5'), null);
  assert.equal(periodQuery('q1'), 'q1');
  assert.equal(periodQuery('m07'), 'm07');
});

test('the last day of a period; whether it is still running', () => {
  assert.equal(periodEnd('year', 2022), '2022-12-31');
  assert.equal(periodEnd('q1', 2022), '2022-03-31');
  assert.equal(periodEnd('q2', 2022), '2022-06-30');
  assert.equal(periodEnd('q4', 2022), '2022-12-31');
  assert.equal(periodEnd('m02', 2023), '2023-02-28');
  assert.equal(periodEnd('m02', 2024), '2024-02-29');
  assert.equal(periodEnd('m11', 2026), '2026-11-30');
  // the trend's "up to today" only for a period not over yet
  assert.equal(periodRunning('q1', 2026, '2026-11-23'), false);
  assert.equal(periodRunning('q4', 2026, '2026-11-23'), true);
  assert.equal(periodRunning('m11', 2026, '2026-11-30'), true);
  assert.equal(periodRunning('year', 2026, '2026-11-23'), true);
  assert.equal(periodRunning(null, 2026, '2026-11-23'), true);
  assert.equal(periodRunning('year', 2025, '2026-11-23'), false);
});

test('links carry the period, absent for the whole year; the query gives it back', () => {
  assert.equal(overviewHash(2, 2022, 'q1'), '#/dashboard?org=2&year=2022&period=q1');
  assert.equal(overviewHash(2, 2022, 'year'), '#/dashboard?org=2&year=2022');
  assert.equal(overviewHash(2, 2022), '#/dashboard?org=2&year=2022');
  assert.equal(overviewHash(null, 2022, 'm03'), '#/dashboard?year=2022&period=m03');
  assert.equal(detailHash('conferences', 2, 2022, 'q4'), '#/dashboard/conferences?org=2&year=2022&period=q4');
  assert.equal(detailHash('conferences', 2, 2022, 'year'), '#/dashboard/conferences?org=2&year=2022');
  assert.equal(recordsListHash('conferences', 2, 2022, null, 1, 'q1'),
    '#/dashboard/conferences/records?org=2&year=2022&period=q1');
  assert.equal(recordsListHash('concerns_resolved', 2, 2022, 'counted', 3, 'm12'),
    '#/dashboard/concerns_resolved/records?org=2&year=2022&period=m12&which=counted&page=3');
  // as before without one
  assert.equal(recordsListHash('member_pledge_rate', 3, 2022, 'counted', 2),
    '#/dashboard/member_pledge_rate/records?org=3&year=2022&which=counted&page=2');

  // round trip through the router
  const { path, query } = parseHash(detailHash('conferences', 2, 2022, 'q1'));
  assert.equal(path, '/dashboard/conferences');
  assert.deepEqual(unitYearPeriod(query), { org: 2, year: 2022, period: 'q1' });
  assert.deepEqual(unitYearPeriod(parseHash(overviewHash(2, 2022)).query), { org: 2, year: 2022, period: 'year' });
  assert.equal(unitYearPeriod({ org: '2', year: '2022', period: 'q9' }).period, 'year');
  assert.equal(unitYearPeriod({}).org, null);
  // the pages without periods (year report, quality) read the same query as before
  assert.deepEqual(unitYear({ org: '2', year: '2022', period: 'q1' }), { org: 2, year: 2022 });

  const a = { org: 2, year: 2022, period: 'q1' };
  assert.equal(samePeriod(a, { org: 2, year: 2022, period: 'q1' }), true);
  assert.equal(samePeriod(a, { org: 2, year: 2022, period: 'q2' }), false);
  assert.equal(samePeriod(a, { org: 2, year: 2021, period: 'q1' }), false);
  assert.equal(samePeriod({ org: 2, year: 2022, period: 'year' }, { org: 2, year: 2022 }), true);
});

test('the labels of the periods, in Vietnamese and in English', () => {
  assert.equal(periodLabel('year'), 'Cả năm');
  assert.equal(periodLabel('q1'), 'Quý I');
  assert.equal(periodLabel('q4'), 'Quý IV');
  assert.equal(periodLabel('m01'), 'Tháng 1');
  assert.equal(periodLabel('m12'), 'Tháng 12');
  assert.equal(periodLabel('nonsense'), 'Cả năm');
  assert.equal(periodYearText('year', 2022), 'năm 2022');
  assert.equal(periodYearText('q1', 2022), 'Quý I năm 2022');
  assert.equal(periodYearText('m03', 2021), 'Tháng 3 năm 2021');
  const groups = periodGroups();
  assert.deepEqual(groups.map((g) => g.label), [null, 'Theo quý', 'Theo tháng']);
  assert.deepEqual(groups.flatMap((g) => g.options.map((o) => o.value)), PERIODS);
  assert.deepEqual(groups[1].options.map((o) => o.label), ['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
  for (const p of PERIODS) assert.equal(periodLabel(p), periodLabel(p).normalize('NFC'));
  setLang('en');
  try {
    assert.equal(periodLabel('year'), 'Whole year');
    assert.equal(periodLabel('q2'), 'Q2');
    assert.equal(periodLabel('m01'), 'January');
    assert.equal(periodLabel('m12'), 'December');
    assert.equal(periodYearText('q1', 2022), 'Q1 2022');
    assert.equal(periodYearText('year', 2022), '2022');
    assert.deepEqual(periodGroups().map((g) => g.label), [null, 'Quarters', 'Months']);
  } finally {
    setLang('vi');
  }
});

test('a figure counted over the whole year says so while a quarter is chosen', () => {
  const rate = { name: 'member_pledge_rate', period: 'year' };
  const conf = { name: 'conferences', period: 'q1' };
  assert.equal(countedOverYear(rate, 'q1'), true);
  assert.equal(countedOverYear(rate, 'm05'), true);
  assert.equal(countedOverYear(rate, 'year'), false, 'the whole year chosen: nothing to say');
  assert.equal(countedOverYear(conf, 'q1'), false);
  assert.equal(countedOverYear({ name: 'x' }, 'q1'), false, 'an answer without period (older server)');
  assert.equal(countedOverYear(null, 'q1'), false);

  const b = wholeYearBadge(rate, 'q1', 2022);
  assert.equal(b.textContent, 'Cả năm');
  assert.match(b.getAttribute('class'), /\bind-period-note\b/);
  assert.match(b.getAttribute('title'), /cả năm 2022/);
  assert.equal(wholeYearBadge(conf, 'q1', 2022), null);
  assert.equal(wholeYearBadge(rate, 'year', 2022), null);
  setLang('en');
  try {
    assert.equal(wholeYearBadge(rate, 'q3', 2022).textContent, 'Whole year');
  } finally {
    setLang('vi');
  }
});
