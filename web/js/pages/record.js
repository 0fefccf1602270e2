// pages/record.js — one record of any generic type, from GET /api/v1/meta:
//   #/r/<path>/ID        the detail: fields, status, the actions the server
//                        allows now ("actions"), children, history;
//   #/r/<path>/ID/edit   correction through the shared form (only changed
//                        fields are sent); ?then=<transition> also performs
//                        it after saving ("Sửa và nộp lại");
//   #/r/<path>/new       creation (?org=, ?year=, filters of the list carried).
// Transitions with a body (return, review, verdict) open a small form dialog
// built from the body type's fields; delete asks first; restore undoes it.
// Child rows (tasks, state updates, scores …) are added below their table and
// corrected or deleted in place.  The catalogue lists the type uses are
// loaded first (catalog.js), so codes show as names and forms offer them.

import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { fmtDateTime, fmtInt, fmtPercent } from '../format.js';
import { createForm } from '../form.js';
import { canWriteType } from '../perm.js';
import { confirmDialog, formDialog, closeDialogs } from '../dialog.js';
import {
  loadMeta, typeByPath, typeByName, childTypes, labelOf, fieldsFor, createDefaults,
  recordTitle, actionLabel, transitionLabel, changeSummary, parentFieldOf, BOOKKEEPING, shorten, refKey,
  lowerFirst, loadCatalogsFor,
} from '../meta.js';
import { touchOf, childAllowed } from '../touches.js';
import { forgetCatalogs } from '../catalog.js';
import { statusBadge, valueNode, recordHref } from '../recview.js';
import { createChecklist } from '../attendance.js';

/** The badge under a record's title: its status, or the first field
 * touches.js shows as a badge (a concern's state, an evaluation's level). */
function headBadge(type, rec) {
  if (type.status_field) return statusBadge(type, rec[type.status_field]);
  const first = Object.keys(touchOf(type.name).badges || {})[0];
  return first ? statusBadge(type, rec[first], first, rec) : null;
}

/** The catalogue itself was changed: its lists are read again. */
function catalogChanged(type) {
  if (type.name === 'catalog') forgetCatalogs();
}

/* ---- shared bits -------------------------------------------------------------- */

function failure(ctx, type, e) {
  ctx.setTitle(t('app.error'));
  mount(ctx.main, h('section', { class: 'page-section' },
    h('h1', null, e && e.status === 404 ? t('records.not_found') : t('app.error')),
    h('p', { class: 'form-error', role: 'alert' }, e ? e.message || String(e) : t('records.no_type')),
    type ? h('p', null, h('a', { href: `#/r/${type.path}` }, t('records.back_to_list', { type: labelOf(type) })))
      : h('p', null, h('a', { href: '#/' }, t('nav.back_home')))));
}

function listHref(ctx, type) {
  const touch = touchOf(type.name);
  if (touch.myPage && ctx.me.role === 'member') return touch.myPage;
  return `#/r/${type.path}`;
}

function breadcrumb(ctx, type, items) {
  const touch = touchOf(type.name);
  const listLabel = touch.myPage && ctx.me.role === 'member' ? t('nav.my_pledges') : labelOf(type);
  return h('nav', { class: 'breadcrumb', 'aria-label': t('common.breadcrumb') }, h('ol', null,
    h('li', null, h('a', { href: listHref(ctx, type) }, listLabel)),
    items.map((it, i) => h('li', null, i === items.length - 1
      ? h('span', { 'aria-current': 'page' }, it.label)
      : h('a', { href: it.href }, it.label)))));
}

function focusHeading(ctx) {
  const h1 = ctx.main.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus();
  }
}

/** What the account may do with the record (the detail's "actions"; kept
 * as rec.allowed where a child list of that name replaced it). */
function allowedActions(rec) {
  if (Array.isArray(rec.allowed)) return rec.allowed;
  return Array.isArray(rec.actions) ? rec.actions.filter((a) => typeof a === 'string') : [];
}

/** The returned reason, prominently, with the way to fix and resubmit. */
export function returnedBanner(type, rec, withLink) {
  const reason = rec.return_reason;
  const st = type.status_field ? rec[type.status_field] : null;
  if (st !== 'returned' || !reason) return null;
  const actions = allowedActions(rec);
  const canFix = withLink && actions.includes('edit');
  const resubmit = (type.transitions || []).find((tr) => (tr.from || []).includes('returned') && actions.includes(tr.name));
  return h('div', { class: 'alert alert-returned', role: 'note' },
    h('p', { class: 'alert-title' }, t('records.returned_title')),
    h('p', { class: 'alert-reason longtext' }, reason),
    canFix ? h('p', null, h('a', { class: 'btn btn-primary', 'data-action': 'fix',
      href: recordHref(type, rec.id, `/edit${resubmit ? `?then=${resubmit.name}` : ''}`) },
    t('records.fix_and_resubmit'))) : null);
}

/* ---- history ------------------------------------------------------------------- */

function historyEntry(meta, type, rec, item) {
  const who = item.account ? item.account.display_name || item.account.username : t('records.system');
  // A row of a child record (a check-in, an attendee) shown in its parent's history.
  const child = item.type && item.type !== type.name ? typeByName(meta, item.type) : null;
  const rowType = child || type;
  const changes = item.action === 'delete' || item.action === 'restore'
    ? [] : changeSummary(rowType, item.before, item.after, child ? null : rec);
  const created = !item.before;
  const label = child
    ? t(`history.child.${['create', 'update', 'delete'].includes(item.action) ? item.action : 'update'}`,
      { type: labelOf(child) })
    : actionLabel(meta, type, item.action);
  return h('li', { class: ['history-item', child ? 'history-child' : null] },
    h('p', { class: 'history-head' },
      h('span', { class: 'history-action' }, label),
      h('span', { class: 'history-meta' }, ` · ${fmtDateTime(item.at)} · ${who}`)),
    changes.length ? h('ul', { class: 'history-changes' }, changes.map((c) => h('li', null,
      h('span', { class: 'history-field' }, `${c.label}: `),
      created
        ? h('span', { class: 'history-after' }, shorten(c.after, 200) || '—')
        : [h('span', { class: 'history-before' }, shorten(c.before, 200) || '—'),
          h('span', { class: 'history-arrow', 'aria-label': t('records.changed_to') }, ' → '),
          h('span', { class: 'history-after' }, shorten(c.after, 200) || '—')]))) : null);
}

function historySection(meta, type, rec) {
  const body = h('div', { class: 'history-body' });
  const details = h('details', { class: 'history' },
    h('summary', null, h('span', { class: 'history-summary' }, t('records.history_show'))), body);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    mount(body, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
    try {
      const r = await api.get(`/${type.path}/${rec.id}/history`);
      const items = ((r && r.items) || []).slice().reverse();
      mount(body, items.length
        ? h('ol', { class: 'history-list' }, items.map((it) => historyEntry(meta, type, rec, it)))
        : h('p', { class: 'empty-title' }, t('records.no_history')));
    } catch (e) {
      loaded = false;
      mount(body, h('p', { class: 'form-error', role: 'alert' }, e.message || String(e)));
    }
  });
  return h('section', { class: 'record-history', 'aria-label': t('records.history') },
    h('h2', null, t('records.history')), details);
}

/* ---- children ------------------------------------------------------------------- */

function childColumns(child) {
  const parent = parentFieldOf(child);
  // A read-only field that only colours another's badge (an update's
  // state_kind colours its state) is not a column of its own.
  const badges = touchOf(child.name).badges || {};
  const toneOnly = new Set(Object.entries(badges).filter(([k, v]) => k !== v).map(([, v]) => v));
  return (child.fields || []).filter((f) => !BOOKKEEPING.has(f.name) && (!parent || f.name !== parent.name) &&
    !(f.read_only && toneOnly.has(f.name)));
}

/** A child's value in its table; a number with its share of the parent's
 * where touches.js says so (an answer's count of the survey's sample). */
function childValue(meta, child, f, it, parent) {
  const v = valueNode(meta, child, f, it);
  const of = (touchOf(child.name).shareOf || {})[f.name];
  if (v === null || !of || !Number(parent[of])) return v ?? '—';
  return `${v} (${fmtPercent(it[f.name], parent[of])})`;
}

/** A child type's rows, inline in the parent's detail ("updates": [...]). */
function childRows(rec, child) {
  const v = rec[child.path];
  return Array.isArray(v) ? v : [];
}

/**
 * The rows of children that are not inline: a child list named like a key
 * the detail already has ("actions" of an inspection is also the list of
 * what the account may do) is read from GET /<path>/ID/<child path>.
 * Fills rec[child.path] in place.
 */
export async function loadChildRows(meta, type, rec) {
  await Promise.all(childTypes(meta, type).map(async (child) => {
    const v = rec[child.path];
    if (Array.isArray(v) && v.every((x) => x && typeof x === 'object')) return;
    if (child.person_field && type.org_field) return; // the attendance checklist reads its own
    const r = await api.get(`/${type.path}/${rec.id}/${child.path}`, { per_page: 200 });
    rec[child.path] = (r && r.items) || [];
  }));
}

/** "Sửa" (a line corrected in place: a task done, a score changed) and
 * "Xóa" of a child row, together in one cell. */
function childRowActions(ctx, meta, type, rec, child, it, reload) {
  const path = `/${type.path}/${rec.id}/${child.path}/${it.id}`;
  const edit = h('button', { type: 'button', class: 'btn-link', 'data-action': `edit-${child.path}`,
    onClick: async () => {
      const saved = await formDialog({
        title: t('records.child_edit_title', { type: labelOf(child) }),
        fields: fieldsFor(meta, child, 'edit', { me: ctx.me, hints: touchOf(child.name).hints, values: it }),
        values: it,
        mode: 'edit',
        onSubmit: (payload) => api.patch(path, payload),
      });
      if (saved) reload(t('records.child_saved'));
    } }, t('records.edit'));
  const del = h('button', { type: 'button', class: 'btn-link btn-link-danger', 'data-action': `delete-${child.path}`,
    onClick: async () => {
      const ok = await confirmDialog({ title: t('records.child_delete_title', { type: labelOf(child) }),
        text: t('records.child_delete_text'), confirmLabel: t('records.delete'), danger: true });
      if (!ok) return;
      try {
        await api.del(path);
        reload(t('records.child_deleted'));
      } catch (e) {
        ctx.notify(e.message || String(e));
      }
    } }, t('records.delete'));
  return h('span', { class: 'child-actions-inner' }, edit, ' ', del);
}

function childSection(ctx, meta, type, rec, child, reload) {
  const items = childRows(rec, child);
  const count = rec[`${child.path}_count`] ?? items.length;
  const deleted = !!rec.deleted_at;
  const mayWrite = canWriteType(ctx.me, type.name) && !deleted;
  const heading = h('h2', null, labelOf(child), h('span', { class: 'count' }, ` (${fmtInt(count)})`));

  if (child.person_field && type.org_field) {
    const list = createChecklist({ meta, type, child, rec, canWrite: mayWrite,
      listPeople: ctx.me.role !== 'member' });
    return h('section', { class: `record-children children-${child.path}` }, heading, list.el);
  }

  const cols = childColumns(child);
  const table = items.length
    ? h('div', { class: 'table-scroll' }, h('table', { class: 'data-table compact child-table' },
      h('thead', null, h('tr', null, cols.map((f) => h('th', { scope: 'col' }, labelOf(f))),
        mayWrite ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))) : null)),
      h('tbody', null, items.map((it) => h('tr', null,
        cols.map((f) => h('td', { 'data-label': labelOf(f) }, childValue(meta, child, f, it, rec))),
        mayWrite ? h('td', { 'data-label': t('common.actions'), class: 'child-actions' },
          childRowActions(ctx, meta, type, rec, child, it, reload)) : null)))))
    : h('p', { class: 'empty-title' }, t('records.no_children'));

  let adder = null;
  if (mayWrite && childAllowed(type, child.name, rec)) {
    const panel = h('div', { class: 'child-add', hidden: true });
    const open = h('button', { type: 'button', class: 'btn btn-primary', 'aria-expanded': 'false',
      'data-action': `add-${child.path}`,
      onClick: () => {
        const show = panel.hidden;
        panel.hidden = !show;
        open.setAttribute('aria-expanded', String(show));
        if (show) form.focus();
      } }, '+ ', labelOf(child));
    const form = createForm({
      fields: fieldsFor(meta, child, 'create', { me: ctx.me, hints: touchOf(child.name).hints }),
      values: createDefaults(child, ctx.me, {}),
      mode: 'create',
      onSubmit: (payload) => api.post(`/${type.path}/${rec.id}/${child.path}`, payload),
      onSuccess: () => reload(t('records.child_added', { type: labelOf(child) })),
      onCancel: () => {
        panel.hidden = true;
        open.setAttribute('aria-expanded', 'false');
        open.focus();
      },
    });
    panel.appendChild(form.el);
    adder = h('div', { class: 'child-adder' }, open, panel);
  }
  return h('section', { class: `record-children children-${child.path}` }, heading, adder, table);
}

/* ---- detail ---------------------------------------------------------------------- */

function detailRows(meta, type, rec) {
  const parent = parentFieldOf(type);
  const touch = touchOf(type.name);
  const rows = [];
  for (const f of type.fields || []) {
    if (BOOKKEEPING.has(f.name) || (parent && f.name === parent.name)) continue;
    const when = touch.showWhen && touch.showWhen[f.name];
    if (when && !when.includes(rec[type.status_field])) continue;
    let v = valueNode(meta, type, f, rec);
    if (v === null && f.read_only) continue;
    if (v === null && f.name === type.person_field && touch.noPerson) v = t(touch.noPerson);
    rows.push(h('div', { class: `details-row field-${f.name}` }, h('dt', null, labelOf(f)), h('dd', null, v ?? '—')));
  }
  return rows;
}

function stamps(rec) {
  const parts = [];
  if (rec.created_at) parts.push(t('records.created_at', { at: fmtDateTime(rec.created_at) }));
  if (rec.updated_at && rec.updated_at !== rec.created_at) parts.push(t('records.updated_at', { at: fmtDateTime(rec.updated_at) }));
  if (rec.deleted_at) parts.push(t('records.deleted_at', { at: fmtDateTime(rec.deleted_at) }));
  return parts.length ? h('p', { class: 'hint record-stamps' }, parts.join(' · ')) : null;
}

function renderDetail(ctx, meta, type, state) {
  const id = ctx.params.id;

  async function load(message, refocus) {
    let rec;
    let acts;
    try {
      rec = await api.get(`/${type.path}/${id}`);
      acts = rec.actions; // what the account may do, before a child list of that name
      await loadChildRows(meta, type, rec);
    } catch (e) {
      if (!state.gone) failure(ctx, type, e);
      return;
    }
    if (state.gone) return;
    rec.allowed = Array.isArray(acts) ? acts.filter((a) => typeof a === 'string') : [];
    show(rec);
    if (message) ctx.notify(message);
    if (refocus) focusHeading(ctx);
  }

  async function runTransition(rec, tr, btn) {
    const label = transitionLabel(meta, type, tr.name, rec[type.status_field]);
    const path = `/${type.path}/${rec.id}/${tr.name}`;
    if (tr.body) {
      const bodyType = typeByName(meta, tr.body);
      const result = await formDialog({
        title: label,
        intro: recordTitle(type, rec, 160),
        fields: bodyType ? fieldsFor(meta, bodyType, 'create', { me: ctx.me, also: [type.name] }) : [],
        submitText: label,
        onSubmit: (payload) => api.post(path, payload),
      });
      if (result) load(t('records.transition_done', { action: label }), true);
      return;
    }
    btn.disabled = true;
    try {
      await api.post(path, {});
      load(t('records.transition_done', { action: label }), true);
    } catch (e) {
      btn.disabled = false;
      ctx.notify(e.message || String(e));
    }
  }

  async function remove(rec, btn) {
    const ok = await confirmDialog({
      title: t('records.delete_title', { type: labelOf(type) }),
      text: t('records.delete_text', { title: recordTitle(type, rec, 160) }),
      confirmLabel: t('records.delete'),
      danger: true,
    });
    if (!ok) return;
    btn.disabled = true;
    try {
      await api.del(`/${type.path}/${rec.id}`);
      catalogChanged(type);
      load(t(type.soft_delete ? 'records.deleted_soft' : 'records.deleted'), true);
    } catch (e) {
      btn.disabled = false;
      ctx.notify(e.message || String(e));
    }
  }

  async function restore(rec, btn) {
    btn.disabled = true;
    try {
      await api.post(`/${type.path}/${rec.id}/restore`, {});
      load(t('records.restored'), true);
    } catch (e) {
      btn.disabled = false;
      ctx.notify(e.message || String(e));
    }
  }

  function actionButtons(rec) {
    const acts = allowedActions(rec);
    const out = [];
    const status = type.status_field ? rec[type.status_field] : null;
    // The account's own step first: the owner's (submit, review) for a
    // member, the deciders' (accept, return, verdict) for the others.
    const member = ctx.me.role === 'member';
    const trs = (type.transitions || []).filter((tr) => acts.includes(tr.name))
      .sort((a, b) => Number(!!b.owner === member) - Number(!!a.owner === member));
    let primary = true;
    for (const tr of trs) {
      const btn = h('button', { type: 'button', class: ['btn', primary ? 'btn-primary' : 'btn-secondary'],
        'data-action': tr.name, onClick: () => runTransition(rec, tr, btn) },
      transitionLabel(meta, type, tr.name, status));
      primary = false;
      out.push(btn);
    }
    if (acts.includes('edit')) {
      out.push(h('a', { class: 'btn btn-secondary', 'data-action': 'edit', href: recordHref(type, rec.id, '/edit') },
        t('records.edit')));
    }
    if (acts.includes('delete')) {
      const btn = h('button', { type: 'button', class: 'btn btn-danger', 'data-action': 'delete',
        onClick: () => remove(rec, btn) }, t('records.delete'));
      out.push(btn);
    }
    if (acts.includes('restore')) {
      const btn = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'restore',
        onClick: () => restore(rec, btn) }, t('records.restore'));
      out.push(btn);
    }
    return out;
  }

  function show(rec) {
    const title = recordTitle(type, rec, 160);
    ctx.setTitle(title);
    const buttons = actionButtons(rec);
    mount(ctx.main, h('section', { class: `page-section record-page record-${type.path}`, 'data-id': String(rec.id) },
      breadcrumb(ctx, type, [{ label: shorten(title, 60) }]),
      h('p', { class: 'record-kind' }, labelOf(type)),
      h('h1', null, title),
      h('p', { class: 'badges' }, headBadge(type, rec),
        rec.deleted_at ? h('span', { class: 'badge badge-deleted' }, t('records.is_deleted')) : null),
      returnedBanner(type, rec, true),
      buttons.length ? h('div', { class: 'actions', role: 'group', 'aria-label': t('common.actions') }, buttons) : null,
      h('dl', { class: 'details record-details' }, detailRows(meta, type, rec)),
      stamps(rec),
      childTypes(meta, type).map((c) => childSection(ctx, meta, type, rec, c, (msg) => load(msg, false))),
      historySection(meta, type, rec)));
  }

  mount(ctx.main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  load(null, false);
}

/* ---- edit / create ------------------------------------------------------------------ */

async function renderEdit(ctx, meta, type, state) {
  const id = ctx.params.id;
  mount(ctx.main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  let rec;
  try {
    rec = await api.get(`/${type.path}/${id}`);
  } catch (e) {
    if (!state.gone) failure(ctx, type, e);
    return;
  }
  if (state.gone) return;
  const title = recordTitle(type, rec, 60);
  const heading = t('records.edit_title', { type: labelOf(type) });
  ctx.setTitle(heading);
  const acts = rec.actions || [];
  if (!acts.includes('edit')) {
    mount(ctx.main, h('section', { class: 'page-section record-form' },
      breadcrumb(ctx, type, [{ label: title, href: recordHref(type, rec.id) }, { label: t('records.edit') }]),
      h('h1', null, heading),
      h('p', { class: 'form-error', role: 'alert' }, t('records.not_editable')),
      h('p', null, h('a', { href: recordHref(type, rec.id) }, t('records.back_to_record')))));
    return;
  }
  const then = (type.transitions || []).find((tr) => tr.name === ctx.query.then && !tr.body && acts.includes(tr.name));
  const thenLabel = then ? transitionLabel(meta, type, then.name, rec[type.status_field]) : null;
  const form = createForm({
    fields: fieldsFor(meta, type, 'edit', { me: ctx.me, hints: touchOf(type.name).hints, values: rec }),
    values: rec,
    mode: 'edit',
    allowEmpty: !!then,
    submitText: then ? t('records.save_and', { action: lowerFirst(thenLabel) }) : null,
    onSubmit: async (payload) => {
      let r = rec;
      if (Object.keys(payload).length) r = await api.patch(`/${type.path}/${id}`, payload);
      if (then) r = await api.post(`/${type.path}/${id}/${then.name}`, {});
      return r;
    },
    onSuccess: () => {
      catalogChanged(type);
      ctx.flash(then ? t('records.transition_done', { action: thenLabel }) : t('records.saved'));
      ctx.navigate(recordHref(type, id));
    },
    onCancel: () => ctx.navigate(recordHref(type, id)),
  });
  mount(ctx.main, h('section', { class: 'page-section record-form' },
    breadcrumb(ctx, type, [{ label: title, href: recordHref(type, rec.id) }, { label: t('records.edit') }]),
    h('h1', null, heading),
    returnedBanner(type, rec, false),
    form.el));
  focusHeading(ctx);
}

async function renderNew(ctx, meta, type, state) {
  const heading = t('records.new_title', { type: labelOf(type) });
  ctx.setTitle(heading);
  if (!canWriteType(ctx.me, type.name)) {
    mount(ctx.main, h('section', { class: 'page-section' }, h('h1', null, t('app.forbidden')),
      h('p', null, t('app.forbidden_text'))));
    return;
  }
  const values = createDefaults(type, ctx.me, ctx.query);
  const org = type.org_field;
  if (org && values[org] && !values[refKey(org)]) {
    try {
      const o = await api.orgById(values[org]);
      if (o) values[refKey(org)] = { id: o.id, name: o.name };
      else delete values[org];
    } catch {
      /* choose it in the form */
    }
  }
  if (state.gone) return;
  // The member's own: the unit and the person are theirs (the server sets them).
  const form = createForm({
    fields: fieldsFor(meta, type, 'create', { me: ctx.me, hints: touchOf(type.name).hints }),
    values,
    mode: 'create',
    submitLabel: 'records.create_submit',
    onSubmit: (payload) => api.post(`/${type.path}`, payload),
    onSuccess: (created) => {
      catalogChanged(type);
      const next = (type.transitions || []).find((tr) => (created.actions || []).includes(tr.name));
      ctx.flash(next ? t('records.created_next', { action: transitionLabel(meta, type, next.name,
        created[type.status_field]) }) : t('records.created'));
      ctx.navigate(recordHref(type, created.id));
    },
    onCancel: () => history.back(),
  });
  mount(ctx.main, h('section', { class: 'page-section record-form' },
    breadcrumb(ctx, type, [{ label: heading }]),
    h('h1', null, heading),
    form.el));
  focusHeading(ctx);
}

export function render(ctx) {
  const state = { gone: false };
  mount(ctx.main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  loadMeta().then((meta) => {
    if (state.gone) return;
    const type = typeByPath(meta, ctx.params.type);
    if (!type) {
      failure(ctx, null, null);
      return;
    }
    return loadCatalogsFor(meta, type).then(() => {
      if (state.gone) return;
      if (ctx.mode === 'new') renderNew(ctx, meta, type, state);
      else if (ctx.mode === 'edit') renderEdit(ctx, meta, type, state);
      else renderDetail(ctx, meta, type, state);
    });
  }).catch((e) => {
    if (!state.gone) failure(ctx, null, e);
  });
  return {
    destroy() {
      state.gone = true;
      closeDialogs();
    },
  };
}
