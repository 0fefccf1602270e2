// figures.js — what the pages of the campaign's figures share: the figures
// (pages/dashboard.js, pages/dashrecords.js), the year's report
// (pages/years.js) and the data quality (pages/quality.js) are each about one
// unit and one year, chosen with the same unit picker and year select, and
// linked to each other by the same tabs keeping that unit and year.
//
// Who reads what (docs/api.md): every account reads the figures of its
// scope; the lists behind them, the data quality checks and the year's
// report name other people and units, and are not for members (403).

import { h, mount, uid } from './dom.js';
import { t, kindLabel } from './i18n.js';
import * as api from './api.js';
import { todayIso, addDays } from './format.js';
import { createPicker } from './picker.js';
import { createTable } from './table.js';
import {
  yearOptions, currentYear, overviewHash, yearsHash, qualityHash, recordHash, periodGroups, periodParam,
  countedOverYear,
} from './indicators.js';

/** The rows of a page of a list behind a figure or a check. */
const LIST_PER_PAGE = 50;

/** May the account open the lists behind a figure, the quality checks and
 * the year's report?  Every role but members. */
export function readsFigureLists(me) {
  return !!me && me.role !== 'member';
}

/* ---- the tabs ------------------------------------------------------------------ */

const TABS = [
  { key: 'dashboard', label: 'fig.tab_figures', href: overviewHash, lists: false },
  { key: 'years', label: 'fig.tab_years', href: yearsHash, lists: true },
  { key: 'quality', label: 'fig.tab_quality', href: qualityHash, lists: true },
];

/**
 * The tabs of the three pages, `active` marked: {el, set(org, year,
 * period)} keeps their links on the unit and year shown (and the figures'
 * on the quarter or month: the year's report and the quality checks are
 * about whole years).  A member has one page: no tabs (el is null).
 */
export function figureTabs(me, active, org, year, period = null) {
  const tabs = TABS.filter((tb) => !tb.lists || readsFigureLists(me));
  if (tabs.length < 2) return { el: null, set() {} };
  const links = tabs.map((tb) => h('a', { class: 'fig-tab', 'data-tab': tb.key,
    'aria-current': tb.key === active ? 'page' : null }, t(tb.label)));
  const set = (o, y, p = null) => tabs.forEach((tb, i) => links[i].setAttribute('href',
    tb.key === 'dashboard' ? tb.href(o, y, p) : tb.href(o, y)));
  set(org, year, period);
  return {
    el: h('nav', { class: 'fig-tabs', 'aria-label': t('fig.tabs') },
      h('ul', null, links.map((a) => h('li', null, a)))),
    set,
  };
}

/* ---- the unit picker and the year ------------------------------------------------ */

function orgItem(o) {
  const detail = [kindLabel(o.kind), o.code].filter(Boolean).join(' · ')
    + (o.closed ? ` · ${t('org.closed_short')}` : '');
  return { id: o.id, label: o.name, detail, closed: !!o.closed, hasChildren: o.child_count > 0 };
}

/**
 * The unit picker and the year select of a page about {org, year}:
 * onChange({org, year, period}) when either changes.  Returns {el,
 * set(state, orgRef)}: set shows the state a page loaded (orgRef names the
 * unit).  With opts.period, a third select chooses the quarter or month
 * of the figures (state.period: indicators.js PERIODS).
 *
 * The picker walks the tree of the year chosen (a province merged in 2025
 * still has its districts in 2022) and lists the units merged into the
 * account's own.
 */
export function createUnitYear(initial, onChange, opts = {}) {
  let state = { ...initial };
  const seen = new Map(); // id -> the unit as listed (its valid_to)
  const remember = (items) => {
    for (const o of items) seen.set(o.id, o);
    return items.map(orgItem);
  };
  /* The children of a unit as they stood at the end of the year (today for
   * this year), or on its last day when it closed before. */
  const asOf = (parent) => {
    let day = state.year < currentYear() ? `${state.year}-12-31` : todayIso();
    const p = seen.get(parent);
    if (p && p.valid_to && p.valid_to <= day) day = addDays(p.valid_to, -1);
    return day;
  };
  const pickerId = uid('fig-unit');
  const yearId = uid('fig-year');
  const picker = createPicker({
    id: pickerId,
    value: null,
    required: true,
    searchLabel: t('picker.search_org'),
    search: async (q, signal) => {
      const r = await api.get('/orgs', { q, per_page: 30 }, { signal });
      return remember((r && r.items) || []);
    },
    browse: async (parent, signal) => {
      const r = parent == null
        ? await api.get('/orgs', null, { signal })
        : await api.get('/orgs', { parent, as_of: asOf(parent) }, { signal });
      return remember((r && r.items) || []);
    },
    onChange: (v) => {
      if (v && v.id !== state.org) onChange({ org: v.id, year: state.year, period: state.period });
    },
  });
  const select = h('select', { id: yearId, class: 'input dash-year', name: 'year' },
    yearOptions().map((y) => h('option', { value: String(y) }, String(y))));
  select.value = String(state.year);
  select.addEventListener('change', () => onChange({ org: state.org, year: Number(select.value), period: state.period }));
  let periods = null;
  const periodId = uid('fig-period');
  if (opts.period) {
    periods = h('select', { id: periodId, class: 'input dash-period', name: 'period' },
      periodGroups().map((g) => {
        const options = g.options.map((o) => h('option', { value: o.value }, o.label));
        return g.label ? h('optgroup', { label: g.label }, options) : options;
      }));
    periods.value = periodParam(state.period);
    periods.addEventListener('change', () => onChange({ org: state.org, year: state.year, period: periods.value }));
  }
  const el = h('div', { class: ['dash-tools', periods && 'has-period'] },
    h('div', { class: 'dash-tool dash-tool-unit' },
      h('label', { class: 'label', for: pickerId }, t('dash.unit')), picker.el),
    h('div', { class: 'dash-tool dash-tool-year' },
      h('label', { class: 'label', for: yearId }, t('dash.year')), select),
    periods ? h('div', { class: 'dash-tool dash-tool-period' },
      h('label', { class: 'label', for: periodId }, t('dash.period')), periods) : null);
  return {
    el,
    set(next, orgRef) {
      state = { ...next };
      select.value = String(state.year);
      if (periods) periods.value = periodParam(state.period);
      if (orgRef) picker.setValue({ id: orgRef.id, label: orgRef.name });
    },
  };
}

/**
 * The "Cả năm" badge of a figure counted over the whole year while a
 * quarter or a month is chosen (a pledge rate), so that nobody reads the
 * year's figure as the quarter's; null otherwise.
 */
export function wholeYearBadge(item, period, year) {
  if (!countedOverYear(item, period)) return null;
  return h('span', { class: 'badge ind-period-note', title: t('ind.whole_year_title', { year }) },
    t('ind.whole_year'));
}

/* ---- where the unit is ------------------------------------------------------------- */

/**
 * The units above orgId, root first, as the account sees them: the
 * ancestors GET /orgs/ID gives; a unit merged into the account's own unit
 * (Thái Bình into Hưng Yên) is shown under that unit.
 */
export async function unitsAbove(me, orgId) {
  const o = await api.orgById(orgId);
  if (!o) return [];
  const chain = (o.ancestors || []).slice();
  const own = me && me.org;
  const top = chain.length ? chain[0] : o;
  const merged = (me && me.scope ? me.scope : []).some((sc) => sc.id === top.id && sc.valid_to);
  if (own && merged && top.id !== own.id && !chain.some((c) => c.id === own.id)) chain.unshift(own);
  return chain;
}

/** A breadcrumb: [{text, href?}], the last one the page itself. */
export function crumbsNav(items) {
  return h('nav', { class: 'breadcrumb', 'aria-label': t('common.breadcrumb') }, h('ol', null,
    items.map((it) => h('li', null, it.href
      ? h('a', { href: it.href }, it.text)
      : h('span', { 'aria-current': 'page' }, it.text)))));
}

/**
 * Fills `box` with the way up to org: `first` (crumbs before the units,
 * [{text, href}]), the units above it as hrefOf(id) links, then `last`
 * (the page itself, text).  Stale when alive() turns false meanwhile.
 */
export async function fillTrail(box, me, org, { first = [], hrefOf, last, alive }) {
  mount(box, crumbsNav([...first, { text: last }]));
  if (!org || !org.id) return;
  try {
    const above = await unitsAbove(me, org.id);
    if (!alive()) return;
    mount(box, crumbsNav([...first, ...above.map((o) => ({ text: o.name, href: hrefOf(o.id) })), { text: last }]));
  } catch {
    /* the picker is enough */
  }
}

/* ---- states ------------------------------------------------------------------------- */

/** The error of a request, with a way to try again. */
export function errorBox(e, retry) {
  return h('div', { class: 'form-error', role: 'alert' },
    h('span', null, e.message || String(e)), ' ',
    retry ? h('button', { type: 'button', class: 'btn-link', onClick: retry }, t('common.retry')) : null);
}

/** The figures of a year being computed in the background (503
 * "building"): the server's message ("Đang tính số liệu năm 2025 (43%)…")
 * with its progress, asked again after Retry-After while it is on screen. */
function buildingBox(e, retry) {
  const pct = e.building && Number.isFinite(e.building.percent) ? e.building.percent : 0;
  const box = h('div', { class: 'building-box', role: 'status' },
    h('p', null, e.message),
    h('progress', { max: 100, value: pct, 'aria-label': e.message }));
  const secs = Math.min(30, Math.max(1, Number(e.retryAfter) || 2));
  if (retry) setTimeout(() => { if (box.isConnected) retry(); }, secs * 1000);
  return box;
}

/** What a page about a unit shows when a request failed: a 404 is a unit
 * (or a figure, a check) that is not there or outside the account's scope
 * (notFoundText, by default the unit's); a 401 has already sent the user to
 * the log-in page (null). */
export function failureBox(e, notFoundText, retry) {
  if (e instanceof api.ApiError && e.status === 401) return null;
  if (e instanceof api.ApiError && e.code === 'building') return buildingBox(e, retry);
  if (e instanceof api.ApiError && e.status === 404) return errorBox(new Error(notFoundText || t('fig.unit_not_found')));
  return errorBox(e, retry);
}

/* ---- a list of records (behind a figure, found by a check) ----------------------- */

/**
 * The paginated table of the records a figure or a check lists: [{id,
 * path, title, org: {id, name}, …}], each title a link to its record,
 * each unit to its page.  opts: {caption, path (the collection, when the
 * rows do not name theirs), load(page, perPage, signal), page,
 * onPage(page), countText(n), emptyText, columns (more, after the unit)}.
 * Returns createTable's {el, setState, reload}.
 */
export function recordsTable(opts) {
  return createTable({
    caption: opts.caption,
    columns: [
      { key: 'title', label: t('fig.col_record'), className: 'col-title', render: (r) => {
        const href = recordHash(r.path || opts.path, r.id);
        return href ? h('a', { href, class: 'row-link' }, r.title) : r.title;
      } },
      // a unit listed (a committee without a plan) is its own unit: not twice
      { key: 'org', label: t('fig.col_unit'), className: 'col-org',
        render: (r) => (r.org && !((r.path || opts.path) === 'orgs' && r.org.id === r.id)
          ? h('a', { href: `#/orgs/${r.org.id}` }, r.org.name) : null) },
      ...(opts.columns || []),
    ],
    page: opts.page,
    perPage: LIST_PER_PAGE,
    load: (page, perPage, sort, dir, signal) => opts.load(page, perPage, signal),
    onState: (s) => opts.onPage(s.page),
    countText: opts.countText,
    emptyText: opts.emptyText,
  });
}
