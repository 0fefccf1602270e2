// picker.js — choosing a record by searching for it (and, for units, by
// walking the tree): used by the shared form (ref-org, ref-person fields) and
// by list filters.
//
// The picker is a button showing the current choice; it opens an inline panel
// with a search box and a list of buttons (plain buttons: usable with Tab and
// Enter, read by screen readers without a combobox script).

import { h, mount, uid, debounce } from './dom.js';
import { t, kindLabel } from './i18n.js';
import * as api from './api.js';

/**
 * createPicker({
 *   id,            id of the main button (a <label for> points at it)
 *   value,         {id, label} or null
 *   required,      hides "Bỏ chọn"
 *   searchLabel,   label of the search box
 *   search(q, signal) -> Promise<[{id, label, detail, closed}]>
 *   browse(parent|null, signal) -> Promise<[{id, label, detail, closed, hasChildren}]|null>  (optional;
 *                  null: nothing to show before typing)
 *   flat,          browse is one list, not a tree (no path shown)
 *   onChange(value)
 * }) -> {el, focus(), value, setValue(v), setInvalid(bool), setDescribedBy(ids)}
 */
export function createPicker(opts) {
  const btnId = opts.id || uid('picker');
  const valueId = uid('picker-value');
  const panelId = uid('picker-panel');
  const searchId = uid('picker-q');
  let value = opts.value && opts.value.id ? opts.value : null;
  let extraDescribedBy = '';
  let trail = []; // browse path: [{id, label}]
  let controller = null;

  const valueEl = h('span', { class: 'picker-value', id: valueId });
  const openBtn = h('button', {
    type: 'button', id: btnId, class: 'btn btn-secondary picker-open',
    'aria-expanded': 'false', 'aria-controls': panelId, onClick: () => toggle(),
  });
  const clearBtn = h('button', { type: 'button', class: 'btn-link picker-clear', onClick: () => choose(null) },
    t('picker.clear'));
  const input = h('input', { type: 'search', id: searchId, class: 'input', autocomplete: 'off', maxlength: '100' });
  const crumbs = h('nav', { class: 'picker-crumbs', 'aria-label': t('picker.tree_path') });
  const status = h('p', { class: 'picker-status', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'picker-list' });
  const panel = h('div', { class: 'picker-panel', id: panelId, hidden: true },
    h('label', { for: searchId, class: 'label' }, opts.searchLabel || t('picker.search')),
    input,
    opts.browse && !opts.flat ? crumbs : null,
    status,
    list,
    h('button', { type: 'button', class: 'btn-link picker-close', onClick: () => close(true) }, t('picker.close')));
  const el = h('div', { class: 'picker' },
    h('div', { class: 'picker-current' }, valueEl, openBtn, clearBtn),
    panel);

  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    }
  });

  function describedBy() {
    openBtn.setAttribute('aria-describedby', [valueId, extraDescribedBy].filter(Boolean).join(' '));
  }

  function renderValue() {
    valueEl.textContent = value ? value.label : t('picker.none');
    valueEl.classList.toggle('is-empty', !value);
    openBtn.textContent = value ? t('picker.change') : t('picker.choose');
    clearBtn.hidden = !value || !!opts.required;
    describedBy();
  }

  function toggle() {
    if (panel.hidden) open();
    else close(false);
  }

  function open() {
    panel.hidden = false;
    openBtn.setAttribute('aria-expanded', 'true');
    input.value = '';
    trail = [];
    refresh();
    input.focus();
  }

  function close(refocus) {
    if (controller) controller.abort();
    panel.hidden = true;
    openBtn.setAttribute('aria-expanded', 'false');
    if (refocus) openBtn.focus();
  }

  function choose(v) {
    value = v;
    renderValue();
    close(true);
    if (opts.onChange) opts.onChange(value);
  }

  async function refresh() {
    if (controller) controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const q = input.value.trim();
    const browsing = !q && opts.browse;
    renderCrumbs(browsing);
    if (!q && !opts.browse) {
      mount(list);
      status.textContent = t('picker.type_to_search');
      return;
    }
    status.textContent = t('common.loading');
    try {
      const items = browsing
        ? await opts.browse(trail.length ? trail[trail.length - 1].id : null, signal)
        : await opts.search(q, signal);
      if (signal.aborted) return;
      if (items === null) {
        mount(list);
        status.textContent = t('picker.type_to_search');
        return;
      }
      status.textContent = items.length ? t('picker.results', { n: items.length }) : t('picker.no_results');
      mount(list, items.map((it) => renderItem(it, browsing)));
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      status.textContent = e.message || String(e);
      mount(list);
    }
  }

  function renderItem(it, browsing) {
    const choose1 = h('button', {
      type: 'button', class: ['picker-choose', it.closed && 'is-closed'],
      onClick: () => choose({ id: it.id, label: it.label }),
    }, h('span', { class: 'picker-item-label' }, it.label),
    it.detail ? h('span', { class: 'picker-item-detail' }, it.detail) : null);
    const into = browsing && it.hasChildren
      ? h('button', {
        type: 'button', class: 'picker-into',
        'aria-label': t('picker.open_children', { name: it.label }),
        title: t('picker.open_children', { name: it.label }),
        onClick: () => {
          trail.push({ id: it.id, label: it.label });
          refresh().then(() => focusFirst());
        },
      }, '›')
      : null;
    return h('li', { class: 'picker-item' }, choose1, into);
  }

  function focusFirst() {
    const b = list.querySelector('button');
    if (b) b.focus();
    else input.focus();
  }

  function renderCrumbs(browsing) {
    if (!opts.browse || opts.flat) return;
    crumbs.hidden = !browsing;
    if (!browsing) return;
    const parts = [trail.length
      ? h('button', {
        type: 'button', class: 'btn-link', onClick: () => { trail = []; refresh().then(focusFirst); },
      }, t('picker.top'))
      : h('span', { 'aria-current': 'location' }, t('picker.top'))];
    trail.forEach((c, i) => {
      parts.push(h('span', { 'aria-hidden': 'true' }, ' › '));
      if (i === trail.length - 1) {
        parts.push(h('span', { 'aria-current': 'location' }, c.label));
      } else {
        parts.push(h('button', {
          type: 'button', class: 'btn-link',
          onClick: () => { trail = trail.slice(0, i + 1); refresh().then(focusFirst); },
        }, c.label));
      }
    });
    mount(crumbs, parts);
  }

  const onInput = debounce(() => refresh(), 300);
  input.addEventListener('input', onInput);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onInput.cancel();
      refresh().then(focusFirst);
    }
  });

  renderValue();

  return {
    el,
    focus() { openBtn.focus(); },
    get value() { return value; },
    setValue(v) { value = v && v.id ? v : null; renderValue(); },
    setInvalid(bad) {
      if (bad) openBtn.setAttribute('aria-invalid', 'true');
      else openBtn.removeAttribute('aria-invalid');
    },
    setDescribedBy(ids) { extraDescribedBy = ids || ''; describedBy(); },
  };
}

function orgItem(o) {
  const detail = [kindLabel(o.kind), o.code].filter(Boolean).join(' · ')
    + (o.closed ? ` · ${t('org.closed_short')}` : '');
  return { id: o.id, label: o.name, detail, closed: !!o.closed, hasChildren: o.child_count > 0 };
}

/** A picker of units: search (GET /orgs?q=) or walk the tree from the scope roots. */
export function orgPicker(opts = {}) {
  return createPicker({
    searchLabel: t('picker.search_org'),
    ...opts,
    search: async (q, signal) => {
      const r = await api.get('/orgs', { q, per_page: 30 }, { signal });
      return (r && r.items ? r.items : []).map(orgItem);
    },
    browse: async (parent, signal) => {
      const r = parent == null
        ? await api.get('/orgs', null, { signal })
        : await api.get('/orgs', { parent }, { signal });
      return (r && r.items ? r.items : []).map(orgItem);
    },
  });
}

function personItem(p) {
  return {
    id: p.id,
    label: p.full_name,
    detail: [p.code, p.org && p.org.name].filter(Boolean).join(' · '),
  };
}

/**
 * A picker of people: search by name or code (GET /people?q=).
 * opts.org: a unit id, or a function returning one (the unit chosen in the
 * same form): the search is limited to that unit's subtree and, before
 * anything is typed, the unit's active people are listed.
 */
export function personPicker(opts = {}) {
  const scope = () => {
    const v = typeof opts.org === 'function' ? opts.org() : opts.org;
    const n = Number(v);
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  const scoped = opts.org !== undefined && opts.org !== null;
  return createPicker({
    searchLabel: t(scoped ? 'picker.search_person_unit' : 'picker.search_person'),
    ...opts,
    flat: true,
    search: async (q, signal) => {
      const r = await api.get('/people', { q, org: scope(), per_page: 20 }, { signal });
      return (r && r.items ? r.items : []).map(personItem);
    },
    browse: scoped
      ? async (parent, signal) => {
        const org = scope();
        if (!org) return null;
        const r = await api.get('/people', { org, status: 'active', per_page: 50 }, { signal });
        return (r && r.items ? r.items : []).map(personItem);
      }
      : undefined,
  });
}

/**
 * A picker of records of another type (a topic of an activity…):
 * opts.path ("topics"), opts.itemOf(record) -> {id, label, detail}.
 * Lists the newest before anything is typed; searches with ?q=.
 */
export function recordPicker(opts = {}) {
  const list = async (q, signal) => {
    const r = await api.get(`/${opts.path}`, { q, per_page: 30, ...(opts.params || {}) }, { signal });
    return (r && r.items ? r.items : []).map(opts.itemOf);
  };
  return createPicker({
    ...opts,
    flat: true,
    search: (q, signal) => list(q, signal),
    browse: (parent, signal) => list(null, signal),
  });
}
