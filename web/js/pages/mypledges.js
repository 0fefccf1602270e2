// pages/mypledges.js — #/my-pledges: "Đăng ký làm theo của tôi", the
// member's side of the pledge (the handbook's "my pledge and its progress"):
// each pledge with its status and progress bar; a returned one shows the
// cell's reason and the way to fix and resubmit; a draft can be submitted;
// an accepted one takes check-ins ("Cập nhật tiến độ") right here.

import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { fmtDate, todayIso } from '../format.js';
import { createForm } from '../form.js';
import { canWriteType } from '../perm.js';
import {
  loadMeta, typeByName, childTypes, labelOf, fieldsFor, createDefaults, recordTitle, transitionLabel,
  fieldByName, formatValue,
} from '../meta.js';
import { touchOf, childAllowed } from '../touches.js';
import { statusBadge, progressBar, recordHref } from '../recview.js';
import { returnedBanner } from './record.js';

const TYPE = 'pledge';

function card(ctx, meta, type, p, reload) {
  const checkin = childTypes(meta, type).find((c) => c.name === 'checkin');
  const status = p[type.status_field];
  const progressField = fieldByName(type, 'progress');
  const writer = canWriteType(ctx.me, type.name) && !p.deleted_at;
  const buttons = [h('a', { class: 'btn btn-secondary', href: recordHref(type, p.id) }, t('mypledges.open'))];
  let panel = null;

  // A draft is submitted from here (a returned one goes through "Sửa và nộp lại").
  const submit = (type.transitions || []).find((tr) => tr.owner && !tr.body && tr.from.includes(status) &&
    status !== 'returned');
  if (writer && submit) {
    const btn = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': submit.name,
      onClick: async () => {
        btn.disabled = true;
        try {
          await api.post(`/${type.path}/${p.id}/${submit.name}`, {});
          reload(t('records.transition_done', { action: transitionLabel(meta, type, submit.name, status) }));
        } catch (e) {
          btn.disabled = false;
          ctx.notify(e.message || String(e));
        }
      } }, transitionLabel(meta, type, submit.name, status));
    buttons.unshift(btn);
  }
  if (writer && checkin && childAllowed(type, checkin.name, p)) {
    panel = h('div', { class: 'child-add checkin-panel', hidden: true });
    const open = h('button', { type: 'button', class: 'btn btn-primary', 'aria-expanded': 'false',
      'data-action': 'checkin',
      onClick: () => {
        const showIt = panel.hidden;
        panel.hidden = !showIt;
        open.setAttribute('aria-expanded', String(showIt));
        if (showIt) form.focus();
      } }, labelOf(checkin));
    const form = createForm({
      fields: fieldsFor(meta, checkin, 'create', { me: ctx.me }),
      values: createDefaults(checkin, ctx.me, {}),
      mode: 'create',
      submitLabel: 'mypledges.checkin_submit',
      onSubmit: (payload) => api.post(`/${type.path}/${p.id}/${checkin.path}`, payload),
      onSuccess: () => reload(t('mypledges.checked_in')),
      onCancel: () => {
        panel.hidden = true;
        open.setAttribute('aria-expanded', 'false');
        open.focus();
      },
    });
    panel.appendChild(form.el);
    buttons.unshift(open);
  }
  const year = p.year;
  return h('li', { class: ['pledge-card', `pledge-${status}`], 'data-id': String(p.id) },
    h('div', { class: 'pledge-card-head' },
      h('h2', { class: 'pledge-card-title' }, h('a', { href: recordHref(type, p.id) },
        t('mypledges.card_title', { year }))),
      statusBadge(type, status)),
    h('p', { class: 'pledge-follow longtext' }, recordTitle(type, p, 300)),
    returnedBanner(type, { ...p, actions: writer ? ['edit', 'submit'] : [] }, true),
    h('dl', { class: 'pledge-facts' },
      h('div', null, h('dt', null, labelOf(fieldByName(type, 'due_date'))), h('dd', null, fmtDate(p.due_date) || '—')),
      p.last_checkin ? h('div', null, h('dt', null, labelOf(fieldByName(type, 'last_checkin'))),
        h('dd', null, fmtDate(p.last_checkin))) : null,
      p.verdict && fieldByName(type, 'verdict') ? h('div', null, h('dt', null, labelOf(fieldByName(type, 'verdict'))),
        h('dd', null, formatValue(type, fieldByName(type, 'verdict'), p.verdict))) : null),
    progressField ? h('div', { class: 'pledge-progress' },
      h('span', { class: 'label' }, labelOf(progressField)), progressBar(p.progress, labelOf(progressField))) : null,
    h('div', { class: 'actions' }, buttons),
    panel);
}

export function render(ctx) {
  const state = { gone: false };
  ctx.setTitle(t('mypledges.title'));
  mount(ctx.main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));

  async function load(message) {
    let meta;
    let list;
    try {
      meta = await loadMeta();
      const type0 = typeByName(meta, TYPE);
      if (!type0 || !type0.path) throw new Error(t('records.no_type'));
      const personField = type0.person_field;
      list = ctx.me.person_id
        ? await api.get(`/${type0.path}`, { per_page: 100, [personField]: ctx.me.person_id,
          ...(touchOf(TYPE).mySort || {}) })
        : { items: [] };
    } catch (e) {
      if (state.gone) return;
      mount(ctx.main, h('section', { class: 'page-section' }, h('h1', null, t('mypledges.title')),
        h('p', { class: 'form-error', role: 'alert' }, e.message || String(e))));
      return;
    }
    if (state.gone) return;
    const type = typeByName(meta, TYPE);
    const year = Number(todayIso().slice(0, 4));
    const items = list.items || [];
    const hasThisYear = items.some((p) => Number(p.year) === year);
    const writer = canWriteType(ctx.me, type.name) && !!ctx.me.person_id;
    // One pledge a year is the rule; another stays possible, less prominently.
    const add = writer
      ? h('a', { class: ['btn', hasThisYear ? 'btn-secondary' : 'btn-primary'], 'data-action': 'add',
        href: `#/r/${type.path}/new?year=${year}` },
      '+ ', t(hasThisYear ? 'mypledges.add_another' : 'mypledges.add', { year }))
      : null;
    mount(ctx.main, h('section', { class: 'page-section mypledges-page' },
      h('div', { class: 'page-head' }, h('h1', null, t('mypledges.title')), add),
      !ctx.me.person_id ? h('p', { class: 'form-error', role: 'alert' }, t('mypledges.no_person')) : null,
      ctx.me.person_id && !hasThisYear
        ? h('div', { class: 'alert alert-info' }, h('p', null, t('mypledges.none_this_year', { year }))) : null,
      h('p', { class: 'hint' }, t('mypledges.intro')),
      items.length
        ? h('ul', { class: 'pledge-cards' }, items.map((p) => card(ctx, meta, type, p, load)))
        : h('p', { class: 'empty-title' }, t('mypledges.empty'))));
    if (message) ctx.notify(message);
  }
  load(null);
  return { destroy() { state.gone = true; } };
}
