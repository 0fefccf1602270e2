// pages/org.js — #/orgs/ID: one unit.
//
// Breadcrumb of ancestors, kind, code, dates, successor and predecessors,
// history periods, children, counts.  Admin and staff get the operations
// (edit, add a unit under it, move, merge into, close), each through the
// shared form, with the server's errors shown under their field.

import { h, mount, uid } from '../dom.js';
import { t, kindLabel, kindOptions } from '../i18n.js';
import * as api from '../api.js';
import { fmtDate, fmtInt, addDays, todayIso } from '../format.js';
import { buildHash } from '../router.js';
import { createForm } from '../form.js';
import { canEditOrg, canAddChild, can } from '../perm.js';
import { orgLine } from './orgs.js';

/* The field lists of units, in one place. */
export const ORG_FIELDS = {
  edit: [
    { name: 'name', type: 'text', label: 'org.name', required: true, maxLength: 200 },
    { name: 'date', type: 'date', label: 'org.rename_date', hint: 'org.rename_date_hint' },
    { name: 'code', type: 'code', label: 'org.code', required: true, maxLength: 32, hint: 'org.code_hint' },
    { name: 'note', type: 'longtext', label: 'org.note', maxLength: 2000 },
  ],
  create: [
    { name: 'name', type: 'text', label: 'org.name', required: true, maxLength: 200 },
    { name: 'kind', type: 'enum', label: 'org.kind', required: true,
      options: () => kindOptions().filter((o) => o.value !== 'national') },
    { name: 'code', type: 'code', label: 'org.code', required: true, maxLength: 32, hint: 'org.code_hint' },
    { name: 'valid_from', type: 'date', label: 'org.valid_from', hint: 'org.valid_from_hint' },
    { name: 'note', type: 'longtext', label: 'org.note', maxLength: 2000 },
  ],
  move: [
    { name: 'parent_id', type: 'ref-org', label: 'org.new_parent', required: true },
    { name: 'date', type: 'date', label: 'org.move_date', required: true },
  ],
  merge: [
    { name: 'successor_id', type: 'ref-org', label: 'org.successor', required: true, hint: 'org.merge_hint' },
    { name: 'date', type: 'date', label: 'org.merge_date', required: true },
    { name: 'note', type: 'longtext', label: 'org.note', maxLength: 2000 },
  ],
  close: [
    { name: 'date', type: 'date', label: 'org.close_date', required: true, hint: 'org.close_hint' },
    { name: 'note', type: 'longtext', label: 'org.note', maxLength: 2000 },
  ],
};

function refLink(ref) {
  return ref ? h('a', { href: `#/orgs/${ref.id}` }, ref.name) : '—';
}

function dl(rows) {
  return h('dl', { class: 'details' }, rows.filter(Boolean).map(([k, v]) => h('div', { class: 'details-row' },
    h('dt', null, k), h('dd', null, v === null || v === undefined || v === '' ? '—' : v))));
}

function statusBadge(org) {
  if (!org.valid_to || org.valid_to > todayIso()) {
    return h('span', { class: 'badge badge-ok' }, t('org.status_open'));
  }
  return h('span', { class: 'badge badge-closed' },
    org.successor_id ? t('org.status_merged') : t('org.status_dissolved'));
}

export function render(ctx) {
  const id = ctx.params.id;
  const me = ctx.me;
  let org = null;
  let showClosedChildren = false;

  const panel = h('div', { class: 'op-panel', hidden: true });
  const childrenBox = h('div', { class: 'children-box' });

  async function load() {
    mount(ctx.main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
    try {
      org = await api.get(`/orgs/${id}`);
    } catch (e) {
      ctx.setTitle(t('org.not_found'));
      mount(ctx.main, h('section', { class: 'page-section' },
        h('h1', null, e.status === 404 ? t('org.not_found') : t('app.error')),
        h('p', { class: 'form-error', role: 'alert' }, e.message),
        h('p', null, h('a', { href: '#/orgs' }, t('org.back_to_tree')))));
      return;
    }
    show();
  }

  function openPanel(titleKey, form, introText) {
    mount(panel,
      h('h2', { class: 'op-title', id: uid('op') }, t(titleKey)),
      introText ? h('p', { class: 'hint' }, introText) : null,
      form.el);
    panel.hidden = false;
    form.focus();
  }

  function closePanel() {
    panel.hidden = true;
    mount(panel);
  }

  function done(msgKey) {
    return () => {
      api.forgetOrgs();
      closePanel();
      load().then(() => {
        ctx.notify(t(msgKey));
        const h1 = ctx.main.querySelector('h1');
        if (h1) {
          h1.setAttribute('tabindex', '-1');
          h1.focus();
        }
      });
    };
  }

  function opEdit() {
    openPanel('org.op_edit', createForm({
      fields: ORG_FIELDS.edit,
      values: org,
      mode: 'edit',
      // the date only matters with a new name
      prepare: (p) => {
        if (!('name' in p)) delete p.date;
        return p;
      },
      onSubmit: (p) => api.patch(`/orgs/${id}`, p),
      onSuccess: done('org.saved'),
      onCancel: closePanel,
    }));
  }

  function opCreate() {
    openPanel('org.op_create', createForm({
      fields: ORG_FIELDS.create,
      values: {},
      mode: 'create',
      submitLabel: 'org.create_submit',
      onSubmit: (p) => api.post('/orgs', { ...p, parent_id: org.id }),
      onSuccess: (created) => {
        api.forgetOrgs();
        ctx.flash(t('org.created'));
        ctx.navigate(`#/orgs/${created.id}`);
      },
      onCancel: closePanel,
    }), t('org.create_intro', { name: org.name }));
  }

  function opMove() {
    openPanel('org.op_move', createForm({
      fields: ORG_FIELDS.move,
      values: { date: todayIso() },
      mode: 'create',
      submitLabel: 'org.move_submit',
      onSubmit: (p) => api.post(`/orgs/${id}/move`, p),
      onSuccess: done('org.moved'),
      onCancel: closePanel,
    }), t('org.move_intro', { name: org.name }));
  }

  function opMerge() {
    openPanel('org.op_merge', createForm({
      fields: ORG_FIELDS.merge,
      values: { date: todayIso() },
      mode: 'create',
      submitLabel: 'org.merge_submit',
      onSubmit: (p) => api.post(`/orgs/${id}/merge`, p),
      onSuccess: done('org.merged'),
      onCancel: closePanel,
    }), t('org.merge_intro', { name: org.name }));
  }

  function opClose() {
    openPanel('org.op_close', createForm({
      fields: ORG_FIELDS.close,
      values: { date: todayIso() },
      mode: 'create',
      submitLabel: 'org.close_submit',
      onSubmit: (p) => api.post(`/orgs/${id}/close`, p),
      onSuccess: done('org.closed_ok'),
      onCancel: closePanel,
    }), t('org.close_intro', { name: org.name }));
  }

  async function loadChildren() {
    const closedNow = org.valid_to && org.valid_to <= todayIso();
    const asOf = closedNow ? addDays(org.valid_to, -1) : null;
    const params = { parent: org.id, per_page: 200 };
    if (asOf) params.as_of = asOf;
    else if (showClosedChildren) params.include_closed = 1;
    const status = h('p', { class: 'loading', role: 'status' }, t('common.loading'));
    mount(childrenBox, status);
    try {
      const r = await api.get('/orgs', params);
      const items = r.items || [];
      const viewDate = asOf || todayIso();
      const total = Number.isFinite(r.total) ? r.total : items.length;
      mount(childrenBox,
        asOf ? h('p', { class: 'hint' }, t('org.children_as_of', { date: fmtDate(asOf) })) : null,
        items.length
          ? h('ul', { class: 'child-list' }, items.map((o) => {
            const line = orgLine(o, viewDate, !!asOf);
            return h('li', { class: ['org-result', line.closed && 'is-closed'] }, line.nodes);
          }))
          : h('p', { class: 'empty-title' }, t('orgs.no_children')),
        total > items.length
          ? h('p', { class: 'hint' }, t('org.children_more', { n: fmtInt(total - items.length) }),
            ' ', h('a', { href: '#/orgs' }, t('org.open_tree')))
          : null);
    } catch (e) {
      mount(childrenBox, h('p', { class: 'form-error', role: 'alert' }, e.message));
    }
  }

  function show() {
    ctx.setTitle(org.name);
    const ancestors = org.ancestors || [];
    const parent = ancestors.length ? ancestors[ancestors.length - 1] : null;
    const editable = canEditOrg(me, org);
    const actions = [];
    if (editable && !org.closed) {
      actions.push(h('button', { type: 'button', class: 'btn btn-secondary', onClick: opEdit }, t('org.op_edit')));
    }
    if (canAddChild(me, org)) {
      actions.push(h('button', { type: 'button', class: 'btn btn-secondary', onClick: opCreate }, t('org.op_create')));
    }
    if (editable && !org.closed) {
      actions.push(
        h('button', { type: 'button', class: 'btn btn-secondary', onClick: opMove }, t('org.op_move')),
        h('button', { type: 'button', class: 'btn btn-secondary', onClick: opMerge }, t('org.op_merge')),
        h('button', { type: 'button', class: 'btn btn-danger', onClick: opClose }, t('org.op_close')));
    }

    const preds = org.predecessors || [];
    const history = org.history || [];
    const closedToggleId = uid('cc');
    const closedToggle = h('input', { type: 'checkbox', id: closedToggleId, checked: showClosedChildren,
      onChange: () => {
        showClosedChildren = closedToggle.checked;
        loadChildren();
      } });
    const closedNow = org.valid_to && org.valid_to <= todayIso();
    const canSeePeople = can(me, 'person', 'read') && me.role !== 'member';

    mount(ctx.main, h('section', { class: 'page-section org-page' },
      h('nav', { class: 'breadcrumb', 'aria-label': t('common.breadcrumb') },
        h('ol', null,
          h('li', null, h('a', { href: '#/orgs' }, t('orgs.title'))),
          ancestors.map((a) => h('li', null, h('a', { href: `#/orgs/${a.id}` }, a.name))),
          h('li', null, h('span', { 'aria-current': 'page' }, org.name)))),
      h('h1', null, org.name),
      h('p', { class: 'badges' }, h('span', { class: 'badge' }, kindLabel(org.kind)), ' ', statusBadge(org)),
      actions.length ? h('div', { class: 'actions', role: 'group', 'aria-label': t('common.actions') }, actions) : null,
      panel,
      h('h2', null, t('org.info')),
      dl([
        [t('org.code'), h('span', { class: 'code' }, org.code)],
        [t('org.kind'), kindLabel(org.kind)],
        [t('org.parent'), refLink(parent)],
        [t('org.valid_from'), fmtDate(org.valid_from)],
        org.valid_to ? [org.successor_id ? t('org.merged_on') : t('org.valid_to'), fmtDate(org.valid_to)] : null,
        org.successor_id || org.successor ? [t('org.successor_label'), refLink(org.successor || { id: org.successor_id, name: `#${org.successor_id}` })] : null,
        preds.length ? [t('org.predecessors_label'), h('ul', { class: 'plain-list' }, preds.map((p) => h('li', null,
          refLink(p), p.valid_to ? ` — ${t('org.merged_from_date', { date: fmtDate(p.valid_to) })}` : null)))] : null,
        [t('org.child_count'), fmtInt(org.child_count)],
        [t('org.person_count'), canSeePeople && org.person_count > 0
          ? h('span', null, fmtInt(org.person_count), ' · ',
            h('a', { href: buildHash('/people', { org: org.id }) }, t('org.see_people')))
          : fmtInt(org.person_count)],
        [t('org.note'), org.note],
      ]),
      h('h2', null, t('org.children')),
      closedNow ? null : h('div', { class: 'check' }, closedToggle, h('label', { for: closedToggleId }, t('orgs.show_closed'))),
      childrenBox,
      history.length ? [
        h('h2', null, t('org.history')),
        h('div', { class: 'table-scroll' }, h('table', { class: 'data-table compact' },
          h('thead', null, h('tr', null,
            [t('org.h_from'), t('org.h_to'), t('org.name'), t('org.parent')].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, history.map((p) => h('tr', null,
            h('td', { 'data-label': t('org.h_from') }, fmtDate(p.valid_from) || '—'),
            // valid_to is the first day of the next period: show the last day of this one
            h('td', { 'data-label': t('org.h_to') }, p.valid_to ? fmtDate(addDays(p.valid_to, -1)) : t('org.h_now')),
            h('td', { 'data-label': t('org.name') }, p.name),
            h('td', { 'data-label': t('org.parent') }, refLink(p.parent))))))),
      ] : null));
    loadChildren();
  }

  load();
  return {};
}
