// catalog.js — the configurable lists (GET /api/v1/catalog): the fields and
// states of pressing issues, the states of petitions, the criteria of
// exemplars, the emulation metrics with their units.  A record's field of
// meta type "catalog" (with "catalog": list name) holds a code of one list;
// people see its label_vi (label_en in English), forms offer the entries in
// use, sorted by sort_order.
//
// Each list is fetched once per page life (again after a failure, or after
// an administrator changed the catalogue: forgetCatalogs()), with all its
// entries: a record may still hold a code that is no longer in use, and it
// keeps its label.  The lookups are synchronous over what is loaded
// (setCatalog() installs a list in the unit tests).

import * as api from './api.js';
import { getLang } from './i18n.js';

const PER_PAGE = 200; // the API's largest page; a list is far shorter

const loaded = new Map(); // list -> [entry]
const pending = new Map(); // list -> Promise

/** Entries sorted as the administrators ordered them (sort_order, code). */
function sorted(items) {
  return items.slice().sort((a, b) => (Number(a.sort_order) || 0) - (Number(b.sort_order) || 0) ||
    String(a.code).localeCompare(String(b.code)));
}

/** Loads the lists named (once each); resolves when all are there.  A list
 * that cannot be read stays unloaded: its codes are shown as they are. */
export function loadCatalogs(names) {
  const want = [...new Set((names || []).filter(Boolean))];
  return Promise.all(want.map((name) => {
    if (loaded.has(name)) return null;
    if (!pending.has(name)) {
      const p = api.get('/catalog', { list: name, per_page: PER_PAGE })
        .then((r) => {
          loaded.set(name, sorted((r && r.items) || []));
        })
        .catch(() => { /* labels fall back to the codes */ })
        .finally(() => pending.delete(name));
      pending.set(name, p);
    }
    return pending.get(name);
  }));
}

/** Forgets what was loaded (after the catalogue itself was changed). */
export function forgetCatalogs() {
  loaded.clear();
}

/** Installs a list without fetching it (tests). */
export function setCatalog(name, items) {
  loaded.set(name, sorted(items || []));
}

export function isLoaded(name) {
  return loaded.has(name);
}

/** The entry of `code` in list `name`, or null. */
export function catalogEntry(name, code) {
  const items = loaded.get(name);
  if (!items || code === null || code === undefined) return null;
  return items.find((e) => e.code === code) || null;
}

/** The entry's name in the interface language. */
export function entryLabel(e) {
  if (!e) return '';
  if (getLang() === 'en' && e.label_en) return e.label_en;
  return e.label_vi || e.label_en || e.code;
}

/** The name of a code of list `name` ("land" -> "Quản lý đất đai"); the code
 * itself when the list or the code is unknown. */
export function catalogLabel(name, code) {
  if (code === null || code === undefined || code === '') return '';
  const e = catalogEntry(name, code);
  return e ? entryLabel(e) : String(code);
}

/** [{value, label}] of a list for a select: the entries in use, and
 * `current` too when it is one no longer in use (an old record keeps it). */
export function catalogOptions(name, current = null) {
  const items = loaded.get(name) || [];
  const out = items.filter((e) => e.active !== false || e.code === current)
    .map((e) => ({ value: e.code, label: entryLabel(e) }));
  if (current && !out.some((o) => o.value === current)) out.push({ value: current, label: String(current) });
  return out;
}

/** Every entry of a list (in use or not) as [{value, label}]: the filters. */
export function catalogAll(name) {
  return (loaded.get(name) || []).map((e) => ({ value: e.code, label: entryLabel(e) }));
}

/** The catalog lists the fields of these types use. */
export function catalogNames(types) {
  const out = new Set();
  for (const ty of types || []) {
    for (const f of (ty && ty.fields) || []) if (f.type === 'catalog' && f.catalog) out.add(f.catalog);
  }
  return [...out];
}
