// table.js — the shared paginated, sortable table.
//
// createTable({
//   columns: [{key, label, sortable, sortKey, render(item) -> node|string, className}],
//   load(page, perPage, sort, dir, signal) -> Promise<{items, total, page, per_page}>,
//   page, perPage, sort, dir,
//   rowHref(item) -> "#/..."     the first cell links there (keyboard access)
//   onRowClick(item)             a click anywhere on the row
//   onState({page, sort, dir})   when given, the owner keeps the state (in the
//                                URL) and calls setState(); otherwise internal
//   countText(total, response) -> "1.834 người", emptyText, emptyHint, caption
// }) -> {el, setState(state), reload()}
//
// Wide screens get a real <table> with sort buttons in the headers
// (aria-sort); under 720 px the CSS turns rows into cards (each cell carries
// its column name in data-label) and a "Sắp xếp theo" select replaces the
// header buttons.

import { h, mount, uid } from './dom.js';
import { t } from './i18n.js';
import { fmtInt } from './format.js';
import { ApiError } from './api.js';

export function createTable(opts) {
  const columns = opts.columns;
  const perPage = opts.perPage || 50;
  let state = { page: opts.page || 1, sort: opts.sort || null, dir: opts.dir || 'asc' };
  let controller = null;
  let seq = 0;
  let lastTotal = null;

  const captionId = uid('tbl-cap');
  const statusEl = h('div', { class: 'table-status', role: 'status', 'aria-live': 'polite' });
  const errorEl = h('div', { class: 'table-error', role: 'alert' });
  const thead = h('thead');
  const tbody = h('tbody');
  const table = h('table', { class: 'data-table', 'aria-labelledby': opts.caption ? captionId : null },
    opts.caption ? h('caption', { class: 'visually-hidden', id: captionId }, opts.caption) : null,
    thead, tbody);
  const scroller = h('div', { class: 'table-scroll' }, table);
  const emptyEl = h('div', { class: 'empty-state', hidden: true },
    h('p', { class: 'empty-title' }, opts.emptyText || t('table.empty')),
    opts.emptyHint ? h('p', { class: 'empty-hint' }, opts.emptyHint) : null);
  const prevBtn = h('button', { type: 'button', class: 'btn btn-secondary', onClick: () => go(state.page - 1) },
    h('span', { 'aria-hidden': 'true' }, '‹ '), t('table.prev'));
  const nextBtn = h('button', { type: 'button', class: 'btn btn-secondary', onClick: () => go(state.page + 1) },
    t('table.next'), h('span', { 'aria-hidden': 'true' }, ' ›'));
  const pageInfo = h('span', { class: 'pager-info' });
  const pager = h('nav', { class: 'pager', 'aria-label': t('table.pagination') }, prevBtn, pageInfo, nextBtn);

  const sortable = columns.filter((c) => c.sortable);
  const sortSelectId = uid('sort');
  const sortSelect = sortable.length ? h('select', { id: sortSelectId, class: 'input' }) : null;
  const sortBar = sortable.length
    ? h('div', { class: 'sort-mobile' }, h('label', { for: sortSelectId, class: 'label' }, t('table.sort_by')), sortSelect)
    : null;
  if (sortSelect) {
    sortSelect.addEventListener('change', () => {
      const [sort, dir] = sortSelect.value.split(':');
      request({ page: 1, sort, dir });
    });
  }

  const el = h('div', { class: 'table-wrap' }, sortBar, statusEl, errorEl, scroller, emptyEl, pager);

  function sortKey(c) {
    return c.sortKey || c.key;
  }

  function renderHead() {
    mount(thead, h('tr', null, columns.map((c) => {
      const key = sortKey(c);
      const active = c.sortable && state.sort === key;
      const th = h('th', {
        scope: 'col', class: c.className,
        'aria-sort': c.sortable ? (active ? (state.dir === 'desc' ? 'descending' : 'ascending') : 'none') : null,
      });
      if (c.sortable) {
        const nextDir = active && state.dir === 'asc' ? 'desc' : 'asc';
        th.appendChild(h('button', {
          type: 'button', class: 'sort-btn',
          title: t(nextDir === 'asc' ? 'table.sort_asc' : 'table.sort_desc', { col: c.label }),
          onClick: () => request({ page: 1, sort: key, dir: nextDir }),
        }, c.label, h('span', { class: 'sort-icon', 'aria-hidden': 'true' },
          active ? (state.dir === 'desc' ? ' ▼' : ' ▲') : ' ↕')));
      } else {
        th.textContent = c.label;
      }
      return th;
    })));
    if (sortSelect) {
      mount(sortSelect, sortable.flatMap((c) => [
        h('option', { value: `${sortKey(c)}:asc` }, `${c.label} ${t('table.asc')}`),
        h('option', { value: `${sortKey(c)}:desc` }, `${c.label} ${t('table.desc')}`),
      ]));
      sortSelect.value = `${state.sort}:${state.dir}`;
    }
  }

  function renderCell(c, item, first) {
    let content = c.render ? c.render(item) : item[c.key];
    if (content === null || content === undefined || content === '') content = '—';
    const td = h('td', { class: c.className, 'data-label': c.label });
    if (first && opts.rowHref) {
      td.appendChild(h('a', { href: opts.rowHref(item), class: 'row-link' }, content));
    } else {
      td.appendChild(typeof content === 'object' ? content : document.createTextNode(String(content)));
    }
    return td;
  }

  function renderRows(items) {
    mount(tbody, items.map((item) => {
      const tr = h('tr', { class: opts.onRowClick ? 'is-clickable' : null },
        columns.map((c, i) => renderCell(c, item, i === 0)));
      if (opts.onRowClick) {
        tr.addEventListener('click', (e) => {
          if (e.target.closest('a, button, input, select, label')) return;
          opts.onRowClick(item);
        });
      }
      return tr;
    }));
  }

  function renderPager(total, page, pp, r) {
    const pages = Math.max(1, Math.ceil(total / pp));
    pageInfo.textContent = t('table.page_info', {
      page: fmtInt(page), pages: fmtInt(pages),
      count: opts.countText ? opts.countText(total, r) : t('table.count', { n: fmtInt(total) }),
    });
    prevBtn.disabled = page <= 1;
    nextBtn.disabled = page >= pages;
    prevBtn.hidden = pages <= 1 && page <= 1;
    nextBtn.hidden = pages <= 1 && page <= 1;
    pager.hidden = total === 0;
  }

  function request(next) {
    const s = { ...state, ...next };
    if (opts.onState) opts.onState(s);
    else setState(s);
  }

  function go(page) {
    if (page < 1) return;
    request({ page });
  }

  async function reload() {
    if (controller) controller.abort();
    controller = new AbortController();
    const my = ++seq;
    renderHead();
    el.setAttribute('aria-busy', 'true');
    statusEl.textContent = t('common.loading');
    errorEl.textContent = '';
    try {
      const r = await opts.load(state.page, perPage, state.sort, state.dir, controller.signal);
      if (my !== seq) return;
      const items = (r && r.items) || [];
      const total = r && Number.isFinite(r.total) ? r.total : items.length;
      lastTotal = total;
      renderRows(items);
      scroller.hidden = items.length === 0;
      emptyEl.hidden = items.length !== 0;
      renderPager(total, (r && r.page) || state.page, (r && r.per_page) || perPage, r);
      if (items.length === 0 && total > 0) pager.hidden = false; // past the last page
      statusEl.textContent = opts.countText ? opts.countText(total, r) : t('table.count', { n: fmtInt(total) });
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (my !== seq) return;
      statusEl.textContent = '';
      if (e instanceof ApiError && e.status === 401) return;
      mount(errorEl, h('span', null, e.message || String(e)), ' ',
        h('button', { type: 'button', class: 'btn-link', onClick: () => reload() }, t('common.retry')));
      scroller.hidden = lastTotal === null;
      emptyEl.hidden = true;
    } finally {
      if (my === seq) el.removeAttribute('aria-busy');
    }
  }

  function setState(s) {
    state = { page: s.page || 1, sort: s.sort || state.sort, dir: s.dir || 'asc' };
    return reload();
  }

  return {
    el,
    setState,
    reload,
    get state() { return { ...state }; },
  };
}
