// pages/people.js — #/people?q=&org=&status=&page=&sort=&dir=: finding people.
//
// The search is the server's (accent- and case-insensitive: "nguyen van sang"
// finds "Nguyễn Văn Sáng"; sorted by given name).  Everything the list shows
// lives in the URL hash, so back/forward and shared links work: typing
// updates the hash after 300 ms of quiet, and the page follows the hash.

import { h, uid, debounce, mount } from '../dom.js';
import { t, statusLabel, statusOptions } from '../i18n.js';
import * as api from '../api.js';
import { fmtInt } from '../format.js';
import { buildHash, intParam } from '../router.js';
import { createTable } from '../table.js';
import { orgPicker } from '../picker.js';
import { canWritePeople } from '../perm.js';

const SORTS = ['name', 'birth_year', 'party_joined', 'code'];
const PER_PAGE = 50;

/** The list state from the hash query (unknown values dropped). */
export function stateFromQuery(q) {
  const status = q.status && statusOptions().some((o) => o.value === q.status) ? q.status : '';
  return {
    q: (q.q || '').slice(0, 100),
    org: intParam(q.org, null),
    status,
    page: intParam(q.page, 1),
    sort: SORTS.includes(q.sort) ? q.sort : 'name',
    dir: q.dir === 'desc' ? 'desc' : 'asc',
  };
}

export function hashFor(s) {
  return buildHash('/people', {
    q: s.q || null,
    org: s.org || null,
    status: s.status || null,
    page: s.page > 1 ? s.page : null,
    sort: s.sort !== 'name' ? s.sort : null,
    dir: s.dir === 'desc' ? 'desc' : null,
  });
}

export function statusBadge(status) {
  return h('span', { class: ['badge', `status-${status}`] }, statusLabel(status));
}

export function render(ctx) {
  ctx.setTitle(t('people.title'));
  let state = stateFromQuery(ctx.query);

  const qId = uid('q');
  const hintId = uid('qhint');
  const qInput = h('input', { id: qId, type: 'search', class: 'input', autocomplete: 'off', maxlength: '100',
    value: state.q, placeholder: t('people.search_placeholder'), 'aria-describedby': hintId });
  const statusId = uid('status');
  const statusSel = h('select', { id: statusId, class: 'input', value: state.status },
    h('option', { value: '' }, t('people.status_all')),
    statusOptions().map((o) => h('option', { value: o.value }, o.label)));
  const orgLabelId = uid('orgf');
  const picker = orgPicker({ id: orgLabelId, value: null,
    onChange: (v) => go({ org: v ? v.id : null, page: 1 }) });

  let typedQ = null; // the query this page last put in the hash itself
  function go(change) {
    const next = { ...state, ...change };
    typedQ = next.q;
    ctx.navigate(hashFor(next));
  }

  const commitSearch = debounce(() => {
    const q = qInput.value.trim();
    if (q !== state.q) go({ q, page: 1 });
  }, 300);
  qInput.addEventListener('input', commitSearch);
  statusSel.addEventListener('change', () => go({ status: statusSel.value, page: 1 }));

  const table = createTable({
    caption: t('people.title'),
    columns: [
      { key: 'full_name', sortKey: 'name', label: t('person.full_name'), sortable: true, className: 'col-name' },
      { key: 'birth_year', label: t('person.birth_year'), sortable: true, className: 'col-num' },
      { key: 'org', label: t('person.org'), render: (p) => (p.org ? p.org.name : '') },
      { key: 'position', label: t('person.position') },
      { key: 'status', label: t('person.status'), render: (p) => statusBadge(p.status) },
    ],
    page: state.page,
    sort: state.sort,
    dir: state.dir,
    perPage: PER_PAGE,
    load: (page, perPage, sort, dir, signal) => api.get('/people', {
      q: state.q, org: state.org, status: state.status, page, per_page: perPage, sort, dir,
    }, { signal }),
    rowHref: (p) => `#/people/${p.id}`,
    onRowClick: (p) => ctx.navigate(`#/people/${p.id}`),
    onState: (s) => go({ page: s.page, sort: s.sort, dir: s.dir }),
    // A search stops counting at 1.000 (total_capped): "hơn 1.000 kết quả".
    countText: (n, r) => t(r && r.total_capped ? 'people.count_capped' : 'people.count',
      { n: fmtInt(n) }),
    emptyText: t('table.empty'),
    emptyHint: t('people.empty_hint'),
  });

  const addLink = canWritePeople(ctx.me)
    ? h('a', { class: 'btn btn-primary', href: buildHash('/people/new', { org: state.org }) }, '+ ', t('people.add'))
    : null;

  mount(ctx.main, h('section', { class: 'page-section people-page' },
    h('div', { class: 'page-head' }, h('h1', null, t('people.title')), addLink),
    h('form', { class: 'filters', role: 'search', onSubmit: (e) => {
      e.preventDefault();
      commitSearch.cancel();
      go({ q: qInput.value.trim(), page: 1 });
    } },
    h('div', { class: 'filter filter-q' },
      h('label', { for: qId, class: 'label' }, t('people.search_label')),
      qInput,
      h('p', { class: 'field-hint', id: hintId }, t('people.search_hint'))),
    h('div', { class: 'filter filter-org' },
      h('label', { for: orgLabelId, class: 'label' }, t('people.filter_org')),
      picker.el),
    h('div', { class: 'filter filter-status' },
      h('label', { for: statusId, class: 'label' }, t('people.filter_status')),
      statusSel)),
    table.el));

  async function syncOrg() {
    if (!state.org) {
      picker.setValue(null);
      return;
    }
    if (picker.value && picker.value.id === state.org) return;
    picker.setValue({ id: state.org, label: `#${state.org}` });
    try {
      const o = await api.orgById(state.org);
      if (o && state.org === o.id) picker.setValue({ id: o.id, label: o.name });
    } catch {
      /* keep the number */
    }
  }

  function apply(query) {
    state = stateFromQuery(query);
    // follow the hash (back/forward) unless it is what the user is typing
    if (qInput.value.trim() !== state.q && (document.activeElement !== qInput || state.q !== typedQ)) {
      qInput.value = state.q;
    }
    statusSel.value = state.status;
    if (addLink) addLink.setAttribute('href', buildHash('/people/new', { org: state.org }));
    syncOrg();
    table.setState({ page: state.page, sort: state.sort, dir: state.dir });
  }

  syncOrg();
  table.reload();
  return {
    update: (c) => apply(c.query),
    destroy: () => commitSearch.cancel(),
  };
}
