// pages/quality.js — the data quality of a unit's tree for a year (GET
// /api/v1/quality): records the rules allow but that look wrong, and units
// that have not entered their year.
//
//   #/quality?org=&year=               each check with how many it finds and
//                                      the first few, each a link to its
//                                      record;
//   #/quality/<name>?org=&year=&page=  everything one check finds, a page at
//                                      a time (GET /quality/NAME).
//
// Not for members (app.js): the lists name other people.

import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { fmtInt } from '../format.js';
import { intParam } from '../router.js';
import { unitYear, sameUnitYear, qualityHash, recordHash } from '../indicators.js';
import { figureTabs, createUnitYear, fillTrail, failureBox, recordsTable } from '../figures.js';

function totalBadge(total) {
  return h('span', { class: ['badge', 'rec-status', total > 0 ? 'tone-warn' : 'tone-ok'] },
    total > 0 ? t('quality.found', { n: fmtInt(total) }) : t('quality.none'));
}

function checkCard(check, st) {
  const more = qualityHash(st.org, st.year, check.name);
  const sample = check.sample || [];
  return h('li', { class: ['quality-check', check.total > 0 ? 'has-found' : 'is-clean'], 'data-name': check.name },
    h('div', { class: 'quality-head' },
      h('h2', { class: 'quality-label' }, check.total > 0 ? h('a', { href: more }, check.label) : check.label),
      totalBadge(check.total)),
    sample.length ? h('ul', { class: 'quality-sample' }, sample.map((r) => {
      const href = recordHash(check.path, r.id);
      return h('li', null, href ? h('a', { href }, r.title) : r.title,
        r.org ? h('span', { class: 'quality-org' }, ` · ${r.org.name}`) : null);
    })) : null,
    check.total > sample.length
      ? h('p', { class: 'quality-more' }, h('a', { href: more }, t('quality.see_all', { n: fmtInt(check.total) })))
      : null);
}

/* ---- #/quality ------------------------------------------------------------------ */

function renderChecks(ctx) {
  let state = unitYear(ctx.query);
  let seq = 0;
  const crumbs = h('div', { class: 'dash-crumbs' });
  const viewing = h('p', { class: 'lead dash-viewing' });
  const status = h('div', { class: 'dash-status', role: 'status', 'aria-live': 'polite' });
  const summary = h('p', { class: 'quality-summary' });
  const list = h('ul', { class: 'quality-checks' });
  const tabs = figureTabs(ctx.me, 'quality', state.org, state.year);
  const tools = createUnitYear(state, (next) => ctx.navigate(qualityHash(next.org, next.year)));
  ctx.setTitle(t('quality.title'));
  mount(ctx.main, h('section', { class: 'page-section quality' },
    crumbs, h('div', { class: 'page-head' }, h('h1', null, t('quality.title'))),
    tabs.el, tools.el, viewing, h('p', { class: 'hint' }, t('quality.intro')), status, summary, list));

  async function load() {
    const my = ++seq;
    mount(status, t('common.loading'));
    list.setAttribute('aria-busy', 'true');
    try {
      const data = await api.get('/quality', { org: state.org, year: state.year });
      if (my !== seq) return;
      const org = data.org || {};
      const items = data.items || [];
      tools.set(state, org);
      tabs.set(org.id, state.year);
      viewing.textContent = t('dash.viewing', { org: org.name || '', year: state.year });
      const found = items.filter((c) => c.total > 0).length;
      mount(status, items.length ? null : h('p', { class: 'empty-state' }, t('quality.empty')));
      summary.textContent = items.length
        ? t(found ? 'quality.summary' : 'quality.summary_clean', { n: fmtInt(found), total: fmtInt(items.length) })
        : '';
      const st = { org: org.id || state.org, year: state.year };
      // what a check found first, in the server's order; the clean ones after
      mount(list, [...items.filter((c) => c.total > 0), ...items.filter((c) => !(c.total > 0))]
        .map((c) => checkCard(c, st)));
      if (org.id && !(ctx.me.org && ctx.me.org.id === org.id)) {
        fillTrail(crumbs, ctx.me, org, { hrefOf: (id) => qualityHash(id, state.year), last: org.name,
          alive: () => my === seq });
      } else {
        mount(crumbs);
      }
    } catch (e) {
      if (my !== seq) return;
      mount(list);
      summary.textContent = '';
      mount(status, failureBox(e, null, () => load()));
    } finally {
      if (my === seq) list.removeAttribute('aria-busy');
    }
  }

  load();
  return {
    update(next) {
      ctx = next;
      const s = unitYear(next.query);
      if (sameUnitYear(s, state)) return;
      state = s;
      tools.set(state);
      load();
    },
    destroy() {
      seq++;
    },
  };
}

/* ---- #/quality/<name> --------------------------------------------------------------- */

function renderCheck(ctx) {
  const name = ctx.params.name;
  let state = { ...unitYear(ctx.query), page: intParam(ctx.query.page, 1) };
  let table = null;
  let seq = 0;
  const crumbs = h('div', { class: 'dash-crumbs' });
  const title = h('h1', null, t('quality.title'));
  const viewing = h('p', { class: 'lead dash-viewing' });
  const tableBox = h('div', { class: 'dash-list' });
  const tools = createUnitYear(state, (next) => ctx.navigate(qualityHash(next.org, next.year, name)));
  ctx.setTitle(t('quality.title'));
  mount(ctx.main, h('section', { class: 'page-section quality quality-one', 'data-name': name },
    crumbs, h('div', { class: 'page-head' }, title), tools.el, viewing, tableBox));

  /* The list's first page names the check and its unit (the heading). */
  function showList() {
    const my = ++seq;
    let named = false;
    table = recordsTable({
      caption: t('quality.title'),
      load: async (page, perPage, signal) => {
        const r = await api.get(`/quality/${name}`, { org: state.org, year: state.year, page, per_page: perPage },
          { signal });
        if (my === seq && !named) {
          named = true;
          heading(r, my);
        }
        // the rows open in the collection the check names
        return { ...r, items: (r.items || []).map((it) => ({ path: r.path, ...it })) };
      },
      page: state.page,
      onPage: (page) => ctx.navigate(qualityHash(state.org, state.year, name, page)),
      countText: (n) => t('quality.count', { n: fmtInt(n) }),
      emptyText: t('quality.list_empty'),
    });
    mount(tableBox, table.el);
    table.reload();
  }

  function heading(r, my) {
    const org = r.org || {};
    tools.set(state, org);
    title.textContent = r.label;
    ctx.setTitle(`${r.label} · ${org.name || ''}`);
    viewing.textContent = t('dash.viewing', { org: org.name || '', year: state.year });
    fillTrail(crumbs, ctx.me, null, {
      first: [{ text: t('quality.title'), href: qualityHash(state.org, state.year) }],
      last: r.label, alive: () => my === seq,
    });
  }

  showList();
  return {
    update(next) {
      ctx = next;
      const s = { ...unitYear(next.query), page: intParam(next.query.page, 1) };
      const sameUnit = sameUnitYear(s, state);
      state = s;
      if (sameUnit && table) {
        table.setState({ page: s.page });
        window.scrollTo(0, 0);
      } else {
        showList();
      }
    },
    destroy() {
      seq++;
    },
  };
}

export function render(ctx) {
  return ctx.params.name ? renderCheck(ctx) : renderChecks(ctx);
}
