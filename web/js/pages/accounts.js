// pages/accounts.js — administrators only.
//   #/accounts?q=&page=   the list
//   #/accounts/new        create (username, password, role, unit, display name, person)
//   #/accounts/ID         edit (display name, role, unit, person, disabled, reset password)

import { h, mount, uid, debounce } from '../dom.js';
import { t, roleLabel, roleOptions } from '../i18n.js';
import * as api from '../api.js';
import { fmtInt, fmtDateTime } from '../format.js';
import { buildHash, intParam } from '../router.js';
import { createTable } from '../table.js';
import { createForm } from '../form.js';

/* The field list of accounts, in one place (docs/api.md ACCOUNT). */
export const ACCOUNT_FIELDS = [
  { name: 'username', type: 'code', label: 'account.username', required: true, minLength: 3, maxLength: 64,
    modes: ['create'], autocomplete: 'off', hint: 'account.username_hint' },
  { name: 'display_name', type: 'text', label: 'account.display_name', maxLength: 200 },
  { name: 'role', type: 'enum', label: 'account.role', required: true, options: roleOptions },
  { name: 'org_id', type: 'ref-org', label: 'account.org', required: true, hint: 'account.org_hint' },
  { name: 'person_id', type: 'ref-person', label: 'account.person', hint: 'account.person_hint' },
  { name: 'disabled', type: 'bool', label: 'account.disabled', modes: ['edit'] },
  { name: 'password', type: 'password', label: 'account.password', required: 'create',
    minLength: 10, maxLength: 256, modes: ['create'], hint: 'account.password_hint' },
  { name: 'password', type: 'password', label: 'account.new_password', minLength: 10, maxLength: 256,
    modes: ['edit'], hint: 'account.new_password_hint' },
];

function accountStatus(a) {
  return a.disabled
    ? h('span', { class: 'badge badge-closed' }, t('account.is_disabled'))
    : h('span', { class: 'badge badge-ok' }, t('account.is_active'));
}

function renderList(ctx) {
  ctx.setTitle(t('account.title'));
  let q = (ctx.query.q || '').slice(0, 100);
  const qId = uid('aq');
  const input = h('input', { id: qId, type: 'search', class: 'input', autocomplete: 'off', maxlength: '100', value: q });
  const go = (query, page) => ctx.navigate(buildHash('/accounts', { q: query || null, page: page > 1 ? page : null }));
  const later = debounce(() => {
    if (input.value.trim() !== q) go(input.value.trim(), 1);
  }, 300);
  input.addEventListener('input', later);

  const table = createTable({
    caption: t('account.title'),
    columns: [
      { key: 'username', label: t('account.username'), render: (a) => h('span', { class: 'code' }, a.username) },
      { key: 'display_name', label: t('account.display_name') },
      { key: 'role', label: t('account.role'), render: (a) => roleLabel(a.role) },
      { key: 'org', label: t('account.org'), render: (a) => (a.org ? a.org.name : '') },
      { key: 'disabled', label: t('account.state'), render: accountStatus },
    ],
    page: intParam(ctx.query.page, 1),
    load: (page, perPage, sort, dir, signal) => api.get('/accounts', { q, page, per_page: perPage }, { signal }),
    rowHref: (a) => `#/accounts/${a.id}`,
    onRowClick: (a) => ctx.navigate(`#/accounts/${a.id}`),
    onState: (s) => go(q, s.page),
    countText: (n) => t('account.count', { n: fmtInt(n) }),
    emptyHint: t('account.empty_hint'),
  });

  mount(ctx.main, h('section', { class: 'page-section' },
    h('div', { class: 'page-head' }, h('h1', null, t('account.title')),
      h('a', { class: 'btn btn-primary', href: '#/accounts/new' }, '+ ', t('account.add'))),
    h('form', { class: 'filters', role: 'search', onSubmit: (e) => {
      e.preventDefault();
      later.cancel();
      go(input.value.trim(), 1);
    } }, h('div', { class: 'filter filter-q' }, h('label', { for: qId, class: 'label' }, t('account.search_label')), input)),
    table.el));
  table.reload();
  return {
    update(c) {
      q = (c.query.q || '').slice(0, 100);
      if (document.activeElement !== input) input.value = q;
      table.setState({ page: intParam(c.query.page, 1) });
    },
    destroy: () => later.cancel(),
  };
}

async function renderEdit(ctx) {
  const id = ctx.params.id;
  mount(ctx.main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  let a;
  try {
    a = await api.get(`/accounts/${id}`);
    if (a.person_id) {
      const p = await api.get(`/people/${a.person_id}`).catch(() => null);
      if (p) a = { ...a, person: { id: p.id, full_name: p.full_name } };
    }
  } catch (e) {
    ctx.setTitle(t('app.error'));
    mount(ctx.main, h('section', { class: 'page-section' }, h('h1', null, t('app.error')),
      h('p', { class: 'form-error', role: 'alert' }, e.message),
      h('p', null, h('a', { href: '#/accounts' }, t('account.back')))));
    return;
  }
  ctx.setTitle(a.username);
  const form = createForm({
    fields: ACCOUNT_FIELDS,
    values: a,
    mode: 'edit',
    onSubmit: (p) => api.patch(`/accounts/${id}`, p),
    onSuccess: () => {
      ctx.flash(t('account.saved'));
      ctx.navigate('#/accounts');
    },
    onCancel: () => ctx.navigate('#/accounts'),
  });
  mount(ctx.main, h('section', { class: 'page-section account-form' },
    h('nav', { class: 'breadcrumb', 'aria-label': t('common.breadcrumb') }, h('ol', null,
      h('li', null, h('a', { href: '#/accounts' }, t('account.title'))),
      h('li', null, h('span', { 'aria-current': 'page' }, a.username)))),
    h('h1', null, t('account.edit_title', { username: a.username })),
    h('p', { class: 'badges' }, accountStatus(a)),
    h('p', { class: 'hint' }, t('account.times', {
      created: fmtDateTime(a.created_at) || '—', updated: fmtDateTime(a.updated_at) || '—' })),
    form.el));
}

function renderNew(ctx) {
  ctx.setTitle(t('account.new_title'));
  const form = createForm({
    fields: ACCOUNT_FIELDS,
    values: { role: 'member' },
    mode: 'create',
    submitLabel: 'account.create_submit',
    onSubmit: (p) => api.post('/accounts', p),
    onSuccess: () => {
      ctx.flash(t('account.created'));
      ctx.navigate('#/accounts');
    },
    onCancel: () => ctx.navigate('#/accounts'),
  });
  mount(ctx.main, h('section', { class: 'page-section account-form' },
    h('nav', { class: 'breadcrumb', 'aria-label': t('common.breadcrumb') }, h('ol', null,
      h('li', null, h('a', { href: '#/accounts' }, t('account.title'))),
      h('li', null, h('span', { 'aria-current': 'page' }, t('account.new_title'))))),
    h('h1', null, t('account.new_title')),
    form.el));
}

export function render(ctx) {
  if (ctx.mode === 'new') {
    renderNew(ctx);
    return {};
  }
  if (ctx.mode === 'edit') {
    renderEdit(ctx);
    return {};
  }
  return renderList(ctx);
}
