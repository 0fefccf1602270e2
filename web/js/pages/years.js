// pages/years.js — #/years?org=&year=: a unit's year report (GET
// /api/v1/year_reports): its status (open "Chưa nộp", submitted "Đã nộp",
// returned "Bị trả lại", approved "Đã duyệt"), the dates, the reason it was
// sent back, what its tree has entered; the buttons of the steps the server
// says the account may take now (POST /year_reports/STEP: submit and approve
// ask to confirm, return and reopen ask for a reason); the completeness of
// the party organisations under it, each a way down; the history of its
// report.  Not for members (app.js).

import { h, mount } from '../dom.js';
import { t, kindLabel } from '../i18n.js';
import * as api from '../api.js';
import { fmtInt, fmtDate, fmtDateTime } from '../format.js';
import { confirmDialog, formDialog } from '../dialog.js';
import {
  unitYear, sameUnitYear, yearsHash, yearTone, yearSteps, needsReason, statusCounts, YEAR_STATUSES,
} from '../indicators.js';
import { figureTabs, createUnitYear, fillTrail, failureBox } from '../figures.js';

/** The kinds that report their year themselves (docs/api.md): agencies and
 * mass organisations report through their party organisation. */
const REPORTING = new Set(['national', 'province_committee', 'district_committee', 'base_committee', 'cell']);

/** The longest reason the server takes (code points). */
const REASON_MAX = 2000;

function statusBadge(status) {
  return h('span', { class: ['badge', 'rec-status', `tone-${yearTone(status)}`], 'data-status': status },
    t(`year.status.${status}`));
}

/** "324 đơn vị báo cáo · 12 đã nộp · …" of a report's counts. */
function countsText(c) {
  if (!c) return '';
  return [
    t('year.count.units', { n: fmtInt(c.units) }),
    t('year.count.submitted', { n: fmtInt(c.submitted) }),
    t('year.count.approved', { n: fmtInt(c.approved) }),
    t('year.count.pledges', { n: fmtInt(c.pledges) }),
    t('year.count.meetings', { n: fmtInt(c.meetings) }),
  ].join(' · ');
}

/** The label of the reason a report carries: it was returned, or reopened. */
function reasonLabel(status) {
  return t(status === 'returned' ? 'year.reason_returned' : 'year.reason_reopened');
}

function details(rep) {
  const rows = [
    [t('year.col_status'), statusBadge(rep.status)],
    rep.submitted_on ? [t('year.submitted_on'), fmtDate(rep.submitted_on)] : null,
    rep.approved_on ? [t('year.approved_on'), fmtDate(rep.approved_on)] : null,
    rep.reason ? [reasonLabel(rep.status), h('span', { class: 'year-reason' }, rep.reason)] : null,
    [t('year.entered'), countsText(rep.counts)],
  ];
  return h('dl', { class: 'details year-details' }, rows.filter(Boolean).map(([k, v]) =>
    h('div', { class: 'details-row' }, h('dt', null, k), h('dd', null, v))));
}

/* ---- the units under it ------------------------------------------------------------ */

function childrenTable(children, year) {
  const heads = [t('year.col_unit'), t('year.col_status'), t('year.submitted_on'), t('year.approved_on'),
    t('year.col_units'), t('year.col_pledges'), t('year.col_meetings')];
  const cell = (i, content, cls) => h('td', { class: cls, 'data-label': heads[i] }, content);
  // table-wrap: a card per unit on phones (the cells carry their column's name)
  return h('div', { class: 'table-wrap' }, h('div', { class: 'table-scroll' }, h('table', { class: 'data-table year-children' },
    h('caption', { class: 'visually-hidden' }, t('year.children')),
    h('thead', null, h('tr', null, heads.map((x, i) => h('th', { scope: 'col', class: i >= 4 ? 'col-num' : null }, x)))),
    h('tbody', null, children.map((c) => h('tr', { 'data-org': String(c.org.id), 'data-status': c.status },
      cell(0, [h('a', { href: yearsHash(c.org.id, year), class: 'row-link' }, c.org.name),
        h('span', { class: 'dash-row-note' }, kindLabel(c.org.kind))], 'col-org'),
      cell(1, [statusBadge(c.status),
        c.reason ? h('span', { class: 'dash-row-note year-reason' }, c.reason) : null]),
      cell(2, fmtDate(c.submitted_on) || '—'),
      cell(3, fmtDate(c.approved_on) || '—'),
      cell(4, t('year.of', { n: fmtInt(c.counts.submitted), total: fmtInt(c.counts.units) }), 'col-num'),
      cell(5, fmtInt(c.counts.pledges), 'col-num'),
      cell(6, fmtInt(c.counts.meetings), 'col-num')))))));
}

/** "10 đơn vị: 3 đã duyệt · 2 đã nộp · 1 bị trả lại · 4 chưa nộp" */
function completenessLine(children) {
  const n = statusCounts(children);
  const parts = [...YEAR_STATUSES].reverse().filter((s) => n[s] > 0)
    .map((s) => t(`year.n.${s}`, { n: fmtInt(n[s]) }));
  return h('p', { class: 'year-completeness' }, t('year.units_under', { n: fmtInt(n.total) }), ' ', parts.join(' · '));
}

/* ---- the history -------------------------------------------------------------------- */

function historyList(items) {
  if (!items.length) return h('p', { class: 'hint' }, t('year.history_empty'));
  return h('ul', { class: 'history-list' }, [...items].reverse().map((it) => {
    const after = it.after || {};
    const who = it.account ? it.account.display_name || it.account.username : '';
    return h('li', { class: 'history-item', 'data-action': it.action },
      h('p', { class: 'history-head' },
        h('span', { class: 'history-action' }, t(`year.did.${it.action}`)),
        h('span', { class: 'history-meta' }, ` · ${fmtDateTime(it.at)}${who ? ` · ${who}` : ''}`)),
      needsReason(it.action) && after.reason ? h('p', { class: 'history-changes' }, after.reason) : null);
  }));
}

/* ---- the page ------------------------------------------------------------------------ */

export function render(ctx) {
  let state = unitYear(ctx.query);
  let seq = 0;

  const crumbs = h('div', { class: 'dash-crumbs' });
  const viewing = h('p', { class: 'lead dash-viewing' });
  const status = h('div', { class: 'dash-status', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'year-body', hidden: true });
  const tabs = figureTabs(ctx.me, 'years', state.org, state.year);
  const tools = createUnitYear(state, (next) => ctx.navigate(yearsHash(next.org, next.year)));
  ctx.setTitle(t('year.title'));
  mount(ctx.main, h('section', { class: 'page-section years' },
    crumbs, h('div', { class: 'page-head' }, h('h1', null, t('year.title'))),
    tabs.el, tools.el, viewing, status, body));

  async function load() {
    const my = ++seq;
    mount(status, t('common.loading'));
    try {
      const rep = await api.get('/year_reports', { org: state.org, year: state.year });
      if (my !== seq) return;
      show(rep, my);
    } catch (e) {
      if (my !== seq) return;
      body.hidden = true;
      mount(status, failureBox(e, null, () => load()));
    }
  }

  /* One step: confirmed, or with its reason; the answer is the new view. */
  async function step(rep, name) {
    const org = rep.org;
    const send = (body) => api.post(`/year_reports/${name}`, { org_id: org.id, year: rep.year, ...body });
    let next = null;
    if (needsReason(name)) {
      next = await formDialog({
        title: t(`year.step.${name}`),
        intro: t(`year.ask.${name}`, { org: org.name, year: rep.year }),
        fields: [{ name: 'reason', type: 'longtext', label: 'year.reason', required: true, maxLength: REASON_MAX,
          rows: 3 }],
        submitText: t(`year.step.${name}`),
        onSubmit: send,
      });
    } else if (await confirmDialog({ title: t(`year.step.${name}`),
      text: t(`year.ask.${name}`, { org: org.name, year: rep.year }), confirmLabel: t(`year.step.${name}`) })) {
      try {
        next = await send({});
      } catch (e) {
        ctx.notify(e.message || String(e));
        return;
      }
    }
    if (!next) return;
    ctx.notify(t(`year.done.${name}`, { org: org.name, year: rep.year }));
    show(next, ++seq);
  }

  function show(rep, my) {
    const org = rep.org || {};
    tools.set(state, org);
    tabs.set(org.id, state.year);
    ctx.setTitle(`${t('year.title')} · ${org.name || ''}`);
    viewing.textContent = t('dash.viewing', { org: org.name || '', year: rep.year });
    mount(status);
    const steps = yearSteps(rep.actions);
    const children = rep.children || [];
    const pending = statusCounts(children);
    const history = h('div', { class: 'year-history' }, h('p', { class: 'hint' }, t('common.loading')));
    mount(body,
      h('div', { class: ['year-card', `is-${rep.status}`] },
        details(rep),
        REPORTING.has(org.kind) ? null : h('p', { class: 'hint' }, t('year.not_reporting')),
        rep.status === 'submitted' && pending.approved < pending.total
          ? h('p', { class: 'hint year-pending' }, t('year.children_pending',
            { n: fmtInt(pending.total - pending.approved), total: fmtInt(pending.total) }))
          : null,
        steps.length ? h('div', { class: 'form-actions year-actions' }, steps.map((s, i) => h('button', {
          type: 'button', class: ['btn', i === 0 && !needsReason(s) ? 'btn-primary' : 'btn-secondary'],
          'data-step': s, onClick: () => step(rep, s),
        }, t(`year.step.${s}`)))) : null),
      h('h2', null, t('year.children')),
      children.length
        ? [completenessLine(children), childrenTable(children, rep.year)]
        : h('p', { class: 'hint' }, t('year.no_children', { year: rep.year })),
      h('h2', null, t('year.history')), history);
    body.hidden = false;
    if (org.id && !(ctx.me.org && ctx.me.org.id === org.id)) {
      fillTrail(crumbs, ctx.me, org, { hrefOf: (id) => yearsHash(id, state.year), last: org.name,
        alive: () => my === seq });
    } else {
      mount(crumbs);
    }
    api.get('/year_reports/history', { org: org.id, year: rep.year }).then((r) => {
      if (my === seq) mount(history, historyList((r && r.items) || []));
    }).catch((e) => {
      if (my === seq) mount(history, failureBox(e));
    });
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
