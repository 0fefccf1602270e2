// pages/records.js — #/r/<path>?q=&org=&<filter>=&deleted=1&page=&sort=&dir=:
// the list of any generic record type (topics, activities, pledges, and the
// types the server adds later), built from GET /api/v1/meta: its filter
// fields become the filters (a "year" filter starts at the current year;
// catalogue fields and known codes are selects), its searchable fields the
// search box, the shared table shows the columns touches.js chooses for the
// type (else its title, kind, date or year, unit, person, status and the
// counts of its children).  Above the table: the answer's warnings (the
// evaluations' "excellent" quota) and its counts per value ("facets").
// Everything lives in the URL hash, as on the people list.

import { h, uid, debounce, mount } from '../dom.js';
import { t, has } from '../i18n.js';
import * as api from '../api.js';
import { fmtInt, fmtDate, todayIso, parseDate } from '../format.js';
import { buildHash, intParam } from '../router.js';
import { createTable } from '../table.js';
import { orgPicker, personPicker, recordPicker } from '../picker.js';
import { canWriteType, canReadType } from '../perm.js';
import {
  loadMeta, typeByPath, typeByName, childTypes, labelOf, enumLabel, isYearLike, isPercent,
  titleField, recordTitle, refKey, refText, yearFilterField, recordDetail, lowerFirst, fieldByName,
  formatValue, knownValues, whoText, loadCatalogsFor,
} from '../meta.js';
import { touchOf } from '../touches.js';
import { catalogAll, entryLabel } from '../catalog.js';
import { statusBadge, progressBar, recordHref, refLabel, isBadge } from '../recview.js';

const PER_PAGE = 50;
const MAX_Q = 100;

/* ---- pure part: state <-> hash <-> API parameters --------------------------- */

/** The filter fields shown as filters (the unit field is the ?org= picker). */
export function filterFields(type) {
  return (type.fields || []).filter((f) => f.filter && f.name !== type.org_field);
}

function validFilter(f, v) {
  if (typeof v !== 'string' || v === '') return false;
  switch (f.type) {
    case 'enum': return (f.values || []).includes(v);
    case 'catalog':
    case 'code': return /^[A-Za-z0-9._-]{1,32}$/.test(v);
    case 'bool': return v === '0' || v === '1';
    case 'int': return /^-?\d{1,18}$/.test(v) || (isYearLike(f) && v === 'all');
    case 'ref': return /^\d{1,18}$/.test(v) && Number(v) > 0;
    case 'date': return /^\d{4}-\d{2}-\d{2}$/.test(v);
    default: return v.length <= MAX_Q;
  }
}

/**
 * The list state from the hash query.  A type with a "year" filter is
 * filtered by the current year unless the query says another year or "all".
 */
export function listState(type, query, today = todayIso()) {
  const f = {};
  for (const fd of filterFields(type)) {
    const v = query[fd.name];
    if (validFilter(fd, v)) f[fd.name] = v;
  }
  for (const k of touchOf(type.name).extraParams || []) {
    if (/^\d{1,4}$/.test(String(query[k] || ''))) f[k] = String(query[k]);
  }
  const year = yearFilterField(type);
  if (year && f.year === undefined) f.year = today.slice(0, 4);
  const sortable = (type.fields || []).filter((x) => x.sort).map((x) => x.name);
  return {
    q: String(query.q || '').slice(0, MAX_Q),
    org: intParam(query.org, null),
    f,
    deleted: query.deleted === '1',
    page: intParam(query.page, 1),
    sort: sortable.includes(query.sort) ? query.sort : null,
    dir: query.dir === 'asc' ? 'asc' : 'desc',
  };
}

/** The hash of a list state (defaults left out). */
export function listHash(type, s, today = todayIso()) {
  const q = { q: s.q || null, org: s.org || null };
  for (const [k, v] of Object.entries(s.f || {})) {
    if (k === 'year' && yearFilterField(type) && v === today.slice(0, 4)) continue;
    q[k] = v;
  }
  if (s.deleted) q.deleted = '1';
  if (s.page > 1) q.page = s.page;
  if (s.sort) {
    q.sort = s.sort;
    if (s.dir === 'asc') q.dir = 'asc';
  }
  return buildHash(`/r/${type.path}`, q);
}

/** The query parameters of GET /api/v1/<path> for a state. */
export function listParams(type, s, page = s.page, perPage = PER_PAGE) {
  const p = { q: s.q || null, org: s.org || null, page, per_page: perPage };
  for (const [k, v] of Object.entries(s.f || {})) if (v !== 'all') p[k] = v;
  if (s.deleted) p.deleted = 1;
  if (s.sort) {
    p.sort = s.sort;
    p.dir = s.dir;
  }
  return p;
}

/**
 * The columns of a type's list: [{key, field?, child?}].  The ones
 * touches.js lists for the type ("columns"), else its title, its kind (the
 * first enum filter that is not the status), its date or year, unit,
 * person, status, progress, and the count of each child type.
 * Keys: title, kind, when, org, person, who, label, status, progress,
 * value, count.
 */
export function listColumns(meta, type) {
  const chosen = touchOf(type.name).columns;
  if (chosen) return chosen.map((c) => chosenColumn(meta, type, c)).filter(Boolean);
  const fs = type.fields || [];
  const cols = [];
  const title = titleField(type);
  cols.push({ key: 'title', field: title });
  const kind = fs.find((f) => f.type === 'enum' && f.filter && !f.read_only && f.name !== type.status_field);
  if (kind) cols.push({ key: 'kind', field: kind });
  const year = fs.find((f) => f.name === 'year' && !f.read_only);
  const date = fs.find((f) => f.type === 'date' && f.sort) || fs.find((f) => f.type === 'date' && !f.read_only);
  const yearish = fs.find((f) => isYearLike(f) && !f.read_only);
  const when = year || date || yearish;
  if (when) cols.push({ key: 'when', field: when });
  if (type.org_field) cols.push({ key: 'org', field: fs.find((f) => f.name === type.org_field) });
  if (type.person_field) cols.push({ key: 'person', field: fs.find((f) => f.name === type.person_field) });
  if (type.status_field) cols.push({ key: 'status', field: fs.find((f) => f.name === type.status_field) });
  const pct = fs.find((f) => isPercent(f));
  if (pct) cols.push({ key: 'progress', field: pct });
  for (const c of childTypes(meta, type)) cols.push({ key: 'count', child: c });
  return cols;
}

/** One column touches.js names: a field (by what it is), "@who",
 * "@label", "child:<type>". */
function chosenColumn(meta, type, c) {
  if (c === '@who') return { key: 'who', field: fieldByName(type, type.person_field) };
  if (c === '@label') return { key: 'label', field: fieldByName(type, 'label_vi') };
  if (c.startsWith('child:')) {
    const child = childTypes(meta, type).find((x) => x.name === c.slice(6));
    return child ? { key: 'count', child } : null;
  }
  const f = fieldByName(type, c);
  if (!f) return null;
  const title = titleField(type);
  if (title && f.name === title.name) return { key: 'title', field: f };
  if (f.name === type.org_field) return { key: 'org', field: f };
  if (f.name === type.person_field) return { key: 'person', field: f };
  if (isBadge(type, f.name)) return { key: 'status', field: f };
  if (isPercent(f)) return { key: 'progress', field: f };
  if (f.type === 'enum' || f.type === 'catalog') return { key: 'kind', field: f };
  if (f.type === 'date' || isYearLike(f)) return { key: 'when', field: f };
  return { key: 'value', field: f };
}

/**
 * The line of counts under a list: [{value, label, n}] in the order of the
 * field's values (known values first, others after), from the list
 * answer's "facets" ({"excellent": 12, "good": 80}).
 */
export function facetItems(type, facets, fieldName = touchOf(type.name).facets) {
  if (!facets || typeof facets !== 'object' || !fieldName) return [];
  const f = fieldByName(type, fieldName);
  if (!f) return [];
  const known = knownValues(type.name, f) || [];
  const keys = Object.keys(facets).filter((k) => Number(facets[k]) > 0);
  const ordered = [...known.filter((v) => keys.includes(v)), ...keys.filter((k) => !known.includes(k))];
  // a shorter label where there is one ("Hoàn thành xuất sắc")
  const label = (v) => (has(`facet.${type.name}.${f.name}.${v}`) ? t(`facet.${type.name}.${f.name}.${v}`)
    : formatValue(type, f, v, { [f.name]: v }));
  return ordered.map((v) => ({ value: v, label: label(v), n: Number(facets[v]) }));
}

/* ---- the page ---------------------------------------------------------------- */

function notFound(ctx) {
  ctx.setTitle(t('app.not_found'));
  mount(ctx.main, h('section', { class: 'page-section' },
    h('h1', null, t('app.not_found')),
    h('p', null, t('records.no_type')),
    h('p', null, h('a', { href: '#/' }, t('nav.back_home')))));
}

function failure(ctx, e) {
  ctx.setTitle(t('app.error'));
  mount(ctx.main, h('section', { class: 'page-section' },
    h('h1', null, t('app.error')),
    h('p', { class: 'form-error', role: 'alert' }, e.message || String(e))));
}

/** A warning of a list answer in the interface language (the server's own
 * message for a code the interface does not know). */
function warningText(w) {
  const key = `warning.${w.code}`;
  const s = t(key);
  return s === key ? String(w.message || w.code || '') : s;
}

/** Its figures, when it has some ("Xuất sắc: 14 · Tốt: 60 · tối đa 20%"). */
function warningDetail(w) {
  if (w.code === 'excellent_over_quota' && Number.isFinite(w.excellent) && Number.isFinite(w.good)) {
    return t('warning.excellent_over_quota_detail', { excellent: fmtInt(w.excellent), good: fmtInt(w.good),
      share: fmtInt(w.share_pct), max: fmtInt(Math.floor((w.good * w.share_pct) / 100)) });
  }
  return null;
}

function yearOptions(current, selected, withAll) {
  const y = Number(current);
  const years = [];
  for (let i = y + 1; i >= y - 9; i--) years.push(String(i));
  if (selected && selected !== 'all' && !years.includes(selected)) years.push(selected);
  years.sort((a, b) => Number(b) - Number(a));
  return [withAll ? { value: 'all', label: t('records.all_years') } : null,
    ...years.map((v) => ({ value: v, label: v }))].filter(Boolean);
}

function columnDefs(meta, type, touch) {
  const cols = listColumns(meta, type);
  return cols.map((c, i) => {
    const f = c.field;
    switch (c.key) {
      case 'title':
        return { key: f ? f.name : 'id', label: f ? labelOf(f) : t('records.record'), className: 'col-title',
          sortable: !!(f && f.sort), render: (r) => recordTitle(type, r, 120) };
      case 'label':
        return { key: 'label_vi', label: t('records.name'), className: 'col-title',
          render: (r) => entryLabel(r) };
      case 'who':
        return { key: 'who', label: t(touch.who || 'records.who'), className: i === 0 ? 'col-title' : null,
          render: (r) => {
            const text = whoText(type, r);
            const collective = type.person_field && !r[type.person_field];
            if (!collective || !touch.noPerson) return text;
            return h('span', null, text, ' ', h('span', { class: 'muted who-kind' }, `(${lowerFirst(t(touch.noPerson))})`));
          } };
      case 'kind':
        return { key: f.name, label: labelOf(f), render: (r) => formatValue(type, f, r[f.name], r) };
      case 'when':
        return { key: f.name, label: labelOf(f), sortable: !!f.sort, className: 'col-num',
          render: (r) => (f.type === 'date' ? fmtDate(r[f.name]) : (r[f.name] ?? '')) };
      case 'value':
        return { key: f.name, label: labelOf(f), sortable: !!f.sort,
          className: f.type === 'int' ? 'col-num' : (f.type === 'text' || f.type === 'longtext' ? 'col-text' : null),
          render: (r) => formatValue(type, f, r[f.name], r) };
      case 'org':
        return { key: 'org', label: labelOf(f), className: i === 0 ? 'col-title' : 'col-org',
          render: (r) => refText(r[refKey(f.name)]) };
      case 'person':
        return { key: 'person', label: labelOf(f),
          render: (r) => (r[refKey(f.name)] ? refText(r[refKey(f.name)])
            : (touch.noPerson ? h('span', { class: 'muted' }, t(touch.noPerson)) : '')) };
      case 'status':
        return { key: f.name, label: labelOf(f), sortable: !!f.sort,
          render: (r) => statusBadge(type, r[f.name], f.name, r) };
      case 'progress':
        return { key: f.name, label: labelOf(f), render: (r) => progressBar(r[f.name], labelOf(f)) };
      default:
        return { key: `${c.child.path}_count`, label: labelOf(c.child), className: 'col-num',
          render: (r) => fmtInt(r[`${c.child.path}_count`] ?? 0) };
    }
  });
}

export function render(ctx) {
  let inst = null;
  let gone = false;
  let latest = ctx; // the hash may change while GET /meta is on its way
  mount(ctx.main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  loadMeta().then((meta) => {
    if (gone) return;
    const type = typeByPath(meta, ctx.params.type);
    if (!type) {
      notFound(ctx);
      return;
    }
    if (!canReadType(ctx.me, type.name)) {
      mount(ctx.main, h('section', { class: 'page-section' }, h('h1', null, t('app.forbidden')),
        h('p', null, t('app.forbidden_text'))));
      return null;
    }
    return loadCatalogsFor(meta, type).then(() => {
      if (!gone) inst = renderList(latest, meta, type);
    });
  }).catch((e) => {
    if (!gone) failure(ctx, e);
  });
  return {
    update(c) {
      latest = c;
      if (inst) inst.update(c);
    },
    destroy() {
      gone = true;
      if (inst) inst.destroy();
    },
  };
}

function renderList(ctx, meta, type) {
  const touch = touchOf(type.name);
  const today = todayIso();
  const title = labelOf(type);
  const writer = canWriteType(ctx.me, type.name);
  const decider = writer && ctx.me.role !== 'member';
  ctx.setTitle(title);
  let state = listState(type, ctx.query, today);

  const searchable = (type.fields || []).some((f) => f.search);
  const qId = uid('q');
  const qHint = uid('qh');
  const qInput = searchable ? h('input', { id: qId, type: 'search', class: 'input', autocomplete: 'off',
    maxlength: String(MAX_Q), value: state.q, 'aria-describedby': qHint }) : null;

  let typedQ = null;
  function go(change) {
    const next = { ...state, ...change };
    typedQ = next.q;
    ctx.navigate(listHash(type, next, today));
  }
  const commitSearch = debounce(() => {
    const q = qInput.value.trim();
    if (q !== state.q) go({ q, page: 1 });
  }, 300);
  if (qInput) qInput.addEventListener('input', commitSearch);

  /* filters other than the search box are rebuilt when the hash changes */
  const filterBox = h('div', { class: 'filters-extra' });
  const quickBox = h('div', { class: 'quick-filters', role: 'group', 'aria-label': t('records.quick') });
  const deletedBox = h('div', { class: 'deleted-toggle' });
  const deletedNote = h('p', { class: 'deleted-note', role: 'status' });

  function setFilter(name, v) {
    const f = { ...state.f };
    if (v === null || v === undefined || v === '') delete f[name];
    else f[name] = String(v);
    go({ f, page: 1 });
  }

  function selectFilter(id, fd, options, value) {
    const sel = h('select', { id, class: 'input' },
      options.map((o) => h('option', { value: o.value }, o.label)));
    sel.value = value;
    sel.addEventListener('change', () => setFilter(fd.name, sel.value));
    return sel;
  }

  function filterControl(fd) {
    const id = uid(`flt-${fd.name}`);
    const cur = state.f[fd.name] ?? '';
    let control;
    const known = knownValues(type.name, fd);
    if (known) {
      control = selectFilter(id, fd, [{ value: '', label: t('records.all') },
        ...known.map((v) => ({ value: v, label: enumLabel(type.name, fd.name, v) }))], cur);
    } else if (fd.type === 'catalog') {
      const opts = catalogAll(fd.catalog);
      if (cur && !opts.some((o) => o.value === cur)) opts.push({ value: cur, label: cur });
      control = selectFilter(id, fd, [{ value: '', label: t('records.all') }, ...opts], cur);
    } else if (fd.type === 'bool') {
      control = selectFilter(id, fd, [{ value: '', label: t('records.all') },
        { value: '1', label: t('common.yes') }, { value: '0', label: t('common.no') }], cur);
    } else if (isYearLike(fd)) {
      const isYear = fd.name === 'year';
      const opts = yearOptions(today.slice(0, 4), cur, isYear);
      if (!isYear) opts.unshift({ value: '', label: t('records.all_years') });
      control = selectFilter(id, fd, opts, cur);
    } else if (fd.type === 'ref') {
      const onChange = (v) => setFilter(fd.name, v ? v.id : null);
      const value = cur ? { id: Number(cur), label: `#${cur}` } : null;
      let picker;
      if (fd.ref === 'org') picker = orgPicker({ id, value, onChange });
      else if (fd.ref === 'person') picker = personPicker({ id, value, onChange, org: () => state.org });
      else {
        const target = typeByName(meta, fd.ref);
        picker = target && target.path
          ? recordPicker({ id, value, onChange, path: target.path,
            searchLabel: t('picker.search_record', { type: lowerFirst(labelOf(target)) }),
            itemOf: (r) => ({ id: r.id, label: recordTitle(target, r, 120), detail: recordDetail(target, r) }) })
          : null;
      }
      if (!picker) return null;
      if (cur) refLabel(meta, fd, cur).then((l) => { if (state.f[fd.name] === cur) picker.setValue({ id: Number(cur), label: l }); });
      control = picker.el;
    } else if (fd.type === 'date') {
      control = h('input', { id, type: 'text', class: 'input input-date', inputmode: 'numeric',
        placeholder: 'dd/mm/yyyy', value: cur ? fmtDate(cur) : '' });
      control.addEventListener('change', () => {
        const iso = parseDate(control.value);
        if (iso || !control.value.trim()) setFilter(fd.name, iso);
      });
    } else {
      control = h('input', { id, type: 'text', class: 'input', value: cur, maxlength: String(MAX_Q) });
      control.addEventListener('change', () => setFilter(fd.name, control.value.trim()));
    }
    return h('div', { class: ['filter', `filter-${fd.name}`, fd.name !== 'year' && 'filter-secondary'] },
      h('label', { for: id, class: 'label' }, labelOf(fd)), control);
  }

  function orgControl() {
    if (!type.org_field) return null;
    const id = uid('flt-org');
    const picker = orgPicker({ id, value: state.org ? { id: state.org, label: `#${state.org}` } : null,
      onChange: (v) => go({ org: v ? v.id : null, page: 1 }) });
    if (state.org) {
      const want = state.org;
      refLabel(meta, { ref: 'org' }, want).then((l) => { if (state.org === want) picker.setValue({ id: want, label: l }); });
    }
    return h('div', { class: 'filter filter-org filter-secondary' },
      h('label', { for: id, class: 'label' }, t('records.filter_org')), picker.el);
  }

  /* phones: the search box and the year, the other filters behind a button */
  const moreBtn = h('button', { type: 'button', class: 'btn btn-secondary btn-small filters-toggle',
    'aria-expanded': 'false', onClick: () => {
      const open = !filtersForm.classList.contains('is-open');
      filtersForm.classList.toggle('is-open', open);
      moreBtn.setAttribute('aria-expanded', String(open));
    } });
  function renderMore() {
    const n = Object.keys(state.f).filter((k) => k !== 'year').length + (state.org ? 1 : 0) + (state.deleted ? 1 : 0);
    moreBtn.textContent = n ? t('records.more_filters_n', { n }) : t('records.more_filters');
  }

  function renderFilters() {
    renderMore();
    mount(filterBox, orgControl(), filterFields(type).map(filterControl));
    renderQuick();
    if (writer && type.soft_delete) {
      const id = uid('deleted');
      const box = h('input', { type: 'checkbox', id, checked: state.deleted });
      box.addEventListener('change', () => go({ deleted: box.checked, page: 1 }));
      mount(deletedBox, h('div', { class: 'check' }, box, h('label', { for: id }, t('records.show_deleted'))));
      deletedBox.classList.add('filter-secondary');
      deletedNote.textContent = state.deleted ? t('records.deleted_view') : '';
    }
  }

  /* quick filters (the secretary's "Chờ duyệt") */
  const quick = (touch.quickFilters || []).filter((qf) => !qf.deciders || decider);
  let quickCount = null;
  function quickActive(qf) {
    return Object.entries(qf.query).every(([k, v]) => state.f[k] === v);
  }
  // Built once (focus stays on a button while its count or state changes).
  const quickAll = h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-quick': 'all',
    onClick: () => {
      const f = { ...state.f };
      for (const qf of quick) for (const k of Object.keys(qf.query)) delete f[k];
      go({ f, page: 1 });
    } }, t('records.all'));
  const quickButtons = quick.map((qf) => {
    const btn = h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-quick': qf.key,
      onClick: () => {
        // One quick filter at a time: the others' keys go.
        const f = { ...state.f };
        for (const o of quick) for (const k of Object.keys(o.query)) delete f[k];
        go({ f: { ...f, ...qf.query }, page: 1 });
      } }, t(qf.label));
    return { qf, btn };
  });
  if (quick.length) mount(quickBox, quickAll, quickButtons.map((x) => x.btn));
  function renderQuick() {
    if (!quick.length) return;
    quickAll.setAttribute('aria-pressed', String(!quick.some(quickActive)));
    for (const { qf, btn } of quickButtons) {
      btn.setAttribute('aria-pressed', String(quickActive(qf)));
      btn.textContent = t(qf.label) + (quickCount !== null && qf === quick[0] ? ` (${fmtInt(quickCount)})` : '');
    }
  }
  async function countQuick() {
    if (!quick.length) return;
    const qf = quick[0];
    const s = { ...state, f: { ...state.f, ...qf.query }, deleted: false };
    try {
      const r = await api.get(`/${type.path}`, listParams(type, s, 1, 1));
      quickCount = r ? r.total : null;
    } catch {
      quickCount = null;
    }
    renderQuick();
  }

  /* what the list answer says besides its rows: the counts per value of
   * the type's facet field, and warnings (the evaluations' quota) */
  const warningsBox = h('div', { class: 'list-warnings' });
  const facetsBox = h('p', { class: 'facets', hidden: true });
  const yearHint = h('p', { class: 'year-hint', role: 'status' });
  const facetField = fieldByName(type, touch.facets);
  function renderExtras(r) {
    const warnings = (r && Array.isArray(r.warnings)) ? r.warnings : [];
    // A member's list is their own records over the years: a share of the
    // ratings of a unit means nothing there.
    mount(warningsBox, ctx.me.role === 'member' ? null : warnings.map((w) => h('div',
      { class: 'alert alert-warn', role: 'note', 'data-warning': w.code || '' },
      h('p', { class: 'alert-title' }, warningText(w)),
      warningDetail(w) ? h('p', null, warningDetail(w)) : null)));
    suggestYear(r);
    const items = facetItems(type, r && r.facets);
    facetsBox.hidden = !items.length;
    mount(facetsBox, items.length ? [
      h('span', { class: 'facets-label' }, `${labelOf(facetField)}: `),
      items.map((it, i) => [i ? h('span', { class: 'facets-sep', 'aria-hidden': 'true' }, ' · ') : null,
        facetLink(it)]),
    ] : null);
  }
  /* Nothing in the current year, which the list shows unless told
   * otherwise (evaluations, figures are of past years): the latest year
   * that has records, one click away. */
  let hintSeq = 0;
  async function suggestYear(r) {
    const my = ++hintSeq;
    mount(yearHint, null);
    const year = yearFilterField(type);
    const onlyYear = Object.keys(state.f).every((k) => k === 'year');
    if (!year || !r || r.total !== 0 || ctx.query.year !== undefined || state.q || state.org || state.deleted ||
      !onlyYear) return;
    let latest = null;
    try {
      const any = await api.get(`/${type.path}`, listParams(type, { ...state, f: {}, sort: null }, 1, 1));
      latest = any && any.items && any.items[0] ? any.items[0].year : null;
    } catch {
      return;
    }
    if (my !== hintSeq || !latest || String(latest) === state.f.year) return;
    mount(yearHint, t('records.year_empty', { year: state.f.year }), ' ',
      h('a', { href: listHash(type, { ...state, f: { year: String(latest) }, page: 1 }, today), 'data-year': String(latest) },
        t('records.year_latest', { year: latest })),
      ' · ',
      h('a', { href: listHash(type, { ...state, f: { year: 'all' }, page: 1 }, today) }, t('records.all_years')));
  }

  function facetLink(it) {
    const text = `${it.label}: ${fmtInt(it.n)}`;
    if (!facetField.filter || state.f[facetField.name] === it.value) {
      return h('span', { class: 'facet', 'data-facet': it.value }, text);
    }
    const f = { ...state.f, [facetField.name]: it.value };
    return h('a', { class: 'facet', 'data-facet': it.value, href: listHash(type, { ...state, f, page: 1 }, today) },
      text);
  }

  const table = createTable({
    caption: title,
    columns: columnDefs(meta, type, touch),
    page: state.page,
    sort: state.sort || type.default_sort,
    dir: state.sort ? state.dir : 'desc',
    perPage: PER_PAGE,
    load: (page, perPage, sort, dir, signal) => api.get(`/${type.path}`,
      listParams(type, state, page, perPage), { signal }).then((r) => {
      renderExtras(r);
      return r;
    }),
    rowHref: (r) => recordHref(type, r.id),
    onRowClick: (r) => ctx.navigate(recordHref(type, r.id)),
    onState: (s) => go({ page: s.page, sort: s.sort, dir: s.dir }),
    countText: (n) => t('records.count', { n: fmtInt(n) }),
    emptyText: t('table.empty'),
    emptyHint: t('records.empty_hint'),
  });

  function addHref() {
    const q = { org: state.org };
    for (const [k, v] of Object.entries(state.f)) if (v !== 'all') q[k] = v;
    return buildHash(`/r/${type.path}/new`, q);
  }
  const addLink = writer
    ? h('a', { class: 'btn btn-primary', href: addHref(), 'data-action': 'add' }, '+ ', t('records.add'))
    : null;
  const myLink = touch.myPage && ctx.me.role === 'member'
    ? h('a', { class: 'btn btn-secondary', href: touch.myPage }, t('records.my_page')) : null;

  const filtersForm = h('form', { class: 'filters records-filters', role: 'search', onSubmit: (e) => {
    e.preventDefault();
    if (!qInput) return;
    commitSearch.cancel();
    go({ q: qInput.value.trim(), page: 1 });
  } },
  qInput ? h('div', { class: 'filter filter-q' },
    h('label', { for: qId, class: 'label' }, t('records.search_label')),
    qInput,
    h('p', { class: 'field-hint', id: qHint }, t('records.search_hint'))) : null,
  filterBox,
  deletedBox,
  h('div', { class: 'filters-more' }, moreBtn));

  mount(ctx.main, h('section', { class: `page-section records-page records-${type.path}` },
    h('div', { class: 'page-head' }, h('h1', null, title), h('div', { class: 'head-actions' }, myLink, addLink)),
    quick.length ? quickBox : null,
    filtersForm,
    deletedNote,
    warningsBox,
    facetsBox,
    yearHint,
    table.el));

  renderFilters();
  table.reload();
  countQuick();

  function apply(query) {
    const prev = state;
    state = listState(type, query, today);
    if (qInput && qInput.value.trim() !== state.q &&
      (document.activeElement !== qInput || state.q !== typedQ)) qInput.value = state.q;
    const filtersChanged = JSON.stringify(prev.f) !== JSON.stringify(state.f) || prev.org !== state.org ||
      prev.deleted !== state.deleted;
    if (filtersChanged) renderFilters();
    if (addLink) addLink.setAttribute('href', addHref());
    table.setState({ page: state.page, sort: state.sort || type.default_sort, dir: state.sort ? state.dir : 'desc' });
    if (filtersChanged || prev.q !== state.q) countQuick();
  }

  return {
    update: (c) => apply(c.query),
    destroy: () => commitSearch.cancel(),
  };
}
