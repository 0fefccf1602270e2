// pages/orgs.js — #/orgs[?as_of=YYYY-MM-DD&closed=1]: the organisation tree.
//
// Starts from the account's scope roots (GET /orgs); predecessor roots (units
// merged into the account's unit, e.g. Thái Bình for Hưng Yên) are listed
// under their own heading.  Nodes expand lazily (GET /orgs?parent=ID&as_of=D).
// A closed unit is shown greyed; expanding it shows its children as they
// stood on its last day.  The viewing date and "show closed units" live in
// the URL, so back/forward and links work.

import { h, mount, uid, debounce } from '../dom.js';
import { t, kindLabel } from '../i18n.js';
import * as api from '../api.js';
import { fmtDate, fmtInt, parseDate, addDays, todayIso } from '../format.js';
import { buildHash } from '../router.js';

export const BEFORE_REORG = '2025-06-30';
const SEARCH_PAGE = 20;

/** The unit's end, relative to the date viewed: {closedOnView, text}. */
export function closedInfo(org, viewDate, successorName) {
  if (!org.valid_to) return { closedOnView: false, text: '' };
  const closedOnView = org.valid_to <= viewDate;
  const date = fmtDate(org.valid_to);
  const text = org.successor_id
    ? t('org.merged_into_on', { name: successorName || '…', date })
    : t('org.dissolved_on', { date });
  return { closedOnView, text };
}

/** Fills in the successor's name once known (the list gives only its id). */
function successorName(org, el, viewDate) {
  const known = org.successor && org.successor.name;
  if (known || !org.successor_id) return;
  api.orgById(org.successor_id).then((s) => {
    el.textContent = closedInfo(org, viewDate, s ? s.name : t('org.other_unit')).text;
  }).catch(() => {
    el.textContent = closedInfo(org, viewDate, t('org.other_unit')).text;
  });
}

/* child_count is counted on the date viewed; person_count only today, so it
 * is left out of past views (historical = true). */
function countsText(org, historical) {
  const parts = [kindLabel(org.kind)];
  if (org.child_count > 0) parts.push(t('org.n_children', { n: fmtInt(org.child_count) }));
  if (!historical && Number.isFinite(org.person_count)) {
    parts.push(t('org.n_people', { n: fmtInt(org.person_count) }));
  }
  return parts.join(' · ');
}

/** One line of a unit: link, kind and counts, closing note. */
export function orgLine(org, viewDate, historical = false) {
  const info = closedInfo(org, viewDate, org.successor && org.successor.name);
  const note = info.text ? h('span', { class: 'org-end' }, info.text) : null;
  if (note) successorName(org, note, viewDate);
  return {
    closed: info.closedOnView,
    nodes: [
      h('a', { href: `#/orgs/${org.id}`, class: 'org-link' }, org.name),
      h('span', { class: 'org-meta' }, countsText(org, historical)),
      note,
    ],
  };
}

export function render(ctx) {
  ctx.setTitle(t('orgs.title'));
  let asOf = null;
  let showClosed = false;
  let loadSeq = 0;

  /* --- date controls --- */
  const dateId = uid('asof');
  const dateErrId = uid('asof-err');
  const dateInput = h('input', { id: dateId, type: 'text', class: 'input input-date', inputmode: 'numeric',
    placeholder: 'dd/mm/yyyy', maxlength: '10', autocomplete: 'off', 'aria-describedby': dateErrId });
  const dateErr = h('p', { class: 'field-error', id: dateErrId, hidden: true });
  const presetNow = h('button', { type: 'button', class: 'btn btn-secondary btn-small',
    onClick: () => go(null, showClosed) }, t('orgs.preset_now'));
  const presetBefore = h('button', { type: 'button', class: 'btn btn-secondary btn-small',
    onClick: () => go(BEFORE_REORG, false) }, t('orgs.preset_before', { date: fmtDate(BEFORE_REORG) }));
  const dateForm = h('form', { class: 'date-form', novalidate: true,
    onSubmit: (e) => {
      e.preventDefault();
      const v = dateInput.value.trim();
      if (!v) return go(null, showClosed);
      const iso = parseDate(v);
      if (!iso) {
        dateErr.textContent = t('form.err.invalid_date');
        dateErr.hidden = false;
        dateInput.setAttribute('aria-invalid', 'true');
        dateInput.focus();
        return undefined;
      }
      return go(iso, false);
    } },
  h('label', { for: dateId, class: 'label' }, t('orgs.as_of_label')),
  h('div', { class: 'date-row' }, dateInput,
    h('button', { type: 'submit', class: 'btn btn-primary btn-small' }, t('orgs.as_of_apply'))),
  dateErr,
  h('div', { class: 'presets', role: 'group', 'aria-label': t('orgs.presets') }, presetNow, presetBefore));
  dateInput.addEventListener('input', () => {
    dateErr.hidden = true;
    dateInput.removeAttribute('aria-invalid');
  });

  const closedId = uid('closed');
  const closedBox = h('input', { type: 'checkbox', id: closedId,
    onChange: () => go(asOf, closedBox.checked) });
  const closedWrap = h('div', { class: 'check' }, closedBox,
    h('label', { for: closedId }, t('orgs.show_closed')));
  const viewing = h('p', { class: 'viewing', role: 'status', 'aria-live': 'polite' });

  /* --- unit search --- */
  const qId = uid('orgq');
  const qInput = h('input', { id: qId, type: 'search', class: 'input', autocomplete: 'off', maxlength: '100',
    placeholder: t('orgs.search_placeholder') });
  const searchStatus = h('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const searchList = h('ul', { class: 'org-results' });
  const searchMore = h('button', { type: 'button', class: 'btn btn-secondary btn-small', hidden: true });
  let searchPage = 1;
  let searchCtl = null;

  async function search(page) {
    const q = qInput.value.trim();
    if (searchCtl) searchCtl.abort();
    if (!q) {
      searchStatus.textContent = '';
      mount(searchList);
      searchMore.hidden = true;
      return;
    }
    searchCtl = new AbortController();
    searchPage = page;
    searchStatus.textContent = t('common.loading');
    try {
      const r = await api.get('/orgs', { q, page, per_page: SEARCH_PAGE }, { signal: searchCtl.signal });
      const items = r.items || [];
      const total = Number.isFinite(r.total) ? r.total : items.length;
      const today = todayIso();
      const rows = items.map((o) => {
        const line = orgLine(o, today);
        return h('li', { class: ['org-result', line.closed && 'is-closed'] }, line.nodes);
      });
      if (page === 1) mount(searchList, rows);
      else rows.forEach((r2) => searchList.appendChild(r2));
      const shown = searchList.children.length;
      searchStatus.textContent = total ? t('orgs.search_count', { n: fmtInt(total) }) : t('orgs.search_none');
      searchMore.hidden = shown >= total;
      searchMore.textContent = t('common.more');
    } catch (e) {
      if (e.name === 'AbortError') return;
      searchStatus.textContent = e.message;
    }
  }
  const searchLater = debounce(() => search(1), 300);
  qInput.addEventListener('input', searchLater);
  searchMore.addEventListener('click', () => search(searchPage + 1));
  const searchForm = h('form', { class: 'org-search', role: 'search', onSubmit: (e) => {
    e.preventDefault();
    searchLater.cancel();
    search(1);
  } },
  h('label', { for: qId, class: 'label' }, t('orgs.search_label')), qInput);

  /* --- tree --- */
  const treeStatus = h('div', { class: 'tree-status', role: 'status', 'aria-live': 'polite' });
  const treeMain = h('ul', { class: 'tree' });
  const predHeading = h('h2', { class: 'tree-heading', hidden: true }, t('orgs.predecessors_heading'));
  const predHint = h('p', { class: 'hint', hidden: true }, t('orgs.predecessors_hint'));
  const treePred = h('ul', { class: 'tree', hidden: true });

  function childParams(parentId, branchDate) {
    const p = { parent: parentId, per_page: 200 };
    if (branchDate) p.as_of = branchDate;
    else if (showClosed) p.include_closed = 1;
    return p;
  }

  /**
   * A node; branchDate = the date its children are listed on (null = today,
   * as the server counts).
   */
  function node(org, branchDate, forceExpandable = false) {
    const viewDate = branchDate || todayIso();
    const line = orgLine(org, viewDate, !!branchDate);
    // A closed unit's children are listed as they stood on its last day.
    const childDate = line.closed && org.valid_to ? addDays(org.valid_to, -1) : branchDate;
    const expandable = forceExpandable || org.child_count > 0 || (line.closed && org.kind !== 'cell');
    const childrenId = uid('children');
    const children = h('ul', { class: 'tree-children', id: childrenId, hidden: true });
    const li = h('li', { class: ['tree-node', line.closed && 'is-closed'] });
    let loaded = false;
    let expander;
    if (expandable) {
      expander = h('button', {
        type: 'button', class: 'expander', 'aria-expanded': 'false', 'aria-controls': childrenId,
        'aria-label': t('orgs.expand', { name: org.name }),
      }, h('span', { class: 'expander-icon', 'aria-hidden': 'true' }));
      expander.addEventListener('click', async () => {
        const open = expander.getAttribute('aria-expanded') !== 'true';
        expander.setAttribute('aria-expanded', String(open));
        expander.setAttribute('aria-label', t(open ? 'orgs.collapse' : 'orgs.expand', { name: org.name }));
        children.hidden = !open;
        if (open && !loaded) {
          loaded = true;
          await loadChildren(children, org.id, childDate, 1);
        }
      });
    } else {
      expander = h('span', { class: 'expander-spacer', 'aria-hidden': 'true' });
    }
    li.appendChild(h('div', { class: 'tree-row' }, expander, h('div', { class: 'tree-label' }, line.nodes)));
    li.appendChild(children);
    return li;
  }

  async function loadChildren(ul, parentId, branchDate, page) {
    const loading = h('li', { class: 'tree-msg' }, t('common.loading'));
    ul.appendChild(loading);
    try {
      const params = childParams(parentId, branchDate);
      if (page > 1) params.page = page;
      const r = await api.get('/orgs', params);
      loading.remove();
      const items = r.items || [];
      if (!items.length && page === 1) {
        ul.appendChild(h('li', { class: 'tree-msg' }, t('orgs.no_children')));
      }
      for (const o of items) ul.appendChild(node(o, branchDate));
      const total = Number.isFinite(r.total) ? r.total : null;
      const per = r.per_page || items.length;
      if (total !== null && page * per < total) {
        const more = h('li', { class: 'tree-msg' }, h('button', { type: 'button', class: 'btn-link',
          onClick: () => {
            more.remove();
            loadChildren(ul, parentId, branchDate, page + 1);
          } }, t('orgs.more_children', { n: fmtInt(total - page * per) })));
        ul.appendChild(more);
      }
    } catch (e) {
      loading.remove();
      ul.appendChild(h('li', { class: 'tree-msg form-error' }, e.message));
    }
  }

  async function loadRoots() {
    const my = ++loadSeq;
    mount(treeMain);
    mount(treePred);
    treeStatus.textContent = t('common.loading');
    try {
      const r = await api.get('/orgs');
      if (my !== loadSeq) return;
      const roots = r.items || [];
      const own = roots.filter((o) => !(o.closed && o.successor_id));
      const preds = roots.filter((o) => o.closed && o.successor_id);
      for (const o of own) treeMain.appendChild(rootNode(o));
      for (const o of preds) treePred.appendChild(rootNode(o));
      predHeading.hidden = preds.length === 0;
      predHint.hidden = preds.length === 0;
      treePred.hidden = preds.length === 0;
      treeStatus.textContent = '';
      // open the first root so the page is not a single line
      const first = treeMain.querySelector('.expander');
      if (first && own.length === 1) first.click();
    } catch (e) {
      if (my !== loadSeq) return;
      treeStatus.textContent = e.message;
    }
  }

  /** Roots come from GET /orgs, counted today: on a past date their counts
   * are not shown, and their children are listed on that date. */
  function rootNode(o) {
    if (asOf) return node({ ...o, child_count: null, person_count: null }, asOf, o.kind !== 'cell');
    return node(o, null);
  }

  function syncControls() {
    dateInput.value = asOf ? fmtDate(asOf) : '';
    closedBox.checked = showClosed;
    closedWrap.hidden = !!asOf;
    presetNow.setAttribute('aria-pressed', String(!asOf));
    presetBefore.setAttribute('aria-pressed', String(asOf === BEFORE_REORG));
    viewing.textContent = asOf
      ? t('orgs.viewing_date', { date: fmtDate(asOf) })
      : t('orgs.viewing_now');
  }

  function go(date, closed) {
    ctx.navigate(buildHash('/orgs', { as_of: date, closed: closed ? 1 : null }));
  }

  function apply(query) {
    const q = query.as_of && parseDate(query.as_of);
    asOf = q || null;
    showClosed = !asOf && query.closed === '1';
    syncControls();
    loadRoots();
  }

  mount(ctx.main, h('section', { class: 'page-section orgs-page' },
    h('h1', null, t('orgs.title')),
    h('div', { class: 'orgs-tools' },
      h('div', { class: 'panel' }, dateForm, closedWrap),
      h('div', { class: 'panel' }, searchForm, searchStatus, searchList, searchMore)),
    viewing,
    treeStatus,
    treeMain,
    predHeading,
    predHint,
    treePred));

  apply(ctx.query);
  return { update: (c) => apply(c.query) };
}
