// pages/dashboard.js — the campaign's figures (GET /api/v1/indicators):
//
//   #/dashboard?org=&year=&period= one card per figure of a unit for a year
//                                  (default: the account's own unit, this
//                                  year) or a quarter or month of it,
//                                  compared with the same period of the year
//                                  before;
//   #/dashboard/<name>?org=&year=&period=
//                                  one figure by the units under the unit
//                                  (bars, each a way down), a table of the
//                                  same rows, the figure over the years, the
//                                  way to the records behind it
//                                  (pages/dashrecords.js); a breadcrumb up.
//
// Everything lives in the URL hash; changing the unit, the year or the period
// only reloads the figures (update()).  With a quarter or a month, the
// figures counted by the year of their records say "Cả năm" (the API's
// item.period).  Members see their own unit's figures but
// not the lists behind them (figures.js readsFigureLists).

import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { fmtInt } from '../format.js';
import { hbarChart, columnChart } from '../chart.js';
import {
  trendYears, compareYear, currentYear, changeOf, fmtChange, numDenText, partsTexts, partCount, partLabel,
  unitWord, breakdown, sortRows, scaleMax, barFraction, overviewHash, detailHash, recordsListHash, seedText,
  displayOf, decimalsOf, unitYearPeriod, samePeriod, recordLists, periodQuery, periodLabel, periodYearText,
  periodRunning,
} from '../indicators.js';
import { readsFigureLists, figureTabs, createUnitYear, fillTrail, failureBox, wholeYearBadge } from '../figures.js';

/** ORG_REF of a unit id (null: the account's own unit): the answer for one
 * figure does not name its unit. */
async function unitRef(me, id) {
  if (!id) return me.org || null;
  const o = await api.orgById(id).catch(() => null);
  return o ? { id: o.id, code: o.code, name: o.name, kind: o.kind } : { id, name: `#${id}` };
}

/* ---- one figure ------------------------------------------------------------ */

/** The value, the change from the year before (the same quarter or month
 * of it: item.period), the words under it.  period is the one chosen: a
 * figure counted over the whole year meanwhile says so. */
function figureBody(item, cmpYear, period, year) {
  const kind = item.kind;
  const dated = !!periodQuery(item.period);
  const out = [h('div', { class: 'ind-value-row' },
    h('p', { class: 'ind-value' }, item.display || displayOf(kind, item)),
    wholeYearBadge(item, period, year))];
  const prev = item.compare && cmpYear ? item.compare : null;
  if (prev) {
    const ch = changeOf(kind, item, prev);
    const prevValue = prev.display || displayOf(kind, prev);
    const prevText = t(dated ? 'ind.prev_period' : 'ind.prev', { value: prevValue });
    const prevTitle = dated
      ? t('ind.prev_in', { when: periodYearText(item.period, prev.year || cmpYear), value: prevValue })
      : t('ind.prev_year', { year: prev.year || cmpYear, value: prev.display || '' });
    out.push(h('p', { class: ['ind-change', ch && `is-${ch.dir}`, kind === 'count' && 'is-count'] },
      ch && ch.dir !== 'same'
        ? [h('span', { class: 'ind-marker', 'aria-hidden': 'true' }, ch.dir === 'up' ? '▲' : '▼'),
          h('span', { class: 'visually-hidden' }, t(ch.dir === 'up' ? 'ind.up' : 'ind.down') + ' ')]
        : null,
      ch ? h('span', { class: 'ind-delta' }, fmtChange(kind, ch.delta)) : null,
      h('span', { class: 'ind-prev', title: prevTitle }, prevText)));
  } else {
    out.push(h('p', { class: 'ind-change is-none' }, t(dated ? 'ind.no_compare_period' : 'ind.no_compare')));
  }
  const nd = numDenText(kind, item.name, item);
  if (nd) out.push(h('p', { class: 'ind-nd' }, nd));
  else if (kind === 'rate') out.push(h('p', { class: 'ind-nd is-none' }, t('ind.no_data')));
  const parts = partsTexts(item.name, item.parts);
  if (kind === 'count' && parts.length) out.push(h('p', { class: 'ind-parts' }, parts.join(' · ')));
  return out;
}

function ruleDetails(item) {
  if (!item.rule) return null;
  return h('details', { class: 'ind-rule' },
    h('summary', { title: item.rule }, t('ind.rule')),
    h('p', null, item.rule));
}

function figureFoot(item) {
  return h('div', { class: 'ind-foot' },
    item.seed ? h('span', { class: 'ind-seed' }, seedText(item.seed)) : null,
    ruleDetails(item));
}

function indicatorCard(ctx, item, state, cmpYear, idle) {
  const href = detailHash(item.name, state.org, state.year, state.period);
  const li = h('li', { class: ['ind-card', `ind-${item.kind}`, idle && 'is-idle'], 'data-name': item.name,
    'data-period': item.period || null },
    h('h2', { class: 'ind-label' }, h('a', { href, 'aria-label': t('dash.open', { label: item.label }) }, item.label)),
    figureBody(item, cmpYear, state.period, state.year),
    figureFoot(item));
  // The whole card opens the figure (the link is its keyboard way).
  li.addEventListener('click', (e) => {
    if (e.target.closest('a, button, summary, details, input, select')) return;
    const sel = typeof window !== 'undefined' && window.getSelection ? String(window.getSelection()) : '';
    if (sel) return; // selecting text to copy a figure
    ctx.navigate(href);
  });
  return li;
}

/** The survey's questions (the share of each answer, a bar each) and the
 * emulation metrics' sums: the two figures that are not one number. */
function resultsSection(data) {
  const surveys = data.surveys || [];
  const metrics = (data.metrics || []).filter((m) => m.units > 0);
  if (!surveys.length && !metrics.length) return null;
  const parts = [];
  if (metrics.length) {
    parts.push(h('h2', { class: 'dash-sub' }, t('dash.metrics')),
      h('ul', { class: 'ind-cards dash-metrics' }, metrics.map((m) => h('li', { class: 'result-card', 'data-code': m.code },
        h('h3', { class: 'ind-label' }, m.label),
        h('p', { class: 'ind-value' }, m.display),
        h('p', { class: 'hint' }, t('dash.metric_units', { n: fmtInt(m.units) }))))));
  }
  if (surveys.length) {
    parts.push(h('h2', { class: 'dash-sub' }, t('dash.surveys')),
      h('ul', { class: 'dash-surveys' }, surveys.map((q) => h('li', { class: 'result-card' },
        h('h3', { class: 'ind-label' }, q.question),
        h('p', { class: 'hint' }, t('dash.answered', { n: fmtInt(q.answered), surveys: fmtInt(q.surveys) })),
        h('ul', { class: 'survey-answers' }, q.answers.map((a) => h('li', null,
          h('span', { class: 'survey-label' }, a.label),
          h('span', { class: 'survey-bar', 'aria-hidden': 'true' },
            h('span', { style: { width: `${Math.max(0, Math.min(100, a.share || 0))}%` } })),
          h('strong', { class: 'survey-share' }, a.display))))))));
  }
  return h('div', { class: 'dash-results' }, parts);
}

/* ---- #/dashboard ------------------------------------------------------------ */

/** "Thái Bình · Quý I năm 2022, so với Quý I năm 2021". */
function viewingText(orgName, st, cmp) {
  const when = periodYearText(st.period, st.year);
  return cmp
    ? t('dash.viewing_in_compare', { org: orgName, when, compare: periodYearText(st.period, cmp) })
    : t('dash.viewing_in', { org: orgName, when });
}

function renderOverview(ctx) {
  let state = unitYearPeriod(ctx.query);
  let controller = null;
  let seq = 0;
  const crumbs = h('div', { class: 'dash-crumbs' });
  const viewing = h('p', { class: 'lead dash-viewing' });
  const status = h('div', { class: 'dash-status', role: 'status', 'aria-live': 'polite' });
  const cards = h('ul', { class: 'ind-cards', 'aria-busy': 'true' });
  const results = h('div');
  const note = h('p', { class: 'hint dash-note' });
  const tabs = figureTabs(ctx.me, 'dashboard', state.org, state.year, state.period);
  const tools = createUnitYear(state, (next) => ctx.navigate(overviewHash(next.org, next.year, next.period)),
    { period: true });
  ctx.setTitle(t('dash.title'));
  mount(ctx.main, h('section', { class: 'page-section dashboard' },
    crumbs,
    h('div', { class: 'page-head' }, h('h1', null, t('dash.title'))),
    tabs.el, tools.el, viewing, status, cards, results, note));

  async function load() {
    if (controller) controller.abort();
    controller = new AbortController();
    const my = ++seq;
    const cmp = compareYear(state.year);
    mount(status, t('common.loading'));
    cards.setAttribute('aria-busy', 'true');
    try {
      const data = await api.get('/indicators',
        { org: state.org, year: state.year, compare: cmp, period: periodQuery(state.period) },
        { signal: controller.signal });
      if (my !== seq) return;
      const org = data.org || {};
      tools.set(state, org);
      tabs.set(org.id, state.year, state.period);
      viewing.textContent = viewingText(org.name || '', state, cmp);
      const items = (data.items || []);
      mount(status, items.length ? null : h('p', { class: 'empty-state' }, t('dash.empty')));
      const st = { org: state.org || org.id, year: state.year, period: state.period };
      // rates with nothing to count in either year (a cell has no committee
      // to plan) go after the others, greyed
      const idle = (it) => it.kind === 'rate' && !(it.den > 0) && !(it.compare && it.compare.den > 0);
      mount(cards, [...items.filter((it) => !idle(it)), ...items.filter(idle)]
        .map((it) => indicatorCard(ctx, it, st, cmp, idle(it))));
      mount(results, resultsSection(data));
      note.textContent = [t('dash.tree_note', { year: state.year }),
        periodQuery(state.period) ? t('dash.period_note', { period: periodLabel(state.period) }) : ''].join(' ').trim();
      // above a unit that is not the account's own: the way back up
      if (org.id && !(ctx.me.org && ctx.me.org.id === org.id)) {
        fillTrail(crumbs, ctx.me, org, { hrefOf: (id) => overviewHash(id, state.year, state.period), last: org.name,
          alive: () => my === seq });
      } else {
        mount(crumbs);
      }
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (my !== seq) return;
      mount(cards);
      mount(results);
      mount(status, failureBox(e, t('fig.unit_not_found'), () => load()));
    } finally {
      if (my === seq) cards.removeAttribute('aria-busy');
    }
  }

  load();
  return {
    update(next) {
      ctx = next;
      const s = unitYearPeriod(next.query);
      if (samePeriod(s, state)) return;
      state = s;
      tools.set(state);
      load();
    },
    destroy() {
      seq++;
      if (controller) controller.abort();
    },
  };
}

/* ---- #/dashboard/<name> ------------------------------------------------------ */

/** The name a row is shown with (the unit's own share has its own). */
function rowName(r) {
  return r.own ? t('dash.own') : r.name;
}

function rowNote(r, parentName) {
  return r.merged ? t('dash.merged_into', { org: parentName }) : null;
}

function unitTable(detail, rows, total, state) {
  const kind = detail.kind;
  const name = detail.name;
  const parentName = detail.org ? detail.org.name : '';
  // a count's parts, but not one that is always the count itself (the
  // conferences' "hội nghị")
  const all = [...rows, total];
  const parts = kind === 'count'
    ? Array.from({ length: partCount(name) }, (_, i) => i)
      .filter((i) => !all.every((r) => r.parts && r.parts[i] === r.num))
    : [];
  const heads = kind === 'rate'
    ? [t('dash.col_unit'), t('dash.col_num'), t('dash.col_den'), t('dash.col_rate')]
    : [t('dash.col_unit'), t('dash.col_count'), ...parts.map((i) => partLabel(name, i))];
  const cell = (i, content, cls) => h('td', { class: cls, 'data-label': heads[i] }, content);
  const line = (r, isTotal) => {
    let who;
    if (isTotal) {
      who = h('strong', null, r.name);
    } else if (r.own) {
      who = h('span', { title: t('dash.own_hint', { org: parentName }) }, t('dash.own'),
        h('span', { class: 'dash-row-note' }, t('dash.own_hint', { org: parentName })));
    } else {
      who = [h('a', { href: detailHash(name, r.id, state.year, state.period), class: 'row-link' }, r.name),
        r.merged ? h('span', { class: 'dash-row-note' }, rowNote(r, parentName)) : null];
    }
    // phones: the parts under the name, not in columns of their own
    const partsLine = kind === 'count' && parts.length && r.parts
      ? h('span', { class: 'dash-row-parts' }, partsTexts(name, r.parts).filter((_, i) => parts.includes(i)).join(' · '))
      : null;
    const cells = [cell(0, [who, partsLine], 'col-org')];
    if (kind === 'rate') {
      cells.push(cell(1, fmtInt(r.num), 'col-num'), cell(2, fmtInt(r.den), 'col-num'),
        cell(3, r.display, 'col-num col-rate'));
    } else {
      cells.push(cell(1, fmtInt(r.num), 'col-num'));
      parts.forEach((p, j) => cells.push(cell(2 + j, r.parts ? fmtInt(r.parts[p]) : '—', 'col-num col-part')));
    }
    return h('tr', { class: [isTotal && 'is-total', r.own && 'is-own', r.merged && 'is-merged'],
      'data-org': isTotal ? null : String(r.id) }, cells);
  };
  return h('div', { class: 'dash-table' },
    h('div', { class: 'table-scroll' },
      h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, chartLabel(detail, state)),
        h('thead', null, h('tr', null, heads.map((x, i) => h('th', { scope: 'col',
          class: [i && 'col-num', kind === 'count' && i >= 2 && 'col-part'] }, x)))),
        h('tbody', null, rows.map((r) => line(r, false)), line(total, true)))));
}

/** "Đảng viên đăng ký … theo đơn vị trực thuộc, Quý I năm 2022". */
function chartLabel(detail, st) {
  return t('dash.chart_label_in', { label: detail.label, when: periodYearText(detail.period, st.year) });
}

/** "Danh sách: 109 chưa đạt · 7.310 đã đạt · tất cả 7.419": the lists
 * behind the figure (GET /indicators/NAME/records), each a link. */
function listLinks(detail, st) {
  const links = recordLists(detail.kind, detail).map((l) => h('a', {
    href: recordsListHash(detail.name, st.org, st.year, l.which, 1, st.period), class: 'ind-list', 'data-which': l.which,
  }, t(`dash.list.${detail.kind === 'rate' ? l.which : 'count'}`, { n: fmtInt(l.total) })));
  return h('p', { class: 'ind-lists' }, t('dash.lists'), ' ',
    links.map((a, i) => [i ? ' · ' : '', a]));
}

function renderDetail(ctx) {
  const name = ctx.params.name;
  let state = unitYearPeriod(ctx.query);
  let controller = null;
  let seq = 0;
  let stops = [];

  const crumbs = h('div', { class: 'dash-crumbs' });
  const title = h('h1', null, t('dash.title'));
  const actions = h('div', { class: 'head-actions' });
  const viewing = h('p', { class: 'lead dash-viewing' });
  const status = h('div', { class: 'dash-status', role: 'status', 'aria-live': 'polite' });
  const summary = h('div', { class: 'ind-summary' });
  const chartBox = h('div', { class: 'chart-box' });
  const chartNotes = h('div', { class: 'dash-notes' });
  const tableBox = h('div');
  const trendBox = h('div', { class: 'chart-box' });
  const trendNote = h('p', { class: 'hint' });
  const body = h('div', { class: 'dash-body', hidden: true },
    summary,
    h('h2', null, t('dash.by_unit')), chartNotes, chartBox, tableBox,
    h('h2', null, t('dash.by_year')), trendBox, trendNote);
  const tools = createUnitYear(state, (next) => ctx.navigate(detailHash(name, next.org, next.year, next.period)),
    { period: true });
  ctx.setTitle(t('dash.title'));
  mount(ctx.main, h('section', { class: 'page-section dashboard dashboard-one', 'data-name': name },
    crumbs,
    h('div', { class: 'page-head' }, title, actions),
    viewing, tools.el, status, body));

  function stopCharts() {
    for (const f of stops) f();
    stops = [];
  }

  async function load() {
    if (controller) controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const my = ++seq;
    const cmp = compareYear(state.year);
    mount(status, t('common.loading'));
    try {
      const detail = await api.get(`/indicators/${name}`,
        { org: state.org, year: state.year, compare: cmp, by: 'children', period: periodQuery(state.period) }, { signal });
      if (my !== seq) return;
      // The answer for one figure does not always name its unit.
      if (!detail.org) detail.org = await unitRef(ctx.me, state.org);
      if (my !== seq) return;
      show(detail, cmp);
      fillTrail(crumbs, ctx.me, detail.org, {
        first: [{ text: t('nav.dashboard'), href: overviewHash(state.org, state.year, state.period) }],
        hrefOf: (id) => detailHash(name, id, state.year, state.period), last: (detail.org && detail.org.name) || '',
        alive: () => my === seq,
      });
      trend(detail, my, signal);
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (my !== seq) return;
      body.hidden = true;
      stopCharts();
      if (e instanceof api.ApiError && e.status === 404) {
        title.textContent = t('dash.not_found');
        mount(status, failureBox(e, t('dash.not_found_text')),
          h('p', null, h('a', { href: overviewHash(null, state.year, state.period) }, t('dash.back'))));
      } else {
        mount(status, failureBox(e, null, () => load()));
      }
    }
  }

  function show(detail, cmp) {
    const org = detail.org || {};
    const kind = detail.kind;
    tools.set(state, org);
    title.textContent = detail.label;
    ctx.setTitle(`${detail.label} · ${org.name || ''}`);
    viewing.textContent = viewingText(org.name || '', state, null);
    const lists = readsFigureLists(ctx.me);
    const st = { org: org.id || state.org, year: state.year, period: state.period };
    mount(actions, lists ? h('a', { href: recordsListHash(name, st.org, st.year, null, 1, st.period), class: 'btn btn-secondary dash-records',
      title: t('dash.records_title') }, t('dash.records')) : null);
    mount(summary, h('div', { class: ['ind-card', 'ind-card-big', `ind-${kind}`], 'data-name': detail.name },
      figureBody(detail, cmp, state.period, state.year), lists ? listLinks(detail, st) : null, figureFoot(detail)));
    mount(status);
    body.hidden = false;

    // by unit
    stopCharts();
    const b = breakdown(detail);
    // a unit with no unit under it: its own share is the whole, nothing to break down
    const rows = b.rows.every((r) => r.own) && b.addsUp ? [] : b.rows;
    const addsUp = b.addsUp;
    const sorted = sortRows(rows, kind);
    const max = scaleMax(sorted, kind);
    const drawn = kind === 'rate' ? sorted.filter((r) => r.rate !== null && r.num >= 0) : sorted.filter((r) => r.num >= 0);
    const notes = [];
    if (!rows.length) notes.push(h('p', { class: 'hint' }, t('dash.no_children', { year: state.year })));
    const hidden = kind === 'rate' ? sorted.filter((r) => r.rate === null && !r.own).length : 0;
    if (rows.length && hidden > 0) notes.push(h('p', { class: 'hint' }, t('dash.no_value_rows', { n: fmtInt(hidden) })));
    if (!addsUp) {
      // what the units under it count, against the unit's own figure
      const sum = rows.reduce((a, r) => a + (r.own ? 0 : r.num), 0);
      notes.push(h('p', { class: 'alert alert-warn dash-mismatch' },
        t('dash.not_adding_up', { sum: fmtInt(sum), total: fmtInt(detail.num) })));
    }
    const unit = unitWord(detail.name);
    if (kind === 'count' && unit) notes.push(h('p', { class: 'hint' }, t('dash.unit_of_count', { unit })));
    mount(chartNotes, notes);
    mount(chartBox);
    if (drawn.length) {
      stops.push(hbarChart(chartBox, drawn.map((r) => {
        const nd = numDenText(kind, detail.name, r);
        const label = rowName(r);
        return {
          label,
          note: r.own ? t('dash.own_hint', { org: org.name || '' }) : rowNote(r, org.name || ''),
          value: r.display,
          fraction: barFraction(r, kind, max),
          href: r.own ? null : detailHash(detail.name, r.id, state.year, state.period),
          title: [t('dash.row_title', { name: label, value: r.display }), nd].filter(Boolean).join(' — '),
          aria: t('dash.drill', { name: `${label}, ${r.display}` }),
          cls: r.own ? 'is-own' : r.merged ? 'is-merged' : null,
        };
      }), { label: chartLabel(detail, state) }));
    }
    const total = { name: t('dash.total'), num: detail.num, den: detail.den, display: detail.display,
      parts: detail.parts };
    mount(tableBox, rows.length ? unitTable(detail, sorted, total, state) : null);
  }

  /* Over the years: the same figure for each year (the same quarter or
   * month of each), one request a year. */
  async function trend(detail, my, signal) {
    const kind = detail.kind;
    const period = periodQuery(detail.period);
    const years = trendYears();
    mount(trendBox, h('p', { class: 'hint' }, t('common.loading')));
    trendNote.textContent = '';
    let values;
    try {
      values = await Promise.all(years.map((y) => (y === state.year
        ? Promise.resolve(detail)
        : api.get(`/indicators/${name}`, { org: state.org, year: y, period }, { signal }))));
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (my !== seq) return;
      mount(trendBox, failureBox(e, null, () => trend(detail, my, signal)));
      return;
    }
    if (my !== seq) return;
    const dec = decimalsOf(detail.display);
    const max = kind === 'rate' ? 100 : Math.max(1, ...values.map((v) => v.num || 0));
    mount(trendBox);
    stops.push(columnChart(trendBox, values.map((v, i) => {
      const y = years[i];
      const display = v.display || displayOf(kind, v, dec);
      let fraction = null;
      if (kind === 'rate' && typeof v.rate === 'number') fraction = v.rate / 100;
      if (kind !== 'rate' && typeof v.num === 'number') fraction = v.num / max;
      return {
        label: String(y),
        value: display,
        fraction,
        selected: y === state.year,
        href: y === state.year ? null : detailHash(name, state.org, y, state.period),
        title: [period ? t('ind.prev_in', { when: periodYearText(period, y), value: display })
          : t('ind.prev_year', { year: y, value: display }), numDenText(kind, name, v)].filter(Boolean).join(' — '),
      };
    }), { label: period ? t('dash.trend_label_in', { label: detail.label, period: periodLabel(period) })
      : t('dash.trend_label', { label: detail.label }) }));
    const now = currentYear();
    trendNote.textContent = [period ? t('dash.trend_period', { period: periodLabel(period) }) : '',
      years.includes(now) && periodRunning(period, now) ? t('dash.trend_partial', { year: now }) : ''].join(' ').trim();
  }

  load();
  return {
    update(next) {
      ctx = next;
      const s = unitYearPeriod(next.query);
      if (samePeriod(s, state)) return;
      state = s;
      tools.set(state);
      load();
      window.scrollTo(0, 0);
    },
    destroy() {
      seq++;
      stopCharts();
      if (controller) controller.abort();
    },
  };
}

export function render(ctx) {
  return ctx.params.name ? renderDetail(ctx) : renderOverview(ctx);
}
