// pages/accounts.js — administrators only.
//   #/accounts?q=&page=   the list
//   #/accounts/new        create (username, password, role, unit, display name, person)
//   #/accounts/ID         edit (display name, role, unit, person, disabled, reset password),
//                         its second factor (reset) and its sessions (ended one by one or all)

import { h, mount, uid, debounce } from '../dom.js';
import { t, roleLabel, roleOptions } from '../i18n.js';
import * as api from '../api.js';
import { fmtInt, fmtDateTime } from '../format.js';
import { buildHash, intParam } from '../router.js';
import { createTable } from '../table.js';
import { createForm } from '../form.js';
import { confirmDialog } from '../dialog.js';

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
    h('p', { class: 'badges' }, accountStatus(a), ' ', factorBadge(a)),
    h('p', { class: 'hint' }, t('account.times', {
      created: fmtDateTime(a.created_at) || '—', updated: fmtDateTime(a.updated_at) || '—' })),
    form.el),
  factorSection(ctx, a),
  sessionsSection(ctx, a));
}

function factorBadge(a) {
  const on = a.two_factor && a.two_factor.enabled;
  return h('span', { class: ['badge', on ? 'badge-ok' : 'badge-closed'] }, t(on ? 'account.totp_on' : 'account.totp_off'));
}

/* The second factor of account a: its state, and a reset (not one's own). */
function factorSection(ctx, a) {
  const tf = a.two_factor || {};
  const section = h('section', { class: 'page-section account-totp', 'aria-labelledby': 'acc-tf' });
  const own = ctx.me && ctx.me.id === a.id;
  const reset = h('button', { type: 'button', class: 'btn btn-danger' }, t('account.totp_reset'));
  reset.addEventListener('click', async () => {
    const sure = await confirmDialog({ title: t('account.totp_reset'),
      text: t(tf.required ? 'account.totp_reset_text_admin' : 'account.totp_reset_text', { username: a.username }),
      confirmLabel: t('account.totp_reset'), danger: true });
    if (!sure) return;
    try {
      await api.post(`/accounts/${a.id}/totp/reset`);
      await renderEdit(ctx);
      ctx.notify(t('account.totp_was_reset', { username: a.username }));
    } catch (e) {
      ctx.notify(e.message);
    }
  });
  mount(section,
    h('h2', { id: 'acc-tf' }, t('account.totp_title')),
    h('p', null, t(tf.enabled ? 'account.totp_on_text' : (tf.required ? 'account.totp_off_admin' : 'account.totp_off_text'))),
    own ? h('p', { class: 'hint' }, h('a', { href: '#/security' }, t('account.totp_own')))
      : (tf.enabled ? h('div', { class: 'form-actions' }, reset) : null));
  return section;
}

/* The live sessions of account a, each ended on its own or all at once. */
function sessionsSection(ctx, a) {
  const section = h('section', { class: 'page-section account-sessions', 'aria-labelledby': 'acc-ss' });
  const head = h('h2', { id: 'acc-ss' }, t('account.sessions_title'));

  async function end(path, text) {
    const sure = await confirmDialog({ title: t('account.session_end'), text, confirmLabel: t('account.session_end'),
      danger: true });
    if (!sure) return;
    try {
      await api.del(path);
      ctx.notify(t('account.session_ended'));
    } catch (e) {
      ctx.notify(e.message);
    }
    load();
  }

  async function load() {
    let list;
    try {
      list = await api.get(`/accounts/${a.id}/sessions`);
    } catch (e) {
      mount(section, head, h('p', { class: 'form-error', role: 'alert' }, e.message));
      return;
    }
    const items = list.items || [];
    const rows = items.map((s) => h('li', { class: 'session-item' },
      h('div', { class: 'session-main' },
        h('span', { class: 'session-agent' }, s.user_agent || t('account.session_no_agent')),
        s.current ? h('span', { class: 'badge badge-ok' }, t('account.session_current')) : null),
      h('div', { class: 'session-meta hint' }, t('account.session_meta', {
        created: fmtDateTime(s.created_at) || '—', seen: fmtDateTime(s.last_seen) || '—', ip: s.ip || '—' })),
      s.current ? null : h('button', { type: 'button', class: 'btn btn-secondary btn-small',
        onClick: () => end(`/accounts/${a.id}/sessions/${s.id}`, t('account.session_end_text', { username: a.username })) },
      t('account.session_end'))));
    const endAll = items.length > 1 || (items.length === 1 && !items[0].current)
      ? h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn btn-danger',
        onClick: () => end(`/accounts/${a.id}/sessions`, t('account.sessions_end_text', { username: a.username })) },
      t('account.sessions_end')))
      : null;
    mount(section, head,
      h('p', { class: 'hint' }, t('account.sessions_intro', { n: fmtInt(items.length) })),
      items.length ? h('ul', { class: 'session-list' }, rows) : null,
      endAll);
  }
  mount(section, head, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  load();
  return section;
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
