// pages/person.js — #/people/ID (detail), #/people/ID/edit, #/people/new[?org=ID].
//
// The detail shows every field, the unit (linked) and the transfer history;
// writers edit through the shared form (only changed fields are PATCHed);
// staff and admin move a person to another unit with the transfer dialog.

import { h, mount, uid } from '../dom.js';
import { t, genderLabel, genderOptions, statusOptions } from '../i18n.js';
import * as api from '../api.js';
import { fmtDate, fmtDateTime, todayIso } from '../format.js';
import { createForm } from '../form.js';
import { canWritePeople, canTransfer } from '../perm.js';
import { statusBadge } from './people.js';

/* The flags of a person, in display order, with their labels. */
export const PERSON_FLAGS = ['party_member', 'key_cadre', 'head', 'civil_servant', 'union_member'];

/* The field list of a person, in one place (docs/api.md PERSON). */
export const PERSON_FIELDS = [
  { name: 'full_name', type: 'text', label: 'person.full_name', required: true, maxLength: 200 },
  { name: 'gender', type: 'enum', label: 'person.gender', options: genderOptions },
  { name: 'birth_year', type: 'int', label: 'person.birth_year', min: 1900, max: 2100 },
  { name: 'org_id', type: 'ref-org', label: 'person.org_field', required: true, modes: ['create'],
    hint: 'person.org_hint' },
  { name: 'code', type: 'code', label: 'person.code', maxLength: 32, hint: 'person.code_hint', modes: ['create'] },
  { name: 'position', type: 'text', label: 'person.position', maxLength: 200 },
  { name: 'status', type: 'enum', label: 'person.status', required: true, options: statusOptions },
  ...PERSON_FLAGS.map((f) => ({ name: f, type: 'bool', label: `flag.${f}`, group: 'person.flags' })),
  { name: 'party_joined', type: 'date', label: 'person.party_joined', hint: 'person.party_joined_hint' },
  { name: 'note', type: 'longtext', label: 'person.note', maxLength: 2000 },
];

const TRANSFER_FIELDS = [
  { name: 'org_id', type: 'ref-org', label: 'person.transfer_to', required: true },
  { name: 'date', type: 'date', label: 'person.transfer_date', required: true },
  { name: 'note', type: 'longtext', label: 'person.note', maxLength: 2000 },
];

export function flagLabels(p) {
  return PERSON_FLAGS.filter((f) => p[f]).map((f) => t(`flag.${f}`));
}

function orgLink(ref) {
  return ref ? h('a', { href: `#/orgs/${ref.id}` }, ref.name) : '—';
}

function breadcrumb(ctx, last) {
  const items = [];
  if (ctx.me.role !== 'member') items.push(h('li', null, h('a', { href: '#/people' }, t('people.title'))));
  items.push(h('li', null, h('span', { 'aria-current': 'page' }, last)));
  return h('nav', { class: 'breadcrumb', 'aria-label': t('common.breadcrumb') }, h('ol', null, items));
}

function failure(ctx, e) {
  ctx.setTitle(t('app.error'));
  mount(ctx.main, h('section', { class: 'page-section' },
    h('h1', null, e.status === 404 ? t('person.not_found') : t('app.error')),
    h('p', { class: 'form-error', role: 'alert' }, e.message),
    h('p', null, h('a', { href: '#/people' }, t('person.back_to_list')))));
}

function focusHeading(ctx) {
  const h1 = ctx.main.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus();
  }
}

/* ---- transfer dialog ---------------------------------------------------- */

let openDialog = null; // closed when the page goes away (back button)

function openTransfer(ctx, person, onDone) {
  const titleId = uid('dlg');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId });
  openDialog = dialog;
  const form = createForm({
    fields: TRANSFER_FIELDS,
    values: { date: todayIso() },
    mode: 'create',
    submitLabel: 'person.transfer_submit',
    onSubmit: (p) => api.post(`/people/${person.id}/transfer`, p),
    onSuccess: (updated) => {
      dialog.close();
      onDone(updated);
    },
    onCancel: () => dialog.close(),
  });
  mount(dialog,
    h('h2', { id: titleId }, t('person.transfer_title')),
    h('p', null, t('person.transfer_intro', { name: person.full_name, org: person.org ? person.org.name : '' })),
    form.el);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (openDialog === dialog) openDialog = null;
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  form.focus();
}

/* ---- detail ------------------------------------------------------------- */

function renderView(ctx) {
  const id = ctx.params.id;
  mount(ctx.main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));

  async function load(refocus) {
    let p;
    try {
      p = await api.get(`/people/${id}`);
    } catch (e) {
      failure(ctx, e);
      return;
    }
    ctx.setTitle(p.full_name);
    const actions = [];
    if (canWritePeople(ctx.me)) {
      actions.push(h('a', { class: 'btn btn-secondary', href: `#/people/${p.id}/edit` }, t('person.edit')));
    }
    if (canTransfer(ctx.me) && p.status === 'active') {
      actions.push(h('button', { type: 'button', class: 'btn btn-secondary',
        onClick: () => openTransfer(ctx, p, () => {
          load(true).then(() => ctx.notify(t('person.transferred')));
        }) }, t('person.transfer')));
    }
    const flags = flagLabels(p);
    const transfers = p.transfers || [];
    mount(ctx.main, h('section', { class: 'page-section person-page' },
      breadcrumb(ctx, p.full_name),
      h('h1', null, p.full_name),
      h('p', { class: 'badges' }, statusBadge(p.status), ' ',
        flags.map((f) => [h('span', { class: 'badge badge-flag' }, f), ' '])),
      actions.length ? h('div', { class: 'actions', role: 'group', 'aria-label': t('common.actions') }, actions) : null,
      h('dl', { class: 'details' }, [
        [t('person.code'), h('span', { class: 'code' }, p.code)],
        [t('person.full_name'), p.full_name],
        [t('person.gender'), genderLabel(p.gender)],
        [t('person.birth_year'), p.birth_year],
        [t('person.org'), orgLink(p.org)],
        [t('person.position'), p.position],
        [t('person.status'), statusBadge(p.status)],
        [t('person.party_joined'), fmtDate(p.party_joined)],
        [t('person.flags'), flags.join(', ')],
        [t('person.note'), p.note],
        [t('person.created_at'), fmtDateTime(p.created_at)],
        [t('person.updated_at'), fmtDateTime(p.updated_at)],
      ].map(([k, v]) => h('div', { class: 'details-row' }, h('dt', null, k),
        h('dd', null, v === null || v === undefined || v === '' ? '—' : v)))),
      h('h2', null, t('person.transfers')),
      transfers.length
        ? h('div', { class: 'table-scroll' }, h('table', { class: 'data-table compact' },
          h('thead', null, h('tr', null, [t('person.t_date'), t('person.t_from'), t('person.t_to'), t('person.note')]
            .map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, transfers.map((tr) => h('tr', null,
            h('td', { 'data-label': t('person.t_date') }, fmtDate(tr.date)),
            h('td', { 'data-label': t('person.t_from') }, orgLink(tr.from)),
            h('td', { 'data-label': t('person.t_to') }, orgLink(tr.to)),
            h('td', { 'data-label': t('person.note') }, tr.note || '—'))))))
        : h('p', { class: 'empty-title' }, t('person.no_transfers'))));
    if (refocus) focusHeading(ctx);
  }
  load(false);
}

/* ---- edit / create ------------------------------------------------------ */

async function renderEdit(ctx) {
  const id = ctx.params.id;
  mount(ctx.main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  let p;
  try {
    p = await api.get(`/people/${id}`);
  } catch (e) {
    failure(ctx, e);
    return;
  }
  ctx.setTitle(t('person.edit_title', { name: p.full_name }));
  const form = createForm({
    fields: PERSON_FIELDS,
    values: p,
    mode: 'edit',
    onSubmit: (payload) => api.patch(`/people/${id}`, payload),
    onSuccess: () => {
      ctx.flash(t('person.saved'));
      ctx.navigate(`#/people/${id}`);
    },
    onCancel: () => ctx.navigate(`#/people/${id}`),
  });
  mount(ctx.main, h('section', { class: 'page-section person-form' },
    breadcrumb(ctx, p.full_name),
    h('h1', null, t('person.edit_title', { name: p.full_name })),
    h('p', { class: 'hint' }, t('person.unit_line'), ' ', orgLink(p.org), ' · ', t('person.unit_change_hint')),
    form.el));
  focusHeading(ctx);
}

async function renderNew(ctx) {
  ctx.setTitle(t('person.new_title'));
  const values = { status: 'active', party_member: true };
  const orgId = Number(ctx.query.org);
  if (Number.isInteger(orgId) && orgId > 0) {
    try {
      const o = await api.orgById(orgId);
      if (o) {
        values.org_id = o.id;
        values.org = { id: o.id, name: o.name };
      }
    } catch {
      /* choose it in the form */
    }
  }
  const form = createForm({
    fields: PERSON_FIELDS,
    values,
    mode: 'create',
    submitLabel: 'person.create_submit',
    onSubmit: (payload) => api.post('/people', payload),
    onSuccess: (created) => {
      ctx.flash(t('person.created'));
      ctx.navigate(`#/people/${created.id}`);
    },
    onCancel: () => history.back(),
  });
  mount(ctx.main, h('section', { class: 'page-section person-form' },
    breadcrumb(ctx, t('person.new_title')),
    h('h1', null, t('person.new_title')),
    form.el));
  focusHeading(ctx);
}

export function render(ctx) {
  if (ctx.mode === 'new') {
    if (!canWritePeople(ctx.me)) {
      mount(ctx.main, h('section', { class: 'page-section' }, h('h1', null, t('app.forbidden')),
        h('p', null, t('app.forbidden_text'))));
      return {};
    }
    renderNew(ctx);
  } else if (ctx.mode === 'edit') {
    renderEdit(ctx);
  } else {
    renderView(ctx);
  }
  return {
    destroy() {
      if (openDialog) openDialog.close();
    },
  };
}
