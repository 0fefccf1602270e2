// indicators.js — the figures of GET /api/v1/indicators as the dashboard
// shows them: the change from the year before ("+1,7 điểm %", "+381"), the
// numerator and denominator in words ("5.938 / 6.026 đảng viên"), a count's
// parts ("62 hội nghị · 10.222 lượt người dự"), the rows of a breakdown by
// unit (the unit's own share, sorted, checked to add up), the years offered;
// the quarters and months a figure can be narrowed to; the links of the
// figures' pages, the lists behind a figure, and a unit's year report (its
// statuses and steps).
// Pure functions (no DOM): unit-tested by tests/web/dashboard.test.mjs and
// tests/web/years.test.mjs.

import { t, has } from './i18n.js';
import { fmtInt, fmtDecimal, fmtPercent, todayIso, DASH } from './format.js';
import { buildHash } from './router.js';

/** The campaign's figures are followed from 2021 (the year select starts
 * there, and 2021 is not compared with 2020, which nobody entered). */
export const FIRST_YEAR = 2021;

/** The current year in Viet Nam, as a number. */
export function currentYear(today = todayIso()) {
  return Number(String(today).slice(0, 4));
}

/** The years offered, newest first: this year down to FIRST_YEAR. */
export function yearOptions(now = currentYear()) {
  const years = [];
  for (let y = now; y >= FIRST_YEAR; y--) years.push(y);
  return years;
}

/** The years of a trend, oldest first. */
export function trendYears(now = currentYear()) {
  return yearOptions(now).reverse();
}

/** A year from the query: one of the offered years, else this year. */
export function yearParam(v, now = currentYear()) {
  const n = Number(v);
  return Number.isInteger(n) && n >= FIRST_YEAR && n <= now ? n : now;
}

/** The year compared with (the year before), or null for the first year. */
export function compareYear(year) {
  return year > FIRST_YEAR ? year - 1 : null;
}

const MINUS = '\u2212';

function isNum(x) {
  return typeof x === 'number' && Number.isFinite(x);
}

/** num / den as a percentage (one decimal), null without a denominator. */
export function rateOf(num, den) {
  if (!isNum(num) || !isNum(den) || den <= 0 || num < 0) return null;
  return Math.round((num * 1000) / den) / 10;
}

/**
 * The change of a figure from another year: {delta, dir} with dir "up",
 * "down" or "same"; null when either side has no value (a rate without a
 * denominator).  Rates change in percentage points, from the rates as shown
 * (one decimal), counts by their number.
 */
export function changeOf(kind, cur, prev) {
  if (!cur || !prev) return null;
  let delta;
  if (kind === 'rate') {
    const a = isNum(cur.rate) ? cur.rate : rateOf(cur.num, cur.den);
    const b = isNum(prev.rate) ? prev.rate : rateOf(prev.num, prev.den);
    if (a === null || b === null) return null;
    delta = Math.round((a - b) * 10) / 10;
  } else {
    if (!isNum(cur.num) || !isNum(prev.num)) return null;
    delta = cur.num - prev.num;
  }
  if (Object.is(delta, -0)) delta = 0;
  return { delta, dir: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same' };
}

/** "+1,7 điểm %", "−0,4 điểm %", "+381", "−1.204", "Không đổi". */
export function fmtChange(kind, delta) {
  if (!isNum(delta)) return '';
  if (delta === 0) return t('ind.no_change');
  const sign = delta > 0 ? '+' : MINUS;
  if (kind === 'rate') {
    const d = fmtDecimal(Math.abs(delta), 1).replace(/,0$/, '');
    return t('ind.change_points', { d: sign + d });
  }
  return sign + fmtInt(Math.abs(delta));
}

/** The unit the figure counts in the interface language ("đảng viên"), or
 * '' for a figure this interface does not know yet. */
export function unitWord(name) {
  const k = `ind.unit.${name}`;
  return has(k) ? t(k) : '';
}

/** "5.938 / 6.026 đảng viên" (rates); "" for a count or without a denominator. */
export function numDenText(kind, name, v) {
  if (kind !== 'rate' || !v || !isNum(v.num) || !isNum(v.den) || v.den <= 0) return '';
  const unit = unitWord(name);
  return t(unit ? 'ind.num_den' : 'ind.num_den_plain', { num: fmtInt(v.num), den: fmtInt(v.den), unit });
}

/** How many parts of a count this interface names (0 for a rate). */
export function partCount(name) {
  let n = 0;
  while (n < 4 && has(`ind.part.${name}.${n}`)) n++;
  return n;
}

/** A count's parts in words: ["62 hội nghị", "10.222 lượt người dự"]. */
export function partsTexts(name, parts) {
  const n = partCount(name);
  if (!n || !Array.isArray(parts)) return [];
  const out = [];
  for (let i = 0; i < n; i++) {
    const v = parts[i];
    if (!isNum(v)) continue;
    out.push(t(`ind.part.${name}.${i}`, { n: fmtInt(v) }));
  }
  return out;
}

/** The heading of a part's column: "Lượt người dự". */
export function partLabel(name, i) {
  const s = t(`ind.part.${name}.${i}`, { n: '' }).trim();
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : '';
}

/** The decimals a figure's display uses ("92,31%": 2), at least one. */
export function decimalsOf(display) {
  const m = /,(\d+)%$/.exec(String(display || ''));
  return m ? Math.max(1, m[1].length) : 1;
}

/** What a value shows: the server's display when it has one, else the same
 * made here (the unit's own row has none). */
export function displayOf(kind, v, decimals = 1) {
  if (v && typeof v.display === 'string' && v.display) return v.display;
  if (!v) return DASH;
  if (kind === 'rate') {
    if (!isNum(v.den) || v.den <= 0 || !isNum(v.num) || v.num < 0) return DASH;
    return fmtPercent(v.num, v.den, decimals);
  }
  return fmtInt(v.num);
}

/**
 * The rows of a breakdown (GET /indicators/NAME?by=children "children"):
 * [{id, org, name, merged, own, num, den, rate, display, parts}] and whether
 * they add up to the total.  A unit's own share ("own") is the remainder
 * beyond the units under it; when the server sends rows that do not add up
 * and no own row, the remainder is added here (own, derived: true) so the
 * chart and table still show the whole; a remainder below zero (rows
 * counting more than the total) is not a share and is reported instead.
 */
export function breakdown(detail) {
  const kind = detail.kind;
  const rate = kind === 'rate';
  const dec = decimalsOf(detail.display);
  const rows = (detail.children || []).map((c) => {
    const num = isNum(c.num) ? c.num : 0;
    const den = rate ? (isNum(c.den) ? c.den : 0) : null;
    const r = rate ? (isNum(c.rate) ? c.rate : rateOf(num, den)) : null;
    return {
      id: c.org ? c.org.id : null,
      org: c.org || null,
      name: c.org ? c.org.name : '',
      merged: !!c.merged,
      own: !!c.own,
      num,
      den,
      rate: r,
      display: displayOf(kind, { ...c, num, den }, dec),
      parts: Array.isArray(c.parts) ? c.parts : null,
    };
  });
  const sum = (k) => rows.reduce((a, r) => a + (isNum(r[k]) ? r[k] : 0), 0);
  let restNum = (isNum(detail.num) ? detail.num : 0) - sum('num');
  let restDen = rate ? (isNum(detail.den) ? detail.den : 0) - sum('den') : 0;
  if (!rows.some((r) => r.own) && (restNum > 0 || restDen > 0) && restNum >= 0 && restDen >= 0) {
    rows.push({
      id: detail.org ? detail.org.id : null, org: detail.org || null, name: detail.org ? detail.org.name : '',
      merged: false, own: true, derived: true, num: restNum, den: rate ? restDen : null,
      rate: rate ? rateOf(restNum, restDen) : null,
      display: displayOf(kind, { num: restNum, den: restDen }, dec), parts: null,
    });
    restNum = 0;
    restDen = 0;
  }
  // A count's own share carries no parts: they are the remainder too.
  const own = rows.find((r) => r.own && !r.parts);
  if (own && Array.isArray(detail.parts) && rows.every((r) => r === own || r.parts)) {
    own.parts = detail.parts.map((v, i) => (isNum(v) ? v : 0) -
      rows.reduce((a, r) => a + (r === own || !isNum(r.parts[i]) ? 0 : r.parts[i]), 0));
  }
  const negative = rows.some((r) => r.num < 0 || (rate && r.den < 0));
  return { rows, addsUp: restNum === 0 && restDen === 0 && !negative, negative };
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * Rows sorted for the chart: rates by rate (highest first; units without
 * a denominator after them), counts by number; ties by size, then name in
 * Vietnamese order.  The unit's own share comes last (it is not a unit
 * under it).  A new array.
 */
export function sortRows(rows, kind) {
  const rank = (r) => (r.own ? 2 : kind === 'rate' && r.rate === null ? 1 : 0);
  return [...rows].sort((a, b) => {
    const d = rank(a) - rank(b);
    if (d) return d;
    if (kind === 'rate') {
      if (a.rate !== b.rate && a.rate !== null && b.rate !== null) return b.rate - a.rate;
      if (a.den !== b.den) return (b.den || 0) - (a.den || 0);
    } else if (a.num !== b.num) {
      return b.num - a.num;
    }
    return collator.compare(a.name || '', b.name || '');
  });
}

/** The longest bar: 100 for rates, the largest count (at least 1). */
export function scaleMax(rows, kind) {
  if (kind === 'rate') return 100;
  return Math.max(1, ...rows.map((r) => (isNum(r.num) ? r.num : 0)));
}

/** A bar's length in [0, 1] of the longest. */
export function barFraction(row, kind, max) {
  const v = kind === 'rate' ? row.rate : row.num;
  if (!isNum(v) || v <= 0 || !max) return 0;
  return Math.min(1, v / max);
}

/* ---- quarters and months -------------------------------------------------- */

/** The periods a figure can be counted over (docs/indicators.md "Quarters
 * and months"): the whole year, a quarter, a month — as the API names them. */
export const PERIODS = ['year', 'q1', 'q2', 'q3', 'q4',
  'm01', 'm02', 'm03', 'm04', 'm05', 'm06', 'm07', 'm08', 'm09', 'm10', 'm11', 'm12'];

/** A period from the query: one of PERIODS, else the whole year. */
export function periodParam(v) {
  return PERIODS.includes(v) ? v : 'year';
}

/** What goes into a link or a request: the period, or null for the whole
 * year (the default, left out). */
export function periodQuery(p) {
  return p && p !== 'year' && PERIODS.includes(p) ? p : null;
}

/** "Cả năm", "Quý I", "Tháng 3" ("Whole year", "Q1", "March"). */
export function periodLabel(p) {
  return t(`period.name.${periodParam(p)}`);
}

/** The period select's choices: the year, then the quarters and the months
 * as groups.  [{label, options: [{value, label}]}], the year's group
 * without a label. */
export function periodGroups() {
  const opt = (p) => ({ value: p, label: periodLabel(p) });
  return [
    { label: null, options: [opt('year')] },
    { label: t('period.quarters'), options: PERIODS.filter((p) => p[0] === 'q').map(opt) },
    { label: t('period.months'), options: PERIODS.filter((p) => p[0] === 'm').map(opt) },
  ];
}

/** "năm 2022", "Quý I năm 2022", "Tháng 3 năm 2022" ("2022", "Q1 2022"). */
export function periodYearText(p, year) {
  const q = periodQuery(p);
  return q ? t('period.in_period', { period: periodLabel(q), year }) : t('period.in_year', { year });
}

/** The last day of a period of a year, "YYYY-MM-DD" (the year's 31/12). */
export function periodEnd(p, year) {
  const q = periodQuery(p);
  const month = !q ? 12 : q[0] === 'q' ? 3 * Number(q[1]) : Number(q.slice(1));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Is that period of that year still running (its figures up to today)? */
export function periodRunning(p, year, today = todayIso()) {
  return String(today).slice(0, 4) === String(year) && String(today) <= periodEnd(p, year);
}

/** Was this item counted over the whole year while a quarter or a month is
 * asked for (a pledge rate: by the year the pledges are for)?  Then the
 * page says so, so that nobody reads a year's figure as a quarter's. */
export function countedOverYear(item, p) {
  return !!periodQuery(p) && !!item && item.period === 'year';
}

/* ---- links ---------------------------------------------------------------- */

/** #/dashboard?org=&year=&period= (the whole year is left out) */
export function overviewHash(org, year, period = null) {
  return buildHash('/dashboard', { org: org || null, year: year || null, period: periodQuery(period) });
}

/** #/dashboard/<name>?org=&year=&period= */
export function detailHash(name, org, year, period = null) {
  return buildHash(`/dashboard/${name}`, { org: org || null, year: year || null, period: periodQuery(period) });
}

/** #/dashboard/<name>/records?org=&year=&period=&which=&page= (page 1 is left out). */
export function recordsListHash(name, org, year, which = null, page = 1, period = null) {
  return buildHash(`/dashboard/${name}/records`, { org: org || null, year: year || null,
    period: periodQuery(period), which: which || null, page: page > 1 ? page : null });
}

/** #/years?org=&year= */
export function yearsHash(org, year) {
  return buildHash('/years', { org: org || null, year: year || null });
}

/** #/quality?org=&year=, or one check's list: #/quality/<name>?org=&year=&page= */
export function qualityHash(org, year, check = null, page = 1) {
  return buildHash(check ? `/quality/${check}` : '/quality',
    { org: org || null, year: year || null, page: page > 1 ? page : null });
}

/** Where a record that a figure or a check lists opens, from the collection
 * the API names: "people" -> #/people/ID, "orgs" -> #/orgs/ID, the campaign's
 * records -> #/r/<path>/ID; null for anything else. */
export function recordHash(path, id) {
  if (typeof path !== 'string' || !/^[a-z][a-z0-9_]*$/.test(path) || !Number.isInteger(id) || id <= 0) return null;
  if (path === 'people' || path === 'orgs') return `#/${path}/${id}`;
  return `#/r/${path}/${id}`;
}

/* ---- the records behind a figure (GET /indicators/NAME/records) ----------- */

/** The lists a figure opens on, with their sizes: a rate's rows outside
 * the numerator (missing: den − num), in it (counted: num) and both (all:
 * den); a count's one list (all: num).  [{which, total}] */
export function recordLists(kind, v) {
  const num = v && isNum(v.num) ? v.num : 0;
  if (kind !== 'rate') return [{ which: 'all', total: num }];
  const den = v && isNum(v.den) ? v.den : 0;
  return [
    { which: 'missing', total: Math.max(0, den - num) },
    { which: 'counted', total: num },
    { which: 'all', total: den },
  ];
}

/** The list asked for in the query: one the figure has, else its first. */
export function whichParam(v, kind) {
  const lists = recordLists(kind, null).map((l) => l.which);
  return lists.includes(v) ? v : lists[0];
}

/* ---- a unit's year (GET /year_reports) ------------------------------------ */

/** The statuses in the order the completeness view counts them. */
export const YEAR_STATUSES = ['open', 'returned', 'submitted', 'approved'];

/** The badge colour of a status (the tone-* classes of recview.js). */
export function yearTone(status) {
  return { open: 'neutral', returned: 'bad', submitted: 'info', approved: 'ok' }[status] || 'neutral';
}

/** The steps the server lists, in the order of the buttons. */
export function yearSteps(actions) {
  if (!Array.isArray(actions)) return [];
  return ['submit', 'approve', 'return', 'reopen'].filter((s) => actions.includes(s));
}

/** The steps that send a year back ask for a reason. */
export function needsReason(step) {
  return step === 'return' || step === 'reopen';
}

/** How many of the units under it are in each status:
 * {open, returned, submitted, approved, total}. */
export function statusCounts(children) {
  const out = { total: 0 };
  for (const s of YEAR_STATUSES) out[s] = 0;
  for (const c of children || []) {
    if (c && YEAR_STATUSES.includes(c.status)) out[c.status]++;
    out.total++;
  }
  return out;
}

/** "Nguồn: bài 003" ('' without a seed). */
export function seedText(seed) {
  return seed ? t('ind.source', { seed }) : '';
}

/** The unit and year of a page's query (?org=&year=): {org (null: the
 * account's own unit), year (this year unless one offered)}. */
export function unitYear(query) {
  const org = Number(query && query.org);
  return { org: Number.isInteger(org) && org > 0 ? org : null, year: yearParam(query && query.year) };
}

/** Do two {org, year} name the same page? */
export function sameUnitYear(a, b) {
  return a.org === b.org && a.year === b.year;
}

/** The unit, year and period of a figures page's query (?org=&year=&period=):
 * unitYear's and the period (the whole year unless one of PERIODS). */
export function unitYearPeriod(query) {
  return { ...unitYear(query), period: periodParam(query && query.period) };
}

/** Do two {org, year, period} name the same figures? */
export function samePeriod(a, b) {
  return sameUnitYear(a, b) && periodParam(a.period) === periodParam(b.period);
}
