// pages/dashrecords.js — #/dashboard/<name>/records?org=&year=&period=&which=&page=:
// the records behind a figure (GET /api/v1/indicators/NAME/records), a page
// at a time; with a quarter or a month, those of a dated figure dated in it.  A rate opens on the rows of its denominator outside the
// numerator (the members without a pledge, the committees without a plan),
// with the counted ones and both a tab away; a count lists what it counts.
// Each row opens its record.  Not for members (app.js routes them away).

import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { fmtInt } from '../format.js';
import { intParam } from '../router.js';
import {
  unitYearPeriod, samePeriod, whichParam, recordLists, recordsListHash, detailHash, overviewHash,
  periodQuery, periodYearText,
} from '../indicators.js';
import { createUnitYear, fillTrail, failureBox, recordsTable, wholeYearBadge } from '../figures.js';

/** {org, year, period, which, page} of the query; which is checked once
 * the figure's kind is known. */
function readQuery(query) {
  return { ...unitYearPeriod(query), which: query.which || null, page: intParam(query.page, 1) };
}

export function render(ctx) {
  const name = ctx.params.name;
  let state = readQuery(ctx.query);
  let figure = null; // GET /indicators/NAME of state.org, state.year
  let table = null;
  let seq = 0;

  const crumbs = h('div', { class: 'dash-crumbs' });
  const title = h('h1', null, t('dash.records_title'));
  const viewing = h('p', { class: 'lead dash-viewing' });
  const yearBadge = h('span');
  const status = h('div', { class: 'dash-status', role: 'status', 'aria-live': 'polite' });
  const lists = h('div', { class: 'fig-lists' });
  const hint = h('p', { class: 'hint' });
  // the records of units of that year's tree now outside the account's
  // units: counted in the figure, not named here
  const hiddenNote = h('p', { class: 'hint', role: 'note', hidden: true });
  const tableBox = h('div', { class: 'dash-list' });
  const tools = createUnitYear(state,
    (next) => ctx.navigate(recordsListHash(name, next.org, next.year, state.which, 1, next.period)), { period: true });
  ctx.setTitle(t('dash.records_title'));
  mount(ctx.main, h('section', { class: 'page-section dashboard dash-records-page', 'data-name': name },
    crumbs, h('div', { class: 'page-head' }, title), tools.el,
    h('div', { class: 'dash-viewing-row' }, viewing, yearBadge), status, lists, hint, hiddenNote, tableBox));

  /* The figure (its kind, label and the sizes of its lists), then the list. */
  async function load() {
    const my = ++seq;
    mount(status, t('common.loading'));
    mount(tableBox);
    try {
      figure = await api.get(`/indicators/${name}`,
        { org: state.org, year: state.year, period: periodQuery(state.period) });
      if (my !== seq) return;
      if (!figure.org) figure.org = state.org ? await api.orgById(state.org) : ctx.me.org;
      if (my !== seq) return;
    } catch (e) {
      if (my !== seq) return;
      mount(status, failureBox(e, t('dash.not_found_text'), () => load()));
      return;
    }
    mount(status);
    const org = figure.org || {};
    tools.set(state, org);
    title.textContent = figure.label;
    ctx.setTitle(`${figure.label} · ${org.name || ''}`);
    // a figure counted by the year of its records lists the year's
    viewing.textContent = t('dash.viewing_in',
      { org: org.name || '', when: periodYearText(figure.period || state.period, state.year) });
    mount(yearBadge, wholeYearBadge(figure, state.period, state.year));
    fillTrail(crumbs, ctx.me, null, {
      first: [{ text: t('nav.dashboard'), href: overviewHash(state.org, state.year, state.period) },
        { text: figure.label, href: detailHash(name, state.org, state.year, state.period) }],
      last: org.name || '',
      alive: () => my === seq,
    });
    showList();
  }

  /* The tabs of a rate's lists, the words about the one shown, its table. */
  function showList() {
    const kind = figure.kind;
    const which = whichParam(state.which, kind);
    const all = recordLists(kind, figure);
    mount(lists, all.length < 2 ? null : h('nav', { class: 'fig-tabs fig-tabs-small', 'aria-label': t('dash.lists') },
      h('ul', null, all.map((l) => h('li', null, h('a', {
        class: 'fig-tab', 'data-which': l.which, href: recordsListHash(name, state.org, state.year, l.which, 1, state.period),
        'aria-current': l.which === which ? 'page' : null,
      }, t(`dash.which.${l.which}`), ' ', h('span', { class: 'count' }, `(${fmtInt(l.total)})`)))))));
    hint.textContent = t(`dash.which_hint.${kind === 'rate' ? which : 'count'}`);
    table = recordsTable({
      caption: `${figure.label}: ${t(`dash.which.${which}`)}`,
      load: (page, perPage, signal) => api.get(`/indicators/${name}/records`,
        { org: state.org, year: state.year, period: periodQuery(state.period), which, page, per_page: perPage },
        { signal }).then((res) => {
        hiddenNote.hidden = !(res.hidden > 0);
        hiddenNote.textContent = res.hidden > 0 ? t('dash.records_hidden', { n: fmtInt(res.hidden) }) : '';
        return res;
      }),
      page: state.page,
      onPage: (page) => ctx.navigate(recordsListHash(name, state.org, state.year, state.which, page, state.period)),
      countText: (n) => t('dash.records_count', { n: fmtInt(n) }),
      emptyText: t('dash.records_empty'),
      columns: kind === 'rate' && which === 'all' ? [{ key: 'counted', label: t('dash.col_counted'),
        render: (r) => h('span', { class: ['badge', 'rec-status', r.counted ? 'tone-ok' : 'tone-warn'] },
          t(r.counted ? 'dash.which.counted' : 'dash.which.missing')) }] : [],
    });
    mount(tableBox, table.el);
    table.reload();
  }

  load();
  return {
    update(next) {
      ctx = next;
      const s = readQuery(next.query);
      const sameUnit = samePeriod(s, state);
      const sameList = sameUnit && s.which === state.which;
      state = s;
      if (sameList && table) {
        table.setState({ page: s.page });
        window.scrollTo(0, 0);
      } else if (sameUnit && figure) {
        showList();
      } else {
        load();
      }
    },
    destroy() {
      seq++;
    },
  };
}
